"""Compiled Jinja templates kept between builds (ours and the theme's).

Compiling the templates is a fixed half second of every build. Jinja can keep the
compiled code in a folder, keyed by the template's name and checked against a hash of
its source, so an edited template is compiled again. The folder is the user's cache
(``$XDG_CACHE_HOME/insyn/templates``, else ``~/.cache/insyn/templates``), never the
project: compiled code is run when loaded, and a pull request must not be able to bring
its own. ``INSYN_TEMPLATE_CACHE=0`` turns it off. A cache that cannot be read or written
is ignored: the templates are then compiled as before.
"""

from __future__ import annotations

import contextlib
import os
from functools import cache
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

ENV = "INSYN_TEMPLATE_CACHE"


class _Tolerant(FileSystemBytecodeCache):
    """A file-system cache whose failures only cost a compile."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):  # unreadable or damaged
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # read-only home, full disk
            super().dump_bytecode(bucket)


@cache
def template_cache() -> BytecodeCache | None:
    """The shared cache of compiled templates, or None when it is off or unusable."""
    if os.environ.get(ENV, "").strip().lower() in ("0", "no", "off", "false"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "insyn" / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _Tolerant(str(folder))
