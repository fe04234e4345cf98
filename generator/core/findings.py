"""Problems (what a rule reports) and findings (a problem stamped by the engine)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from generator.core import labels

# A path into the front matter, e.g. ("participation", 0, "url"); () is the front matter itself.
FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    DEVIATION = "deviation"
    OFF = "off"

    @property
    def label(self) -> str:
        return labels.SEVERITY[self.value]


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: a message, where (a field path or an explicit line), and a hint.

    ``days`` carries the size of a deviation (for example days overdue) for the site and
    the follow-up; it is ``None`` for other problems.
    """

    message: str
    path: FieldPath = ()
    hint: str | None = None
    line: int | None = None
    col: int | None = None
    days: int | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """A problem located in a file and stamped with rule id, severity and policy clause."""

    file: str
    line: int
    col: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str | None = field(default=None, compare=False)
    clause: str | None = field(default=None, compare=False)
    days: int | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
            "clause": self.clause,
            "days": self.days,
        }


def count_by_severity(findings: list[Finding]) -> dict[Severity, int]:
    counts = {s: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.DEVIATION)}
    for f in findings:
        if f.severity in counts:
            counts[f.severity] += 1
    return counts


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
