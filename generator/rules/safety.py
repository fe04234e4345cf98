"""Rules that protect everyone: no personal identity numbers, nothing that runs in a browser."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

from generator.findings import FieldPath, Problem
from generator.rules import Context, rule

# ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN, ÅÅMMDD+NNNN (over 100) and the same without separator.
_PNR = re.compile(r"(?<![\d-])((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)(?![\d])")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _date_exists(century: str, yy: str, mm: str, dd: str) -> bool:
    day = int(dd)
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    years = [int(century + yy)] if century else [1900 + int(yy), 2000 + int(yy)]
    for year in years:
        try:
            dt.date(year, int(mm), day)
            return True
        except ValueError:
            continue
    return False


def find_identity_numbers(text: str) -> Iterator[re.Match[str]]:
    """Matches that are real personnummer or samordningsnummer (valid date and Luhn)."""
    for m in _PNR.finditer(text):
        century, yy, mm, dd, _sep, serial, check = m.groups()
        if _date_exists(century, yy, mm, dd) and _luhn_ok(yy + mm + dd + serial + check):
            yield m


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@rule("personal-identity-number", scope="source")
def personal_identity_number(ctx: Context) -> Iterator[Problem]:
    """No Swedish personnummer or samordningsnummer anywhere in the file.

    With or without century, with `-`, `+` or nothing between date and number; a number
    counts only if its date exists and its check digit is right (Luhn), so dates, phone
    numbers and diarienummer are not flagged. Publishing one would leak personal data.
    """
    for m in find_identity_numbers(ctx.source.text):
        line, col = _line_col(ctx.source.text, m.start())
        yield Problem(
            "Texten innehåller ett personnummer eller samordningsnummer.",
            line=line,
            col=col,
            hint="Ta bort numret: det är en personuppgift som inte får publiceras (GDPR).",
        )


# Raw HTML: a tag, a comment or a processing instruction. Autolinks (<https://…>) are Markdown.
_TAG = re.compile(r"<\s*(?:[A-Za-z][A-Za-z0-9:-]*(?=[\s/>])|/\s*[A-Za-z]|!|\?)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>", re.IGNORECASE)
_DANGEROUS_SCHEME = re.compile(r"(?:java|vb|live)script:|data:|file:", re.IGNORECASE)
# Link destinations in Markdown: inline (](x), reference definitions ([x]: y) and autolinks.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+)|<([^\s<>]+)>", re.M)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\ufeff]")
SAFE_SCHEMES = ("http", "https", "mailto")
URL_KEYS = {"url", "report"}


def normalise_url(url: str) -> str:
    """Decode entities and drop invisible characters, as a browser would before acting."""
    previous = None
    while previous != url:  # entities may be nested (&amp;#106;)
        previous, url = url, html.unescape(url)
    return _INVISIBLE.sub("", url)


def url_is_safe(url: str) -> bool:
    """http(s), mailto, or a relative link without a scheme."""
    clean = normalise_url(url)
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", clean)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def _mask_code(text: str) -> str:
    """Blank out fenced code blocks and code spans (Markdown escapes them), keeping offsets."""
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = re.sub(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", blank, text, flags=re.M | re.S)
    return re.sub(r"(`+)[^`\n].*?\1", blank, text)


def _walk_strings(value: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk_strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk_strings(v, (*path, i))


@rule("safe-html", scope="source")
def safe_html(ctx: Context) -> Iterator[Problem]:
    """No raw HTML and no dangerous links, in the body or in any front-matter field.

    Write Markdown, not HTML: tags such as `<script>`, `<iframe>` or `<img onerror=…>` are
    errors wherever they stand. Links may be `https:`, `http:`, `mailto:` or relative;
    `javascript:`, `vbscript:` and `data:` are errors, however they are encoded.
    """
    src = ctx.source
    for path, value in _walk_strings(src.data or {}):
        if _TAG.search(_AUTOLINK.sub("", html.unescape(value))):
            yield Problem(
                f"Fältet innehåller HTML: `{value[:40]}`.",
                path,
                "Skriv vanlig text utan < och >.",
            )
        elif path and path[-1] in URL_KEYS and not url_is_safe(value):
            yield Problem(
                "Länken har en otillåten adresstyp.",
                path,
                "Använd en adress som börjar med https://.",
            )
        elif _DANGEROUS_SCHEME.search(normalise_url(value)) and not url_is_safe(value.strip()):
            yield Problem("Fältet innehåller en farlig länk.", path, "Ta bort länken.")
    yield from _body_problems(src.body, src.body_line)


def _body_problems(body: str, first_line: int) -> Iterator[Problem]:
    masked = _mask_code(body)
    without_autolinks = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), masked)
    flagged: set[int] = set()
    for m in _TAG.finditer(without_autolinks):  # an entity (&lt;) renders as text: safe
        line, col = _line_col(masked, m.start())
        if line in flagged:  # one finding per line: <b>…</b> is one mistake
            continue
        flagged.add(line)
        yield Problem(
            "Brödtexten innehåller HTML.",
            line=first_line + line - 1,
            col=col,
            hint="Skriv Markdown i stället: **fet**, [länktext](https://…), listor med -.",
        )
    for m in _LINK_TARGET.finditer(masked):
        target = next(g for g in m.groups() if g is not None)
        if not url_is_safe(target):
            line, col = _line_col(masked, m.start())
            yield Problem(
                f"Länken `{target[:40]}` har en otillåten adresstyp.",
                line=first_line + line - 1,
                col=col,
                hint="Länka bara till https://, http:// eller mailto:.",
            )
