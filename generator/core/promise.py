"""A policy commitment in one dialogue: kept, late, not kept, not yet due, or not relevant.

Each rule says what its state is (``check.rules.base.Rule.checklist_state``); the
dialogue's checklist (``summarise.checklist``) asks every rule the policy grounds in a
clause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from generator.core.model import Dialogue
from generator.core.status import Status


class State(StrEnum):
    KEPT = "kept"
    KEPT_LATE = "kept-late"  # kept, but after the deadline (a deviation)
    NOT_KEPT = "not-kept"  # a warning or a deviation was found
    PENDING = "pending"  # not due yet (for example feedback while the dialogue runs)
    MISSING_LATE = "missing-late"  # due and missing: the feedback it is part of is overdue
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True, slots=True)
class ChecklistView:
    """What a rule needs to tell its state in one dialogue."""

    dialogue: Dialogue
    status: Status
    due: dt.date | None  # the last day for feedback, if any is owed
    found: bool  # the rule found something in this dialogue
    days: int | None  # the largest number of days among its findings
