"""Render: write plain Markdown pages and data files into a staging folder.

Each renderer is a function ``(site, out) -> None`` registered with ``@renderer``; the
build calls them all. Generated Markdown depends on no engine plugin, so the same
staging folder builds with MkDocs, ProperDocs or Zensical. Anything a resident reads
comes from a Jinja2 template in ``generator/templates/``.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

from generator.core.site import SiteData
from generator.infra.files import Folders, write_bytes
from generator.infra.parallel import Worker, can_fork

# (files written, problems, contents of files kept in memory) of some renderer's work
Piece = tuple[list[str], list[str], dict[str, bytes]]


class Staging:
    """Writes files below one folder, or keeps them in memory; refuses paths that leave it.

    Paths are checked by their text (``..``, an absolute path), not by resolving them on
    disk, which costs a system call per folder of the path, several times per dialogue.
    That is enough because nothing in the staging folder is a symlink: it is made empty
    for each build, and files are written or copied into it, never linked.

    With ``in_memory`` the pages (``.md``) stay in ``files`` (normalised path → content):
    ``insyn build`` hands them to the engine, which reads them and never copies them
    (``generator.engine.mkdocs``; up to ``publish.IN_MEMORY_UP_TO`` dialogues). Other files are
    written to the folder, because they must reach the site anyway, and the engine
    hard-links them into it. Creating a file is what costs, not writing its bytes: on this
    project's build machine a new file or folder takes about 0.6 ms, and a large site
    stages a page per dialogue. The preview keeps all its staging on disk.
    """

    def __init__(self, root: Path, *, in_memory: bool = False):
        self.root = root.resolve()
        self.written: list[str] = []
        # What a strict engine would refuse in a page (a link to a missing file); the
        # build stops on any of them (generator.publish.swap.stage).
        self.problems: list[str] = []
        self.files: dict[str, bytes] | None = {} if in_memory else None
        self._index: set[str] = set()  # `written` as a set, for `exists`
        self._indexed = 0
        self._folders = Folders()  # made by `write`
        self._text = str(self.root)
        self._prefix = os.path.join(self._text, "")

    def path(self, rel: str) -> Path:
        return Path(self._inside(rel))

    def _inside(self, rel: str) -> str:
        inside = os.path.normpath(os.path.join(self._text, rel))
        if inside != self._text and not inside.startswith(self._prefix):
            raise ValueError(f"path outside staging: {rel}")
        return inside

    def _key(self, rel: str) -> str:
        """``rel`` as a key of ``files``: normalised, and refused if it leaves the folder."""
        return self._inside(rel)[len(self._prefix) :]

    def is_file(self, rel: str) -> bool:
        """Whether a file ``rel`` has been staged (its path is normalised once)."""
        inside = self._inside(rel)
        if self.files is not None and inside[len(self._prefix) :] in self.files:
            return True
        return os.path.isfile(inside)

    def exists(self, rel: str) -> bool:
        """Whether a file ``rel`` is in the staging folder (fast for files written here)."""
        if self._indexed != len(self.written):
            self._index, self._indexed = set(self.written), len(self.written)
        return rel in self._index or self.is_file(rel)

    def record(self, make: Callable[[], None]) -> Piece:
        """Run ``make`` (a renderer's work); what it wrote and found, in order, with the
        contents of what it kept in memory (so that a worker process can send them)."""
        written, problems = len(self.written), len(self.problems)
        make()
        names = self.written[written:]
        files = self.files
        kept = () if files is None else (k for k in map(self._key, names) if k in files)
        contents = {k: files[k] for k in kept}  # type: ignore[index]
        return names, self.problems[problems:], contents

    def add(self, piece: Piece) -> None:
        """List a ``record`` made elsewhere (in a worker process) as if made here."""
        self.written += piece[0]
        self.problems += piece[1]
        if self.files is not None:
            self.files.update(piece[2])

    def write(self, rel: str, content: str | bytes) -> None:
        if isinstance(content, str):
            # UTF-8 also in memory: a page with one curly quote is two bytes a character
            # as a str, and thousands of pages are held at once.
            content = content.encode("utf-8")
        if self.files is not None and rel.endswith(".md"):
            self.files[self._key(rel)] = content
        else:
            write_bytes(self._inside(rel), content, self._folders)
        self.written.append(rel)


Renderer = Callable[[SiteData, Staging], None]
RENDERERS: dict[str, Renderer] = {}


def renderer(name: str):
    def register(fn: Renderer) -> Renderer:
        RENDERERS[name] = fn
        return fn

    return register


# Renderers that split their own work with a worker process (one per dialogue is costly);
# ``site`` also runs last: its pages link to the other renderers' files where they exist.
SPLITS_ITSELF = ("calendar", "site")
LAST = "site"
# Dialogues from which a render step shares its work with a forked worker (here, and in
# the calendar, dialogue pages and lists); below this the worker costs more than it saves.
PARALLEL_FROM = 200


def render_all(site: SiteData, out: Staging) -> None:
    """Every renderer, in name order (``site`` last). With many dialogues the renderers
    that do not split their own work run in a forked worker meanwhile; the files, the
    list of them and the problems are the same as in one process."""
    _load_renderers()
    names = sorted(RENDERERS, key=lambda name: (name == LAST, name))
    before_last = [n for n in names if n != LAST]
    others = [n for n in before_last if n not in SPLITS_ITSELF]
    if len(site.entries) >= PARALLEL_FROM and others and can_fork():
        pieces = _with_worker(before_last, others, site, out)
        for name in before_last:
            out.add(pieces[name])
        names = [n for n in names if n == LAST]
    for name in names:
        RENDERERS[name](site, out)


def _with_worker(
    names: list[str], others: list[str], site: SiteData, out: Staging
) -> dict[str, Piece]:
    """Run ``others`` in a forked worker (it writes their files) and the rest of ``names``
    here; what each wrote and found, taken out of ``out`` for the caller to put back in
    order. A worker that fails has its renderers run again here, so that an error is
    raised as in one process."""
    written_before, problems_before = len(out.written), len(out.problems)

    def run(name: str) -> Piece:
        return out.record(lambda: RENDERERS[name](site, out))

    worker = Worker(lambda: pickle.dumps({name: run(name) for name in others}))
    pieces: dict[str, Piece] = {}
    try:
        pieces.update((name, run(name)) for name in names if name not in others)
    finally:
        data = worker.result()
    if data is None:
        pieces.update((name, run(name)) for name in others)
    else:
        pieces.update(pickle.loads(data))
    del out.written[written_before:], out.problems[problems_before:]
    return pieces


def _load_renderers() -> None:
    """Import every module in this package so that it registers its renderers."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
