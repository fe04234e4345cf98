"""Den ansvariga personens e-postadress är en adress hos kommunen.

`responsible.email` ska sluta på någon av kommunens domäner (de står i policyfilen),
till exempel @kommun.se. En privat adress publicerar personuppgifter och slutar fungera
när personen byter jobb. En gemensam funktionsbrevlåda går bra.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem

ID = "contact-domain"
PROMISE = "Den ansvarigas e-post är kommunens."
EXAMPLE = """\
responsible:
  email: samhallsbyggnad@kommun.se   # kommunens domän, gärna en funktionsbrevlåda"""


def check(ctx: Context) -> Iterator[Problem]:
    r = ctx.d.responsible
    if r is None:
        return
    domain = r.email.rsplit("@", 1)[-1].lower()
    domains = [x.lower() for x in ctx.policy.doc.contact_domains]
    if not any(domain == x or domain.endswith("." + x) for x in domains):
        yield Problem(
            f"E-postadressen `{r.email}` är inte på kommunens domän.",
            ("responsible", "email"),
            f"Använd en adress som slutar på @{domains[0]} (en funktionsbrevlåda går bra).",
        )
