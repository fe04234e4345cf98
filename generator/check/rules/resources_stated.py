"""Det står vilka resurser dialogen har.

Under `resources:` anges arbetstimmar (`staff_hours`) och budget i kronor
(`budget_sek`). Minst ett av dem behövs, så att det går att följa upp att dialogen fick
tillräckligt med resurser.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem, Severity

ID = "resources-stated"
DEFAULT = Severity.WARNING
PROMISE = "Resurserna för dialogen är redovisade."
EXAMPLE = """\
resources:
  staff_hours: 120
  budget_sek: 40000"""


def check(ctx: Context) -> Iterator[Problem]:
    r = ctx.d.resources
    if r is None or (r.staff_hours is None and r.budget_sek is None):
        yield Problem(
            "Resurserna för dialogen anges inte (`resources`).",
            ("resources",) if r else (),
            "Lägg till `resources:` med `staff_hours` och `budget_sek`.",
        )
