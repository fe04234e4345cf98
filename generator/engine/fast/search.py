"""Material's search indexer, reading plain HTML faster: the same index, byte for byte.

Material's search plugin splits every page's HTML into sections with ``Parser``, a
subclass of Python's ``html.parser.HTMLParser`` whose callbacks do the work. Most of the
time goes into ``HTMLParser``'s own tokenising. While ``faster_search()`` is active,
``Parser.feed`` tokenises plain HTML (what Insyn's templates and the sanitised bodies
are) with one regular expression and calls the very same callbacks with the very same
arguments ``HTMLParser`` would pass; anything else goes to ``HTMLParser`` as before.
Plain HTML: start tags with double-quoted or bare attributes, end tags without
attributes, and text; no comments, declarations, processing instructions, ``<script>``
or ``<style>``, and no ``<`` that does not start such a tag.

A table that the page marks ``<table data-search-exclude="true">`` (every dialogue's
checklist, about half its markup), with no table inside it, is not tokenised at all: the
callbacks would skip everything in it, so they are given the table's start and end tag
only.

``tests/equivalence`` compares the tokens with ``HTMLParser``'s on generated and hostile
markup, and whole sites' search indexes. Depends on Material's module-level ``Parser``
in ``material.plugins.search.plugin``; does nothing where it is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape

_SPACE = "[ \t\n\r\f]"
_TAG = re.compile(
    rf"<(?:([a-zA-Z][a-zA-Z0-9-]*)((?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*)"
    rf"{_SPACE}*(/?)|/([a-zA-Z][a-zA-Z0-9-]*))>"
)
_ATTRIBUTE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"]*)\")?")
_NOT_PLAIN = re.compile(r"<(?:!|\?|/?(?:script|style)\b)", re.IGNORECASE)
_EXCLUDED_ATTRS = [("data-search-exclude", "true")]
# Elements without an end tag: the callbacks do not open them.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "param", "source", "track", "wbr"})  # fmt: skip

Token = tuple  # ("start", tag, attrs) | ("startend", tag, attrs) | ("end", tag) | ("data", text)


def tokens(html: str) -> list[Token] | None:
    """What ``HTMLParser`` (with ``convert_charrefs``) reports for plain ``html``, in order;
    None if ``html`` is not plain."""
    if _NOT_PLAIN.search(html):
        return None
    out: list[Token] = []
    at = 0
    for m in _TAG.finditer(html):
        if m.start() > at:
            text = html[at : m.start()]
            if "<" in text:
                return None
            out.append(("data", unescape(text)))
        at = m.end()
        if m.group(4) is not None:
            out.append(("end", m.group(4).lower()))
            continue
        attrs = [
            (a.group(1).lower(), a.group(2) and unescape(a.group(2)))
            for a in _ATTRIBUTE.finditer(m.group(2))
        ]
        out.append(("startend" if m.group(3) else "start", m.group(1).lower(), attrs))
    if at < len(html):
        text = html[at:]
        if "<" in text:
            return None
        out.append(("data", unescape(text)))
    return out


def without_skipped_tables(found: list[Token]) -> list[Token]:
    """The tokens without what is inside an excluded table whose tags balance: the
    callbacks skip everything in it (data, and tags, which it opens and closes again)."""
    out: list[Token] = []
    i = 0
    while i < len(found):
        token = found[i]
        out.append(token)
        i += 1
        if token[0] == "start" and token[1] == "table" and token[2] == _EXCLUDED_ATTRS:
            end = _matching_end(found, i)
            if end is not None:
                out.append(found[end])
                i = end + 1
    return out


def _matching_end(found: list[Token], start: int) -> int | None:
    """The index of the ``</table>`` that closes the table opened before ``start``, if
    every element in between is closed where it is opened (and no table is nested)."""
    open_tags: list[str] = []
    for i in range(start, len(found)):
        kind, tag = found[i][0], found[i][1] if found[i][0] != "data" else ""
        if kind == "start":
            if tag == "table":
                return None
            if tag not in _VOID:
                open_tags.append(tag)
        elif kind == "end":
            if tag == "table" and not open_tags:
                return i
            if not open_tags or open_tags.pop() != tag:
                return None
    return None


def _dispatch(parser, found: list[Token]) -> None:
    for token in without_skipped_tables(found):
        kind = token[0]
        if kind == "data":
            parser.handle_data(token[1])
        elif kind == "start":
            parser.handle_starttag(token[1], token[2])
        elif kind == "end":
            parser.handle_endtag(token[1])
        else:  # <br/>: HTMLParser's handle_startendtag is a start and an end
            parser.handle_startendtag(token[1], token[2])


@contextmanager
def faster_search() -> Iterator[None]:
    try:
        from material.plugins.search import plugin
    except ImportError:
        yield
        return
    original = getattr(plugin, "Parser", None)
    if original is None or not hasattr(original, "handle_starttag"):
        yield
        return

    class Parser(original):  # type: ignore[misc, valid-type]
        def feed(self, data: str) -> None:
            found = tokens(data) if not self.rawdata else None
            if found is None:
                return super().feed(data)
            _dispatch(self, found)
            return None

    plugin.Parser = Parser
    try:
        yield
    finally:
        plugin.Parser = original
