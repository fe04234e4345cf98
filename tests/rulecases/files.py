"""Rule cases: the file itself: it parses, its dates are in order, its name is its own, and nothing
that looks like a dialogue is left unread."""

from __future__ import annotations

import datetime as dt

from rulecases.case import Case, _all, _del, _set

FAILING = [
    Case("schema", "title missing", _del("title")),
    Case("schema", "owner.board missing", _del("owner", "board"), ("owner:", 1)),
    Case(
        "dates-ordered",
        "period ends before it starts",
        _set(dt.date(2026, 2, 1), "period", "end"),
        ("end: 2026-02-01", 1),
    ),
    Case(
        "dates-ordered",
        "board decision after the start",
        _all(
            _set(True, "political"),
            _set(
                {"date": dt.date(2026, 3, 2), "reference": "BN 2026/0012", "participation": "Ja."},
                "board_decision",
            ),
        ),
        ("date: 2026-03-02", 1),
    ),
    Case(
        "dates-ordered",
        "update in the future",
        _set([{"date": dt.date(2026, 6, 2), "text": "Snart."}], "updates"),
        ("date: 2026-06-02", 1),
    ),
    Case(
        "schema",
        "javascript link in a link field",
        _set("javascript:alert(1)", "documents", 0, "url"),
        ("url: javascript", 1),
    ),
    Case(
        "schema",
        "link field without https://",
        _set("www.kungsbacka.se/enkat", "participation", 0, "url"),
        ("url: www.kungsbacka.se", 1),
    ),
    Case(
        "schema",
        "e-mail address with mailto headers",
        _set("anna?cc=x@evil.example&x=@kungsbacka.se", "responsible", "email"),
        ("email: anna?cc", 1),
    ),
    Case(
        "schema",
        "control character written as a YAML escape",
        _set("Kolla\x01 torg", "area"),
        ("area: ", 1),
    ),
    Case(
        "unique-slug",
        "the same file name in two folders",
        lambda data, policy: None,
        files={"2025/framtidens-kolla-torg": None},
    ),
    Case(
        "ignored-file",
        "a dialogue named .MD",
        lambda data, policy: None,
        files={"2026/kolla.MD": None},
    ),
]

PASSING = [
    Case("schema", "optional fields left out", _all(_del("area"), _del("topics"), _del("aims"))),
    Case(
        "dates-ordered",
        "one-day period, feedback on the last day",
        _all(
            _set(dt.date(2026, 3, 1), "period", "end"),
            _set(dt.date(2026, 3, 1), "feedback", "date"),
            _set([{"date": dt.date(2026, 3, 1), "text": "Start."}], "updates"),
        ),
    ),
    Case(
        "unique-slug",
        "distinct names in two folders",
        lambda data, policy: None,
        files={"2025/kolla-torg-2025": None},
    ),
    Case(
        "ignored-file",
        "other files beside the dialogues",
        lambda data, policy: None,
        files={"2026/karta.pdf": None, "2026/LASMIG.txt": None},
    ),
]
