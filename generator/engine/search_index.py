"""Material's search index after a dirty build (the preview): MkDocs builds only the pages
that changed, so Material writes an index of those pages alone. ``merged`` puts their
entries in place of the same pages' entries in the index from before, in the same order
and the same JSON as Material writes, so that the index is the one a full build gives."""

from __future__ import annotations

import json
from pathlib import Path

INDEX = "search/search_index.json"


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def merged(before: bytes, partial: bytes) -> bytes:
    old, new = json.loads(before), json.loads(partial)
    fresh: dict[str, list] = {}
    for entry in new["docs"]:
        fresh.setdefault(_page(entry["location"]), []).append(entry)
    docs: list = []
    for entry in old["docs"]:
        page = _page(entry["location"])
        if page not in fresh:
            docs.append(entry)
        elif fresh[page] is not None:  # the rebuilt page's entries, where its old ones were
            docs.extend(fresh[page])
            fresh[page] = None  # type: ignore[assignment]
    docs.extend(e for entries in fresh.values() if entries for e in entries)  # a new page
    data = {"config": new["config"], "docs": docs}
    return json.dumps(data, separators=(",", ":"), default=str).encode("utf-8")


def read_index(site_dir: Path) -> bytes | None:
    path = site_dir / INDEX
    return path.read_bytes() if path.is_file() else None


def merge_into(site_dir: Path, before: bytes | None) -> None:
    """After a dirty build into ``site_dir``: the whole index again (see the module)."""
    path = site_dir / INDEX
    if before is not None and path.is_file():
        path.write_bytes(merged(before, path.read_bytes()))
