"""The published corpus: valid dialogues with their derived status and public findings.

This is the input of the other summaries and of ``render``; it is made once per build.
"""

from __future__ import annotations

import datetime as dt

from generator.check.engine import Checked
from generator.core.accessibility import Statement
from generator.core.findings import Severity
from generator.core.policy import Policy
from generator.core.settings import SiteConfig
from generator.core.site import Entry, SiteData
from generator.core.status import derive_status


def make_site_data(
    checked: list[Checked],
    policy: Policy,
    config: SiteConfig,
    today: dt.date,
    statement: Statement | None = None,
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
    return SiteData(tuple(entries), policy, config, today, statement)
