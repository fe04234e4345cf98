"""Dialogen säger varför den hålls och vad den ska leda till.

`purpose` beskriver syftet (varför kommunen frågar) och `goal` målet (vad svaren ska
användas till). Båda behövs, med en eller ett par meningar var.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem

ID = "purpose-and-goal"
PROMISE = "Syftet och målet med dialogen är beskrivna."
EXAMPLE = """\
purpose: Ta reda på hur invånarna vill använda torget.
goal: Ett underlag till gestaltningsprogrammet för Kolla torg."""


def check(ctx: Context) -> Iterator[Problem]:
    for key, word in (("purpose", "syftet"), ("goal", "målet")):
        if getattr(ctx.d, key) is None:
            yield Problem(
                f"Dialogen saknar {word} (`{key}`).",
                (),
                f"Lägg till `{key}:` med en mening om {word} med dialogen.",
            )
