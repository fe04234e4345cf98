"""Länkar till andra dialoger går till dialoger som finns.

En länk i brödtexten till `/dialogues/<slug>/` eller `../<slug>/`, och en länk i ett
länkfält (`url`, `report`) till `/dialogues/<slug>/`, ska peka på en dialogfil som finns
i innehållet, annars blir den en trasig länk på webbplatsen.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Iterator

from generator.check.rules.text import (
    LineIndex,
    body_link_targets,
)
from generator.core.findings import Problem
from generator.core.urls import (
    URL_KEYS,
    dialogue_of,
    normalise_url,
)
from generator.load.source import Source

ID = "dialogue-links"
SCOPE = "corpus"
EXAMPLE = """\
Läs också om [Kolla torg](/dialogues/framtidens-kolla-torg/).   <!-- en dialog som finns -->"""


_DIALOGUE_PATH = re.compile(r"^/dialogues/([^/]+)(?:/.*)?$")
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


def linked_slug(target: str, own_slug: str) -> str | None:
    """The slug a body link on ``/dialogues/<own_slug>/`` points to, or None for other links."""
    url = normalise_url(target.strip())
    if not url or _HAS_SCHEME.match(url) or url.startswith(("#", "?")):
        return None
    path = urllib.parse.unquote(url.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    base = f"/dialogues/{own_slug}/"
    resolved = posixpath.normpath(path if path.startswith("/") else base + path)
    m = _DIALOGUE_PATH.match(resolved)
    if m is None or (m.group(1) == own_slug and not path.startswith(("/", ".."))):
        return None  # a file next to the page (bilaga.pdf) is not a link to a dialogue
    return m.group(1).removesuffix(".md")


def collect(src: Source) -> list[tuple[str, str, int, int]]:
    """(slug, link target, line, column) of every link to a dialogue page, in order: the
    link fields' first (``url: /dialogues/<slug>/``), then the body's.

    The per-file half of the rule: the engine works it out where it checks the file (in a
    worker process), so that only these few links travel to ``check``.
    """
    found = []
    for path, value in _link_fields(src.data or {}, ()):
        slug = dialogue_of(value.strip())
        if slug is not None and slug != src.slug:
            line, col = src.where(path)
            found.append((slug, value.strip(), line, col))
    where = LineIndex(src.body)
    for target, offset in body_link_targets(src):
        slug = linked_slug(target, src.slug)
        if slug is not None:
            line, col = where(offset)
            found.append((slug, target, src.body_line + line - 1, col))
    return found


def _link_fields(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every link field (``url``, ``report``) that holds a site path, with its path."""
    items = value.items() if isinstance(value, dict) else enumerate(value)  # type: ignore[arg-type]
    for key, item in items:
        if isinstance(item, str):
            if key in URL_KEYS and item.lstrip().startswith("/"):
                yield (*path, key), item
        elif isinstance(item, dict | list):
            yield from _link_fields(item, (*path, key))


def check(sources: list[Source]) -> Iterator[tuple[Source, Problem]]:
    slugs = {src.slug for src in sources}
    for src in sources:
        links = src.collected.get(ID)
        for slug, target, line, col in collect(src) if links is None else links:
            if slug in slugs:
                continue
            yield src, Problem(
                f"Länken `{target[:60]}` går till dialogen `{slug}`, som inte finns.",
                line=line,
                col=col,
                hint="Kontrollera sluggen (filnamnet utan .md) eller ta bort länken.",
            )
