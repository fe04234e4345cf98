"""Rule cases: feedback on the result and the next steps, in time, and progress while it runs."""

from __future__ import annotations

import datetime as dt

from rulecases.case import Case, _all, _del, _set

FAILING = [
    Case(
        "decision-reported",
        "the decision day has passed, and what was decided is not told",
        lambda data, policy: None,
        ("date: 2026-09-15", 1),
        today=dt.date(2026, 9, 16),
    ),
    Case("feedback-complete", "no heard", _del("feedback", "heard"), ("feedback:", 1)),
    Case("feedback-complete", "no next steps", _del("feedback", "next_steps"), ("feedback:", 1)),
    Case("feedback-impact", "no impact", _del("feedback", "impact"), ("feedback:", 1)),
    Case(
        "feedback-overdue",
        "one day late",
        _del("feedback"),
        ("end: 2026-04-15", 1),
        today=dt.date(2026, 6, 15),  # 2026-04-15 + 60 days = 2026-06-14
    ),
    Case(
        "progress-updates",
        "31 days silent",
        _all(_del("feedback"), _del("updates")),
        ("start: 2026-03-01", 1),
        today=dt.date(2026, 4, 1),
    ),
]

PASSING = [
    Case(
        "decision-reported",
        "the decision told after its day",
        _set({"text": "Nämnden antog programmet.", "minutes": "https://www.kommun.se/p.pdf"},
             "influence", "decision", "outcome"),
        today=dt.date(2026, 9, 16),
    ),
    Case("feedback-complete", "no report", lambda data, policy: None),
    Case("feedback-impact", "awaiting feedback", _del("feedback"), today=dt.date(2026, 5, 1)),
    Case("feedback-overdue", "last day", _del("feedback"), today=dt.date(2026, 6, 14)),
    Case(
        "progress-updates",
        "30 days silent",
        _all(_del("feedback"), _del("updates")),
        today=dt.date(2026, 3, 31),
    ),
    Case(
        "progress-updates",
        "recent update",
        _del("feedback"),
        today=dt.date(2026, 4, 15),
    ),
]
