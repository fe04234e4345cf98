"""Dialogen visar om någon grupp behöver särskild hänsyn, och varför.

Under `special_consideration:` står de grupper som särskilt beaktas (`groups`; listan
får vara tom) och en motivering (`motivation`). Motiveringen får inte saknas: förklara
varför grupperna valdes, eller varför ingen grupp behöver särskild hänsyn.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem

ID = "special-consideration"
PROMISE = "Det har prövats om någon grupp ska beaktas särskilt."
EXAMPLE = """\
special_consideration:
  groups: [Barn och unga]     # får vara tom: []
  motivation: Torget är en viktig mötesplats för unga efter skoltid."""


def check(ctx: Context) -> Iterator[Problem]:
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
