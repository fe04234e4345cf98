"""The last gate before publishing: scan every built HTML page for anything executable
that did not come from the theme (scripts from content, ``on*`` attributes, dangerous URLs).

Two independent passes over each page, so that a difference between how Python's
``html.parser`` and a browser read broken markup cannot hide a tag:

1. a parse with ``html.parser``: every start tag and every attribute is checked;
2. a raw pass over the text with regular expressions: every ``<script`` and every
   ``on…=`` inside something that looks like a tag is counted, and there may be no more
   of them than the parse accounted for.

A script is allowed only if it is the theme's: a local file listed in ``allowed_scripts``
(site-relative paths, resolved from the page's own folder) or Material's JSON
configuration (``<script id="__config" type="application/json">``, once per page).
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.rules.safety import normalise_url, url_is_safe

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
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?\s*(\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class ScanProblem:
    file: str
    line: int
    message: str


def _site_path(page: str, src: str) -> str | None:
    """The site-relative path a local ``src`` on ``page`` points to; None if not local."""
    clean = normalise_url(src).split("#", 1)[0].split("?", 1)[0]
    if not clean or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", clean) or clean.startswith("//"):
        return None
    if "\\" in clean:
        return None
    if clean.startswith("/"):
        return posixpath.normpath(clean.lstrip("/"))
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), clean))
    if page == "":  # page unknown: a relative path is taken from the site root
        while joined.startswith("../"):
            joined = joined[3:]
    return None if joined.startswith("..") else joined


class _Scanner(HTMLParser):
    def __init__(self, allowed_scripts: set[str], page: str):
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = {posixpath.normpath(a.lstrip("/")) for a in allowed_scripts}
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
            self._attribute(line, tag, name, value or "")
        if tag == "script":
            self.scripts += 1
            self.script_lines.append(line)
            self._script(line, attrs)
        if tag in FORBIDDEN_TAGS:
            self.problems.append((line, f"<{tag}> är inte tillåten"))
        if tag == "meta":
            d = dict(attrs)
            if (d.get("http-equiv") or "").lower() == "refresh":
                m = _REFRESH_URL.search(d.get("content") or "")
                if m and not url_is_safe(m.group(1)):
                    self.problems.append((line, "<meta refresh> leder till en farlig adress"))

        if tag == "link":
            d = dict(attrs)
            rel = (d.get("rel") or "").lower()
            target = _site_path(self.page, d.get("href") or "")
            if target is None and any(r in rel for r in ("stylesheet", "import", "preload")):
                self.problems.append((line, "<link> läser in en fil från en annan webbplats"))
        self.in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style and _CSS_DANGER.search(normalise_url(data)):
            self.problems.append((self.getpos()[0], "<style> har en farlig stilregel"))

    def _attribute(self, line: int, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.events += 1
            self.problems.append((line, f"<{tag}> har händelseattributet {name}"))
            return
        if name in {"srcset", "imagesrcset"}:
            candidates = [c.strip().split(" ")[0] for c in value.split(",")]
        else:
            candidates = [value]
        candidates = [c.strip("`'\" ") for c in candidates]  # old browsers took ` as a quote
        if name in URL_ATTRIBUTES:
            if any(c and not url_is_safe(c) for c in candidates):
                self.problems.append((line, f"<{tag} {name}> har en farlig adress"))
                return
        elif name not in TEXT_ATTRIBUTES and _DANGER.match(normalise_url(value)):
            self.problems.append((line, f"<{tag} {name}> har en farlig adress"))
            return
        if name == "style" and _CSS_DANGER.search(normalise_url(value)):
            self.problems.append((line, f"<{tag}> har en farlig stilregel"))

    def _script(self, line: int, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        if "src" in d:
            target = _site_path(self.page, d.get("src") or "")
            if target is None or target not in self.allowed_scripts:
                self.problems.append((line, "<script> som inte kommer från temat"))
            return
        if d.get("id") == "__config" and d.get("type") == "application/json":
            self.configs += 1
            if self.configs == 1:
                return
        self.problems.append((line, "<script> som inte kommer från temat"))


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


def scan_html(text: str, allowed_scripts: set[str], page: str = "") -> list[tuple[int, str]]:
    """Every problem in one page: (line, Swedish message). ``page`` is its site-relative
    path (``dialogues/x/index.html``), used to resolve the theme's script paths."""
    scanner = _Scanner(allowed_scripts, page)
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
        problems.append((line, "<script> i trasig HTML som inte kommer från temat"))
    if raw_events > scanner.events:
        problems.append((first_event or 1, "händelseattribut (on…=) i trasig HTML"))
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


PARALLEL_FROM = 200  # pages; below this a second process costs more than it saves
WORKERS = 2


def _scan_file(site_dir: Path, rel: str, allowed_scripts: set[str]) -> list[ScanProblem]:
    text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
    return [ScanProblem(rel, line, msg) for line, msg in scan_html(text, allowed_scripts, rel)]


def _scan_files(args: tuple[Path, list[str], set[str]]) -> list[list[ScanProblem]]:
    site_dir, rels, allowed_scripts = args
    return [_scan_file(site_dir, rel, allowed_scripts) for rel in rels]


def scan_site(site_dir: Path, allowed_scripts: set[str]) -> list[ScanProblem]:
    """Every problem in every ``.html`` file; ``allowed_scripts`` are the theme's own files.

    Other files a browser would run as a page (``.htm``, ``.xhtml``, ``.svg``) are scanned
    the same way. Each page is scanned on its own, so a large site is shared between
    ``WORKERS`` processes; the problems are the same, in the same order (by file).
    """
    pages = [p for ext in ("html", "htm", "xhtml", "svg") for p in site_dir.rglob(f"*.{ext}")]
    rels = [p.relative_to(site_dir).as_posix() for p in sorted(pages) if p.is_file()]
    if len(rels) < PARALLEL_FROM or WORKERS < 2 or not hasattr(os, "fork"):
        return [problem for rel in rels for problem in _scan_file(site_dir, rel, allowed_scripts)]
    shares = [(site_dir, rels[i::WORKERS], allowed_scripts) for i in range(WORKERS)]
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        results = pool.map(_scan_files, shares)
    by_file = {
        rel: found for (_, share, _), found in zip(shares, results, strict=True)
        for rel, found in zip(share, found, strict=True)
    }  # fmt: skip
    return [problem for rel in rels for problem in by_file[rel]]
