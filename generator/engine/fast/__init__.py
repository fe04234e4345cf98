"""Shortcuts through MkDocs' private steps, behind one switch: ``INSYN_FAST=0`` turns all
of them off, and deleting this folder leaves a correct build.

Each gives exactly MkDocs' own output (``tests/equivalence`` builds sites both ways and
compares every file): ``frames`` (pages of headings and raw HTML converted without
parsing their HTML again, and pages of one shape rendered from one theme rendering),
``workers`` (the page steps shared with a forked worker), ``search`` (Material's search
indexer fed plain HTML as tokens, without the tables it skips) and ``copies`` (staged
files hard-linked into the site). A page a shortcut declines is logged on ``insyn.fast``
(``insyn build -v`` prints it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from generator.engine.fast.copies import linked_copies
from generator.engine.fast.frames import framed_pages
from generator.engine.fast.search import faster_search
from generator.engine.fast.workers import page_steps_in_parallel


@contextmanager
def shortcuts(docs_dir: Path, *, on_disk: bool) -> Iterator[None]:
    """While active, MkDocs' page work takes every shortcut that applies. The order
    matters: the frames replace the page steps, and the workers share the replaced
    steps."""
    with ExitStack() as stack:
        if on_disk:  # outputs staged in docs_dir: linked into the site, not copied
            stack.enter_context(linked_copies(docs_dir))
        stack.enter_context(faster_search())
        stack.enter_context(framed_pages())
        stack.enter_context(page_steps_in_parallel())
        yield
