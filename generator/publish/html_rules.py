"""What the HTML gate refuses in a built page: the rules for one element or attribute,
whatever parsed it. Messages are Swedish; the gate adds the page and the line."""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator, Mapping

from generator.core.urls import normalise_url, url_is_safe

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
CSS_DANGER = re.compile(
    r"expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|@import|url\s*\(\s*['\"]?"
    r"\s*(?:javascript|vbscript|data):",
    re.IGNORECASE,
)
# What a <meta> element of a page may have: anything else came from text that escaped its
# attribute (`content="…" http-equiv="refresh"`).
META_ATTRIBUTES = frozenset({"name", "content", "charset", "property", "media"})
SCRIPT_MESSAGE = "<script> som inte kommer från temat"
RAW_SCRIPT_MESSAGE = "<script> i trasig HTML som inte kommer från temat"
RAW_EVENT_MESSAGE = "händelseattribut (on…=) i trasig HTML"


def site_path(page: str, src: str) -> str | None:
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


def attribute_problem(tag: str, name: str, value: str) -> str | None:
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
    if name == "style" and CSS_DANGER.search(normalise_url(value)):
        return f"<{tag}> har en farlig stilregel"
    return None


def is_config(d: Mapping[str, str | None]) -> bool:
    return d.get("id") == "__config" and d.get("type") == "application/json"


def theme_file(d: Mapping[str, str | None], allowed: set[str], page: str) -> bool:
    target = site_path(page, d.get("src") or "")
    return target is not None and target in allowed


def tag_problems(tag: str, d: Mapping[str, str | None], page: str) -> Iterator[str]:
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
        if loads and site_path(page, d.get("href") or "") is None:
            yield "<link> läser in en fil från en annan webbplats"


def allowed_paths(allowed_scripts: set[str]) -> set[str]:
    return {posixpath.normpath(a.lstrip("/")) for a in allowed_scripts}


def style_problem(css: str) -> str | None:
    """What is wrong with the text of a ``<style>`` element, or None."""
    if CSS_DANGER.search(normalise_url(css)):
        return "<style> har en farlig stilregel"
    return None
