"""Giving memory back between build steps (generator/memory.py)."""

from __future__ import annotations

import gc
import os
import weakref

import pytest

from generator.infra import memory, tuning


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_between_steps_collects_cycles_only_for_a_large_site() -> None:
    gc.disable()
    try:
        a, b = _Node(), _Node()
        a.other, b.other = b, a  # a cycle: only the collector frees it
        gone = weakref.ref(a)
        del a, b
        memory.between_steps(tuning.RELEASE_FROM - 1)
        assert gone() is not None
        memory.between_steps(tuning.RELEASE_FROM)
        assert gone() is None
    finally:
        gc.enable()


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(memory._malloc_trim() is None, reason="no glibc malloc_trim here")
def test_trim_gives_freed_heap_memory_back_to_the_system() -> None:
    """About 140 MB of blocks that malloc serves (over pymalloc's 512 bytes), freed but for
    every hundredth, which keeps the heap from shrinking by itself: glibc keeps the freed
    memory until trim asks it back."""
    blocks = [bytes(2000) + i.to_bytes(4, "little") for i in range(70_000)]
    kept = blocks[::100]
    del blocks
    gc.collect()
    before = _resident_bytes()
    memory.trim()
    after = _resident_bytes()
    assert before - after > 60_000_000, (before, after)
    assert len(kept) == 700
