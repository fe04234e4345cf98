"""The last gate before publishing: scan every built HTML page for anything executable
that did not come from the theme (scripts from content, ``on*`` attributes, dangerous URLs,
forbidden elements; the rules are in ``html_rules``).

Two independent passes over each page, so that a difference between how a parser and a
browser read broken markup cannot hide a tag:

1. a parse with Lexbor (through ``selectolax``), which follows the HTML5 parsing algorithm
   as browsers do: every element and every attribute a browser would make is checked, as
   a browser that runs scripts reads the page and, for a page with ``<noscript>``, also as
   one that does not (the content of ``<template>`` is never shown, and not checked);
2. a raw pass over the text with regular expressions: every ``<script`` and every
   ``on…=`` inside something that looks like a tag is counted, and there may be no more
   of them than the parse found.

Lexbor knows no lines: a problem is reported at the line of the matching start tag in the
text (the n-th element of a name at the n-th start tag of that name).

A script is allowed only if it is the theme's: a local file listed in ``allowed_scripts``
(site-relative paths, resolved from the page's own folder) or Material's JSON
configuration (``<script id="__config" type="application/json">``, once per page).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from generator.infra import tuning
from generator.infra.parallel import fan_out
from generator.publish.html_rules import (
    FORBIDDEN_TAGS,
    RAW_EVENT_MESSAGE,
    RAW_SCRIPT_MESSAGE,
    SCRIPT_MESSAGE,
    allowed_paths,
    attribute_problem,
    is_config,
    style_problem,
    tag_problems,
    theme_file,
)

_RAW_SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
_RAW_TAG = re.compile(r"<[A-Za-z][^<>]*>", re.S)
_RAW_EVENT = re.compile(r"[\s/\"'`]on[a-z]+\s*=", re.IGNORECASE)
# _RAW_EVENT spelt out in its four cases: a search that starts from a literal "on" is
# several times faster. The letters are what [a-z] matches when case is ignored.
_EVENT_HINTS = [
    re.compile(f"{o}{n}(?<=[\\s/\"'`]{o}{n})[a-zA-Z\u0130\u0131\u017f\u212a]+\\s*=")
    for o in "oO"
    for n in "nN"
]
_SAFE_START = ("https:", "http:", "mailto:")
_TAG_RULES = FORBIDDEN_TAGS | {"script", "meta", "link", "style"}
UNREADABLE_MESSAGE = "sidan kan inte läsas som HTML"


@dataclass(frozen=True)
class ScanProblem:
    file: str
    line: int
    message: str


class ScanError(Exception):
    """The gate refused the built site: ``problems`` are every page's problems."""

    def __init__(self, problems: list[ScanProblem]):
        super().__init__(f"{len(problems)} problem i den byggda webbplatsen")
        self.problems = problems


@dataclass
class _Reading:
    """What the parse of a page found; problems as (tag, its number among the elements with
    that name, message, the attribute it is about), since the parser knows no lines."""

    allowed: set[str]
    page: str
    problems: list[tuple[str, int, str, str]] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # elements so far, by name
    scripts: int = 0
    events: int = 0
    configs: int = 0

    def attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.events += 1
        elif name != "style" and value.startswith(_SAFE_START) and "," not in value:
            return  # a plain web or mail address (most links): nothing below can match
        found = attribute_problem(tag.lower(), name.lower(), value)
        if found:
            self._problem(tag, found, name)

    def element(self, tag: str, attrs: dict[str, str | None], node: LexborNode) -> None:
        """The rules for the element itself (script, style, forbidden tags, meta, link)."""
        if tag == "script":
            self.scripts += 1
            if "src" in attrs:
                ok = theme_file(attrs, self.allowed, self.page)
            else:
                self.configs += is_config(attrs)
                ok = is_config(attrs) and self.configs == 1
            if not ok:
                self._problem(tag, SCRIPT_MESSAGE)
        elif tag == "style":
            found = style_problem(node.text(deep=True) or "")
            if found:
                self._problem(tag, found)
        for found in tag_problems(tag, attrs, self.page):
            self._problem(tag, found)

    def _problem(self, tag: str, message: str, attribute: str = "") -> None:
        self.problems.append((tag, self.seen[tag] - 1, message, attribute))


def _read_as_browser(text: str, allowed: set[str], page: str, scripting: bool) -> _Reading:
    reading = _Reading(allowed, page)
    element, attribute, seen = reading.element, reading.attribute, reading.seen
    # The hot loop of the scan: one turn per element, kept to what every element needs.
    for node in LexborHTMLParser(text, scripting=scripting).root.traverse(include_text=False):
        tag = node.tag
        seen[tag] = seen.get(tag, 0) + 1
        attrs = node.attributes
        for name, value in attrs.items():
            # Only these can be a problem (see attribute_problem): a scheme needs a ":"
            # or an entity that makes one.
            if (value and (":" in value or "&" in value)) or name[:2] == "on" or name == "style":
                attribute(tag, name, value or "")
        if tag in _TAG_RULES:
            element(tag, attrs, node)
    return reading


