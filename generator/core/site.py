"""The published corpus: each valid dialogue as published, and the site they make up.

``summarise.corpus.make_site_data`` makes it from the check's results; the summaries and
the writers read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.core.accessibility import Statement
from generator.core.findings import Finding, Severity
from generator.core.model import Dialogue
from generator.core.policy import Policy
from generator.core.settings import SiteConfig
from generator.core.status import Status


@dataclass(frozen=True, slots=True)
class Entry:
    """One dialogue as published."""

    slug: str
    path: str
    dialogue: Dialogue
    body: str
    status: Status
    findings: tuple[Finding, ...]  # warnings and deviations (errors stop the build)

    @property
    def url(self) -> str:
        """Site-relative URL, ending in a slash (`dialogues/<slug>/`)."""
        return f"dialogues/{self.slug}/"

    @property
    def deviations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.DEVIATION)


@dataclass(frozen=True)
class SiteData:
    entries: tuple[Entry, ...]  # sorted by slug
    policy: Policy
    config: SiteConfig
    today: dt.date
    statement: Statement | None = None  # the accessibility statement, as read

    def by_slug(self) -> dict[str, Entry]:
        return {e.slug: e for e in self.entries}
