"""En pågående dialog berättar regelbundet hur det går.

Medan dialogen pågår ska det komma en lägesrapport under `updates:` minst så ofta som
policyn säger (Ale: var 30:e dag). Tiden räknas från den senaste lägesrapporten, eller
från `period.start` om det inte finns någon. Lägg till en post med `date` och `text` som
berättar vad som har hänt. Ett för långt uppehåll är en avvikelse som visas på dialogens
sida.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem, Severity
from generator.core.promise import ChecklistView, State
from generator.core.status import Status

ID = "progress-updates"
DEFAULT = Severity.OFF
PROMISE = "Vi berättar regelbundet hur det går medan dialogen pågår."
EXAMPLE = """\
updates:
  - date: 2026-03-20
    text: Hittills har 340 personer svarat på enkäten."""
OPTIONS = {"interval_days": 30}  # the longest silence while a dialogue runs
THRESHOLDS = {"interval_days": "update_interval_days"}
CHECKS_CANCELLED = False
DEVIATION = (
    "Ingen lägesrapport har publicerats på {{ days + options.interval_days }} dagar. Policyn "
    "säger att vi ska berätta hur det går minst var {{ options.interval_days }}:e dag."
)


def when_not_found(view: ChecklistView) -> tuple[State, int | None]:
    """Kept while the dialogue runs, not due before, not relevant after."""
    if view.status is Status.ONGOING:
        return State.KEPT, None
    return (State.PENDING if view.status is Status.PLANNED else State.NOT_APPLICABLE), None


def check(ctx: Context) -> Iterator[Problem]:
    d = ctx.d
    if ctx.status is not Status.ONGOING or d.period is None:
        return
    last = max([u.date for u in d.updates if u.date <= ctx.today] or [d.period.start])
    silent = (ctx.today - last).days
    interval = ctx.policy.option(ID, "interval_days")
    if silent > interval:
        yield Problem(
            f"Ingen lägesrapport på {silent} dagar (policyn säger minst var {interval}:e dag).",
            ("updates",) if d.updates else ("period", "start"),
            "Lägg till en post under `updates:` med datum och vad som har hänt.",
            days=silent - interval,
        )
