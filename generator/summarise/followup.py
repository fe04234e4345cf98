"""Yearly follow-up: which dialogues were held in a year, and how they went. Pure, no I/O.

A dialogue belongs to year Y when its period overlaps Y (a dialogue from December to
January belongs to both years). A cancelled dialogue without a period belongs to the year
it was cancelled. Cancelled dialogues are listed apart and never counted as held; a
dialogue whose period has not started yet (as of ``today``) is listed as planned, not held.

Every figure is computed as of ``today`` (the build date): status is derived again from
the dates, and the deviations are the findings of the check run for the same date.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from generator.core.findings import Finding, Severity
from generator.core.model import Dialogue
from generator.core.status import Status, derive_status, feedback_due

HELD = frozenset({Status.COMPLETED, Status.ONGOING, Status.AWAITING_FEEDBACK,
                  Status.FEEDBACK_OVERDUE})  # fmt: skip
ENDED = frozenset({Status.COMPLETED, Status.AWAITING_FEEDBACK, Status.FEEDBACK_OVERDUE})


_SWEDISH = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_key(text: str) -> str:
    """Sort key in Swedish alphabetical order (… x y z å ä ö), ignoring case."""
    return text.casefold().translate(_SWEDISH)


class EntryLike(Protocol):
    """What the summaries read of a published entry (``generator.core.site.Entry``)."""

    @property
    def slug(self) -> str: ...
    @property
    def dialogue(self) -> Dialogue: ...
    @property
    def findings(self) -> tuple[Finding, ...]: ...


@dataclass(frozen=True, slots=True)
class Item:
    """One dialogue in a year, with its status as of ``today``."""

    entry: EntryLike
    status: Status
    # Days past the feedback deadline: still missing (feedback-overdue), or given late
    # (completed, with ``feedback.date`` after the deadline). None when in time.
    days_overdue: int | None = None

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def dialogue(self) -> Dialogue:
        return self.entry.dialogue


@dataclass(frozen=True, slots=True)
class Deviation:
    slug: str
    rule: str
    days: int | None


@dataclass(frozen=True)
class YearFollowUp:
    year: int
    as_of: dt.date
    held: tuple[Item, ...]  # sorted by period start, then slug
    planned: tuple[Item, ...]
    cancelled: tuple[Item, ...]
    counts: dict[str, int]  # status value → number among held dialogues
    participants: int
    feedback_rate: float | None
    median_days_to_feedback: float | None
    by_board: dict[str, int]
    by_department: dict[str, int]
    by_ladder: dict[str, int]
    by_stage: dict[str, int]
    by_channel: dict[str, int]
    by_method: dict[str, int]
    by_initiator: dict[str, int]
    special_consideration_groups: dict[str, int]
    deviations: tuple[Deviation, ...]
    milestones: dict[str, int] = field(default_factory=dict)  # state → steps of implementation

    @property
    def overdue(self) -> tuple[Item, ...]:
        """Ended dialogues whose feedback is still missing past the deadline."""
        return tuple(i for i in self.held if i.status is Status.FEEDBACK_OVERDUE)

    @property
    def late(self) -> tuple[Item, ...]:
        """Dialogues whose feedback was given, but after the deadline."""
        return tuple(
            i for i in self.held if i.status is Status.COMPLETED and i.days_overdue is not None
        )

    def as_json(self) -> dict:
        """The figures as published in ``data/follow-up/<year>.json`` (keys sorted)."""
        return {
            "as_of": self.as_of.isoformat(),
            "awaiting_feedback": self.counts[Status.AWAITING_FEEDBACK.value],
            "by_board": self.by_board,
            "by_channel": self.by_channel,
            "by_department": self.by_department,
            "by_initiator": self.by_initiator,
            "by_ladder": self.by_ladder,
            "by_method": self.by_method,
            "by_stage": self.by_stage,
            "cancelled": len(self.cancelled),
            "cancelled_dialogues": [i.slug for i in self.cancelled],
            "completed": self.counts[Status.COMPLETED.value],
            "deviations": [
                {"days": d.days, "rule": d.rule, "slug": d.slug} for d in self.deviations
            ],
            "dialogues": len(self.held),
            "feedback_overdue": self.counts[Status.FEEDBACK_OVERDUE.value],
            "feedback_rate": self.feedback_rate,
            "held_dialogues": [
                {"slug": i.slug, "status": i.status.value} for i in self.held
            ],
            "median_days_to_feedback": self.median_days_to_feedback,
            "milestones": self.milestones,
            "ongoing": self.counts[Status.ONGOING.value],
            "participants": self.participants,
            "planned": len(self.planned),
            "planned_dialogues": [i.slug for i in self.planned],
            "special_consideration_groups": self.special_consideration_groups,
            "year": self.year,
        }


def dialogue_years(d: Dialogue) -> tuple[int, ...]:
    """The calendar years a dialogue belongs to (empty for a planned one without period)."""
    if d.period is not None:
        return tuple(range(d.period.start.year, d.period.end.year + 1))
    if d.cancelled is not None:
        return (d.cancelled.date.year,)
    return ()


def follow_up_years(entries: Iterable[EntryLike]) -> list[int]:
    """Every year with at least one dialogue, ascending."""
    return sorted({y for e in entries for y in dialogue_years(e.dialogue)})


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return {k: counter[k] for k in sorted(counter)}


def follow_up(
    entries: Sequence[EntryLike], year: int, today: dt.date, deadline_days: int
) -> YearFollowUp:
    """The follow-up of ``year`` as of ``today``, with the policy's feedback deadline."""
    items: list[Item] = []
    for e in entries:
        if year not in dialogue_years(e.dialogue):
            continue
        status = derive_status(e.dialogue, today, deadline_days)
        days = None
        due = feedback_due(e.dialogue, deadline_days)
        fb = e.dialogue.feedback
        if status is Status.FEEDBACK_OVERDUE:
            assert due is not None
            days = (today - due).days
        elif status is Status.COMPLETED and fb is not None and due and fb.date > due:
            days = (fb.date - due).days
        items.append(Item(e, status, days))
    items.sort(key=_item_key)
    held = tuple(i for i in items if i.status in HELD)
    planned = tuple(i for i in items if i.status is Status.PLANNED)
    cancelled = tuple(i for i in items if i.status is Status.CANCELLED)

    counts = {s.value: 0 for s in Status}
    for i in held:
        counts[i.status.value] += 1
    ended = sum(1 for i in held if i.status in ENDED)
    completed = [i.dialogue for i in held if i.status is Status.COMPLETED]
    feedback_rate = round(len(completed) / ended, 4) if ended else None
    delays = [
        (d.feedback.date - d.period.end).days
        for d in completed
        if d.feedback is not None and d.period is not None
    ]
    median = float(statistics.median(delays)) if delays else None
    participants = sum(
        d.feedback.participants or 0 for d in completed if d.feedback is not None
    )

    keys = ("board", "department", "ladder", "stage", "channel", "method", "initiator", "groups",
            "milestones")  # fmt: skip
    by: dict[str, Counter[str]] = {k: Counter() for k in keys}
    for i in held:
        d = i.dialogue
        by["board"][d.owner.board] += 1
        by["department"][d.owner.department] += 1
        by["ladder"][d.ladder] += 1
        by["stage"][d.stage] += 1
        by["initiator"][d.initiated_by] += 1
        # A dialogue counts once per channel and method it used, however many ways.
        by["channel"].update({p.channel for p in d.participation})
        by["method"].update({p.method for p in d.participation})
        if d.special_consideration is not None:
            by["groups"].update(set(d.special_consideration.groups))
        by["milestones"].update(m.state for m in d.implementation)

    deviations = sorted(
        (
            Deviation(i.slug, f.rule, f.days)
            for i in held
            for f in i.entry.findings
            if f.severity is Severity.DEVIATION
        ),
        key=lambda x: (x.slug, x.rule, x.days if x.days is not None else -1),
    )

    return YearFollowUp(
        year=year,
        as_of=today,
        held=held,
        planned=planned,
        cancelled=cancelled,
        counts=counts,
        participants=participants,
        feedback_rate=feedback_rate,
        median_days_to_feedback=median,
        by_board=_sorted_counts(by["board"]),
        by_department=_sorted_counts(by["department"]),
        by_ladder=_sorted_counts(by["ladder"]),
        by_stage=_sorted_counts(by["stage"]),
        by_channel=_sorted_counts(by["channel"]),
        by_method=_sorted_counts(by["method"]),
        by_initiator=_sorted_counts(by["initiator"]),
        special_consideration_groups=_sorted_counts(by["groups"]),
        deviations=tuple(deviations),
        milestones={state: by["milestones"][state] for state in ("done", "ongoing", "planned")},
    )


def _item_key(i: Item) -> tuple:
    d = i.dialogue
    start = d.period.start if d.period else (d.cancelled.date if d.cancelled else dt.date.max)
    return (start, i.slug)
