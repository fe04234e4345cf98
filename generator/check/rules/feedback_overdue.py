"""Återkopplingen kommer i tid efter att dialogen har slutat.

Efter periodens sista dag (`period.end`) har ni ett visst antal dagar på er att
återkoppla; antalet står i kommunens policy (thresholds.feedback_deadline_days). Saknas
`feedback` när tiden har gått ut är det en avvikelse från policyn. Den stoppar inte
publiceringen, men visas öppet på dialogens sida med antalet dagar som återkopplingen är
försenad. Lägg till `feedback:` så blir avvikelsen inte större. En återkoppling som
kom efter tidsgränsen (`feedback.date`) är också en avvikelse, med antalet dagar den kom
för sent; den räknas i årsuppföljningen.

Vet ni att återkopplingen blir sen, förklara det: `feedback_delay:` med `reason` (varför)
och `expected` (när den kommer i stället). Förklaringen och det nya datumet visas på
dialogens sida, på startsidan och i årsuppföljningen, och där står det också om det nya
datumet passerar. Avvikelsen finns kvar tills återkopplingen är publicerad.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem, Severity
from generator.core.promise import ChecklistView, State
from generator.core.status import Status, feedback_due

ID = "feedback-overdue"
DEFAULT = Severity.DEVIATION
PROMISE = "Återkopplingen publiceras i tid efter att dialogen har slutat."
EXAMPLE = """\
feedback:                  # publicera återkopplingen inom policyns tidsgräns
  date: 2026-05-20
  heard: …
  result: …
  next_steps: …
  impact: …

feedback_delay:            # eller, om den blir sen: varför, och när den kommer
  reason: Nämndens sammanträde flyttades till september.
  expected: 2026-09-30"""
OPTIONS = {"deadline_days": 60}  # days after the last day to take part
THRESHOLDS = {"deadline_days": "feedback_deadline_days"}
CHECKS_CANCELLED = False
DEVIATION = (
    "{% if d.feedback %}Återkopplingen kom {{ days }} dagar för sent. Den publicerades "
    "{{ d.feedback.date|date }}, men enligt policyn skulle den ha publicerats senast "
    "{{ due|date }}.{% else %}Återkopplingen är {{ days }} dagar försenad. Enligt policyn "
    "skulle den ha publicerats senast {{ due|date }}.{% endif %}"
)


def when_found(view: ChecklistView) -> tuple[State, int | None]:
    """Given, but late, once there is feedback; else not kept."""
    return (State.KEPT_LATE if view.dialogue.feedback else State.NOT_KEPT), view.days


def when_not_found(view: ChecklistView) -> tuple[State, int | None]:
    fb, due = view.dialogue.feedback, view.due
    if fb and due and fb.date > due:
        return State.KEPT_LATE, (fb.date - due).days
    return (State.KEPT, None) if fb else (State.PENDING, None)


def check(ctx: Context) -> Iterator[Problem]:
    d = ctx.d
    due = feedback_due(d, ctx.policy.option(ID, "deadline_days"))
    fb = d.feedback
    # Only where the dates are in order: otherwise `dates-ordered` reports the wrong date
    # (a feedback date after today, a period that ends before it starts) and the deadline
    # computed from it means nothing.
    ordered = d.period is not None and d.period.start <= d.period.end
    if fb is not None and ordered and due and due < fb.date <= ctx.today:
        days = (fb.date - due).days
        yield Problem(
            f"Återkopplingen kom {days} dagar för sent (skulle ha getts senast "
            f"{due.isoformat()}).",
            ("feedback", "date"),
            "Det går inte att rätta i efterhand: avvikelsen visas på dialogens sida och räknas "
            "i årsuppföljningen.",
            days=days,
        )
        return
    if ctx.status is not Status.FEEDBACK_OVERDUE:
        return
    assert due is not None
    days = (ctx.today - due).days
    yield Problem(
        f"Återkopplingen är {days} dagar försenad (skulle ha getts senast {due.isoformat()}).",
        ("period", "end"),
        "Lägg till `feedback:` med det ni hörde, resultatet och hur ni går vidare.",
        days=days,
    )
