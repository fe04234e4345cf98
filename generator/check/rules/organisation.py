"""Rules about who owns a dialogue and where it belongs: organisation, contact, topics."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.check.rules import Context, rule
from generator.core.findings import Problem, Severity
from generator.core.model_errors import CLOSE


@rule("known-organisation")
def known_organisation(ctx: Context) -> Iterator[Problem]:
    """Nämnden och förvaltningen (eller sektorn) som äger dialogen finns i kommunens organisation.

    `owner.board` och `owner.department` skrivs exakt som i policyns lista över nämnder och
    förvaltningar, med samma stavning och samma stora och små bokstäver. Är ett namn okänt
    föreslår kontrollen det kända namn som liknar mest; byt till det.
    """
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


def closest(name: str, known: list[str]) -> str | None:
    """The known name most like ``name``, ignoring case, if it is alike enough to be what
    was meant (``CLOSE``); else None."""
    by_lower = {k.lower(): k for k in known}
    match = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=CLOSE)
    return by_lower[match[0]] if match else None


@rule("known-topic", default=Severity.WARNING)
def known_topic(ctx: Context) -> Iterator[Problem]:
    """Dialogens ämnen finns i webbplatsens ämneslista.

    `topics` innehåller bara ämnen från kommunens lista, skrivna exakt som där, så att
    dialogerna går att hitta per ämne. Ett okänt ämne är en varning, och kontrollen föreslår
    det ämne i listan som liknar mest. Finns ämnet inte i listan, välj ett annat eller be den
    som förvaltar webbplatsen att lägga till det.
    """
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


@rule("responsible-person")
def responsible_person(ctx: Context) -> Iterator[Problem]:
    """Det finns alltid en utsedd person som är ansvarig för dialogen.

    Under `responsible:` står personens namn (`name`), roll (`role`) och e-postadress
    (`email`), så att invånarna vet vem de kan fråga. Lägg till `responsible:` om det saknas,
    och `role:` om rollen saknas.
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
    """Den ansvariga personens e-postadress är en adress hos kommunen.

    `responsible.email` ska sluta på någon av kommunens domäner, till exempel
    @kungsbacka.se. En privat adress publicerar personuppgifter och slutar fungera när
    personen byter jobb. En gemensam funktionsbrevlåda går bra.
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
    """En dialog av politisk karaktär som förvaltningen tar initiativ till kräver ett nämndbeslut.

    När `political: true` och nämnden inte själv tog initiativet (`initiated_by` är inte
    `board`) ska `board_decision:` ange beslutets datum (`date`), diarienummer (`reference`)
    och hur nämnden medverkar i dialogen (`participation`).
    """
    d = ctx.d
    if d.political and d.initiated_by != "board" and d.board_decision is None:
        yield Problem(
            "En politisk dialog som inte nämnden initierat kräver ett nämndbeslut.",
            ("political",),
            "Lägg till `board_decision:` med `date`, `reference` och `participation`.",
        )
