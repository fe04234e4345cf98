"""The policy checklist of one dialogue: each policy rule, kept or not, with its clause (pure).

Only rules that the policy switches on and grounds in a clause are listed; the universal
safety rules (schema, dates, identity numbers …) are not policy commitments. Errors stop
the build, so a published dialogue can only fail a rule as a warning or a deviation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from generator.core.findings import Severity
from generator.core.policy import Policy
from generator.core.site import Entry
from generator.core.status import Status, feedback_due


class State(StrEnum):
    KEPT = "kept"
    KEPT_LATE = "kept-late"  # feedback was given, but after the deadline (a deviation)
    NOT_KEPT = "not-kept"  # a warning or a deviation was found
    PENDING = "pending"  # not due yet (for example feedback while the dialogue runs)
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True)
class CheckItem:
    rule: str
    clause: str
    state: State
    severity: Severity  # what the policy says a failure is
    days: int | None = None  # days overdue or late, where that is what failed
    due: dt.date | None = None  # the feedback deadline, for feedback-overdue


_FEEDBACK_RULES = {"feedback-complete", "feedback-impact"}
# Rules that do not check a cancelled dialogue (see their documentation).
_NOT_FOR_CANCELLED = _FEEDBACK_RULES | {
    "feedback-overdue", "progress-updates", "early-dialogue", "target-groups-reached",
}  # fmt: skip


def _state_without_finding(
    rule: str, entry: Entry, due: dt.date | None
) -> tuple[State, int | None]:
    d, status = entry.dialogue, entry.status
    if status is Status.CANCELLED and rule in _NOT_FOR_CANCELLED:
        return State.NOT_APPLICABLE, None
    if rule in _FEEDBACK_RULES:
        return (State.KEPT, None) if d.feedback else (State.PENDING, None)
    if rule == "feedback-overdue":
        if d.feedback and due and d.feedback.date > due:
            return State.KEPT_LATE, (d.feedback.date - due).days
        return (State.KEPT, None) if d.feedback else (State.PENDING, None)
    if rule == "progress-updates":
        if status is Status.ONGOING:
            return State.KEPT, None
        return (State.PENDING, None) if status is Status.PLANNED else (State.NOT_APPLICABLE, None)
    if rule == "political-board-decision" and not d.political:
        return State.NOT_APPLICABLE, None
    if rule in {"early-dialogue", "participation-ways", "target-groups-reached"} and (
        d.period is None and not d.participation
    ):
        return State.PENDING, None
    return State.KEPT, None


def checklist(entry: Entry, policy: Policy) -> list[CheckItem]:
    """One item per rule that is on under ``policy`` and has a clause, in the policy's order."""
    from generator.check.rules import REGISTRY

    due = feedback_due(entry.dialogue, policy.thresholds.feedback_deadline_days)
    order = [r for r in policy.doc.rules if r in REGISTRY]
    order += [r for r in REGISTRY if r not in policy.doc.rules]
    items = []
    for rule_id in order:
        setting = policy.setting(rule_id)
        if setting.severity is Severity.OFF or not setting.clause:
            continue
        found = [f for f in entry.findings if f.rule == rule_id]
        if found:
            days = max((f.days for f in found if f.days is not None), default=None)
            late = rule_id == "feedback-overdue" and entry.dialogue.feedback is not None
            state = State.KEPT_LATE if late else State.NOT_KEPT
        else:
            state, days = _state_without_finding(rule_id, entry, due)
        items.append(
            CheckItem(
                rule_id,
                setting.clause,
                state,
                setting.severity,
                days,
                due if rule_id == "feedback-overdue" else None,
            )
        )
    return items
