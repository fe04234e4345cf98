"""Rule cases: what must never be published: scripts, broken links to other dialogues, identity
numbers, private contact details, addresses outside the municipality."""

from __future__ import annotations

from rulecases.case import Case, _set

FAILING = [
    Case(
        "contact-domain",
        "private address",
        _set("anna@gmail.com", "responsible", "email"),
        ("email:", 1),
    ),
    Case(
        "personal-identity-number",
        "in the body",
        lambda data, policy: None,
        ("811218-9876", 1),
        body="\nRing handläggaren, personnummer 811218-9876, om du undrar.\n",
    ),
    Case(
        "safe-html",
        "script in the body",
        lambda data, policy: None,
        ("<script>", 1),
        body="\nText.\n\n<script>alert(1)</script>\n",
    ),
    Case(
        "safe-html",
        "javascript link in a text field",
        _set("Se [planen](javascript:alert(1)).", "influence", "what"),
        ("what: Se [planen]", 1),
    ),
    Case(
        "safe-html",
        "link field to the dialogue's own page",
        _set("/dialogues/framtidens-kolla-torg/", "documents", 0, "url"),
        ("url: /dialogues/framtidens-kolla-torg/", 1),
    ),
    Case(
        "dialogue-links",
        "a link to a dialogue that does not exist",
        lambda data, policy: None,
        ("/dialogues/finns-inte/", 1),
        body="\nLäs också [den förra dialogen](/dialogues/finns-inte/).\n",
    ),
    Case(
        "personal-data",
        "a private e-mail address in the body",
        lambda data, policy: None,
        ("kalle.privat@gmail.com", 1),
        body="\nFrågor? Skriv till kalle.privat@gmail.com.\n",
    ),
]

PASSING = [
    Case(
        "contact-domain",
        "sub-domain in capitals",
        lambda data, policy: data["responsible"].update(
            email=f"Anna@BYGG.{'KUNGSBACKA' if policy == 'kungsbacka' else 'ALE'}.SE"
        ),
    ),
    Case(
        "personal-identity-number",
        "dates, phones, diarienummer",
        lambda data, policy: None,
        body="\nMöte 2026-03-01, ring 0300-83 40 00, dnr BN 2026/0012, ärende 2026-0312.\n",
    ),
    Case(
        "safe-html",
        "markdown link and autolink",
        lambda data, policy: None,
        body="\nSe [sidan](https://www.kommun.se/a) eller <https://www.kommun.se/b>.\n",
    ),
    Case(
        "dialogue-links",
        "a link to a dialogue that exists",
        lambda data, policy: None,
        body="\nLäs också [den förra dialogen](/dialogues/kolla-torg-2025/).\n",
        files={"2025/kolla-torg-2025": None},
    ),
    Case(
        "personal-data",
        "the municipality's own address",
        lambda data, policy: None,
        body="\nFrågor? Skriv till info@{domain}.\n",
    ),
]
