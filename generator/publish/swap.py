"""Swap a new site into place so that a reader (or a kill) never sees it missing.

On Linux one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically. Elsewhere
two renames are used, and ``recover`` puts the old site back if a build died between
them. The old folder is deleted last.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from pathlib import Path

from generator.publish.site_dir import temporary_dir


def swap_into_place(new: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new`` (see the module)."""
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
