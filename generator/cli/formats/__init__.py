"""Output formats for findings: one module per format, each a ``render(report) -> str``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.engine import Checked
from generator.core.findings import Finding, Severity, count_by_severity
from generator.core.policy import Policy


@dataclass(frozen=True)
class Report:
    """What a format needs: every checked file and its findings, sorted."""

    checked: list[Checked]
    policy: Policy
    root: Path = field(default_factory=Path.cwd)  # what the files' paths are relative to

    @property
    def policy_id(self) -> str:
        return self.policy.id

    @property
    def findings(self) -> list[Finding]:
        return sorted(f for c in self.checked for f in c.findings)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(report: Report) -> str:
    """`3 fel, 1 varning, 2 avvikelser i 14 filer`."""
    c = count_by_severity(report.findings)
    files = len(report.checked)
    return (
        f"{c[Severity.ERROR]} fel, "
        f"{_plural(c[Severity.WARNING], 'varning', 'varningar')}, "
        f"{_plural(c[Severity.DEVIATION], 'avvikelse', 'avvikelser')} "
        f"i {_plural(files, 'fil', 'filer')}"
    )


Formatter = Callable[[Report], str]
FORMATS: dict[str, Formatter] = {}


def formatter(name: str):
    def register(fn: Formatter) -> Formatter:
        FORMATS[name] = fn
        return fn

    return register


from generator.cli.formats import github, gitlab, json_format, markdown, sarif, text  # noqa: E402

__all__ = [
    "FORMATS", "Report", "formatter", "github", "gitlab", "json_format", "markdown", "sarif",
    "summary_line", "text",
]  # fmt: skip
