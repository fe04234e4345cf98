"""Material's search indexer, reading plain HTML faster: the same index, byte for byte.

Material's search plugin splits every page's HTML into sections with ``Parser``, a
subclass of Python's ``html.parser.HTMLParser`` whose callbacks do the work. While
``faster_search()`` is active, ``Parser.feed`` tokenises plain HTML (what Insyn's
templates and the sanitised bodies are) with one regular expression into the events
``HTMLParser`` would report, and ``sections`` makes of them what the callbacks would; a
page that is not plain, or that takes a path where the callbacks would fail, goes to
``HTMLParser`` and the callbacks as before. Plain HTML: start tags with double-quoted or
bare attributes, end tags without attributes, and text; no comments, declarations,
processing instructions, ``<script>`` or ``<style>``, and no ``<`` that does not start
such a tag.

The inside of a ``<table data-search-exclude="true">`` (every dialogue's checklist, about
a third of its markup) is not tokenised where the parser would skip it whole: the page
marks nothing else as skipped, and the inside is plain, balanced, without a table or a
heading (``_skipped_whole``).

``tests/equivalence`` compares the tokens with ``HTMLParser``'s, and the sections with the
callbacks', on generated, hostile and random markup, and whole sites' search indexes.
Depends on Material's module-level ``Parser``, ``Element``, ``Section`` and ``void`` in
``material.plugins.search.plugin``; does nothing where ``Parser`` is missing, and feeds the
callbacks where the others are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from html import unescape

from generator.engine.fast.sections import HEADINGS, Decline, sections

_SPACE = "[ \t\n\r\f]"
_NAME = "[a-zA-Z][a-zA-Z0-9-]*"
_TAG = re.compile(
    rf"<(?:({_NAME})((?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*)"
    rf"{_SPACE}*(/?)|/({_NAME}))>"
)
# A run of text, a tag (as _TAG), or a "<" that starts no tag: together they cover the page.
_TOKEN = re.compile(rf"([^<]+)|{_TAG.pattern}|(<)")
_ATTRIBUTE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(=\"([^\"]*)\")?")
_NOT_PLAIN = re.compile(r"<(?:!|\?|/?(?:script|style)\b)", re.IGNORECASE)
_EXCLUDED_TABLE = '<table data-search-exclude="true">'
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
    append = out.append
    for text, tag, attributes, slash, end, _stray in _TOKEN.findall(html):
        if text:
            append(("data", unescape(text)))
        elif tag:
            attrs = [(name.lower(), unescape(value) if equals else None)
                     for name, equals, value in _ATTRIBUTE.findall(attributes)]  # fmt: skip
            append(("startend" if slash else "start", tag.lower(), attrs))
        elif end:
            append(("end", end.lower()))
        else:
            return None
    return out


def index_tokens(html: str) -> list[Token] | None:
    """The tokens the search parser is given for ``html``: ``tokens``, with the inside of
    the excluded tables that it would skip whole left out; None if ``html`` is not plain."""
    if _NOT_PLAIN.search(html):
        return None
    return tokens(without_excluded_tables(html))


def without_excluded_tables(html: str) -> str:
    """``html`` with the inside of every ``<table data-search-exclude="true">`` that the
    search parser skips whole taken out (see ``_skipped_whole``)."""
    if _EXCLUDED_TABLE not in html or not _only_tables_excluded(html):
        return html
    pieces: list[str] = []
    at = search_from = 0
    while (start := html.find(_EXCLUDED_TABLE, search_from)) >= 0:
        inside = start + len(_EXCLUDED_TABLE)
        end = html.find("</table>", inside)
        if end < 0:
            break
        if _skipped_whole(html[inside:end]):
            pieces.append(html[at:inside])
            at = end
        search_from = end
    pieces.append(html[at:])
    return "".join(pieces)


def _only_tables_excluded(html: str) -> bool:
    """Whether the excluded tables are all the page skips: then the parser's set of
    skipped tags holds only its own and ``table`` while one of them is open."""
    return html.count("data-search-exclude") == html.count(_EXCLUDED_TABLE) and (
        "linenodiv" not in html
    )


def _skipped_whole(inside: str) -> bool:
    """Whether the parser, inside an excluded table, only opens and closes elements again
    and leaves nothing behind: the inside is plain, its elements are closed in order, and
    it has no table (its end would end the skipping) and no heading (a heading starts a
    section even where text is skipped). A tag counted as void by mistake, or not, makes
    the elements unbalanced here, so the table is kept: a slower page, never another."""
    found = list(_TAG.finditer(inside))
    if inside.count("<") != len(found):
        return False  # a "<" that starts no plain tag
    open_tags: list[str] = []
    for m in found:
        tag = (m.group(1) or m.group(4)).lower()
        if tag == "table" or tag in HEADINGS:
            return False
        if m.group(4) is not None:
            if not open_tags or open_tags.pop() != tag:
                return False
        elif not m.group(3) and tag not in _VOID:
            open_tags.append(tag)
    return not open_tags


def _has_section_parts(plugin) -> bool:
    """Whether Material's module has what ``sections`` reads, as this code knows it."""
    if not all(hasattr(plugin, name) for name in ("Element", "Section", "void")):
        return False
    parser = plugin.Parser()
    return all(isinstance(getattr(parser, name, None), (set, list))
               for name in ("keep", "skip", "data")) and not parser.data  # fmt: skip


def _dispatch(parser, found: list[Token]) -> None:
    for token in found:
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
    sectioned = _has_section_parts(plugin)

    class Parser(original):  # type: ignore[misc, valid-type]
        def feed(self, data: str) -> None:
            found = index_tokens(data) if not self.rawdata and not self.data else None
            if found is None:
                return super().feed(data)
            if sectioned:
                with suppress(Decline):
                    self.data = sections(found, self, plugin)
                    return None
            _dispatch(self, found)
            return None

    plugin.Parser = Parser
    try:
        yield
    finally:
        plugin.Parser = original
