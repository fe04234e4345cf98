"""Rules about why the dialogue is held and what residents can influence."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem
from generator.rules import Context, rule


@rule("purpose-and-goal")
def purpose_and_goal(ctx: Context) -> Iterator[Problem]:
    """The dialogue states its purpose (`purpose`) and its goal (`goal`).

    Residents must be able to see why the municipality asks and what the answers lead to.
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
    """Residents can influence the matter, and the file says what, who decides and when.

    `influence.what` says what can be changed, `influence.decision.body` who decides and
    `influence.decision.date` when.
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
    """Information alone is no dialogue: the ladder step must give residents a say.

    The participation ladder (delaktighetstrappan) sets the degree of influence; the step
    `information` does not let residents influence anything.
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
    """The dialogue ends before the decision is taken, while the matter can be influenced.

    `period.end` must fall before `influence.decision.date`.
    """
    d = ctx.d
    decision = d.influence.decision if d.influence else None
    if d.period and decision and decision.date and d.period.end >= decision.date:
        yield Problem(
            "Dialogen slutar samma dag som eller efter att beslutet fattas.",
            ("influence", "decision", "date"),
            "Dialogen ska hållas medan frågan går att påverka: avsluta perioden före beslutet.",
        )
