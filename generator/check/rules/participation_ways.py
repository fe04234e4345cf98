"""Det står var, när och hur man kan delta.

När dialogen har en period (`period`) ska det finnas minst ett sätt att delta under
`participation:`. Varje sätt har en länk (`url`) för digitalt deltagande eller en plats
(`location`) för fysiskt deltagande. En inställd dialog behöver inga sätt att delta.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context, pending_without_period
from generator.core.findings import Problem

ID = "participation-ways"
PROMISE = "Det står hur, var och när du kan delta."
EXAMPLE = """\
participation:
  - method: open-house
    channel: physical
    title: Öppet hus i Kollahallen
    location: Kollahallen             # eller url: för digitalt deltagande"""

when_not_found = pending_without_period


def check(ctx: Context) -> Iterator[Problem]:
    d = ctx.d
    if d.cancelled is not None:
        return
    if d.period is not None and not d.participation:
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
