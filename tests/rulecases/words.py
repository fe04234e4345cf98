"""Rule cases: the municipality's own words: its boards and departments, its topics, plain
language."""

from __future__ import annotations

from rulecases.case import Case, _del, _misspell_board, _set

FAILING = [
    Case("known-organisation", "misspelt board", _misspell_board, ("board:", 1)),
    Case(
        "known-topic", "unknown topic", _set(["stadsutveckling", "trafk"], "topics"), ("trafk", 1)
    ),
    Case(
        "plain-language",
        "title in capitals",
        _set("FRAMTIDENS KOLLA TORG", "title"),
        ("title:", 1),
    ),
]

PASSING = [
    Case("known-organisation", "another board", _set("Kommunstyrelsen", "owner", "board")),
    Case("known-topic", "no topics", _del("topics")),
    Case("plain-language", "an acronym", _set("Nya LSS-boendet i Kolla", "title")),
]
