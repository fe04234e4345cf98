"""Rubrik och sammanfattning är skrivna med vanliga versaler och gemener.

Text med bara stora bokstäver (versaler) är svårare att läsa, särskilt för den som har
dyslexi eller läser med förstoring, och skärmläsare kan läsa upp den bokstav för bokstav.
Skriv `title` och `summary` som vanlig text: stor bokstav i början och i namn.
Förkortningar som LSS eller VA går bra.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem, Severity

ID = "plain-language"
DEFAULT = Severity.WARNING
EXAMPLE = """\
title: Framtidens Kolla torg         # inte FRAMTIDENS KOLLA TORG
summary: Vi vill veta hur du vill använda torget i Kolla."""


_ASCII_LOWER = re.compile(r"[a-z]")
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of at least two letters


def is_all_capitals(text: str) -> bool:
    """True if ``text`` has at least two words of two or more letters and no lower-case letter.

    One acronym alone ("LSS") or a code is not shouting; "NYA BIBLIOTEKET I ONSALA" is.
    """
    if _ASCII_LOWER.search(text) or len(_WORD.findall(text)) < 2:
        return False  # (a lower-case a–z alone already answers, and is quick to find)
    cased = [c for c in text if c.lower() != c.upper()]
    return bool(cased) and all(c.isupper() for c in cased)


def check(ctx: Context) -> Iterator[Problem]:
    for key, word in (("title", "Rubriken"), ("summary", "Sammanfattningen")):
        text = getattr(ctx.d, key, None)
        if text and is_all_capitals(text):
            yield Problem(
                f"{word} (`{key}`) är skriven med bara stora bokstäver.",
                (key,),
                "Skriv med vanliga bokstäver: stor bokstav i början och i namn.",
            )
