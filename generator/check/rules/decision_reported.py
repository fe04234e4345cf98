"""Beslutet redovisas när det är fattat.

När dagen för beslutet (`influence.decision.date`) har passerat vill invånarna veta vad
som beslutades. Skriv det under `influence.decision.outcome`: `text` (vad som
beslutades), gärna `minutes` (en länk till protokollet) och `date` om beslutet fattades
en annan dag än den planerade. Till dess står det på dialogens sida att beslutet inte är
redovisat ännu.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem, Severity

ID = "decision-reported"
DEFAULT = Severity.WARNING
CHECKS_CANCELLED = False  # a cancelled dialogue leads to no decision of its own
PROMISE = "Beslutet redovisas när det är fattat."
EXAMPLE = """\
influence:
  decision:
    body: Byggnadsnämnden
    date: 2026-09-15
    outcome:
      text: Nämnden antog gestaltningsprogrammet med fler sittplatser och en trädallé.
      minutes: https://www.kommun.se/protokoll/bn-2026-09-15.pdf"""


def check(ctx: Context) -> Iterator[Problem]:
    influence = ctx.d.influence
    decision = influence.decision if influence else None
    if decision and decision.date and decision.date < ctx.today and decision.outcome is None:
        yield Problem(
            f"Dagen för beslutet ({decision.date.isoformat()}) har passerat, men det står "
            "inte vad som beslutades (`influence.decision.outcome`).",
            ("influence", "decision", "date"),
            "Lägg till `outcome:` under `decision:` med `text` och gärna `minutes` (länk "
            "till protokollet).",
        )
