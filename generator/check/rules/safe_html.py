"""Texten innehåller ingen HTML och inga farliga länkar.

Skriv Markdown, inte HTML: taggar som `<script>`, `<iframe>` eller `<img onerror=…>` är
fel var de än står, i fälten eller i brödtexten. Länkar börjar med `https:`, `http:`
eller `mailto:`, eller pekar på en annan sida på webbplatsen; `javascript:`,
`vbscript:` och `data:` är fel hur de än är skrivna.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.check.rules.text import (
    ATTR_LIST_EVENT,
    AUTOLINK,
    TAG,
    LineIndex,
    body_link_targets,
    capped,
    has_tag,
    link_targets,
    mask_code,
)
from generator.core.findings import FieldPath, Problem
from generator.core.urls import (
    URL_FORM,
    URL_KEYS,
    link_problem,
    url_field_problem,
)
from generator.load.source import Source

ID = "safe-html"
SCOPE = "source"
EXAMPLE = """\
Läs mer i [samrådshandlingen](https://www.kommun.se/samrad.pdf).
**Viktigt:** mötet börjar kl. 18.

(Skriv Markdown som ovan, inte HTML-taggar; länkar börjar med https://.)"""


_URL_FORM = re.compile(URL_FORM)


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


def check(ctx: Context) -> Iterator[Problem]:
    src = ctx.source
    suspects: list[tuple[FieldPath, str]] = []
    _suspects(src.data or {}, (), suspects)
    fields = (_field_problem(path, value, src.slug) for path, value in suspects)
    yield from capped(p for p in fields if p is not None)
    yield from capped(_body_problems(src))


def _field_problem(path: FieldPath, value: str, slug: str) -> Problem | None:
    """One problem per front-matter value: HTML, a bad URL field, or a bad link in text."""
    if not (path and path[-1] in URL_KEYS) and not may_object(value):
        return None  # most values: nothing below could match
    # A tag needs < (or & to write one), an attribute list {: a link target ] or <.
    if (("<" in value or "&" in value) and has_tag(value)) or (
        "{" in value and ATTR_LIST_EVENT.search(value)
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


def _body_problems(src: Source) -> Iterator[Problem]:
    """Raw HTML (one problem per line), markup written with entities, and bad link targets.

    Line by line and with precomputed line starts: linear in the size of the body.
    """
    body, first_line = src.body, src.body_line
    if "<" in body or "{" in body or "&" in body:  # else no tag, attribute or entity
        yield from _markup_problems(mask_code(body), first_line)
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
    without_autolinks = AUTOLINK.sub(lambda m: " " * len(m.group(0)), masked)
    for number, text in enumerate(without_autolinks.split("\n"), start=first_line):
        m = TAG.search(text) or ATTR_LIST_EVENT.search(text)
        if m is not None:  # one problem per line: <b>…</b> is one mistake
            yield Problem(
                "Brödtexten innehåller HTML.",
                line=number,
                col=m.start() + 1,
                hint="Skriv Markdown i stället: **fet**, [länktext](https://…), listor med -.",
            )
        # Markup written with character references (&lt;script&gt;) shows as text in
        # Markdown, but becomes HTML again wherever the text is decoded once more.
        elif "&" in text and has_tag(text):
            yield Problem(
                "Brödtexten innehåller HTML skriven med teckenkoder (som &lt;).",
                line=number,
                col=text.index("&") + 1,
                hint="Skriv vanlig text; tecknen < och > behövs sällan i en dialogtext.",
            )
