"""Writing many small files with few system calls.

A build writes thousands of small files (pages, calendar files, data) into new folders.
``open`` and ``pathlib`` make six system calls for each (open, fstat, ioctl, lseek, write,
close), and ``os.makedirs`` asks about every parent folder; at this scale the calls cost
more than the bytes, above all on a virtual machine. Here a file is open, write, close,
and a folder is made once.
"""

from __future__ import annotations

import contextlib
import os

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


class Folders:
    """Folders made (or found) so far; each is made at most once."""

    def __init__(self) -> None:
        self._known: set[str] = set()

    def make(self, folder: str) -> None:
        if folder in self._known:
            return
        if os.path.dirname(folder) in self._known:
            # The parent exists: one call. (A file of that name makes the write fail.)
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder)
        else:
            os.makedirs(folder, exist_ok=True)
        self._known.add(folder)


def write_bytes(path: str, data: bytes, folders: Folders | None = None) -> None:
    """Write ``data`` to ``path`` (replacing it), making its folder first if ``folders``."""
    if folders is not None:
        folders.make(os.path.dirname(path))
    fd = os.open(path, _FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
