"""Half the work on the second core: one forked worker process that returns bytes.

The build steps that pay for it (dialogue pages, calendar events, MkDocs' page work) split
their items in two: the worker takes every other item while this process does the rest.
Forking shares the loaded site without pickling it; only the results travel back.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from collections.abc import Callable
from functools import cache

from generator.infra import memory

_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    return hasattr(os, "fork")


@cache
def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def die_with_parent(parent: int) -> None:
    """In a forked worker: end when ``parent`` (the process that forked it) ends, so that a
    killed build leaves no worker behind. Linux delivers SIGKILL on the parent's death;
    where it cannot, the worker still ends at once if the parent died before this call."""
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


class Worker:
    """Runs ``work()`` in a forked child at once; ``result()`` waits for the bytes it
    returned, or None if it raised or died (callers then redo its part themselves or fail)."""

    def __init__(self, work: Callable[[], bytes]):
        read_fd, write_fd = os.pipe()
        memory.trim()  # the child would share the parent's free memory too
        gc.freeze()  # the child then does not copy the parent's objects to mark them
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            die_with_parent(parent)
            os.close(read_fd)
            code = 1
            try:
                data = work()
                with os.fdopen(write_fd, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)  # never run the parent's clean-up in the child
        os.close(write_fd)
        gc.unfreeze()
        self._pid, self._fd = pid, read_fd

    def result(self) -> bytes | None:
        with os.fdopen(self._fd, "rb") as inp:
            data = inp.read()
        _, status = os.waitpid(self._pid, 0)
        return data if os.waitstatus_to_exitcode(status) == 0 else None
