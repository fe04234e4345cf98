"""The navigation of ``mkdocs.yml`` for the pages a site has.

The file lists the whole navigation; some pages come from writers that a site may not
have, so entries whose page is not among the outputs are left out: `follow-up/index.md`
in the nav matches an output `follow-up/index.md` or `follow-up.md`, and a section left
empty goes too. Every engine that reads ``mkdocs.yml`` gets the same navigation.
"""

from __future__ import annotations

from collections.abc import Callable


def _staged(exists: Callable[[str], bool], path: str) -> str | None:
    """The output for a nav path, accepting `x/index.md` and `x.md` for each other."""
    if "://" in path or path.startswith(("/", "#", "mailto:")):
        return path  # a link, not a page
    candidates = [path]
    if path.endswith("/index.md"):
        candidates.append(path[: -len("/index.md")] + ".md")
    elif path.endswith(".md") and path != "index.md":
        candidates.append(path[: -len(".md")] + "/index.md")
    return next((c for c in candidates if exists(c)), None)


def filter_nav(nav: list | None, exists: Callable[[str], bool]) -> list | None:
    """The nav without entries whose page is not an output (sections left empty go too)."""
    if nav is None:
        return None
    kept: list = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, list):
                children = filter_nav(value, exists)
                if children:
                    kept.append({title: children})
            elif isinstance(value, str) and (found := _staged(exists, value)):
                kept.append({title: found})
        elif isinstance(item, str) and (found := _staged(exists, item)):
            kept.append(found)
    return kept
