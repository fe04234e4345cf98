"""Give memory that a build step no longer uses back to the system before the next one.

A build holds large things for one step at a time (the staged pages, MkDocs' pages with
their HTML). Python frees them, but glibc keeps freed heap memory for later, so the
process stays as large as at its peak, and every worker forked afterwards shares all of
it (and the benchmark's memory figure counts it). ``between_steps()`` collects cyclic garbage
(MkDocs' pages and files refer to each other) and asks glibc to return free memory with
``malloc_trim``; with another C library it only collects (``benchmarks/README.md`` has
what it gives back).
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable
from functools import cache

from generator.infra import tuning


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def between_steps(dialogues: int) -> None:
    """Collect cyclic garbage, then ``trim``: between the build's steps of a large site."""
    if dialogues >= tuning.RELEASE_FROM:
        gc.collect()
        trim()


def trim() -> None:
    """Return free heap memory to the system: before forking a worker, which would
    otherwise share (and be counted with) all of it."""
    malloc_trim = _malloc_trim()
    if malloc_trim is not None:
        malloc_trim(0)
