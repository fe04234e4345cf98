"""Rule cases: the municipality's own words: its boards and departments, its topics, plain
language."""

from __future__ import annotations

from generator.core.labels import NEW_FILE_BODY
from rulecases.case import Case, _del, _misspell_board, _set

FAILING = [
    Case(
        "placeholder-text",
        "the sentence insyn new writes is left",
        lambda data, policy: None,
        ("Beskriv här", 1),
        body="\nKolla torg ska byggas om.\n\n" + NEW_FILE_BODY + "\n",
    ),
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
    Case(
        "placeholder-text",
        "the background written instead",
        lambda data, policy: None,
        body="\nKolla torg ska byggas om. Här beskriver vi bakgrunden till frågan.\n",
    ),
    Case("known-organisation", "another board", _set("Kommunstyrelsen", "owner", "board")),
    Case("known-topic", "no topics", _del("topics")),
    Case("plain-language", "an acronym", _set("Nya LSS-boendet i Kolla", "title")),
]
