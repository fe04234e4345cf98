"""The last gate before publishing: scan every built HTML page for anything executable
that did not come from the theme (scripts from content, ``on*`` attributes, dangerous URLs).

Two independent passes over each page, so that a difference between how the parser and a
browser read broken markup cannot hide a tag:

1. a parse with Lexbor (through ``selectolax``), a C parser that follows the HTML5 parsing
   algorithm as browsers do (with scripting on): every element and every attribute is
   checked;
2. a raw pass over the text with regular expressions: every ``<script`` and every
   ``on…=`` inside something that looks like a tag is counted, and there may be no more
   of them than the parse accounted for.

Lexbor gives no line numbers, so a page that is not plainly clean is scanned again the way
this scan first worked, with Python's ``html.parser`` and the same raw pass, and its
problems, with their lines, are the answer. A page goes that way when the first two passes
find anything, and also when the two parsers may read it differently: ``<!…>`` or ``<?…>``
after the doctype, a NUL or ``==``, an element whose content one of them reads as text and
the other as markup (``<textarea>``, ``<noscript>``, ``<template>``, ``<style>``, a
``<title>`` with ``<`` in it …), or more start tags of a name in the text (or more with
attributes) than Lexbor made elements. Should ``html.parser`` find nothing where Lexbor did
(for a browser ``<!-->`` is a whole comment, for ``html.parser`` it hides what follows),
Lexbor's problems are reported, at the line of the matching start tag.

Problems are rare, so nearly every page takes only the fast passes, and the answer is the
``html.parser`` scan's except where a browser sees more, or where ``html.parser`` flags
what the HTML standard, and so a browser, ignores: the second of two attributes with the
same name, or an attribute that only ``html.parser`` finds, by splitting at a non-ASCII
space.

A script is allowed only if it is the theme's: a local file listed in ``allowed_scripts``
(site-relative paths, resolved from the page's own folder) or Material's JSON
configuration (``<script id="__config" type="application/json">``, once per page).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import posixpath
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from generator.core.urls import normalise_url, url_is_safe
from generator.infra.parallel import die_with_parent

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
    "cite", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "icon", "codebase",
    "archive", "classid", "profile", "usemap", "srcset", "imagesrcset", "to", "from",
    "values", "by",
}  # fmt: skip
FORBIDDEN_TAGS = {
    "iframe", "object", "embed", "frame", "frameset", "base", "applet", "portal",
    "fencedframe",
}  # fmt: skip
_DANGER = re.compile(r"^\s*(?:javascript|vbscript|livescript|mocha):", re.IGNORECASE)
TEXT_ATTRIBUTES = {
    "title", "alt", "content", "aria-label", "aria-description", "placeholder", "value",
    "label", "summary", "name", "id", "class", "lang", "dir", "datetime",
}  # fmt: skip
_CSS_DANGER = re.compile(
    r"expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|@import|url\s*\(\s*['\"]?"
    r"\s*(?:javascript|vbscript|data):",
    re.IGNORECASE,
)
_RAW_SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
_RAW_TAG = re.compile(r"<[A-Za-z][^<>]*>", re.S)
_RAW_EVENT = re.compile(r"[\s/\"'`]on[a-z]+\s*=", re.IGNORECASE)
# What a <meta> element of a page may have: anything else came from text that escaped its
# attribute (`content="…" http-equiv="refresh"`).
META_ATTRIBUTES = frozenset({"name", "content", "charset", "property", "media"})
SCRIPT_MESSAGE = "<script> som inte kommer från temat"
RAW_SCRIPT_MESSAGE = "<script> i trasig HTML som inte kommer från temat"
RAW_EVENT_MESSAGE = "händelseattribut (on…=) i trasig HTML"


@dataclass(frozen=True)
class ScanProblem:
    file: str
    line: int
    message: str


def _site_path(page: str, src: str) -> str | None:
    """The site-relative path a local ``src`` on ``page`` points to; None if not local."""
    clean = _local(src)
    if clean is None:
        return None
    if clean.startswith("/"):
        return posixpath.normpath(clean.lstrip("/"))
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), clean))
    if page == "":  # page unknown: a relative path is taken from the site root
        while joined.startswith("../"):
            joined = joined[3:]
    return None if joined.startswith("..") else joined


@functools.lru_cache(maxsize=1024)  # every page has the same few theme paths
def _local(src: str) -> str | None:
    """``src`` decoded and without query or fragment if it is a local path, else None."""
    clean = normalise_url(src).split("#", 1)[0].split("?", 1)[0]
    if not clean or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", clean) or clean.startswith("//"):
        return None
    return None if "\\" in clean else clean


# --- the rules, shared by both parses ---------------------------------------------------------


def _attribute_problem(tag: str, name: str, value: str) -> str | None:
    """What is wrong with one attribute (Swedish), or None."""
    if name.startswith("on"):
        return f"<{tag}> har händelseattributet {name}"
    if name in {"srcset", "imagesrcset"}:
        candidates = [c.strip().split(" ")[0] for c in value.split(",")]
    else:
        candidates = [value]
    candidates = [c.strip("`'\" ") for c in candidates]  # old browsers took ` as a quote
    if name in URL_ATTRIBUTES:
        if any(c and not url_is_safe(c) for c in candidates):
            return f"<{tag} {name}> har en farlig adress"
    elif name not in TEXT_ATTRIBUTES and _DANGER.match(normalise_url(value)):
        return f"<{tag} {name}> har en farlig adress"
    if name == "style" and _CSS_DANGER.search(normalise_url(value)):
        return f"<{tag}> har en farlig stilregel"
    return None


def _is_config(d: Mapping[str, str | None]) -> bool:
    return d.get("id") == "__config" and d.get("type") == "application/json"


def _theme_file(d: Mapping[str, str | None], allowed: set[str], page: str) -> bool:
    target = _site_path(page, d.get("src") or "")
    return target is not None and target in allowed


def _tag_problems(tag: str, d: Mapping[str, str | None], page: str) -> Iterator[str]:
    """What is wrong with a start tag itself (Swedish), beyond its attributes and scripts."""
    if tag in FORBIDDEN_TAGS:
        yield f"<{tag}> är inte tillåten"
    if tag == "meta":
        # http-equiv acts like a response header (a refresh is a redirect, a
        # Content-Security-Policy can switch the site's own styles off): no page needs it,
        # so none may have it, whatever wrote it.
        if "http-equiv" in d:
            yield "<meta http-equiv> är inte tillåten (den kan leda vidare eller stänga av sidan)"
        for name in sorted(set(d) - META_ATTRIBUTES):
            yield f"<meta> har attributet {name}, som ingen mall skriver"
    if tag == "link":
        rel = (d.get("rel") or "").lower()
        loads = any(r in rel for r in ("stylesheet", "import", "preload"))
        if loads and _site_path(page, d.get("href") or "") is None:
            yield "<link> läser in en fil från en annan webbplats"


def _allowed(allowed_scripts: set[str]) -> set[str]:
    return {posixpath.normpath(a.lstrip("/")) for a in allowed_scripts}


# --- the fast passes: Lexbor and a cheap raw count ---------------------------------------------

_TAG_RULES = FORBIDDEN_TAGS | {"script", "meta", "link", "title"}
# Elements whose content html.parser reads as markup and Lexbor as text (or, for <template>,
# keeps out of the tree), or the other way round (<style> in SVG).
_READ_DIFFERENTLY = {
    "style", "textarea", "xmp", "noembed", "noframes", "noscript", "plaintext", "template",
    "iframe",
}  # fmt: skip
# A start tag as html.parser finds one (its starttagopen and tagfind_tolerant), with the
# separator before its first attribute if it has any: "a ", "br", "p/".
_START_TAG = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*(?:[\t\n\r\f /]+(?=[^\t\n\r\f />]))?)")
_SEPARATORS = "\t\n\r\f /"
_DOCTYPE = re.compile(r"\s*<!doctype[^<>]*>", re.IGNORECASE)
_DECLARATION = re.compile(r"<[!?]")  # comment, doctype, CDATA, processing instruction
# Text the two parsers read differently in a tag: Lexbor makes NUL U+FFFD, html.parser
# takes a==b for a=b.
_QUIRKS = ("\x00", "==")
# _RAW_EVENT spelt out in its four cases: a search that starts from a literal "on" is
# several times faster. The letters are what [a-z] matches when case is ignored.
_EVENT_HINTS = [
    re.compile(f"{o}{n}(?<=[\\s/\"'`]{o}{n})[a-zA-Z\u0130\u0131\u017f\u212a]+\\s*=")
    for o in "oO"
    for n in "nN"
]
_SAFE_START = ("https:", "http:", "mailto:")


@dataclass
class _Reading:
    """What Lexbor's parse of a page found; problems as (tag, its number among the elements
    with that name, message) since Lexbor knows no lines."""

    allowed: set[str]
    page: str
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    elements: list[str | None] = field(default_factory=list)  # every node's name, in order
    attributed: list[str] = field(default_factory=list)  # names of those with attributes
    scripts: int = 0
    events: int = 0
    configs: int = 0
    tags_in_text: bool = False

    def attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.events += 1
        elif name != "style" and value.startswith(_SAFE_START) and "," not in value:
            return  # a plain web or mail address (most links): nothing below can match
        found = _attribute_problem(tag.lower(), name.lower(), value)
        if found:
            self._problem(tag, found)

    def element(self, tag: str, attrs: dict[str, str | None], node: LexborNode) -> None:
        """The rules for the element itself (script, forbidden tags, meta, link)."""
        if tag == "title":  # <title> is text in HTML; html.parser would see tags in it
            self.tags_in_text |= "<" in (node.text(deep=False) or "")
        if tag == "script":
            self.scripts += 1
            if "src" in attrs:
                ok = _theme_file(attrs, self.allowed, self.page)
            else:
                self.configs += _is_config(attrs)
                ok = _is_config(attrs) and self.configs == 1
            if not ok:
                self._problem(tag, SCRIPT_MESSAGE)
        for found in _tag_problems(tag, attrs, self.page):
            self._problem(tag, found)

    def _problem(self, tag: str, message: str) -> None:
        number = self.elements.count(tag) - 1  # the current element is the last one
        self.problems.append((tag, number, message))


def _read_as_browser(text: str, allowed: set[str], page: str) -> _Reading:
    reading = _Reading(allowed, page)
    element, attribute = reading.element, reading.attribute
    named, attributed = reading.elements.append, reading.attributed.append
    # The hot loop of the scan: one turn per element, kept to what every element needs.
    for node in LexborHTMLParser(text, scripting=True).root.traverse(include_text=False):
        tag = node.tag
        named(tag)
        attrs = node.attributes
        if attrs:
            attributed(tag)
            for name, value in attrs.items():
                # Only these can be a problem (see _attribute_problem): a scheme needs a
                # ":" or an entity that makes one.
                if (
                    (value and (":" in value or "&" in value))
                    or name[:2] == "on"
                    or name == "style"
                ):
                    attribute(tag, name, value or "")
        if tag in _TAG_RULES:
            element(tag, attrs, node)
    return reading


def _raw_disagrees(text: str, reading: _Reading) -> bool:
    """Whether the raw pass counts more scripts or event attributes than Lexbor saw."""
    many_scripts = len(_RAW_SCRIPT.findall(text)) > reading.scripts  # at most as many
    events = any(hint.search(text) for hint in _EVENT_HINTS)
    if not (many_scripts or events):
        return False  # nearly every page: the exact count below is not needed
    raw_scripts, raw_events, _ = _raw_counts(_without_script_bodies(text))
    return raw_scripts > reading.scripts or raw_events > reading.events


def _parsers_may_differ(text: str, reading: _Reading) -> bool:
    """Whether html.parser may read this page differently from Lexbor (see the docstring)."""
    if reading.tags_in_text or any(quirk in text for quirk in _QUIRKS):
        return True
    doctype = _DOCTYPE.match(text)
    if _DECLARATION.search(text, doctype.end() if doctype else 0):
        return True
    made = Counter(reading.elements)
    if not made.keys().isdisjoint(_READ_DIFFERENTLY):
        return True
    # Lexbor makes some elements on its own (head, tbody …), and those have no attributes:
    # counting the start tags with attributes too keeps them from hiding a dropped one.
    attributed = Counter(reading.attributed)
    tags, with_attributes = _start_tags(text)
    return _more(tags, made) or _more(with_attributes, attributed)


def _start_tags(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """How many start tags of each name (as written) the text has, and how many of them
    have attributes."""
    tags: dict[str, int] = {}
    with_attributes: dict[str, int] = {}
    for key, n in Counter(_START_TAG.findall(text)).items():
        name = key.rstrip(_SEPARATORS)
        tags[name] = tags.get(name, 0) + n
        if name != key:
            with_attributes[name] = with_attributes.get(name, 0) + n
    return tags, with_attributes


def _more(found: dict[str, int], made: Counter[str | None]) -> bool:
    """Whether the text has more start tags of a name than Lexbor made elements of it, by
    lower-case names (html.parser lowers them all, Lexbor not SVG's clipPath)."""
    if all(n <= made[tag] for tag, n in found.items()):
        return False  # the usual case, and then by lower-case names too
    lowered = _lower(made)
    return any(n > lowered[tag] for tag, n in _lower(found).items())


def _lower(counts: Mapping[str | None, int]) -> Counter[str]:
    lowered: Counter[str] = Counter()
    for tag, n in counts.items():
        if tag and not tag.startswith("-"):  # "-comment"; a bogus comment has no name
            lowered[tag.lower()] += n
    return lowered


def _lexbor_problems(text: str, reading: _Reading) -> list[tuple[int, str]]:
    """Lexbor's problems and the raw pass's, with lines found in the text."""
    problems: list[tuple[int, str]] = []
    for tag, n, message in reading.problems:
        found = (_start_line(text, tag, n), message)
        if found not in problems:  # a copy the parser made of an element (<a> reopened)
            problems.append(found)
    blanked = _without_script_bodies(text)
    raw_scripts, raw_events, first_event = _raw_counts(blanked)
    if raw_scripts > reading.scripts:
        unseen = list(_RAW_SCRIPT.finditer(blanked))[reading.scripts]
        problems.append((blanked.count("\n", 0, unseen.start()) + 1, RAW_SCRIPT_MESSAGE))
    if raw_events > reading.events:
        problems.append((first_event or 1, RAW_EVENT_MESSAGE))
    return problems


def _start_line(text: str, tag: str, number: int) -> int:
    """The line of start tag number ``number`` (from 0) named ``tag``, or of the last one if
    there are fewer (the parser made the element itself); 1 if there is none."""
    line = 1
    starts = re.finditer(f"<{re.escape(tag)}(?=[\\s/>]|$)", text, re.IGNORECASE)
    for i, m in enumerate(starts):
        line = text.count("\n", 0, m.start()) + 1
        if i == number:
            break
    return line


# --- the html.parser passes: exact lines for a page with problems ------------------------------


class _Scanner(HTMLParser):
    def __init__(self, allowed: set[str], page: str):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.page = page
        self.problems: list[tuple[int, str]] = []
        self.scripts = 0  # <script> start tags seen by the parser
        self.script_lines: list[int] = []
        self.events = 0  # on…= attributes seen by the parser
        self.configs = 0
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            self.events += name.startswith("on")
            found = _attribute_problem(tag, name, value or "")
            if found:
                self.problems.append((line, found))
        d = dict(attrs)
        if tag == "script":
            self.scripts += 1
            self.script_lines.append(line)
            self._script(line, d)
        self.problems.extend((line, p) for p in _tag_problems(tag, d, self.page))
        self.in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style and _CSS_DANGER.search(normalise_url(data)):
            self.problems.append((self.getpos()[0], "<style> har en farlig stilregel"))

    def _script(self, line: int, d: dict[str, str | None]) -> None:
        if "src" in d:
            if not _theme_file(d, self.allowed, self.page):
                self.problems.append((line, SCRIPT_MESSAGE))
            return
        if _is_config(d):
            self.configs += 1
            if self.configs == 1:
                return
        self.problems.append((line, SCRIPT_MESSAGE))


def _raw_counts(text: str) -> tuple[int, int, int]:
    """(<script tags, on…= attributes, line of the first) by regular expressions alone."""
    scripts = len(_RAW_SCRIPT.findall(text))
    events = 0
    first = 0
    for m in _RAW_TAG.finditer(text):
        found = len(_RAW_EVENT.findall(_strip_quoted_values(m.group(0))))
        if found and not first:
            first = text.count("\n", 0, m.start()) + 1
        events += found
    return scripts, events, first


def _strip_quoted_values(tag: str) -> str:
    """A tag with its quoted attribute values emptied (text in a title is not an attribute)."""
    return re.sub(r"=\s*(\"[^\"]*\"|'[^']*')", '=""', tag)


def _html_parser_problems(text: str, allowed: set[str], page: str) -> list[tuple[int, str]]:
    """The scan as it first was: html.parser, then the raw pass against what it saw."""
    scanner = _Scanner(allowed, page)
    scanner.feed(text)
    scanner.close()
    problems = list(scanner.problems)
    blanked = _without_script_bodies(text)
    raw_scripts, raw_events, first_event = _raw_counts(blanked)
    if raw_scripts > scanner.scripts:
        parsed = Counter(scanner.script_lines)
        line = 1
        for m in _RAW_SCRIPT.finditer(blanked):  # the first one the parser did not see
            line = blanked.count("\n", 0, m.start()) + 1
            if parsed[line] == 0:
                break
            parsed[line] -= 1
        problems.append((line, RAW_SCRIPT_MESSAGE))
    if raw_events > scanner.events:
        problems.append((first_event or 1, RAW_EVENT_MESSAGE))
    return problems


def _without_script_bodies(text: str) -> str:
    """The page with the contents of <script> and <style> elements blanked (JSON config,
    CSS) so that the raw pass does not count text inside them as tags."""
    return re.sub(
        r"(<\s*(script|style)\b[^>]*>)(.*?)(<\s*/\s*\2\s*>)",
        lambda m: m.group(1) + re.sub(r"[^\n]", " ", m.group(3)) + m.group(4),
        text,
        flags=re.IGNORECASE | re.S,
    )


def scan_html(text: str, allowed_scripts: set[str], page: str = "") -> list[tuple[int, str]]:
    """Every problem in one page: (line, Swedish message). ``page`` is its site-relative
    path (``dialogues/x/index.html``), used to resolve the theme's script paths."""
    allowed = _allowed(allowed_scripts)
    try:
        reading = _read_as_browser(text, allowed, page)
    except (SelectolaxError, UnicodeError):  # Lexbor could not read it: html.parser can
        return _html_parser_problems(text, allowed, page)
    if not (
        reading.problems or _raw_disagrees(text, reading) or _parsers_may_differ(text, reading)
    ):
        return []
    return _html_parser_problems(text, allowed, page) or _lexbor_problems(text, reading)


PARALLEL_FROM = 200  # pages; below this a second process costs more than it saves
WORKERS = 2
SHARE = 16  # pages per share handed to a worker


def _scan_file(site_dir: Path, rel: str, allowed_scripts: set[str]) -> list[ScanProblem]:
    text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
    return [ScanProblem(rel, line, msg) for line, msg in scan_html(text, allowed_scripts, rel)]


def _scan_files(args: tuple[Path, list[str], set[str]]) -> list[list[ScanProblem]]:
    site_dir, rels, allowed_scripts = args
    return [_scan_file(site_dir, rel, allowed_scripts) for rel in rels]


PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".svg")


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative paths of the files to scan, in path order. One ``scandir`` per folder,
    whose entries know their type: ``os.walk`` plus ``isfile`` asked the disk again for
    every file, and four ``rglob`` calls took longer than the scan of a page. Like
    ``os.walk``, symlinked folders are not entered; symlinked files count if they lead to a
    file."""
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
    """Every problem in every ``.html`` file; ``allowed_scripts`` are the theme's own files;
    ``rels`` is ``site_pages(site_dir)`` if the caller has it already.

    Other files a browser would run as a page (``.htm``, ``.xhtml``, ``.svg``) are scanned
    the same way. Each page is scanned on its own, so a large site is shared between
    ``WORKERS`` processes; the problems are the same, in the same order (by file).
    """
    rels = site_pages(site_dir) if rels is None else rels
    if len(rels) < PARALLEL_FROM or WORKERS < 2 or not hasattr(os, "fork"):
        return [problem for rel in rels for problem in _scan_file(site_dir, rel, allowed_scripts)]
    # Small shares handed out as workers become free: a few pages (the lists of every
    # dialogue) are much larger than the rest, and fixed halves left one worker waiting.
    shares = [(site_dir, rels[i : i + SHARE], allowed_scripts) for i in range(0, len(rels), SHARE)]
    context = multiprocessing.get_context("fork")
    with context.Pool(WORKERS, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        results = pool.map(_scan_files, shares, chunksize=1)
    return [problem for found in results for page in found for problem in page]
