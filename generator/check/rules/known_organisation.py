"""Nämnden och förvaltningen (eller sektorn) som äger dialogen finns i kommunens organisation.

`owner.board` och `owner.department` skrivs exakt som i policyns lista över nämnder och
förvaltningar, med samma stavning och samma stora och små bokstäver. Är ett namn okänt
föreslår kontrollen det kända namn som liknar mest; byt till det.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.check.rules.text import (
    closest,
)
from generator.core.findings import Problem

ID = "known-organisation"
PROMISE = "Ansvarig nämnd och förvaltning är angivna."
EXAMPLE = """\
owner:
  board: Byggnadsnämnden                          # exakt som i policyns lista
  department: Förvaltningen för Samhällsbyggnad"""


def check(ctx: Context) -> Iterator[Problem]:
    d, org = ctx.d, ctx.policy.doc.organisation
    checks = [
        (("owner", "board"), d.owner.board, org.boards, "nämnd"),
        (("owner", "department"), d.owner.department, org.departments, org.department_label),
    ]
    for path, name, known, kind in checks:
        if name in known:
            continue
        close = closest(name, known)
        hint = f"Menade du `{close}`?" if close else "Namnen i policyn: " + ", ".join(known) + "."
        yield Problem(
            f"`{name}` är ingen känd {kind.lower()} i {ctx.policy.doc.municipality}.", path, hint
        )
