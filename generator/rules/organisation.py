"""Rules about who owns and answers for a dialogue."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.findings import Problem
from generator.rules import Context, rule


@rule("known-organisation")
def known_organisation(ctx: Context) -> Iterator[Problem]:
    """The owning board and department (or sector) are in the policy's organisation list.

    Boards and departments are responsible for dialogues, so each dialogue names one of
    each exactly as the policy file lists them. An unknown name suggests the closest one.
    """
    d, org = ctx.d, ctx.policy.doc.organisation
    checks = [
        (("owner", "board"), d.owner.board, org.boards, "nämnd"),
        (("owner", "department"), d.owner.department, org.departments, org.department_label.lower()),
    ]
    for path, name, known, kind in checks:
        if name in known:
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.0)
        hint = f"Menade du `{close[0]}`?" if close else None
        yield Problem(f"`{name}` är ingen känd {kind} i {ctx.policy.doc.municipality}.", path, hint)


@rule("responsible-person")
def responsible_person(ctx: Context) -> Iterator[Problem]:
    """There is always one designated person responsible for the dialogue.

    `responsible` names the person with `name` and `email` (and preferably `role`), so that
    residents know whom to ask.
    """
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


@rule("contact-domain")
def contact_domain(ctx: Context) -> Iterator[Problem]:
    """The responsible person's e-mail is on one of the municipality's contact domains.

    A private address would publish personal data and break when the person leaves.
    """
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


@rule("political-board-decision")
def political_board_decision(ctx: Context) -> Iterator[Problem]:
    """A dialogue of political character started by a department needs a board decision.

    When `political: true` and `initiated_by` is not `board`, `board_decision` gives the
    date, the reference (diarienummer) and how the board takes part in the dialogue.
    """
    d = ctx.d
    if d.political and d.initiated_by != "board" and d.board_decision is None:
        yield Problem(
            "En politisk dialog som inte nämnden initierat kräver ett nämndbeslut.",
            ("political",),
            "Lägg till `board_decision:` med `date`, `reference` och `participation`.",
        )
