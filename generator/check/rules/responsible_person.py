"""Det finns alltid en utsedd person som är ansvarig för dialogen.

Under `responsible:` står personens namn (`name`), roll (`role`) och e-postadress
(`email`), så att invånarna vet vem de kan fråga. Lägg till `responsible:` om det saknas,
och `role:` om rollen saknas.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem

ID = "responsible-person"
PROMISE = "Det finns en utsedd person som är ansvarig för dialogen."
EXAMPLE = """\
responsible:
  name: Anna Andersson
  role: Projektledare
  email: anna.andersson@kommun.se"""


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.d.responsible is None:
        yield Problem(
            "Dialogen saknar ansvarig person (`responsible`).",
            (),
            "Lägg till `responsible:` med `name`, `role` och `email`.",
        )
    elif not ctx.d.responsible.role:
        yield Problem(
            "Den ansvariga personens roll saknas.",
            ("responsible",),
            "Lägg till `role:`, t.ex. Projektledare.",
        )
