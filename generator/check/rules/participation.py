"""Rules about how residents take part and who is reached."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules import Context, rule
from generator.core.findings import Problem, Severity


@rule("participation-ways")
def participation_ways(ctx: Context) -> Iterator[Problem]:
    """Det står var, när och hur man kan delta.

    När dialogen har en period (`period`) ska det finnas minst ett sätt att delta under
    `participation:`. Varje sätt har en länk (`url`) för digitalt deltagande eller en plats
    (`location`) för fysiskt deltagande. En inställd dialog behöver inga sätt att delta.
    """
    d = ctx.d
    if d.cancelled is not None:
        return
    if d.period is not None and not d.participation:
        yield Problem(
            "Dialogen har en period men inget sätt att delta (`participation`).",
            ("period",),
            "Lägg till minst ett sätt att delta under `participation:`.",
        )
    for i, way in enumerate(d.participation):
        if not way.url and not way.location:
            yield Problem(
                f"Deltagandesättet `{way.title}` saknar både länk och plats.",
                ("participation", i),
                "Lägg till `url:` för digitalt deltagande eller `location:` för en plats.",
            )


@rule("target-groups-reached")
def target_groups_reached(ctx: Context) -> Iterator[Problem]:
    """Varje berörd grupp nås av minst ett av dialogens sätt att delta.

    Under `target_groups:` står minst en grupp som frågan berör. När dialogen har sätt att
    delta ska varje grupps `reach` nämna minst ett av dem, med samma rubrik (`title`) som
    under `participation:`. Annan kort text i `reach`, till exempel ett besök på en skola,
    får komplettera. En inställd dialog kontrolleras inte.
    """
    d = ctx.d
    if d.cancelled is not None:
        return
    if not d.target_groups:
        yield Problem(
            "Dialogen anger inte vilka grupper frågan berör (`target_groups`).",
            (),
            "Lägg till `target_groups:` med minst en grupp och hur den nås.",
        )
        return
    if not d.participation:
        return
    titles = {way.title for way in d.participation}
    for i, group in enumerate(d.target_groups):
        if not titles.intersection(group.reach):
            yield Problem(
                f"Gruppen `{group.group}` nås inte av något av dialogens sätt att delta.",
                ("target_groups", i, "reach") if group.reach else ("target_groups", i),
                "Skriv rubriken på minst ett deltagandesätt i `reach`, exakt som i "
                "`participation`: " + ", ".join(sorted(titles)) + ".",
            )


@rule("special-consideration")
def special_consideration(ctx: Context) -> Iterator[Problem]:
    """Dialogen visar om någon grupp behöver särskild hänsyn, och varför.

    Under `special_consideration:` står de grupper som särskilt beaktas (`groups`; listan
    får vara tom) och en motivering (`motivation`). Motiveringen får inte saknas: förklara
    varför grupperna valdes, eller varför ingen grupp behöver särskild hänsyn.
    """
    sc = ctx.d.special_consideration
    if sc is None:
        yield Problem(
            "Det framgår inte om någon grupp särskilt har beaktats (`special_consideration`).",
            (),
            "Lägg till `special_consideration:` med `groups` (får vara tom) och `motivation`.",
        )
    elif not sc.motivation:
        yield Problem(
            "Motivering saknas för särskild hänsyn (`special_consideration.motivation`).",
            ("special_consideration",),
            "Förklara varför grupperna valdes, eller varför ingen grupp behöver särskild hänsyn.",
        )


@rule("resources-stated", default=Severity.WARNING)
def resources_stated(ctx: Context) -> Iterator[Problem]:
    """Det står vilka resurser dialogen har.

    Under `resources:` anges arbetstimmar (`staff_hours`) och budget i kronor
    (`budget_sek`). Minst ett av dem behövs, så att det går att följa upp att dialogen fick
    tillräckligt med resurser.
    """
    r = ctx.d.resources
    if r is None or (r.staff_hours is None and r.budget_sek is None):
        yield Problem(
            "Resurserna för dialogen anges inte (`resources`).",
            ("resources",) if r else (),
            "Lägg till `resources:` med `staff_hours` och `budget_sek`.",
        )
