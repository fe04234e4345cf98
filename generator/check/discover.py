"""Finding and reading dialogue files: what is a dialogue, what may be read, how a path is shown.

A ``Reader`` serves one check. It asks the working folder once, resolves each folder's
real path once (a check reads thousands of files in a few folders), and shows every path
relative to the project (the folder of ``mkdocs.yml``) or else to the working folder,
however the paths were given. A file symlinked outside its content folder is not read:
publishing it could leak any file on the build machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.core.findings import Problem
from generator.load.safe_yaml import Parser, parse
from generator.load.source import (
    MAX_FILE_BYTES,
    SITE_FILES,
    Ignored,
    IsSymlink,
    SiteFile,
    Source,
    read_source,
    slug_of,
)


class Reader:
    """Paths and reads for one check (see the module docstring)."""

    def __init__(self, project: Path | None = None):
        self.cwd = os.getcwd()
        self._bases = [os.path.realpath(project)] if project is not None else []
        self._real_dirs: dict[str, str] = {}
        self._roots: dict[str, Path] = {}

    # -- paths -------------------------------------------------------------------------

    def absolute(self, name: str) -> str:
        """``os.path.abspath`` with this check's working folder."""
        return os.path.normpath(name if os.path.isabs(name) else os.path.join(self.cwd, name))

    def real_dir(self, directory: str) -> str:
        """``os.path.realpath`` of a folder, once per folder."""
        real = self._real_dirs.get(directory)
        if real is None:
            real = self._real_dirs[directory] = os.path.realpath(directory)
        return real

    def real(self, path: Path) -> str:
        """``os.path.realpath(path)``, resolving each folder only once: one lstat per file. (A
        symlink loop resolves to the path itself, and reading it then fails: a finding.)"""
        name = os.fspath(path)
        if os.path.islink(name) or (".." in name and ".." in path.parts):  # realpath knows
            return os.path.realpath(self.absolute(name))  # `..` after a symlink
        return self._real_in_folder(name)

    def _real_in_folder(self, name: str) -> str:
        """The real path of a file that is no symlink: its folder's, resolved once, and its
        name."""
        folder = self.real_dir(os.path.dirname(self.absolute(name)))
        return os.path.join(folder, os.path.basename(name))

    def display(self, real: str, path: Path) -> str:
        """``path`` relative to the project, else to the working folder, where it is inside
        (``real`` is its real path); else as given."""
        for base in (*self._bases, self.real_dir(self.cwd)):
            relative = _within(real, base)
            if relative is not None:
                return relative
        return str(path)

    def display_path(self, path: Path) -> str:
        return self.display(self.real(path), path)

    def content_root(self, path: Path) -> Path:
        """The content folder a dialogue file belongs to: the parent of its ``dialogues``
        folder (``content/dialogues/**/x.md``), else the file's own folder; symlinks not
        followed."""
        directory = os.path.dirname(self.absolute(os.fspath(path)))
        root = self._roots.get(directory)
        if root is None:
            folder = Path(directory)
            root = next((p.parent for p in (folder, *folder.parents) if p.name == "dialogues"),
                        folder)  # fmt: skip
            self._roots[directory] = root
        return root

    # -- reading -----------------------------------------------------------------------

    def read(self, path: Path, parser: Parser = parse) -> Source:
        """``read_source``, except that a file (or folder) symlinked outside the content
        folder is not read.

        Most files are no symlink: their real path is their folder's (resolved once per
        folder) and their name, and the open refuses a symlink itself (``follow=False``),
        which saves an ``lstat`` per file and leaves no moment for the file to become one."""
        root = self.content_root(path)
        real_root = self.real_dir(str(root))
        name = os.fspath(path)
        if ".." not in name:
            real = self._real_in_folder(name)
            if _within(real, real_root) is not None:
                try:
                    return read_source(path, self.display(real, path), parser=parser, follow=False)
                except IsSymlink:
                    pass  # a symlink after all: resolved below
        real = self.real(path)
        display = self.display(real, path)
        if _within(real, real_root) is None:
            src = Source(path=display, slug=slug_of(path))
            src.problems.append(
                Problem(
                    "Filen är en symbolisk länk som pekar utanför innehållsmappen.",
                    line=1,
                    hint=f"Lägg filen själv under {root.name}/ i stället för en länk dit.",
                )
            )
            return src
        return read_source(path, display, parser=parser)

    # -- finding -----------------------------------------------------------------------

    def site_files(self, content_dir: Path) -> list[SiteFile]:
        """The site's own files (``SITE_FILES``) in ``content_dir``, read for the site
        rules; one that cannot be read as text counts as empty."""
        found = []
        for name in SITE_FILES:
            path = content_dir / name
            text = None
            if path.is_file():
                try:
                    text = path.read_bytes()[:MAX_FILE_BYTES].decode("utf-8", errors="replace")
                except OSError:
                    text = ""
            found.append(SiteFile(self.display_path(path), name, text))
        return found

    def discover(self, paths: Iterable[Path]) -> tuple[list[Path], list[Ignored]]:
        """Every ``.md`` file under the given folders (sorted), plus the files given
        directly; and what under the folders looks like a dialogue but is not read (a
        folder or a pipe named ``*.md``, ``x.MD``): ``ignored-file`` reports those."""
        found: list[Path] = []
        ignored: list[Ignored] = []
        for path in paths:
            if path.is_dir():
                files, skipped = self.markdown_files(path)
                found += files
                ignored += skipped
            else:
                found.append(path)
        return found, ignored

    def markdown_files(self, folder: Path) -> tuple[list[Path], list[Ignored]]:
        """``sorted(p for p in folder.rglob("*.md") if p.is_file() or p.is_symlink())``,
        from one ``scandir`` per folder instead of a ``stat`` per file, and the entries
        ignored.

        As ``rglob``: symlinked folders are not entered, unreadable folders are skipped. A
        symlink named ``*.md`` is listed even if it dangles or leads to a folder: reading
        it becomes a finding, not silence.
        """
        found: list[tuple[tuple[str, ...], str]] = []
        ignored: list[tuple[tuple[str, ...], Ignored]] = []
        self._scan(os.fspath(folder), (), found, ignored)
        found.sort()  # by parts, as paths sort
        ignored.sort()
        return [Path(name) for _, name in found], [entry for _, entry in ignored]

    def _scan(self, folder: str, parts: tuple[str, ...], found: list, ignored: list) -> None:
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except PermissionError:
            return
        for entry in entries:
            name = entry.name
            is_dir = entry.is_dir(follow_symlinks=False)
            if name.endswith(".md") and (
                entry.is_symlink() or entry.is_file(follow_symlinks=False)
            ):
                found.append(((*parts, name), os.path.join(folder, name)))
            elif (kind := _ignored_kind(entry, name, is_dir)) is not None:
                shown = self.display_path(Path(os.path.join(folder, name)))
                ignored.append(((*parts, name), Ignored(shown, kind)))
            if is_dir:
                self._scan(os.path.join(folder, name), (*parts, name), found, ignored)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Every ``.md`` file under the given folders (sorted), plus the files given directly."""
    return Reader().discover(paths)[0]


def _ignored_kind(entry: os.DirEntry, name: str, is_dir: bool) -> str | None:
    """Why an entry that is not read looks as if it should be, or None."""
    lower = name.lower()
    if is_dir:
        return "folder" if lower.endswith((".md", ".markdown")) else None
    if not entry.is_file(follow_symlinks=False) and not entry.is_symlink():
        return "special"  # a pipe, a socket, a device: never opened (a pipe would block)
    if lower.endswith(".md"):
        return "case"
    return "markdown" if lower.endswith(".markdown") else None


def _within(real: str, folder: str) -> str | None:
    """``real`` relative to ``folder`` (both resolved), or None if it is outside."""
    if real == folder:
        return "."
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return real[len(prefix) :] if real.startswith(prefix) else None
