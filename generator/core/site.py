"""The published corpus: valid dialogues with their derived status and public findings.

This is the input of ``summarise`` and ``render``; it is built once per build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.check.engine import Checked
from generator.core.findings import Finding, Severity
from generator.core.model import Dialogue
from generator.core.policy import Policy
from generator.core.settings import SiteConfig
from generator.core.status import Status, derive_status


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

    def by_slug(self) -> dict[str, Entry]:
        return {e.slug: e for e in self.entries}


def make_site_data(
    checked: list[Checked], policy: Policy, config: SiteConfig, today: dt.date
) -> SiteData:
    """Entries for every file whose model is valid, sorted by slug for reproducible output."""
    deadline = policy.thresholds.feedback_deadline_days
    entries = [
        Entry(
            slug=c.slug,
            path=c.path,
            dialogue=c.dialogue,
            body=c.body,
            status=derive_status(c.dialogue, today, deadline),
            findings=tuple(f for f in c.findings if f.severity is not Severity.ERROR),
        )
        for c in checked
        if c.dialogue is not None
    ]
    entries.sort(key=lambda e: e.slug)
    return SiteData(tuple(entries), policy, config, today)
