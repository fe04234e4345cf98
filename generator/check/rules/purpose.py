"""Rules about why the dialogue is held and what residents can influence."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules import Context, rule
from generator.core.findings import Problem


@rule("purpose-and-goal")
def purpose_and_goal(ctx: Context) -> Iterator[Problem]:
    """Dialogen säger varför den hålls och vad den ska leda till.

    `purpose` beskriver syftet (varför kommunen frågar) och `goal` målet (vad svaren ska
    användas till). Båda behövs, med en eller ett par meningar var.
    """
    for key, word in (("purpose", "syftet"), ("goal", "målet")):
        if getattr(ctx.d, key) is None:
            yield Problem(
                f"Dialogen saknar {word} (`{key}`).",
                (),
                f"Lägg till `{key}:` med en mening om {word} med dialogen.",
            )


@rule("influence-described")
def influence_described(ctx: Context) -> Iterator[Problem]:
    """Det står vad invånarna kan påverka, vem som beslutar och när.

    Under `influence:` beskriver `what` vad invånarna kan påverka, `decision.body` vem som
    fattar beslutet och `decision.date` när. Ett ungefärligt datum går bra och kan ändras
    senare. I `fixed` kan ni berätta vad som redan är bestämt.
    """
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


@rule("ladder-allows-influence")
def ladder_allows_influence(ctx: Context) -> Iterator[Problem]:
    """Dialogen ger invånarna möjlighet att påverka: bara information räcker inte.

    `ladder` anger steget på delaktighetstrappan. Steget `information` ger ingen möjlighet
    att påverka och räknas inte som dialog. Välj `consultation`, `dialogue`, `influence`
    eller `codetermination`, eller publicera ärendet som information i stället.
    """
    if ctx.d.ladder == "information":
        yield Problem(
            "Steget `information` på delaktighetstrappan ger ingen möjlighet att påverka.",
            ("ladder",),
            "Välj consultation, dialogue, influence eller codetermination, "
            "eller publicera ärendet som information i stället för som dialog.",
        )


@rule("early-dialogue")
def early_dialogue(ctx: Context) -> Iterator[Problem]:
    """Dialogen hålls tidigt, medan frågan fortfarande går att påverka.

    Dialogens sista dag (`period.end`) ska ligga före dagen då beslutet fattas
    (`influence.decision.date`). Avsluta perioden tidigare eller flytta beslutet, så att
    synpunkterna hinner tas med. En inställd dialog kontrolleras inte.
    """
    d = ctx.d
    if d.cancelled is not None:
        return
    decision = d.influence.decision if d.influence else None
    if d.period and decision and decision.date and d.period.end >= decision.date:
        yield Problem(
            "Dialogen slutar samma dag som eller efter att beslutet fattas.",
            ("influence", "decision", "date"),
            "Dialogen ska hållas medan frågan går att påverka: avsluta perioden före beslutet.",
        )
