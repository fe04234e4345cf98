"""The site folder: what a build may replace, and what killed builds leave beside it.

A build replaces a whole folder, so the site folder must be one that Insyn published (it
holds ``MARKER``) or an empty one: ``check_site_dir`` refuses anything else, and never
takes the content folder, the project folder or a folder above either. Temporary folders
carry their build's process id; a build removes those whose process is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from generator import __version__
from generator.core.settings import ConfigError

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
