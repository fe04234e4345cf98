"""En planerad dialog anger budgetåret, så att den finns med bland de planerade dialogerna.

En dialog som inte har börjat ännu ska ha `budget_year:`, året vars budget den planeras i.
Då står den på sidan över planerade dialoger och i den CSV-fil som budgetdokumentet
bygger på. Skriv året med fyra siffror, till exempel `budget_year: 2027`. En dialog som
redan har börjat eller är inställd kontrolleras inte.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem, Severity
from generator.core.promise import ChecklistView, State
from generator.core.status import Status

ID = "planned-in-budget"
DEFAULT = Severity.WARNING
PROMISE = "De dialoger vi planerar står i budgeten för året."
EXAMPLE = "budget_year: 2027   # året vars budget dialogen planeras i"
CHECKS_CANCELLED = False


def when_not_found(view: ChecklistView) -> tuple[State, int | None]:
    """Kept once the dialogue names its budget year; not relevant once it has started."""
    if view.status is Status.PLANNED or view.dialogue.budget_year is not None:
        return State.KEPT, None
    return State.NOT_APPLICABLE, None


def check(ctx: Context) -> Iterator[Problem]:
    d = ctx.d
    if ctx.status is Status.PLANNED and d.budget_year is None:
        yield Problem(
            "Dialogen är planerad men anger inte vilket års budget den planeras i.",
            ("period",) if d.period else (),
            "Lägg till `budget_year:` med året, till exempel `budget_year: 2027`.",
        )
