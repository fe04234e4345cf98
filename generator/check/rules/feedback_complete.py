"""Återkopplingen berättar vad vi hörde, vad det blev och hur arbetet går vidare.

När dialogen har en återkoppling (`feedback`) ska den ha tre delar: `heard` (det här
hörde vi), `result` (resultatet) och `next_steps` (så går vi vidare). Lägg till den del
som saknas under `feedback:`, så att de som deltog ser vad deras synpunkter ledde till.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context, pending_until_feedback
from generator.core.findings import Problem

ID = "feedback-complete"
PROMISE = "Återkopplingen berättar vad vi hörde, resultatet och hur vi går vidare."
EXAMPLE = """\
feedback:
  date: 2026-05-20
  heard: Många vill ha fler sittplatser och mer grönska.
  result: Förslaget får fler sittplatser och en ny trädallé.
  next_steps: Gestaltningsprogrammet beslutas i september."""
CHECKS_CANCELLED = False


when_not_found = pending_until_feedback


def check(ctx: Context) -> Iterator[Problem]:
    fb = ctx.d.feedback
    if fb is None:
        return
    for key, words in (
        ("heard", "vad ni sa (Det här hörde vi)"),
        ("result", "resultatet"),
        ("next_steps", "hur arbetet går vidare"),
    ):
        if getattr(fb, key) is None:
            yield Problem(
                f"Återkopplingen saknar {words} (`feedback.{key}`).",
                ("feedback",),
                f"Lägg till `{key}:` under `feedback:`.",
            )
