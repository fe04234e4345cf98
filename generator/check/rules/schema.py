"""Filen går att läsa och följer innehållsmodellen.

Filen är sparad som UTF-8 och börjar med front matter mellan två rader med `---`.
Fälten skrivs i YAML utan alias (`*namn`) och taggar (`!!`). Alla obligatoriska fält
finns, inga okända fält, värdena har rätt typ och tillåtna värden, och datumen finns
(ÅÅÅÅ-MM-DD). En länk (`url`, `report`) är en hel adress som börjar med `https://`,
`http://` eller `mailto:`, eller en sida på webbplatsen som `/dialogues/<slug>/` eller
`/policy/`; ett filnamn som `bilaga.pdf` går inte att länka till. E-postadressen är en
vanlig adress utan `?`, `&` och `=`. Texten innehåller inga osynliga styrtecken (de
kommer ofta från inklistrad text eller från escape-koder som `"\\x01"`). Filnamnet är
en giltig slug: små bokstäver a–z, siffror och bindestreck, och inte `index`
(`index.md` är webbplatsens lista över alla dialoger). En dialog har antingen
`feedback` eller `cancelled`, inte båda. Meddelandet pekar ut raden och tipset säger
hur felet rättas.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem
from generator.load.source import SLUG_RE

ID = "schema"
SCOPE = "source"
EXAMPLE = """\
---
title: Framtidens Kolla torg
period:
  start: 2026-03-01     # ÅÅÅÅ-MM-DD, inte 1/3 2026
  end: 2026-04-15
ladder: consultation    # ett av de tillåtna värdena
---"""


# Slugs that name a page of the site itself: `dialogues/index.md` is the list of dialogues.
RESERVED_SLUGS = frozenset({"index"})


def check(ctx: Context) -> Iterator[Problem]:
    if not SLUG_RE.match(ctx.source.slug):
        yield Problem(
            f"Filnamnet `{ctx.source.slug}.md` är ingen giltig slug.",
            line=1,
            hint="Använd små bokstäver a–z, siffror och bindestreck, t.ex. kolla-torg-2026.md.",
        )
    elif ctx.source.slug in RESERVED_SLUGS:
        yield Problem(
            f"Sluggen `{ctx.source.slug}` är reserverad: `{ctx.source.slug}.md` är en sida "
            "på webbplatsen (listan över alla dialoger).",
            line=1,
            hint="Byt namn på filen efter dialogens rubrik, t.ex. kolla-torg-2026.md.",
        )
    data = ctx.source.data or {}
    if data.get("feedback") is not None and data.get("cancelled") is not None:
        yield Problem(
            "En dialog kan inte ha både `feedback` och `cancelled`.",
            ("cancelled",),
            "Ta bort `cancelled` om dialogen genomfördes, annars `feedback`.",
        )
