"""What a rule is, and what it sees.

A rule is a module (yamllint's model): its docstring documents it for staff, and it
defines

- ``ID``, the public name, and ``DEFAULT``, the severity where a policy says nothing;
- ``SCOPE``: ``dialogue`` (a valid model), ``source`` (every file that could be read, even
  if the schema failed), ``corpus`` (all files at once), ``discovery`` (what the search
  for files found but did not read) or ``site`` (the site's own files beside the
  dialogues, ``load.source.SITE_FILES``);
- ``check``, which yields ``Problem`` s and never decides its own severity: the engine
  stamps the id, the severity and the clause from the municipality's policy;
- optionally ``PROMISE`` (the rule as a promise to residents, one sentence), ``EXAMPLE``
  (a corrected excerpt for the staff guide), ``OPTIONS`` (its settings with their
  defaults, which a policy may change) and ``THRESHOLDS`` (which of them the policy's
  older ``thresholds:`` block names), ``CHECKS_CANCELLED`` (False: a cancelled dialogue
  is not checked), ``when_found`` and ``when_not_found`` (its state in a dialogue's
  checklist), ``DEVIATION`` (the public sentence for a deviation, a Jinja template with
  ``d``, ``days``, ``due`` and ``options``) and ``collect`` (for a corpus rule: the part
  of the work done per file, where the file is checked).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Literal

from generator.core.findings import Severity
from generator.core.model import Dialogue
from generator.core.policy import Policy
from generator.core.promise import ChecklistView, State
from generator.core.status import Status, derive_status
from generator.load.source import Source

Scope = Literal["dialogue", "source", "corpus", "discovery", "site"]


@dataclass(frozen=True, slots=True)
class Context:
    """What a file rule sees: the file, its model (None for source rules if the schema
    failed), the policy and the build date."""

    source: Source
    dialogue: Dialogue | None
    policy: Policy
    today: dt.date

    @property
    def d(self) -> Dialogue:
        assert self.dialogue is not None
        return self.dialogue

    @property
    def status(self) -> Status:
        return derive_status(self.d, self.today, self.policy.thresholds.feedback_deadline_days)


def pending_without_period(view: ChecklistView) -> tuple[State, int | None]:
    """``when_not_found`` of the rules about taking part: not due while the dialogue has
    neither a period nor ways to take part."""
    d = view.dialogue
    return (State.PENDING, None) if d.period is None and not d.participation else (State.KEPT, None)


def pending_until_feedback(view: ChecklistView) -> tuple[State, int | None]:
    """``when_not_found`` of the rules about the feedback's parts: kept once there is
    feedback; missing and late while the feedback is overdue; until then not due."""
    if view.dialogue.feedback:
        return State.KEPT, None
    return (State.MISSING_LATE if view.status is Status.FEEDBACK_OVERDUE else State.PENDING), None


def _found(view: ChecklistView) -> tuple[State, int | None]:
    return State.NOT_KEPT, view.days


def _not_found(view: ChecklistView) -> tuple[State, int | None]:
    return State.KEPT, None


@dataclass(frozen=True)
class Rule:
    """One rule, read from its module (see the module docstring for the attributes)."""

    id: str
    check: Callable[..., Iterable]
    default_severity: Severity
    scope: Scope
    doc: str
    promise: str | None = None
    example: str | None = None
    options: Mapping[str, int] = field(default_factory=dict)
    thresholds: Mapping[str, str] = field(default_factory=dict)
    checks_cancelled: bool = True
    when_found: Callable[[ChecklistView], tuple[State, int | None]] = _found
    when_not_found: Callable[[ChecklistView], tuple[State, int | None]] = _not_found
    deviation: str | None = None
    collect: Callable[[Source], object] | None = None

    @classmethod
    def of(cls, module: ModuleType) -> Rule:
        m = vars(module)
        return cls(
            id=m["ID"],
            check=m["check"],
            default_severity=m.get("DEFAULT", Severity.ERROR),
            scope=m.get("SCOPE", "dialogue"),
            doc=inspect.cleandoc(module.__doc__ or ""),
            promise=m.get("PROMISE"),
            example=m.get("EXAMPLE"),
            options=m.get("OPTIONS", {}),
            thresholds=m.get("THRESHOLDS", {}),
            checks_cancelled=m.get("CHECKS_CANCELLED", True),
            when_found=m.get("when_found", _found),
            when_not_found=m.get("when_not_found", _not_found),
            deviation=m.get("DEVIATION"),
            collect=m.get("collect"),
        )

    @property
    def summary(self) -> str:
        """The first paragraph of the documentation, on one line."""
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")

    def checklist_state(self, view: ChecklistView) -> tuple[State, int | None]:
        """The rule's state in a dialogue's checklist, and the days it is late or short."""
        if view.found:
            return self.when_found(view)
        if view.status is Status.CANCELLED and not self.checks_cancelled:
            return State.NOT_APPLICABLE, None
        return self.when_not_found(view)
