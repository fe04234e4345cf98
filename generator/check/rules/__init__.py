"""The rule registry, in yamllint's pattern: one function per rule, its docstring its documentation.

A rule yields ``Problem``s and never decides its own severity: the engine stamps the rule
id, the severity and the clause from the municipality's policy file.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from generator.core.findings import Problem, Severity
from generator.core.model import Dialogue
from generator.core.policy import Policy
from generator.core.status import Status, derive_status
from generator.load.source import Source

Scope = Literal["dialogue", "source", "corpus", "discovery"]


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule sees: the file, its model (None for source rules if the schema failed)."""

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


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    check: Callable[..., Iterable[Problem]]
    default_severity: Severity
    scope: Scope
    theme: str

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, *, default: Severity = Severity.ERROR, scope: Scope = "dialogue"):
    """Register a check. ``dialogue`` rules get a valid model, ``source`` rules run on every
    file that could be read (even if the schema failed), ``corpus`` rules see all files,
    ``discovery`` rules what the search for files found but did not read."""

    def register(fn: Callable[..., Iterable[Problem]]):
        if rule_id in REGISTRY:  # pragma: no cover - a programming error, caught by tests
            raise ValueError(f"rule {rule_id} registered twice")
        theme = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY[rule_id] = Rule(rule_id, fn, default, scope, theme)
        return fn

    return register


# Import the theme modules so that they register their rules.
from generator.check.rules import (  # noqa: E402
    feedback,
    links,
    organisation,
    participation,
    plain_language,
    privacy,
    purpose,
    safety,
    structure,
)

__all__ = [
    "REGISTRY",
    "Context",
    "Rule",
    "feedback",
    "links",
    "organisation",
    "participation",
    "plain_language",
    "privacy",
    "purpose",
    "rule",
    "safety",
    "structure",
]
