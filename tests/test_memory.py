"""Giving memory back between build steps (generator/memory.py)."""

from __future__ import annotations

import gc
import weakref

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


def test_trim_is_safe_to_call_anywhere() -> None:
    memory.trim()  # glibc's malloc_trim on Linux, nothing elsewhere
    assert memory._malloc_trim() is None or callable(memory._malloc_trim())
