"""Rule cases: reaching the groups it affects, with ways to take part."""

from __future__ import annotations

from rulecases.case import Case, _all, _del, _set

FAILING = [
    Case(
        "physical-time",
        "an open house with no time",
        _all(_del("participation", 1, "start"), _del("participation", 1, "end")),
        ("channel: physical", 1),
    ),
    Case(
        "target-groups-reached",
        "group not reached",
        _set(["Besök på Kollaskolans fritids"], "target_groups", 1, "reach"),
        ("reach:", 2),
    ),
    Case("target-groups-reached", "no groups", _set([], "target_groups")),
    Case(
        "participation-ways",
        "neither url nor location",
        _del("participation", 0, "url"),
        ("method: survey", 1),
    ),
    Case("participation-ways", "period but no way", _del("participation"), ("period:", 1)),
]

PASSING = [
    Case(
        "physical-time",
        "a drop-in, open the whole period",
        _all(_del("participation", 1, "start"), _del("participation", 1, "end"),
             _set(True, "participation", 1, "drop_in")),
    ),
    Case(
        "target-groups-reached",
        "reached by title only",
        _set(["Webbenkät om torget"], "target_groups", 1, "reach"),
    ),
    Case(
        "participation-ways",
        "planned, no period",
        _all(_del("period"), _del("participation"), _del("feedback"), _del("updates")),
    ),
]
