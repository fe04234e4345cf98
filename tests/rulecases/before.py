"""Rule cases: what a dialogue promises before it starts: purpose and goal, real influence, early,
a decision, one responsible person, resources, special consideration, its budget year."""

from __future__ import annotations

import datetime as dt

from rulecases.case import Case, _all, _del, _set


def _decided(day: dt.date):
    """The decision on ``day``, already taken and told (so only the date is at stake)."""
    return _all(_set(day, "influence", "decision", "date"),
                _set({"text": "Nämnden beslutade."}, "influence", "decision", "outcome"))


FAILING = [
    Case("responsible-person", "no responsible", _del("responsible")),
    Case("responsible-person", "no role", _del("responsible", "role"), ("responsible:", 1)),
    Case("purpose-and-goal", "no goal", _del("goal")),
    Case(
        "influence-described",
        "no decision date",
        _del("influence", "decision", "date"),
        ("decision:", 1),
    ),
    Case("influence-described", "no influence", _del("influence")),
    Case("ladder-allows-influence", "information", _set("information", "ladder"), ("ladder:", 1)),
    Case(
        "early-dialogue",
        "decision before the end",
        _decided(dt.date(2026, 4, 10)),
        ("date: 2026-04-10", 1),
    ),
    Case(
        "early-dialogue",
        "decision on the last day",
        _decided(dt.date(2026, 4, 15)),
        ("date: 2026-04-15", 1),
    ),
    Case("political-board-decision", "no decision", _set(True, "political"), ("political:", 1)),
    Case(
        "special-consideration",
        "no motivation",
        _del("special_consideration", "motivation"),
        ("special_consideration:", 1),
    ),
    Case("special-consideration", "missing", _del("special_consideration")),
    Case("resources-stated", "missing", _del("resources")),
    Case(
        "planned-in-budget",
        "planned without a budget year",
        _all(_del("budget_year"), _del("feedback"), _del("updates"),
             _set({"start": dt.date(2026, 9, 1), "end": dt.date(2026, 10, 1)}, "period"),
             _set(dt.date(2026, 10, 1), "participation", 0, "until"),
             _set("2026-09-12T17:00", "participation", 1, "start"),
             _set("2026-09-12T19:00", "participation", 1, "end"),
             _set(dt.date(2026, 11, 15), "influence", "decision", "date")),
        ("period:", 1),
    ),
]

PASSING = [
    Case("responsible-person", "no phone", _del("responsible", "phone")),
    Case("purpose-and-goal", "short texts", _all(_set("Syfte.", "purpose"), _set("Mål.", "goal"))),
    Case("influence-described", "nothing fixed", _del("influence", "fixed")),
    Case("ladder-allows-influence", "codetermination", _set("codetermination", "ladder")),
    Case(
        "early-dialogue",
        "decision the day after the end",
        _decided(dt.date(2026, 4, 16)),
    ),
    Case(
        "political-board-decision",
        "initiated by the board",
        _all(_set(True, "political"), _set("board", "initiated_by")),
    ),
    Case(
        "political-board-decision",
        "with a decision",
        _all(
            _set(True, "political"),
            _set(
                {"date": dt.date(2026, 1, 20), "reference": "BN 2026/0012", "participation": "Ja."},
                "board_decision",
            ),
        ),
    ),
    Case(
        "special-consideration", "no group, motivated", _set([], "special_consideration", "groups")
    ),
    Case("resources-stated", "hours only", _del("resources", "budget_sek")),
    Case("planned-in-budget", "held without a budget year", _del("budget_year")),
]