def _raw_problems(text: str, reading: _Reading) -> list[tuple[int, str]]:
    """The raw pass: a ``<script`` or an ``on…=`` the parse did not account for."""
    many_scripts = len(_RAW_SCRIPT.findall(text)) > reading.scripts  # at most as many
    if not (many_scripts or any(hint.search(text) for hint in _EVENT_HINTS)):
        return []  # nearly every page: the exact count below is not needed
    blanked = _without_script_bodies(text)
    problems = []
    scripts = list(_RAW_SCRIPT.finditer(blanked))
    if len(scripts) > reading.scripts:
        # The line: the first that is not plainly one of the theme's (which the parse saw).
        unseen = next((m for m in scripts if not _theme_tag(blanked, m.end(), reading)),
                      scripts[reading.scripts])  # fmt: skip
        problems.append((blanked.count("\n", 0, unseen.start()) + 1, RAW_SCRIPT_MESSAGE))
    events, first = 0, 0
    for m in _RAW_TAG.finditer(blanked):
        found = len(_RAW_EVENT.findall(_strip_quoted_values(m.group(0))))
        if found and not first:
            first = blanked.count("\n", 0, m.start()) + 1
        events += found
    if events > reading.events:
        problems.append((first or 1, RAW_EVENT_MESSAGE))
    return problems


def _theme_tag(text: str, start: int, reading: _Reading) -> bool:
    """Whether the ``<script`` tag at ``start`` reads as the theme's: a file it allows or
    its configuration."""
    tag = text[start : text.find(">", start) + 1]
    src = re.search(r"\ssrc=\"([^\"]*)\"", tag)
    if src:
        return theme_file({"src": src.group(1)}, reading.allowed, reading.page)
    return 'id="__config"' in tag


def _strip_quoted_values(tag: str) -> str:
    """A tag with its quoted attribute values emptied (text in a title is not an attribute)."""
    return re.sub(r"=\s*(\"[^\"]*\"|'[^']*')", '=""', tag)


def _without_script_bodies(text: str) -> str:
    """The page with the contents of <script> and <style> elements blanked (JSON config,
    CSS) so that the raw pass does not count text inside them as tags."""
    return re.sub(
        r"(<\s*(script|style)\b[^>]*>)(.*?)(<\s*/\s*\2\s*>)",
        lambda m: m.group(1) + re.sub(r"[^\n]", " ", m.group(3)) + m.group(4),
        text,
        flags=re.IGNORECASE | re.S,
    )


def _start_line(text: str, tag: str, number: int, attribute: str = "") -> int:
    """The line of start tag number ``number`` (from 0) named ``tag``, or of the last one if
    there are fewer (the parser made the element itself); 1 if there is none. For a problem
    with an ``attribute``, a start tag that has it: a browser moves the attributes of a
    second ``<body>`` or ``<html>`` onto the first."""
    starts = list(re.finditer(f"<{re.escape(tag)}(?=[\\s/>]|$)", text, re.IGNORECASE))
    if not starts:
        return 1
    chosen = starts[min(number, len(starts) - 1)]
    if attribute and not _has_attribute(text, chosen.end(), attribute):
        chosen = next((m for m in starts if _has_attribute(text, m.end(), attribute)), chosen)
    return text.count("\n", 0, chosen.start()) + 1


def _has_attribute(text: str, start: int, attribute: str) -> bool:
    end = text.find(">", start)
    return attribute.lower() in text[start : end if end >= 0 else len(text)].lower()


def scan_html(text: str, allowed_scripts: set[str], page: str = "") -> list[tuple[int, str]]:
    """Every problem in one page: (line, Swedish message), by line. ``page`` is its
    site-relative path (``dialogues/x/index.html``), used to resolve the theme's script
    paths."""
    allowed = allowed_paths(allowed_scripts)
    problems: list[tuple[int, str]] = []
    # A browser that runs scripts reads <noscript> as text, one that does not as markup
    # (a <meta http-equiv> in it would act for residents without JavaScript): both readings.
    for scripting in (True, False) if "noscript" in text.lower() else (True,):
        try:
            reading = _read_as_browser(text, allowed, page, scripting)
        except (SelectolaxError, UnicodeError):
            return [(1, UNREADABLE_MESSAGE)]  # what cannot be read is not published
        for tag, n, message, attribute in reading.problems:
            found = (_start_line(text, tag, n, attribute), message)
            if found not in problems:  # a copy the parser made of an element (<a> reopened)
                problems.append(found)
        problems += [p for p in _raw_problems(text, reading) if p not in problems]
    return sorted(problems, key=lambda p: p[0])


def _scan_file(site_dir: Path, rel: str, allowed_scripts: set[str]) -> list[ScanProblem]:
    text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
    return [ScanProblem(rel, line, msg) for line, msg in scan_html(text, allowed_scripts, rel)]


PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".svg")


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative paths of the files to scan, in path order. One ``scandir`` per folder,
    whose entries know their type. Like ``os.walk``, symlinked folders are not entered;
    symlinked files count if they lead to a file."""
    found: list[str] = []
    _pages_below(os.fspath(site_dir), "", found)
    return sorted(found, key=lambda rel: rel.split("/"))  # as Path objects sort


def _pages_below(folder: str, prefix: str, found: list[str]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _pages_below(entry.path, f"{prefix}{entry.name}/", found)
            elif entry.name.endswith(PAGE_SUFFIXES) and entry.is_file():
                found.append(prefix + entry.name)


def scan_site(
    site_dir: Path, allowed_scripts: set[str], rels: list[str] | None = None
) -> list[ScanProblem]:
    """Every problem in every page (``.html``, and ``.htm``, ``.xhtml`` and ``.svg``, which
    a browser also runs as pages), by file; ``allowed_scripts`` are the theme's own files;
    ``rels`` is ``site_pages(site_dir)`` if the caller has it already. Pages are scanned
    each on its own, so a large site is shared with workers; the answer is the same."""
    rels = site_pages(site_dir) if rels is None else rels
    scan = lambda rel: _scan_file(site_dir, rel, allowed_scripts)  # noqa: E731
    found = fan_out(scan, rels, at_least=tuning.SCAN_PARALLEL_FROM)
    return [problem for page in found for problem in page]
