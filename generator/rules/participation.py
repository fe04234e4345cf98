"""Rules about how residents take part and who is reached."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.rules import Context, rule


@rule("participation-ways")
def participation_ways(ctx: Context) -> Iterator[Problem]:
    """Once a period is set, there is at least one way to take part, each saying where.

    Each entry in `participation` has a `url` (digital) or a `location` (physical), so
    residents know where, when and how to take part.
    """
    d = ctx.d
    if d.period is None or d.cancelled is not None:
        return
    if not d.participation:
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
    """Every target group is reached by at least one participation way.

    `target_groups` lists at least one group. Once the dialogue has participation ways,
    each group's `reach` names at least one of them by its `title`; other short text in
    `reach` may complement it.
    """
    d = ctx.d
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
    """The dialogue says whether some group needs special consideration, and why.

    `special_consideration.groups` may be empty, but `motivation` must explain the choice.
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
    """The resources for the dialogue are stated (staff hours, budget).

    The policy promises enough resources; stating them makes that checkable.
    """
    r = ctx.d.resources
    if r is None or (r.staff_hours is None and r.budget_sek is None):
        yield Problem(
            "Resurserna för dialogen anges inte (`resources`).",
            ("resources",) if r else (),
            "Lägg till `resources:` med `staff_hours` och `budget_sek`.",
        )
