"""Rules that protect everyone: no personal identity numbers, nothing that runs in a browser."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Iterator

from generator.check.rules import Context, rule
from generator.core import identity
from generator.core.findings import FieldPath, Problem
from generator.core.urls import (
    MAX_UNESCAPE,
    URL_FORM,
    URL_KEYS,
    link_problem,
    url_field_problem,
)
from generator.load.source import Source

_URL_FORM = re.compile(URL_FORM)


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
    r"""Filen innehåller inga personnummer eller samordningsnummer.

    Kontrollen letar i alla fält, i brödtexten och i filnamnet efter nummer som
    ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN, med bindestreck, plustecken, mellanslag, punkt,
    snedstreck eller ingenting mellan datum och nummer, och läser ett tankstreck eller
    minustecken som ett bindestreck. Tecken som inte syns (mjuka bindestreck, osynliga
    mellanslag), Markdown som `**` och `\` och teckenkoder som `&#45;` räknas inte bort
    numret. Ett nummer räknas bara om datumet finns och kontrollsiffran stämmer, så datum,
    telefonnummer och diarienummer räknas inte; tio siffror i följd som börjar med 0 läses
    som ett telefonnummer. Ta bort numret: ett personnummer är en personuppgift och får
    inte publiceras.
    """
    src = ctx.source
    if identity.in_slug(src.slug):
        yield Problem(
            "Filnamnet innehåller ett personnummer eller samordningsnummer.",
            line=1,
            hint="Byt namn på filen: filnamnet blir dialogens adress på webbplatsen, och ett "
            "personnummer är en personuppgift som inte får publiceras (GDPR).",
        )
    where = LineIndex(src.text)
    hits = list(identity.find_identity_numbers(src.text))
    problems = [
        Problem(
            "Texten innehåller ett personnummer eller samordningsnummer.",
            line=where(hit.start)[0],
            col=where(hit.start)[1],
            hint=_PNR_HINT,
        )
        for hit in hits
    ]
    # A number written with YAML's escapes (\u2013 for the dash) shows only in the values;
    # without a backslash in the file, every value stands in the text as it is.
    seen = {hit.digits for hit in hits}
    for path, value in _strings(src.data or {}, ()) if "\\" in src.text else ():
        for hit in identity.find_identity_numbers(value):
            if hit.digits not in seen:
                seen.add(hit.digits)
                problems.append(
                    Problem(
                        "Fältet innehåller ett personnummer eller samordningsnummer.",
                        path,
                        _PNR_HINT,
                    )
                )
    yield from capped(problems)


_PNR_HINT = "Ta bort numret: det är en personuppgift som inte får publiceras (GDPR)."


def _strings(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every string in the front matter, with its path, depth first."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


# Raw HTML: a tag, a comment or a processing instruction, as a browser's tokenizer starts
# one: `<` directly followed by a letter, `/` and a letter, `!` or `?`. `a < b` is text.
# Autolinks (<https://…>) are Markdown.
_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9:-]*(?=[\s/>])|/[A-Za-z]|!|\?)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>", re.IGNORECASE)
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
    field: a tag or autolink needs <, an entity &, an attribute list {, a Markdown link ].
    Keep in step with the patterns above; ``in`` is several times faster than a regex, and
    it runs on every value."""
    return "<" in value or "&" in value or "]" in value or "{" in value


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
    fields = (_field_problem(path, value, src.slug) for path, value in suspects)
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


def _field_problem(path: FieldPath, value: str, slug: str) -> Problem | None:
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
        if not _URL_FORM.match(value.strip()):
            return None  # not a link field's form: the schema rule says why
        wrong = url_field_problem(value, slug)
        if wrong:
            return Problem(wrong[0], path, wrong[1])
        if value.strip().startswith("/"):
            return None  # a page of the site: its form leaves nothing to decode
        reason = link_problem(value)
        if reason:
            return Problem(reason, path, "Använd en adress som börjar med https://.")
        return None
    # Text fields are printed as text, never as a link: "Data: 340 svar" is no link.
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
