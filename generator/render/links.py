"""Relative links between staging files, so that MkDocs checks every internal link."""

from __future__ import annotations

import posixpath

from generator.render import Staging


def source_for(out: Staging, site_path: str) -> str | None:
    """The staging file that becomes ``site_path`` (`/follow-up/`), if a renderer wrote it."""
    name = site_path.strip("/")
    candidates = ["index.md"] if not name else [f"{name}.md", f"{name}/index.md"]
    for rel in candidates:
        if out.path(rel).is_file():
            return rel
    return None


def relative(from_file: str, to_file: str) -> str:
    """Link from one staging file to another (`dialogues/a.md` → `../policy.md`)."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")


def link_to(out: Staging, from_file: str, site_path: str) -> str | None:
    target = source_for(out, site_path)
    return relative(from_file, target) if target else None
