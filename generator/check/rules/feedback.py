"""Rules about feedback: complete, with impact, in time, and reported while running."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules import Context, rule
from generator.core.findings import Problem, Severity
from generator.core.status import Status, feedback_due


@rule("feedback-complete")
def feedback_complete(ctx: Context) -> Iterator[Problem]:
    """Återkopplingen berättar vad vi hörde, vad det blev och hur arbetet går vidare.

    När dialogen har en återkoppling (`feedback`) ska den ha tre delar: `heard` (det här
    hörde vi), `result` (resultatet) och `next_steps` (så går vi vidare). Lägg till den del
    som saknas under `feedback:`, så att de som deltog ser vad deras synpunkter ledde till.
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
    """Återkopplingen säger vad som ändrades tack vare dialogen.

    Under `feedback:` beskriver `impact` vad invånarnas synpunkter ändrade. Om ingenting
    ändrades, skriv varför. Så visar nämnden eller förvaltningen att resultatet har tagits
    till vara.
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
    """Återkopplingen kommer i tid efter att dialogen har slutat.

    Efter periodens sista dag (`period.end`) har ni ett visst antal dagar på er att
    återkoppla; antalet står i kommunens policy (Kungsbacka och Ale: 60 dagar). Saknas
    `feedback` när tiden har gått ut är det en avvikelse från policyn. Den stoppar inte
    publiceringen, men visas öppet på dialogens sida med antalet dagar som återkopplingen är
    försenad. Lägg till `feedback:` så blir avvikelsen inte större. En återkoppling som
    kom efter tidsgränsen (`feedback.date`) är också en avvikelse, med antalet dagar den kom
    för sent; den räknas i årsuppföljningen.
    """
    d = ctx.d
    due = feedback_due(d, ctx.policy.thresholds.feedback_deadline_days)
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


@rule("progress-updates", default=Severity.OFF)
def progress_updates(ctx: Context) -> Iterator[Problem]:
    """En pågående dialog berättar regelbundet hur det går.

    Medan dialogen pågår ska det komma en lägesrapport under `updates:` minst så ofta som
    policyn säger (Ale: var 30:e dag). Tiden räknas från den senaste lägesrapporten, eller
    från `period.start` om det inte finns någon. Lägg till en post med `date` och `text` som
    berättar vad som har hänt. Ett för långt uppehåll är en avvikelse som visas på dialogens
    sida.
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
