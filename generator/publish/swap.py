"""Publish: render into staging, build into a temporary folder, scan, swap into place.

The new site is built beside the site folder (same file system), scanned, and only then
swapped in with one atomic exchange (two renames where the OS lacks it, undone by
``recover`` if interrupted). Any failure before the swap leaves the published site
exactly as it was.

The swap replaces a whole folder, so the site folder must be one that Insyn published (it
holds ``MARKER``) or an empty one: ``check_site_dir`` refuses anything else, and never
takes the content folder, the project folder or a folder above either. Temporary folders
carry their build's process id; a build removes those whose process is gone (a build that
was killed).
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.core.settings import ConfigError
from generator.core.site import SiteData
from generator.engine.mkdocs import EngineError, engine_build, theme_scripts
from generator.infra import memory
from generator.publish.gate import ScanProblem, scan_site, site_pages
from generator.render import Staging, render_all

# Dialogues up to which the staged pages are kept in memory (see Staging). Above it they
# are written to the staging folder: the memory they hold, and the holes they leave in the
# heap once read, took a build of 10,000 dialogues from 895 MB to 933–969 MB at its peak
# (71 s to 64 s, one run each), too close to the 1 GB this build must stay under.
IN_MEMORY_UP_TO = 5000


MARKER = ".insyn-site"  # in every published site: what may be replaced
MARKER_TEXT = (
    f"Den här mappen är en webbplats som insyn {__version__} har byggt. Nästa `insyn build` "
    "ersätter hela mappen.\n"
)


class SiteDirError(ConfigError):
    """The site folder is not one that a build may replace (exit 2)."""


def check_site_dir(site_dir: Path, *, content: list[Path], project: Path) -> None:
    """Refuse a site folder that a build must not replace: a symlink, a file, a ``content``
    folder or the ``project`` folder or a folder above one of them, a folder inside a
    content folder, or a folder that is neither empty nor a site Insyn published. Nothing
    is touched."""
    shown = str(site_dir)
    if site_dir.is_symlink():
        raise SiteDirError(f"{shown} är en symbolisk länk; ange mappen som den pekar på.")
    if site_dir.exists() and not site_dir.is_dir():
        raise SiteDirError(f"{shown} är en fil och ingen mapp; ange en ny eller tom mapp.")
    real = site_dir.resolve()
    for folder in (*(c.resolve() for c in content), project.resolve()):
        if folder.is_relative_to(real):
            raise SiteDirError(
                f"{shown} är {folder} eller en mapp ovanför den; där kan webbplatsen inte "
                "byggas, för bygget ersätter hela mappen. Ange en egen mapp, t.ex. site."
            )
    for folder in content:
        if real.is_relative_to(folder.resolve()):
            raise SiteDirError(
                f"{shown} ligger i innehållsmappen {folder}; webbplatsen byggs i en egen mapp "
                "utanför den."
            )
    if real.is_dir() and not (real / MARKER).is_file() and any(real.iterdir()):
        raise SiteDirError(
            f"{shown} finns redan och är ingen webbplats som Insyn har byggt (filen {MARKER} "
            "saknas). Bygget ersätter hela mappen, så den används inte: ange en ny eller tom "
            "mapp, eller ta bort mappen själv om innehållet kan tas bort."
        )


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
    """Render, build, scan and swap into ``site_dir``; raise EngineError or ScanError, or
    SiteDirError for a folder that must not be replaced."""
    check_site_dir(site_dir, content=[site.config.content_dir], project=site.config.root)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    remove_leftovers(site_dir)
    # The staged pages stay in memory for most sites (see Staging); the other files are
    # staged beside the site, on its file system, and the engine links them into place.
    staging = temporary_dir(site_dir, "staging")
    new = temporary_dir(site_dir, "new")
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
        problems = scan_site(new, theme_scripts(new, site.config.site_url), files)
        if problems:
            raise ScanError(problems)
        pages = sum(1 for rel in files if rel.endswith(".html"))
        (new / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
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
    old = temporary_dir(site_dir, "old")
    os.rmdir(old)  # only the unique name is wanted
    os.rename(site_dir, old)
    try:
        os.rename(new, site_dir)
    except OSError:
        os.rename(old, site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def temporary_dir(site_dir: Path, kind: str) -> Path:
    """A new folder beside the site, named for its kind and this build's process."""
    prefix = f".{site_dir.name}-{kind}-{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))


def remove_leftovers(site_dir: Path) -> None:
    """Remove the temporary folders of builds whose process is gone (killed builds). A
    folder without a process id is from a version before they had one: gone too."""
    pattern = re.compile(rf"\.{re.escape(site_dir.name)}-(?:staging|new|old)-(?:(\d+)-)?.*")
    for path in site_dir.parent.iterdir():
        m = pattern.fullmatch(path.name)
        if m is None or path.is_symlink() or not path.is_dir():
            continue
        if m.group(1) is None or not _alive(int(m.group(1))):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


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
