"""Rules that protect everyone: no personal identity numbers, nothing that runs in a browser."""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
import urllib.parse
from collections.abc import Iterable, Iterator

from generator.findings import FieldPath, Problem
from generator.load.source import Source
from generator.rules import Context, rule

# ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN, ÅÅMMDD+NNNN (over 100) and the same without separator.
_PNR = re.compile(r"(?<![\d-])((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)(?![\d])")
# Every match of _PNR contains this; it scans ten times faster, so most texts stop here.
_PNR_HINT = re.compile(r"\d{6}[-+]?\d{4}")
# The bytes of a text in UTF-8 as shapes: an ASCII digit is 0, + and - are -, a byte that
# may start a non-ASCII digit (\d knows some 650, all from U+0660 on) is D, the rest x.
# U+2000–U+2FFF (lead byte E2: dashes, quotes) holds no digit; tests check the table.
_NON_ASCII_DIGIT_LEAD = frozenset(range(0xD9, 0x100)) - {0xE2}
_DIGIT_SHAPES = bytes(
    ord("0") if chr(b).isdigit() and b < 0x80
    else ord("-") if b in b"+-"
    else ord("D") if b in _NON_ASCII_DIGIT_LEAD
    else ord("x")
    for b in range(256)
)  # fmt: skip


def may_hold_identity_number(text: str) -> bool:
    """False only if ``_PNR_HINT`` cannot match ``text``: a byte table is faster than the
    regex, and most texts have no ten digits in a row at all."""
    shapes = text.encode("utf-8", "surrogatepass").translate(_DIGIT_SHAPES)
    if b"D" in shapes:
        return _PNR_HINT.search(text) is not None  # maybe a digit beyond ASCII: ask \d
    return b"0000000000" in shapes or b"000000-0000" in shapes


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
    if not may_hold_identity_number(text):
        return
    for m in _PNR.finditer(text):
        century, yy, mm, dd, _sep, serial, check = m.groups()
        if _date_exists(century, yy, mm, dd) and _luhn_ok(yy + mm + dd + serial + check):
            yield m


