"""Texten som `insyn new` skriver som förslag är utbytt.

`insyn new` skriver en mening under fälten som visar var bakgrunden ska stå ("Beskriv här
bakgrunden …"). Står den kvar syns den för invånarna på dialogens sida. Skriv bakgrunden
i stället: vad frågan gäller, varför ni frågar invånarna och vad som händer sedan.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core import labels
from generator.core.findings import Problem, Severity

ID = "placeholder-text"
DEFAULT = Severity.WARNING
EXAMPLE = """\
---
title: Framtidens Kolla torg
…
---

Kolla torg ska byggas om. Här berättar vi varför och vad du kan påverka."""

_START = labels.NEW_FILE_BODY[:40]  # the sentence, however much of it is left


def check(ctx: Context) -> Iterator[Problem]:
    body = ctx.source.body
    at = body.find(_START) if body else -1
    if at >= 0:
        line = body.count("\n", 0, at)
        yield Problem(
            "Förslagstexten från `insyn new` står kvar i texten under fälten.",
            line=ctx.source.body_line + line,
            col=at - (body.rfind("\n", 0, at) + 1) + 1,
            hint="Byt ut meningen \"Beskriv här …\" mot dialogens bakgrund.",
        )
