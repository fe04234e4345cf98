"""Dialogens ämnen finns i webbplatsens ämneslista.

`topics` innehåller bara ämnen från kommunens lista, skrivna exakt som där, så att
dialogerna går att hitta per ämne. Ett okänt ämne är en varning, och kontrollen föreslår
det ämne i listan som liknar mest. Finns ämnet inte i listan, välj ett annat eller be den
som förvaltar webbplatsen att lägga till det.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.check.rules.text import (
    closest,
)
from generator.core.findings import Problem, Severity

ID = "known-topic"
DEFAULT = Severity.WARNING
EXAMPLE = """\
topics: [stadsutveckling, trafik]   # bara ämnen ur listan, exakt stavade"""


def check(ctx: Context) -> Iterator[Problem]:
    known = ctx.policy.doc.topics
    if not known:
        return
    for i, topic in enumerate(ctx.d.topics):
        if topic in known:
            continue
        close = closest(topic, known)
        guess = f"Menade du `{close}`? " if close else ""
        yield Problem(
            f"`{topic}` finns inte i ämneslistan.",
            ("topics", i),
            f"{guess}Ämnen: " + ", ".join(known) + ".",
        )
