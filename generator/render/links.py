"""Links between the site's files, as the engine will give them URLs.

Raw HTML links are not checked by the engine, so a writer links only to outputs that the
plan has (``checked_href``); Markdown links to ``.md`` files are checked by the engine.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from generator.render.plan import Plan


def relative(from_file: str, to_file: str) -> str:
    """Link from one staging file to another (`dialogues/a.md` → `../policy.md`)."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")


def link_to(plan: Plan, from_file: str, site_path: str) -> str | None:
    """A Markdown link from a page to the output that becomes ``site_path``, if any."""
    target = plan.source_for(site_path)
    return relative(from_file, target) if target else None


def url_of(rel: str, directory_urls: bool = True) -> str:
    """The site URL of a staging file, as MkDocs gives it (`dialogues/a.md` → `dialogues/a/`,
    `dialogues/index.md` → `dialogues/`, `index.md` → `./`; other files keep their path)."""
    if rel.endswith(".md"):
        stem = rel[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            folder = stem[: -len("index")]
            return (folder or "./") if directory_urls else f"{folder}index.html"
        return f"{stem}/" if directory_urls else f"{stem}.html"
    return rel


def href(from_file: str, to_file: str, directory_urls: bool = True) -> str:
    """A relative URL from one staging page to another file, as MkDocs writes a Markdown link
    to it; for links in raw HTML, which MkDocs leaves as written."""
    target = url_of(to_file, directory_urls)
    page = url_of(from_file, directory_urls)
    head, tail = posixpath.split(page)
    base = head if "." in tail else page
    rel = posixpath.relpath("/" + target, "/" + base)
    return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel


def checked_href(plan: Plan, from_file: str, to_file: str, directory_urls: bool = True) -> str:
    """``href`` to an output of the plan (raw HTML links are not checked by the engine)."""
    if not plan.has(to_file):
        raise ValueError(f"{from_file}: länk till {to_file}, som inte finns")
    return href(from_file, to_file, directory_urls)


def dialogue_links(from_file: str, directory_urls: bool = True) -> Callable[[str], str]:
    """``link(slug)``: the URL of a dialogue's page from a page, that is ``href(from_file,
    f"dialogues/{slug}.md", directory_urls)``, with the relative part worked out once: a
    list page links to thousands of dialogues. (A slug is one path segment, so only the
    folder's part depends on the page.) Every entry has a page in the plan."""
    if from_file.startswith("dialogues/") and from_file != "dialogues/index.md":
        return lambda slug: href(from_file, f"dialogues/{slug}.md", directory_urls)
    index = href(from_file, "dialogues/index.md", directory_urls)  # `…/dialogues/[index.html]`
    prefix = index.rpartition("/")[0] + "/" if "/" in index else ""
    prefix = "" if prefix == "./" else prefix
    if directory_urls:
        return lambda slug: f"{prefix}{slug}/"
    return lambda slug: f"{prefix}{slug}.html"
