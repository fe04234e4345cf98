"""Det står vad invånarna kan påverka, vem som beslutar och när.

Under `influence:` beskriver `what` vad invånarna kan påverka, `decision.body` vem som
fattar beslutet och `decision.date` när. Ett ungefärligt datum går bra och kan ändras
senare. I `fixed` kan ni berätta vad som redan är bestämt.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem

ID = "influence-described"
PROMISE = "Det står vad du kan påverka, vem som beslutar och när."
EXAMPLE = """\
influence:
  what: Hur torget ska möbleras och vilka aktiviteter som ska få plats.
  decision:
    body: Byggnadsnämnden
    date: 2026-09-15"""


def check(ctx: Context) -> Iterator[Problem]:
    inf = ctx.d.influence
    if inf is None:
        yield Problem(
            "Dialogen beskriver inte vad invånarna kan påverka (`influence`).",
            (),
            "Lägg till `influence:` med `what` och `decision` (`body` och `date`).",
        )
        return
    if not inf.what:
        yield Problem("`influence.what` saknas: vad kan invånarna påverka?", ("influence",))
    decision = inf.decision
    if decision is None or not decision.body:
        yield Problem(
            "Det framgår inte vem som fattar beslutet (`influence.decision.body`).",
            ("influence", "decision") if decision else ("influence",),
            "Skriv nämnden eller den som beslutar.",
        )
    if decision is None or decision.date is None:
        yield Problem(
            "Det framgår inte när beslutet fattas (`influence.decision.date`).",
            ("influence", "decision") if decision else ("influence",),
            "Skriv ett datum; en uppskattning går bra och kan ändras senare.",
        )