class LineIndex:
    """Line and column of an offset in one text, by bisection (a file may have many hits).

    The line starts are found on the first call: most texts have no hit at all.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str):
        self._text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self._text))]
        return self._starts

    def __call__(self, offset: int) -> tuple[int, int]:
        starts = self.starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1


MAX_PROBLEMS = 25  # per rule and file: beyond this, one more problem says how many are left


def capped(problems: Iterable[Problem], limit: int = MAX_PROBLEMS) -> Iterator[Problem]:
    """The first ``limit`` problems, then one that says there are more, and stop looking."""
    for i, problem in enumerate(problems):
        if i == limit:
            yield Problem(
                f"Fler liknande fynd finns; bara de första {limit} visas.",
                problem.path,
                problem.hint,
                line=problem.line,
                col=problem.col,
            )
            return
        yield problem


@rule("personal-identity-number", scope="source")
def personal_identity_number(ctx: Context) -> Iterator[Problem]:
    """Filen innehåller inga personnummer eller samordningsnummer.

    Kontrollen letar i alla fält och i brödtexten efter nummer som ÅÅÅÅMMDD-NNNN eller
    ÅÅMMDD-NNNN, med bindestreck, plustecken eller ingenting mellan datum och nummer. Ett
    nummer räknas bara om datumet finns och kontrollsiffran stämmer, så datum,
    telefonnummer och diarienummer räknas inte. Ta bort numret: ett personnummer är en
    personuppgift och får inte publiceras.
    """
    where = LineIndex(ctx.source.text)
    yield from capped(
        Problem(
            "Texten innehåller ett personnummer eller samordningsnummer.",
            line=where(m.start())[0],
            col=where(m.start())[1],
            hint="Ta bort numret: det är en personuppgift som inte får publiceras (GDPR).",
        )
        for m in find_identity_numbers(ctx.source.text)
    )


# Raw HTML: a tag, a comment or a processing instruction. Autolinks (<https://…>) are Markdown.
_TAG = re.compile(r"<\s*(?:[A-Za-z][A-Za-z0-9:-]*(?=[\s/>])|/\s*[A-Za-z]|!|\?)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>", re.IGNORECASE)
_DANGEROUS_SCHEME = re.compile(r"(?:java|vb|live)script:|data:|file:", re.IGNORECASE)
# Link destinations in Markdown: inline (](x), reference definitions ([x]: y) and autolinks.
_LINK_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]*)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)|<([^\s<>]+)>", re.M
)
# The same without reference definitions, for text without "]:" (where they cannot match):
# a pattern that starts with a character set, which the regex engine skips through quickly;
# the line-start alternative makes it try every position.
_INLINE_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|<([^\s<>]+)>")
# An attribute list ({: onclick=… }) would put an event handler on the element in MkDocs.
_ATTR_LIST_EVENT = re.compile(r"\{[^{}\n]*\bon[a-z]+\s*=", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202f\ufeff]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# White space (str.strip) and the characters _INVISIBLE drops, which a browser skips before
# a scheme; tests check this against both definitions for every code point.
_BLANK = "".join(
    map(chr, [*range(0x21), *range(0x7F, 0xA1), 0xAD, 0x1680, *range(0x2000, 0x2010),
              *range(0x2028, 0x2030), 0x205F, 0x3000, 0xFEFF])
)  # fmt: skip
_SCHEME_FIRST = frozenset("jvldfJVLDF")  # the first letters of _DANGEROUS_SCHEME

SAFE_SCHEMES = ("http", "https", "mailto")
# A link that starts with a safe scheme (ASCII letters only, as _SCHEME reads them).
_SAFE_START = re.compile(r"(?:https?|mailto):", re.IGNORECASE | re.ASCII)
URL_KEYS = {"url", "report"}
MAX_UNESCAPE = 4  # a browser decodes once; more rounds only make the check stricter
# A site-absolute link may only point to a dialogue: /dialogues/<slug>/…
_SITE_LINK = re.compile(r"^/dialogues/[a-z0-9]+(?:-[a-z0-9]+)*(?:/[^/]*)*$")
PAGE_DEPTH = 2  # a dialogue page is at dialogues/<slug>/: two levels below the site root


def normalise_url(url: str) -> str:
    """Decode entities and drop invisible characters, as a browser would before acting."""
    for _ in range(MAX_UNESCAPE):  # entities may be nested (&amp;#106;)
        decoded = html.unescape(url)
        if decoded == url:
            break
        url = decoded
    return _INVISIBLE.sub("", url)


def url_is_safe(url: str) -> bool:
    """http(s), mailto, or a relative link without a scheme."""
    clean = normalise_url(url)
    scheme = _SCHEME.match(clean)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def link_problem(url: str) -> str | None:
    """Why a link in a dialogue file is not allowed (Swedish), or None if it is fine.

    Stricter than ``url_is_safe``: besides the scheme, a link without one must stay inside
    the site (no ``..`` above the site root, no absolute file-system paths, no ``\\``).
    """
    if "&" not in url and _SAFE_START.match(url):
        return None  # no entity to decode and a safe scheme up front: what follows agrees
    clean = normalise_url(url.strip())
    if not url_is_safe(url.strip()):
        scheme = _SCHEME.match(clean)
        name = scheme.group(1).lower() if scheme else "okänd"
        return f"Länken har den otillåtna adresstypen `{name}:`."
    if _SCHEME.match(clean) or clean.startswith("//") or clean.startswith("#"):
        return None
    path = urllib.parse.unquote(clean.split("#", 1)[0].split("?", 1)[0])
    if "\\" in path:
        return "Länken innehåller bakstreck (\\), som en sökväg i Windows."
    if path.startswith("/"):
        if _SITE_LINK.match(path) and "/../" not in f"{path}/":
            return None
        return f"Länken pekar på sökvägen `{path[:40]}` i stället för en webbadress."
    depth = PAGE_DEPTH
    for part in path.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return "Länken går med `..` utanför webbplatsen."
        elif part not in ("", "."):
            depth += 1
    return None


def _mask_code(text: str) -> str:
    """Blank out fenced code blocks and code spans (Markdown escapes them), keeping offsets.

    Linear in the length of the text, whatever the text (a regex with backtracking is not:
    a file of unclosed fences or backtick runs would take minutes).
    """
    out: list[str] = []
    fence: str | None = None
    if "`" not in text and "~" not in text:
        return text
    for line in text.split("\n"):
        if fence is None and "`" not in line and "~" not in line:
            out.append(line)
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if fence is not None:
            run = re.match(r"`+|~+", stripped)
            if indent <= 3 and run and run.group(0)[0] == fence[0] and len(run.group(0)) >= len(
                fence
            ) and not stripped[run.end() :].strip():
                fence = None
            out.append(" " * len(line))
            continue
        run = re.match(r"`{3,}|~{3,}", stripped) if indent <= 3 else None
        if run and not (run.group(0)[0] == "`" and "`" in stripped[run.end() :]):
            fence = run.group(0)
            out.append(" " * len(line))
            continue
        out.append(_mask_spans(line))
    return "\n".join(out)


def _mask_spans(line: str) -> str:
    """Blank out code spans on one line: a run of n backticks up to the next run of n."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", line)]
    if len(runs) < 2:
        return line
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        size = runs[i][1] - runs[i][0]
        following[i] = seen.get(size)
        seen[size] = i
    chars = list(line)
    i = 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        for k in range(runs[i][0], runs[j][1]):
            chars[k] = " "
        i = j + 1
    return "".join(chars)


