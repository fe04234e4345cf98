r"""Filen innehåller inga personnummer eller samordningsnummer.

Kontrollen letar i alla fält, i brödtexten och i filnamnet efter nummer som
ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN, med bindestreck, plustecken, mellanslag, punkt,
snedstreck eller ingenting mellan datum och nummer, och läser ett tankstreck eller
minustecken som ett bindestreck. Tecken som inte syns (mjuka bindestreck, osynliga
mellanslag), Markdown som `**` och `\` och teckenkoder som `&#45;` räknas inte bort
numret. Ett nummer räknas bara om datumet finns och kontrollsiffran stämmer, så datum,
telefonnummer och diarienummer räknas inte; tio siffror i följd som börjar med 0 läses
som ett telefonnummer. Ta bort numret: ett personnummer är en personuppgift och får
inte publiceras.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.check.rules.text import (
    LineIndex,
    capped,
    strings,
)
from generator.core import identity
from generator.core.findings import Problem

ID = "personal-identity-number"
SCOPE = "source"
EXAMPLE = """\
updates:
  - date: 2026-03-20
    text: Vi har fått 340 svar.   # inga personnummer, inte ens i exempel"""


def check(ctx: Context) -> Iterator[Problem]:
    src = ctx.source
    if identity.in_slug(src.slug):
        yield Problem(
            "Filnamnet innehåller ett personnummer eller samordningsnummer.",
            line=1,
            hint="Byt namn på filen: filnamnet blir dialogens adress på webbplatsen, och ett "
            "personnummer är en personuppgift som inte får publiceras (GDPR).",
        )
    where = LineIndex(src.text)
    hits = list(identity.find_identity_numbers(src.text))
    problems = [
        Problem(
            "Texten innehåller ett personnummer eller samordningsnummer.",
            line=where(hit.start)[0],
            col=where(hit.start)[1],
            hint=_PNR_HINT,
        )
        for hit in hits
    ]
    # A number written with YAML's escapes (\u2013 for the dash) shows only in the values;
    # without a backslash in the file, every value stands in the text as it is.
    seen = {hit.digits for hit in hits}
    for path, value in strings(src.data or {}, ()) if "\\" in src.text else ():
        for hit in identity.find_identity_numbers(value):
            if hit.digits not in seen:
                seen.add(hit.digits)
                problems.append(
                    Problem(
                        "Fältet innehåller ett personnummer eller samordningsnummer.",
                        path,
                        _PNR_HINT,
                    )
                )
    yield from capped(problems)


_PNR_HINT = "Ta bort numret: det är en personuppgift som inte får publiceras (GDPR)."
