"""Publish: render into staging, build into a temporary folder, scan, swap into place.

The new site is built beside the site folder (same file system), scanned, and only then
swapped in with one atomic exchange (two renames where the OS lacks it, undone by
``recover`` if interrupted). Any failure before the swap leaves the published site
exactly as it was.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import memory
from generator.build import EngineError, engine_build, theme_scripts
from generator.render import Staging, render_all
from generator.scan import ScanProblem, scan_site, site_pages
from generator.site import SiteData

# Dialogues up to which the staged pages are kept in memory (see Staging). Above it they
# are written to the staging folder: the memory they hold, and the holes they leave in the
# heap once read, took a build of 10,000 dialogues from 895 MB to 933–969 MB at its peak
# (71 s to 64 s, one run each), too close to the 1 GB this build must stay under.
IN_MEMORY_UP_TO = 5000


class ScanError(Exception):
    def __init__(self, problems: list[ScanProblem]):
        super().__init__(f"{len(problems)} problem i den byggda webbplatsen")
        self.problems = problems


@dataclass(frozen=True)
class Published:
    site_dir: Path
    pages: int  # HTML pages in the published site


def stage(site: SiteData, staging_dir: Path, *, in_memory: bool = False) -> Staging:
    """Run every renderer into ``staging_dir`` (or into memory, see ``Staging``); raise
    EngineError for what a strict engine would refuse in a page (links in raw HTML, which
    the engine does not check)."""
    out = Staging(staging_dir, in_memory=in_memory)
    render_all(site, out)
    if out.problems:
        raise EngineError(out.problems)
    return out


def publish(site: SiteData, *, config_file: Path, site_dir: Path, site_name: str) -> Published:
    """Render, build, scan and swap into ``site_dir``; raise EngineError or ScanError."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    # The staged pages stay in memory for most sites (see Staging); the other files are
    # staged beside the site, on its file system, and the engine links them into place.
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-staging-", dir=site_dir.parent))
    new = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        in_memory = len(site.entries) <= IN_MEMORY_UP_TO
        staged = stage(site, staging, in_memory=in_memory).files
        memory.between_steps(len(site.entries))  # before the engine forks its workers
        engine_build(
            config_file, staging, new, today=site.today, site_name=site_name, link_files=True,
            staged=staged,  # taken over (emptied) by the build; None if staged on disk
        )  # fmt: skip
        del staged
        memory.between_steps(len(site.entries))  # MkDocs' pages, before the scan forks
        files = site_pages(new)
        problems = scan_site(new, theme_scripts(new), files)
        if problems:
            raise ScanError(problems)
        pages = sum(1 for rel in files if rel.endswith(".html"))
        os.chmod(new, 0o755)  # mkdtemp makes it private; a web server must read it
        swap_into_place(new, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return Published(site_dir, pages)


def swap_into_place(new: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new`` so that a reader (or a kill) never sees it missing.

    On Linux one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically. Elsewhere
    two renames are used, and ``recover`` puts the old site back if a build died between
    them. The old folder is deleted last.
    """
    if not site_dir.exists():
        os.rename(new, site_dir)
        return
    if _exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    os.rmdir(old)  # only the unique name is wanted
    os.rename(site_dir, old)
    try:
        os.rename(new, site_dir)
    except OSError:
        os.rename(old, site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Undo a two-rename swap that was interrupted: bring the old site back if it is gone."""
    if site_dir.exists():
        return
    leftovers = sorted(
        site_dir.parent.glob(f".{site_dir.name}-old-*"), key=lambda p: p.stat().st_mtime
    )
    if leftovers:
        os.rename(leftovers[-1], site_dir)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with Linux's renameat2; False where unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # glibc before 2.28, or another libc
        return False
    c_int, c_str = ctypes.c_int, ctypes.c_char_p
    renameat2.argtypes = [c_int, c_str, c_int, c_str, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0  # on EINVAL/ENOSYS (a file system without it) fall back
