"""Återkopplingen säger vad som ändrades tack vare dialogen.

Under `feedback:` beskriver `impact` vad invånarnas synpunkter ändrade. Om ingenting
ändrades, skriv varför. Så visar nämnden eller förvaltningen att resultatet har tagits
till vara.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem
from generator.core.promise import ChecklistView, State

ID = "feedback-impact"
PROMISE = "Återkopplingen berättar vad dialogen ändrade."
EXAMPLE = """\
feedback:
  impact: Lekplatsen flyttas närmare skolan efter synpunkter från barn."""
CHECKS_CANCELLED = False


def when_not_found(view: ChecklistView) -> tuple[State, int | None]:
    """Kept once there is feedback; until then not due."""
    return (State.KEPT, None) if view.dialogue.feedback else (State.PENDING, None)


def check(ctx: Context) -> Iterator[Problem]:
    fb = ctx.d.feedback
    if fb is not None and fb.impact is None:
        yield Problem(
            "Återkopplingen säger inte vad dialogen ändrade (`feedback.impact`).",
            ("feedback",),
            "Lägg till `impact:`; om inget ändrades, förklara varför.",
        )