def may_object(value: str) -> bool:
    """False only if ``_field_problem`` has nothing to say about ``value`` outside a URL
    field: a tag or autolink needs <, an entity &, an attribute list {, a Markdown link ],
    and a dangerous scheme a colon after a first visible letter that can start one. Keep in
    step with the patterns above; ``in`` is several times faster than a regex, and it runs
    on every value."""
    if "<" in value or "&" in value or "]" in value or "{" in value:
        return True
    return ":" in value and value.lstrip(_BLANK)[:1] in _SCHEME_FIRST


def _suspects(value: object, path: FieldPath, out: list[tuple[FieldPath, str]]) -> None:
    """Every string under ``value`` (depth first, in order) that ``_field_problem`` could
    object to (see ``may_object``), or the value of a URL key. Paths are built only for
    those, because most values are neither."""
    items = value.items() if isinstance(value, dict) else enumerate(value)  # type: ignore[arg-type]
    for key, v in items:
        kind = type(v)  # (exact types first: they are what the parsers give)
        if kind is str or (kind is not dict and kind is not list and isinstance(v, str)):
            if key in URL_KEYS or may_object(v):
                out.append(((*path, key), v))
        elif kind is dict or kind is list or isinstance(v, dict | list):
            _suspects(v, (*path, key), out)


@rule("safe-html", scope="source")
def safe_html(ctx: Context) -> Iterator[Problem]:
    """Texten innehåller ingen HTML och inga farliga länkar.

    Skriv Markdown, inte HTML: taggar som `<script>`, `<iframe>` eller `<img onerror=…>` är
    fel var de än står, i fälten eller i brödtexten. Länkar börjar med `https:`, `http:`
    eller `mailto:`, eller pekar på en annan sida på webbplatsen; `javascript:`,
    `vbscript:` och `data:` är fel hur de än är skrivna.
    """
    src = ctx.source
    suspects: list[tuple[FieldPath, str]] = []
    _suspects(src.data or {}, (), suspects)
    fields = (_field_problem(path, value) for path, value in suspects)
    yield from capped(p for p in fields if p is not None)
    yield from capped(_body_problems(src))


def _has_tag(text: str) -> bool:
    return _TAG.search(_AUTOLINK.sub("", normalise_url_entities(text))) is not None


