"""Fewer copies: MkDocs "copies" a file from the staging folder (deleted after the
build) by hard-linking it where it can; a large site stages a calendar file for every
dialogue. Files from elsewhere (the theme's assets) are copied as usual.

Depends on MkDocs 1.6's ``mkdocs.utils.copy_file``, and does nothing where it is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.infra.files import Folders


@contextmanager
def linked_copies(docs_dir: Path) -> Iterator[None]:
    import mkdocs.utils

    original = getattr(mkdocs.utils, "copy_file", None)
    if original is None:  # another engine version: it copies
        yield
        return
    root = str(docs_dir.resolve()) + os.sep
    folders = Folders()

    def copy_file(source_path: str, output_path: str) -> None:
        if not os.path.abspath(source_path).startswith(root):
            return original(source_path, output_path)
        folders.make(os.path.dirname(output_path))
        try:
            try:
                os.link(source_path, output_path)
            except FileExistsError:
                os.unlink(output_path)  # (a folder there fails: the engine's copy handles it)
                os.link(source_path, output_path)
        except OSError:  # another file system, or links not allowed: copy
            original(source_path, output_path)
        return None

    mkdocs.utils.copy_file = copy_file
    try:
        yield
    finally:
        mkdocs.utils.copy_file = original
