"""Which parser reads a dialogue's front matter: the fast one (``load.fast``, rapidyaml with
positions read by lines) where it is there and ``INSYN_FAST`` is on, else PyYAML's
(``safe_yaml.parse``). Both give the same data, problems and positions."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from generator.infra.switches import fast
from generator.load.safe_yaml import Parser, parse


def front_matter_parser() -> tuple[Parser, Callable[[], AbstractContextManager]]:
    """The parser, and what to wrap a batch of parses in (rapidyaml prints its errors to
    stderr, which the fast path silences once a batch)."""
    if fast():
        try:
            from generator.load.fast.ryml import parse_fast, quiet_stderr
        except ImportError:  # the fast folder was left out: PyYAML alone is just as right
            pass
        else:
            return parse_fast, quiet_stderr
    return parse, nullcontext
