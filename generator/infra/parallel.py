"""Work shared with forked worker processes: the one place where a build forks.

``fan_out(work, items)`` returns ``[work(item) for item in items]``, with the items split
into shares: this process does the first, a forked worker each of the others (one per
core beyond the first), and the results come back pickled through a pipe, in the items'
order. Forking shares everything loaded (the site, the policy, the engine's state)
without pickling it; only results travel. It runs in this process alone:

- below ``at_least`` items (a worker costs more than it saves), where the system cannot
  fork, or with ``INSYN_JOBS=1`` (see ``jobs()``);
- for the share of a worker that fails: that share is done again here, so that an error
  is raised, and a result made, exactly as without workers.

Shares are balanced by ``weight`` (largest first, each to the lightest share), so that a
few heavy items (the list of every dialogue) do not keep one share busy alone. Workers
end when their parent does (``die_with_parent``), so a killed build leaves none behind.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

from generator.infra import memory

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
ENV = "INSYN_JOBS"


def jobs() -> int:
    """How many processes share the work: ``INSYN_JOBS``, else one per core."""
    value = os.environ.get(ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def can_fork() -> bool:
    return hasattr(os, "fork")


def fan_out(
    work: Callable[[T], R],
    items: Sequence[T],
    *,
    at_least: int,
    weight: Callable[[T], float] | None = None,
) -> list[R]:
    """``[work(item) for item in items]``, shared with forked workers (see the module)."""
    n = min(jobs(), len(items))
    if n < 2 or len(items) < at_least or not can_fork():
        return [work(item) for item in items]
    shares = _shares(items, n, weight)
    workers = [_Worker(lambda share=share: [work(items[i]) for i in share]) for share in shares[1:]]
    results: list = [None] * len(items)
    try:
        for i in shares[0]:
            results[i] = work(items[i])
    finally:
        done = [w.result() for w in workers]
    for share, values in zip(shares[1:], done, strict=True):
        if values is None:  # the worker failed: this process does its share
            values = [work(items[i]) for i in share]
        for i, value in zip(share, values, strict=True):
            results[i] = value
    return results


def _shares(items: Sequence, n: int, weight: Callable | None) -> list[list[int]]:
    """Item indexes in ``n`` shares, each in item order. Without weights every n-th item
    (similar items come in runs); with them the heaviest first, each to the lightest."""
    if weight is None:
        return [list(range(k, len(items), n)) for k in range(n)]
    loads = [0.0] * n
    shares: list[list[int]] = [[] for _ in range(n)]
    for i in sorted(range(len(items)), key=lambda i: -weight(items[i])):
        k = loads.index(min(loads))
        shares[k].append(i)
        loads[k] += weight(items[i])
    return [sorted(share) for share in shares]


class _Worker:
    """Runs ``work()`` in a forked child at once; ``result()`` waits for what it returned,
    or None if it raised or died."""

    def __init__(self, work: Callable[[], object]):
        read_fd, write_fd = os.pipe()
        memory.trim()  # the child would share the parent's free memory too
        gc.freeze()  # the child then does not copy the parent's objects to mark them
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            die_with_parent(parent)
            gc.disable()  # short-lived, and its results are acyclic: collections only cost
            os.close(read_fd)
            code = 1
            try:
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_fd, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)  # never run the parent's clean-up in the child
        os.close(write_fd)
        gc.unfreeze()
        self._pid, self._fd = pid, read_fd

    def result(self) -> object | None:
        with os.fdopen(self._fd, "rb") as inp:
            data = inp.read()
        _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return None
        return pickle.loads(data)


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
