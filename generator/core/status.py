"""Status is derived from dates and the build date, never written in a file."""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum

from generator.core import labels
from generator.core.model import Dialogue


class Status(StrEnum):
    CANCELLED = "cancelled"
    PLANNED = "planned"
    ONGOING = "ongoing"
    AWAITING_FEEDBACK = "awaiting-feedback"
    FEEDBACK_OVERDUE = "feedback-overdue"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return labels.STATUS[self.value]


class TodayError(ValueError):
    pass


def today_from_env(environ: dict[str, str] | None = None) -> dt.date:
    """The build date: ``INSYN_TODAY=YYYY-MM-DD`` if set, else the local date."""
    value = (environ if environ is not None else os.environ).get("INSYN_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TodayError(
            f"INSYN_TODAY={value!s} är inte ett datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-03-01."
        ) from None


def feedback_due(d: Dialogue, deadline_days: int) -> dt.date | None:
    """The last day for feedback, or None where no feedback is owed yet."""
    if d.period is None:
        return None
    return d.period.end + dt.timedelta(days=deadline_days)


def derive_status(d: Dialogue, today: dt.date, deadline_days: int) -> Status:
    if d.cancelled is not None:
        return Status.CANCELLED
    if d.feedback is not None:
        return Status.COMPLETED
    if d.period is None or d.period.start > today:
        return Status.PLANNED
    if today <= d.period.end:
        return Status.ONGOING
    due = feedback_due(d, deadline_days)
    assert due is not None
    return Status.AWAITING_FEEDBACK if today <= due else Status.FEEDBACK_OVERDUE
