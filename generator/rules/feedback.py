"""Rules about feedback: complete, with impact, in time, and reported while running."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.rules import Context, rule
from generator.status import Status, feedback_due


@rule("feedback-complete")
def feedback_complete(ctx: Context) -> Iterator[Problem]:
    """Feedback tells what we heard, the result and how we continue.

    Once `feedback` is set it has `heard`, `result` and `next_steps`.
    """
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


@rule("feedback-impact")
def feedback_impact(ctx: Context) -> Iterator[Problem]:
    """The feedback states what changed because of the dialogue (`feedback.impact`).

    The initiating board or department makes sure the result is taken into account;
    `impact` shows residents how.
    """
    fb = ctx.d.feedback
    if fb is not None and fb.impact is None:
        yield Problem(
            "Återkopplingen säger inte vad dialogen ändrade (`feedback.impact`).",
            ("feedback",),
            "Lägg till `impact:`; om inget ändrades, förklara varför.",
        )


@rule("feedback-overdue", default=Severity.DEVIATION)
def feedback_overdue(ctx: Context) -> Iterator[Problem]:
    """Feedback is given within the policy's deadline after the dialogue ends.

    A dialogue that ended more than the policy's number of days ago (Kungsbacka and Ale:
    60) without `feedback` is a policy deviation, shown on the site with the days overdue.
    """
    d = ctx.d
    if ctx.status is not Status.FEEDBACK_OVERDUE:
        return
    due = feedback_due(d, ctx.policy.thresholds.feedback_deadline_days)
    assert due is not None
    days = (ctx.today - due).days
    yield Problem(
        f"Återkopplingen är {days} dagar försenad (skulle ha getts senast {due.isoformat()}).",
        ("period", "end"),
        "Lägg till `feedback:` med det ni hörde, resultatet och hur ni går vidare.",
        days=days,
    )


@rule("progress-updates", default=Severity.OFF)
def progress_updates(ctx: Context) -> Iterator[Problem]:
    """An ongoing dialogue reports progress at least every N days (the policy's interval).

    Counted from the latest entry in `updates`, or from `period.start` if there is none.
    """
    d = ctx.d
    if ctx.status is not Status.ONGOING or d.period is None:
        return
    last = max([u.date for u in d.updates if u.date <= ctx.today] or [d.period.start])
    silent = (ctx.today - last).days
    interval = ctx.policy.thresholds.update_interval_days
    if silent > interval:
        yield Problem(
            f"Ingen lägesrapport på {silent} dagar (policyn säger minst var {interval}:e dag).",
            ("updates",) if d.updates else ("period", "start"),
            "Lägg till en post under `updates:` med datum och vad som har hänt.",
            days=silent - interval,
        )
