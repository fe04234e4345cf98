"""Convert a generated page without parsing its raw HTML again.

Generated pages (a dialogue page, a listing) are heading lines between raw HTML blocks:
the headings are Markdown so that the engine builds the table of contents; everything
else is HTML that Python-Markdown passes through unchanged. Converting such a page the
engine's way parses every raw block with Python's ``html.parser`` twice (Markdown's block
finder and MkDocs' anchor finder), which was the largest cost of building a large site.

``assemble`` gives the same result with the engine's own Markdown run only on the
headings: the title heading on its own, the other headings once per distinct sequence
(most pages share a few). The raw blocks are copied, as Python-Markdown copies them. A
page is taken only if it is certain to convert the same way (``blocks``); any other page
is left to the engine. ``tests/equivalence/`` compares both on whole generated sites, and
the build compares them on the first page of every run (``engine.fast.frames``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_HEADING = re.compile(r"#{1,6} [^\n]*[^\s#]")
_RAW_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
# Where blank lines or text are not what they look like to a block splitter (``_unsure``):
# raw text elements, comments, processing instructions; fenced code markers; what
# Markdown's whitespace normalisation would change (tabs, carriage returns, its placeholder
# bytes, lines of spaces only).
_UNSURE_TAG = re.compile(r"<(?:pre|textarea|script|style|!--|\?|!\[CDATA)", re.IGNORECASE)
_SPACES_LINE = re.compile(r"\n +\n")
_FENCES = ("```", "~~~")


def _unsure(text: str) -> bool:
    """Whether ``text`` has any of the above. Separate tests, each starting with a literal
    the regex engine can skip to: as one pattern (with ``^`` and a character set among
    the alternatives) the engine tries every position, which is much slower."""
    return (
        any(c in text for c in "\t\r\x02\x03")
        or text.startswith(_FENCES)
        or any(f"\n{fence}" in text for fence in _FENCES)
        or _SPACES_LINE.search(text) is not None
        or _UNSURE_TAG.search(text) is not None
    )

_ID = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\"")
_A_NAME = re.compile(r"<a\s[^>]*?\bname=\"([^\"]*)\"", re.IGNORECASE)


def blocks(markdown: str, block_level: set[str]) -> list[str] | None:
    """The page's blocks (heading lines and raw HTML blocks, in order), or None when the page
    has anything else or anything Markdown could read differently."""
    text = markdown.strip("\n")
    if not text or "\n\n\n" in text or _unsure(text):
        return None
    parts = text.split("\n\n")
    for part in parts:
        if part.startswith("#"):
            if not _HEADING.fullmatch(part) or "<" in part or "](" in part or "]:" in part:
                return None  # one plain heading line: no HTML, no link
            continue
        start = _RAW_START.match(part)
        if not start or start.group(1).lower() not in block_level or not part.endswith(">"):
            return None
    return parts


@dataclass
class Converted:
    """What the engine's Markdown conversion sets on a page."""

    content: str
    toc_tokens: list[dict]
    title: str | None
    anchors: set[str] = field(default_factory=set)


class Assembler:
    """Converts pages of headings and raw HTML with ``convert(markdown) -> (html, tokens,
    title)``, the engine's Markdown run on a few lines; section headings are cached."""

    def __init__(self, convert, block_level: set[str]):
        self._convert = convert
        self.block_level = block_level
        self._sections: dict[tuple[str, ...], _Headings | None] = {}

    def assemble(self, markdown: str) -> Converted | None:
        parts = blocks(markdown, self.block_level)
        if parts is None:
            return None
        heads = [p for p in parts if p.startswith("#")]
        if not parts[0].startswith("# "):
            return self._whole(parts, heads)
        first = self._headings(heads[:1])
        sections = self._section(tuple(heads[1:]))
        if first is None or sections is None:
            return None
        (title_html,), title_tokens, title = first
        section_lines, section_tokens, _ = sections
        if len(title_tokens) != 1 or _ids(title_tokens) & _ids(section_tokens):
            return self._whole(parts, heads)  # the engine would number a repeated id
        (token,) = title_tokens
        tokens = [{**token, "children": _copy(section_tokens)}]
        return _joined(parts, [title_html, *section_lines], tokens, title)

    def _headings(self, heads: Sequence[str]) -> _Headings | None:
        """The engine's conversion of heading lines: one line of HTML each, their table of
        contents and the title it found; None if a heading did not become one line."""
        if not heads:
            return [], [], None
        html_text, tokens, title = self._convert("\n\n".join(heads))
        lines = html_text.split("\n")
        return (lines, tokens, title) if len(lines) == len(heads) else None

    def _section(self, heads: tuple[str, ...]) -> _Headings | None:
        if heads not in self._sections:
            self._sections[heads] = self._headings(heads)
        return self._sections[heads]

    def _whole(self, parts: list[str], heads: list[str]) -> Converted | None:
        """All headings in one conversion (no title heading first, or repeated ids)."""
        converted = self._headings(heads)
        if converted is None:
            return None
        lines, tokens, title = converted
        if not parts[0].startswith("#"):
            title = None  # the engine takes the title only from a first-block heading
        return _joined(parts, lines, tokens, title)


_Headings = tuple[list[str], list[dict], str | None]


def _joined(parts: list[str], heading_html: list[str], tokens, title) -> Converted:
    """Python-Markdown's output: a heading ends with one line break, a raw block is followed
    by a blank line, and the end is trimmed."""
    heading = iter(heading_html)
    out, raw_anchors = [], set()
    for part in parts:
        if part.startswith("#"):
            out.append(next(heading) + "\n")
        else:
            out.append(part + "\n\n")
            raw_anchors.update(_raw_anchors(part))
    return Converted("".join(out).rstrip("\n"), tokens, title, _ids(tokens) | raw_anchors)


def _raw_anchors(block: str) -> set[str]:
    """Anchor ids in a raw block, as MkDocs collects them: every ``id`` and ``<a name>``."""
    found = _ID.findall(block) + _A_NAME.findall(block)
    return {html.unescape(value) for value in found}


def _ids(tokens: list[dict]) -> set[str]:
    found: set[str] = set()
    for token in tokens:
        found.add(token["id"])
        found |= _ids(token["children"])
    return found


def _copy(tokens: list[dict]) -> list[dict]:
    return [{**t, "children": _copy(t["children"])} for t in tokens]
