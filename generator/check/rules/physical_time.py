"""Ett fysiskt sätt att delta har en tid, eller är öppet när man vill.

Den som vill komma till ett möte, ett öppet hus eller en promenad behöver veta när. Ge
varje sätt att delta på plats (`channel: physical`) en `start` med klockslag (och gärna
`end`), så blir det också en kalenderhändelse. Är det öppet hela perioden, så att man
kommer när man vill, skriv `drop_in: true`.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem, Severity

ID = "physical-time"
DEFAULT = Severity.WARNING
CHECKS_CANCELLED = False  # nobody comes to a cancelled dialogue
EXAMPLE = """\
participation:
  - method: open-house
    channel: physical
    title: Öppet hus i Kollahallen
    location: Kollahallen
    start: 2026-03-12T17:00
    end: 2026-03-12T19:00
  - method: meeting
    channel: physical
    title: Utställning i biblioteket
    location: Biblioteket
    drop_in: true          # öppet när biblioteket är öppet, hela perioden"""


def check(ctx: Context) -> Iterator[Problem]:
    for n, p in enumerate(ctx.d.participation):
        if p.channel == "physical" and p.start is None and not p.drop_in:
            yield Problem(
                f"Det står inte när man kan delta i \"{p.title}\" på plats.",
                ("participation", n, "channel"),
                "Lägg till `start` (med klockslag) och gärna `end`, eller `drop_in: true` om "
                "man kommer när man vill under perioden.",
            )
