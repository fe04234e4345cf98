"""The policy checklist of one dialogue: each policy rule, kept or not, with its clause (pure).

Only rules that the policy switches on and grounds in a clause are listed; the universal
safety rules (schema, dates, identity numbers …) are not policy commitments. Errors stop
the build, so a published dialogue can only fail a rule as a warning or a deviation. Each
rule says its own state (``Rule.checklist_state``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.check.rules import REGISTRY
from generator.core.findings import Severity
from generator.core.policy import Policy
from generator.core.promise import ChecklistView, State
from generator.core.site import Entry
from generator.core.status import feedback_due

__all__ = ["CheckItem", "State", "checklist"]


@dataclass(frozen=True)
class CheckItem:
    rule: str
    clause: str
    state: State
    severity: Severity  # what the policy says a failure is
    days: int | None = None  # days overdue or late, where that is what failed
    due: dt.date | None = None  # the feedback deadline, where the rule is about it


def checklist(entry: Entry, policy: Policy) -> list[CheckItem]:
    """One item per rule that is on under ``policy`` and has a clause, in the policy's order."""
    due = feedback_due(entry.dialogue, policy.thresholds.feedback_deadline_days)
    order = [r for r in policy.doc.rules if r in REGISTRY]
    order += [r for r in REGISTRY if r not in policy.doc.rules]
    items = []
    for rule_id in order:
        setting = policy.setting(rule_id)
        if setting.severity is Severity.OFF or not setting.clause:
            continue
        rule = REGISTRY[rule_id]
        found = [f for f in entry.findings if f.rule == rule_id]
        days = max((f.days for f in found if f.days is not None), default=None)
        view = ChecklistView(entry.dialogue, entry.status, due, bool(found), days)
        state, days = rule.checklist_state(view)
        about_due = "deadline_days" in rule.options
        items.append(
            CheckItem(rule_id, setting.clause, state, setting.severity, days,
                      due if about_due else None)
        )  # fmt: skip
    return items
