"""Återkopplingen säger vad som ändrades tack vare dialogen.

Under `feedback:` beskriver `impact` vad invånarnas synpunkter ändrade. Om ingenting
ändrades, skriv varför. Så visar nämnden eller förvaltningen att resultatet har tagits
till vara.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context, pending_until_feedback
from generator.core.findings import Problem

ID = "feedback-impact"
PROMISE = "Återkopplingen berättar vad dialogen ändrade."
EXAMPLE = """\
feedback:
  impact: Lekplatsen flyttas närmare skolan efter synpunkter från barn."""
CHECKS_CANCELLED = False


when_not_found = pending_until_feedback


def check(ctx: Context) -> Iterator[Problem]:
    fb = ctx.d.feedback
    if fb is not None and fb.impact is None:
        yield Problem(
            "Återkopplingen säger inte vad dialogen ändrade (`feedback.impact`).",
            ("feedback",),
            "Lägg till `impact:`; om inget ändrades, förklara varför.",
        )
