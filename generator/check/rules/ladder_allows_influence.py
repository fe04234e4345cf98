"""Dialogen ger invånarna möjlighet att påverka: bara information räcker inte.

`ladder` anger steget på delaktighetstrappan. Steget `information` ger ingen möjlighet
att påverka och räknas inte som dialog. Välj `consultation`, `dialogue`, `influence`
eller `codetermination`, eller publicera ärendet som information i stället.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem

ID = "ladder-allows-influence"
PROMISE = "Dialogen ger dig möjlighet att påverka, inte bara information."
EXAMPLE = """\
ladder: consultation    # inte information"""


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.d.ladder == "information":
        yield Problem(
            "Steget `information` på delaktighetstrappan ger ingen möjlighet att påverka.",
            ("ladder",),
            "Välj consultation, dialogue, influence eller codetermination, "
            "eller publicera ärendet som information i stället för som dialog.",
        )
