"""Render: write plain Markdown pages and data files into a staging folder.

Each renderer is a function ``(site, out) -> None`` registered with ``@renderer``; the
build calls them all. Generated Markdown depends on no engine plugin, so the same
staging folder builds with MkDocs, ProperDocs or Zensical. Anything a resident reads
comes from a Jinja2 template in ``generator/templates/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.site import SiteData


class Staging:
    """Writes files below one folder; refuses paths that leave it."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.written: list[str] = []
        # What a strict engine would refuse in a page (a link to a missing file); the
        # build stops on any of them (generator.publish.stage).
        self.problems: list[str] = []
        self._index: set[str] = set()  # `written` as a set, for `exists`
        self._indexed = 0

    def path(self, rel: str) -> Path:
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root):
            raise ValueError(f"path outside staging: {rel}")
        return target

    def exists(self, rel: str) -> bool:
        """Whether a file ``rel`` is in the staging folder (fast for files written here)."""
        if self._indexed != len(self.written):
            self._index, self._indexed = set(self.written), len(self.written)
        return rel in self._index or self.path(rel).is_file()

    def write(self, rel: str, content: str | bytes) -> Path:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        target.write_bytes(content)
        self.written.append(rel)
        return target


Renderer = Callable[[SiteData, Staging], None]
RENDERERS: dict[str, Renderer] = {}


def renderer(name: str):
    def register(fn: Renderer) -> Renderer:
        RENDERERS[name] = fn
        return fn

    return register


def render_all(site: SiteData, out: Staging) -> None:
    _load_renderers()
    for name in sorted(RENDERERS):
        RENDERERS[name](site, out)


def _load_renderers() -> None:
    """Import every module in this package so that it registers its renderers."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
