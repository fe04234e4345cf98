"""Status as of a day: planned, ongoing, awaiting feedback, overdue, completed, cancelled."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import valid_dialogue

from generator.core.model import Dialogue
from generator.core.status import Status, TodayError, derive_status, today_from_env


def _dialogue(**changes: object) -> Dialogue:
    data = valid_dialogue()
    del data["feedback"]
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return Dialogue.model_validate(data)


START, END = dt.date(2026, 3, 1), dt.date(2026, 4, 15)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("today", "deadline", "status"),
    [
        (START - DAY, 60, Status.PLANNED),
        (START, 60, Status.ONGOING),
        (END, 60, Status.ONGOING),
        (END + DAY, 60, Status.AWAITING_FEEDBACK),
        (END + 60 * DAY, 60, Status.AWAITING_FEEDBACK),
        (END + 61 * DAY, 60, Status.FEEDBACK_OVERDUE),
        (END + 10 * DAY, 10, Status.AWAITING_FEEDBACK),
        (END + 11 * DAY, 10, Status.FEEDBACK_OVERDUE),
    ],
)
def test_status_by_date(today, deadline, status):
    assert derive_status(_dialogue(), today, deadline) is status


def test_status_planned_without_period():
    d = _dialogue(period=None, updates=None)
    assert derive_status(d, dt.date(2030, 1, 1), 60) is Status.PLANNED


def test_status_completed_once_feedback_is_set():
    d = Dialogue.model_validate(valid_dialogue())
    for today in (START, END, END + 365 * DAY):
        assert derive_status(d, today, 60) is Status.COMPLETED


def test_status_cancelled_wins_over_dates():
    d = _dialogue(cancelled={"date": dt.date(2026, 3, 5), "reason": "Pausad."})
    for today in (START - DAY, START, END + 365 * DAY):
        assert derive_status(d, today, 60) is Status.CANCELLED
    assert Status.CANCELLED.label == "Inställd"


def test_today_from_env():
    assert today_from_env({"INSYN_TODAY": "2026-03-01"}) == dt.date(2026, 3, 1)
    assert isinstance(today_from_env({}), dt.date)
    with pytest.raises(TodayError, match="ÅÅÅÅ-MM-DD"):
        today_from_env({"INSYN_TODAY": "2026-13-45"})
