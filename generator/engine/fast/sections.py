"""The sections Material's search ``Parser`` makes of a page, from its tokens, faster.

``Parser``'s callbacks keep the open elements in a list and ask, at every token, whether
one of them is skipped, is a ``<pre>``, is the current heading or a permalink: each a walk
over the list that compares elements by their tag through Python methods. ``sections``
does the same steps in one loop and answers those questions from counts of the open tags.
It follows the callbacks' rules as they are, quirks included: elements compare by tag (a
skipped ``<div>`` makes every open ``<div>`` skipped, and the first ``</div>`` ends it),
a heading starts a section only with an id, the first ``<tag>`` of a kept tag is the one
an empty element is cut back to. Where the callbacks would fail (a closing kept tag whose
opening went to the other list), ``Decline`` is raised and the caller runs the callbacks.

The sections are Material's own ``Section`` and ``Element`` objects, so the index entries
are made from them by Material's code. ``tests/equivalence/test_search.py`` compares them
with the callbacks' on generated and random markup.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

Token = tuple  # as ``search.tokens`` gives them
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class Decline(Exception):
    """The tokens take a path where the callbacks themselves would fail."""


def sections(found: list[Token], parser, plugin) -> list:
    """The ``data`` that ``parser``, a new ``Parser``, would have after the callbacks for
    ``found``. ``plugin`` is its module (``Element``, ``Section``, ``void``)."""
    Element, Section, void = plugin.Element, plugin.Section, plugin.void
    keep = frozenset(parser.keep)  # the tags the index text keeps
    always = frozenset(parser.skip)  # skipped tags that stay skipped (script, style…)
    skip: set[str] = set(always)  # tags skipped while an element of them is open
    context: list = []  # the open elements: (tag, attributes)
    counts: defaultdict[str, int] = defaultdict(int)  # open elements by tag
    skipped = 0  # open elements whose tag is skipped: the callbacks skip while any is
    permalinks = 0  # open <a class="headerlink">
    data: list = []
    section = None
    heading = ""  # the current section's tag: text goes to its title while one is open

    for token in found:
        kind = token[0]
        if kind == "data":
            if skipped:
                continue
            text = token[1]
            if not counts["pre"]:
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section = Section(Element("hx"))
                heading = "hx"
                data.append(section)
            if counts[heading]:
                if not permalinks:
                    section.title.append(escape(text, quote=False))
            elif text.isspace():
                if not section.text or not section.text[-1].isspace() or counts["pre"]:
                    section.text.append(text)
            else:
                section.text.append(escape(text, quote=False))
            continue
        tag = token[1]
        if kind == "start" or kind == "startend":
            if tag not in void:
                attrs = dict(token[2])
                context.append((tag, attrs))
                counts[tag] += 1
                if tag in skip:
                    skipped += 1
                if tag == "a" and attrs.get("class") == "headerlink":
                    permalinks += 1
                if section is None or (tag in HEADINGS and "id" in attrs):
                    section = _start(tag, attrs, len(context), section, data, Element, Section)
                    heading = section.el.tag
                if _skips(attrs):
                    if tag not in skip:
                        skip.add(tag)
                        skipped += counts[tag]
                elif tag in keep and not skipped:
                    (section.title if counts[heading] else section.text).append(f"<{tag}>")
            if kind == "start":
                continue
        # an end tag, or the end of <x/>: HTMLParser calls handle_endtag after the start
        if not context or context[-1][0] != tag:
            continue
        if section.depth > len(context):
            for earlier in reversed(data):
                if earlier.depth <= len(context):
                    section.depth = float("inf")
                    section = earlier
                    heading = section.el.tag
                    break
        _, attrs = context.pop()
        counts[tag] -= 1
        if tag == "a" and attrs.get("class") == "headerlink":
            permalinks -= 1
        if tag in skip:
            skipped -= 1
            if tag not in always:
                skip.discard(tag)
                skipped -= counts[tag]
            continue
        if tag in keep and not skipped:
            _close(section.title if counts[heading] else section.text, tag)
    return data


def _start(tag: str, attrs: dict, depth: int, section, data: list, Element, Section):
    """The current section after an element ``tag`` opens (at ``depth`` open elements)."""
    if tag in HEADINGS and "id" in attrs:
        if tag != "h1" and not data:
            data.append(Section(Element("hx"), depth))
        section = Section(Element(tag, attrs), depth)
        if data:
            section.id = attrs["id"]
        data.append(section)
    if section is None:
        section = Section(Element("hx"))
        data.append(section)
    return section


def _skips(attrs: dict) -> bool:
    """Whether the callbacks skip an element with ``attrs``: one with an attribute
    ``data-search-exclude`` (whatever its value) or ``class="linenodiv"``."""
    for key, value in attrs.items():
        if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
            return True
    return False


def _close(target: list[str], tag: str) -> None:
    """A kept element ends: cut ``target`` back to its first ``<tag>`` if only space
    follows it, otherwise close it."""
    try:
        index = target.index(f"<{tag}>")
    except ValueError:
        raise Decline from None
    if all(piece.isspace() for piece in target[index + 1 :]):
        del target[index:]
    else:
        target.append(f"</{tag}>")
