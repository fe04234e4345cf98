"""Render the whole site: plan it, then write every output, shared with workers.

``render_site`` returns every output's bytes (or, with ``to``, writes them into that
staging folder and keeps none), and what a strict engine would refuse in them. The
outputs are written in any order and in any process (``fan_out``); the result is the
same as writing them one by one here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.site import SiteData
from generator.infra import tuning
from generator.infra.files import Folders, write_bytes
from generator.infra.parallel import fan_out
from generator.render import calendar
from generator.render.plan import Output, Plan, make_plan
from generator.render.writers import WRITERS
from generator.render.writing import Writing


@dataclass
class Rendered:
    """The written site: its plan, each output's bytes (None where written to ``folder``),
    and what a strict engine would refuse in them (the build stops on any)."""

    plan: Plan
    files: dict[str, bytes | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    folder: Path | None = None  # where outputs were written, if not kept


def render_site(
    site: SiteData,
    *,
    to: Path | None = None,
    only: Callable[[Output], bool] | None = None,
    events: dict | None = None,
) -> Rendered:
    """Every output of ``site`` (those ``only`` accepts, if given); with ``to``, written
    into that folder. ``events`` is a calendar cache kept by a caller that renders again
    (see ``calendar.prepare``)."""
    plan = make_plan(site)
    prepared = calendar.prepare(site, events)
    outputs = [o for o in plan.outputs if only is None or only(o)]
    shared: dict[object, object] = {}
    folders = Folders()

    def write(output: Output) -> tuple[bytes | None, list[str]]:
        w = Writing(site, plan, [], prepared, shared)
        data = WRITERS[output.writer](w, output)
        if to is not None:
            write_bytes(os.path.join(to, output.path), data, folders)
            return None, w.problems
        return data, w.problems

    done = fan_out(write, outputs, at_least=tuning.RENDER_PARALLEL_FROM, weight=lambda o: o.weight)
    rendered = Rendered(plan, folder=to)
    for output, (data, problems) in zip(outputs, done, strict=True):
        rendered.files[output.path] = data
        rendered.problems += problems
    return rendered