def normalise_url_entities(text: str) -> str:
    """Decode entities (a bounded number of rounds) without dropping any character."""
    for _ in range(MAX_UNESCAPE):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _field_problem(path: FieldPath, value: str) -> Problem | None:
    """One problem per front-matter value: HTML, a bad URL field, or a bad link in text."""
    if not (path and path[-1] in URL_KEYS) and not may_object(value):
        return None  # most values: nothing below could match
    # A tag needs < (or & to write one), an attribute list {: a link target ] or <.
    if (("<" in value or "&" in value) and _has_tag(value)) or (
        "{" in value and _ATTR_LIST_EVENT.search(value)
    ):
        return Problem(
            f"Fältet innehåller HTML: `{value[:40]}`.", path, "Skriv vanlig text utan < och >."
        )
    if path and path[-1] in URL_KEYS:
        reason = link_problem(value)
        if reason:
            return Problem(reason, path, "Använd en adress som börjar med https://.")
        return None
    if _DANGEROUS_SCHEME.match(normalise_url(value.strip())):
        return Problem("Fältet innehåller en farlig länk.", path, "Ta bort länken.")
    for m in link_targets(value) if "]" in value or "<" in value else ():
        target = next(g for g in m.groups() if g is not None)
        reason = link_problem(target)
        if reason:
            return Problem(
                f"Fältet innehåller en otillåten länk: {reason}",
                path,
                "Länka bara till https://, http:// eller mailto:.",
            )
    return None


def body_link_targets(src: Source) -> list[tuple[str, int]]:
    """Every link target in the body outside code: (text, offset in the body), in order.

    Found once per file and kept on ``src``: ``safe-html`` and ``dialogue-links`` both ask.
    """
    if src.body_links is None:
        masked = _mask_code(src.body)
        if "]" not in masked and "<" not in masked:  # every link target needs one of them
            src.body_links = []
        else:
            src.body_links = [_target(m) for m in link_targets(masked)]
    return src.body_links


def link_targets(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_LINK_TARGET`` in ``text``; each has one group that is not None."""
    return (_LINK_TARGET if "]:" in text else _INLINE_LINK_TARGET).finditer(text)


def _target(m: re.Match[str]) -> tuple[str, int]:
    group = next(i for i, g in enumerate(m.groups(), 1) if g is not None)
    return m.group(group), m.start(group)


def _body_problems(src: Source) -> Iterator[Problem]:
    """Raw HTML (one problem per line), markup written with entities, and bad link targets.

    Line by line and with precomputed line starts: linear in the size of the body.
    """
    body, first_line = src.body, src.body_line
    if "<" in body or "{" in body or "&" in body:  # else no tag, attribute or entity
        yield from _markup_problems(_mask_code(body), first_line)
    where = LineIndex(body)  # masking code keeps every offset
    for target, offset in body_link_targets(src):
        reason = link_problem(target)
        if reason:
            line, col = where(offset)
            yield Problem(
                reason,
                line=first_line + line - 1,
                col=col,
                hint="Länka bara till https://, http:// eller mailto:, eller till en annan "
                "dialog med /dialogues/<slug>/.",
            )


def _markup_problems(masked: str, first_line: int) -> Iterator[Problem]:
    without_autolinks = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), masked)
    for number, text in enumerate(without_autolinks.split("\n"), start=first_line):
        m = _TAG.search(text) or _ATTR_LIST_EVENT.search(text)
        if m is not None:  # one problem per line: <b>…</b> is one mistake
            yield Problem(
                "Brödtexten innehåller HTML.",
                line=number,
                col=m.start() + 1,
                hint="Skriv Markdown i stället: **fet**, [länktext](https://…), listor med -.",
            )
        # Markup written with character references (&lt;script&gt;) shows as text in
        # Markdown, but becomes HTML again wherever the text is decoded once more.
        elif "&" in text and _has_tag(text):
            yield Problem(
                "Brödtexten innehåller HTML skriven med teckenkoder (som &lt;).",
                line=number,
                col=text.index("&") + 1,
                hint="Skriv vanlig text; tecknen < och > behövs sällan i en dialogtext.",
            )
