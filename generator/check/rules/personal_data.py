"""Brödtexten innehåller inga privata e-postadresser eller telefonnummer.

En e-postadress i brödtexten ska ha en av kommunens domäner (policyns
`contact_domains`), och ett telefonnummer ska vara kommunens växel eller den ansvariga
personens nummer ur front matter. Andra adresser och nummer kan tillhöra privatpersoner
och är då personuppgifter som inte ska publiceras (GDPR).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.check.rules.text import (
    LineIndex,
    capped,
)
from generator.core.findings import Problem, Severity

ID = "personal-data"
DEFAULT = Severity.WARNING
SCOPE = "source"
EXAMPLE = """\
Frågor? Skriv till samhallsbyggnad@kommun.se eller ring kommunens växel.
(Inga privata adresser eller nummer i brödtexten.)"""


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# A Swedish phone number: +46/0046 or a national area code (0 and a non-zero digit), then
# subscriber digits separated by nothing, a space or a hyphen. Not glued to a word, a date
# or a diarienummer (2026-0012, KS 2026/0012), and not followed by more digits.
_PHONE = re.compile(
    r"(?<![\w/+.,:-])"
    r"(?:(?:\+|00)46[ -]?(?:\(0\)[ -]?)?[1-9]\d{0,2}|\(?0[1-9]\d{0,2}\)?)"
    r"(?:[ -]?\d){5,8}"
    r"(?![\w/-]|[.,:]\d)"
)
# Where a match of _PHONE can start: +, 0 or ( after anything its look-behind allows.
# This scans fast (it starts with a character set); _PHONE itself looks at every character.
_PHONE_START = re.compile(r"[+0(](?<![\w/+.,:-].)")
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kronor|sek\b|:-|st\b|m2|m²|kvm|invånare)", re.I)


def national_digits(number: str) -> str:
    """Only the digits, with +46/0046 written as the national 0 (``0300834000``)."""
    digits = re.sub(r"\D", "", number)
    for prefix in ("0046", "46"):
        if digits.startswith(prefix) and number.lstrip().startswith(("+", "00")):
            rest = digits[len(prefix) :]
            return rest if rest.startswith("0") else "0" + rest
    return digits


def find_phone_numbers(text: str) -> Iterator[re.Match[str]]:
    """Matches that look like Swedish phone numbers (8 to 10 digits in national form)."""
    for m in _phone_matches(text):
        start = m.start()
        if start >= 2 and text[start - 1] == " " and text[start - 2].isdigit():
            continue  # the tail of a spaced number: 2 050 000 000
        if _AMOUNT_AFTER.match(text, m.end()):
            continue
        if 8 <= len(national_digits(m.group(0))) <= 10:
            yield m


def _phone_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_PHONE.finditer(text)``, trying only where one can start."""
    end = 0
    for start in _PHONE_START.finditer(text):
        if start.start() >= end and (m := _PHONE.match(text, start.start())) is not None:
            end = m.end()
            yield m


def _allowed_numbers(ctx: Context) -> set[str]:
    numbers = {national_digits(n) for n in getattr(ctx.policy.doc, "switchboard", None) or []}
    data = ctx.source.data or {}
    responsible = data.get("responsible")
    if isinstance(responsible, dict) and isinstance(responsible.get("phone"), str):
        numbers.add(national_digits(responsible["phone"]))  # already public in the front matter
    return numbers


def check(ctx: Context) -> Iterator[Problem]:
    yield from capped(_problems(ctx))


def _problems(ctx: Context) -> Iterator[Problem]:
    body = ctx.source.body
    where = LineIndex(body)
    domains = [d.lower() for d in ctx.policy.doc.contact_domains]
    switchboard = ", ".join(getattr(ctx.policy.doc, "switchboard", None) or [])
    for m in _EMAIL.finditer(body) if "@" in body else ():  # (a quick exit: it scans slowly)
        domain = m.group(1).lower().rstrip(".")
        if any(domain == d or domain.endswith("." + d) for d in domains):
            continue
        line, col = where(m.start())
        yield Problem(
            f"Brödtexten innehåller e-postadressen `{m.group(0)}`, som inte är kommunens.",
            line=ctx.source.body_line + line - 1,
            col=col,
            hint="En privat e-postadress är en personuppgift (GDPR). Hänvisa till en adress "
            f"på {', '.join('@' + d for d in domains)} eller ta bort den.",
        )
    allowed = _allowed_numbers(ctx)
    for m in find_phone_numbers(body):
        if national_digits(m.group(0)) in allowed:
            continue
        line, col = where(m.start())
        refer = f"kommunens växel ({switchboard})" if switchboard else "kommunens växel"
        yield Problem(
            f"Brödtexten innehåller telefonnumret `{m.group(0)}`.",
            line=ctx.source.body_line + line - 1,
            col=col,
            hint="Ett telefonnummer till en privatperson är en personuppgift (GDPR). "
            f"Hänvisa till {refer} eller ta bort numret.",
        )
