"""What a writer gets: the site, the plan, and a list for what a strict engine would refuse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.core.site import SiteData
from generator.render.plan import Output, Plan


@dataclass
class Writing:
    """One output being written. ``problems`` collects what a strict engine would refuse
    in it (a link to nothing): the build stops on any. ``events`` holds each dialogue's
    calendar events, serialised once for the whole site (``calendar.prepare``), and
    ``shared`` what the writers of one run (in one process) reuse, by key."""

    site: SiteData
    plan: Plan
    problems: list[str] = field(default_factory=list)
    events: dict[str, tuple[tuple[int, ...], bytes]] = field(default_factory=dict)
    shared: dict[object, object] = field(default_factory=dict)

    @property
    def urls(self) -> bool:
        """Whether the engine gives pages folder URLs (``use_directory_urls``)."""
        return self.site.config.directory_urls


Writer = Callable[[Writing, Output], bytes]
