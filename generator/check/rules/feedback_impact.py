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
from generator.core.status import Status

ID = "feedback-impact"
PROMISE = "Återkopplingen berättar vad dialogen ändrade."
EXAMPLE = """\
feedback:
  impact: Lekplatsen flyttas närmare skolan efter synpunkter från barn."""
CHECKS_CANCELLED = False


def when_not_found(view: ChecklistView) -> tuple[State, int | None]:
    """Kept once there is feedback; missing and late while the feedback is overdue;
    until then not due."""
    if view.dialogue.feedback:
        return State.KEPT, None
    return (State.MISSING_LATE if view.status is Status.FEEDBACK_OVERDUE else State.PENDING), None


def check(ctx: Context) -> Iterator[Problem]:
    fb = ctx.d.feedback
    if fb is not None and fb.impact is None:
        yield Problem(
            "Återkopplingen säger inte vad dialogen ändrade (`feedback.impact`).",
            ("feedback",),
            "Lägg till `impact:`; om inget ändrades, förklara varför.",
        )
