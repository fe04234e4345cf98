"""Grouping and sorting of dialogues for the start page and the list pages (pure)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.core.site import Entry
from generator.core.status import Status

# The order in which statuses are shown to residents: what you can take part in first.
STATUS_ORDER = (
    Status.ONGOING,
    Status.PLANNED,
    Status.AWAITING_FEEDBACK,
    Status.FEEDBACK_OVERDUE,
    Status.COMPLETED,
    Status.CANCELLED,
)

_FAR = dt.date.max


def _start(e: Entry) -> dt.date:
    return e.dialogue.period.start if e.dialogue.period else _FAR


def _end(e: Entry) -> dt.date:
    return e.dialogue.period.end if e.dialogue.period else _FAR


def _planned_key(e: Entry) -> tuple:
    year = e.dialogue.budget_year or 9999
    return (_start(e), year, e.dialogue.title, e.slug)


def _newest_first(date_of: Callable[[Entry], dt.date | None]) -> Callable[[Entry], tuple]:
    def key(e: Entry) -> tuple:
        d = date_of(e) or dt.date.min
        return (-d.toordinal(), e.dialogue.title, e.slug)

    return key


def _feedback_date(e: Entry) -> dt.date | None:
    return e.dialogue.feedback.date if e.dialogue.feedback else None


def _cancel_date(e: Entry) -> dt.date | None:
    return e.dialogue.cancelled.date if e.dialogue.cancelled else None


SORT_KEYS: dict[Status, Callable[[Entry], tuple]] = {
    Status.ONGOING: lambda e: (_end(e), e.dialogue.title, e.slug),  # closing soonest first
    Status.PLANNED: _planned_key,  # starting soonest first
    Status.AWAITING_FEEDBACK: lambda e: (_end(e), e.dialogue.title, e.slug),
    Status.FEEDBACK_OVERDUE: lambda e: (_end(e), e.dialogue.title, e.slug),  # most overdue first
    Status.COMPLETED: _newest_first(_feedback_date),
    Status.CANCELLED: _newest_first(_cancel_date),
}


def sort_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Status order first, then the order that suits each status."""
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    return sorted(entries, key=lambda e: (rank[e.status], SORT_KEYS[e.status](e)))


@dataclass(frozen=True)
class StatusGroup:
    status: Status
    entries: tuple[Entry, ...]


def group_by_status(entries: Iterable[Entry]) -> list[StatusGroup]:
    """Non-empty groups in ``STATUS_ORDER``, each sorted for its status."""
    by_status: dict[Status, list[Entry]] = {s: [] for s in STATUS_ORDER}
    for e in entries:
        by_status[e.status].append(e)
    return [
        StatusGroup(s, tuple(sorted(by_status[s], key=SORT_KEYS[s])))
        for s in STATUS_ORDER
        if by_status[s]
    ]


@dataclass(frozen=True)
class HomeSections:
    ongoing: tuple[Entry, ...]
    coming: tuple[Entry, ...]
    completed: tuple[Entry, ...]
    deviating: tuple[Entry, ...] = ()  # promises not kept now (``current_deviations``)


def home_sections(
    entries: Sequence[Entry], today: dt.date, *, recent_days: int = 365, max_completed: int = 6
) -> HomeSections:
    """Ongoing (closing soonest first), coming, and feedback given in the last ``recent_days``."""
    groups = {g.status: g.entries for g in group_by_status(entries)}
    since = today - dt.timedelta(days=recent_days)
    completed = [
        e for e in groups.get(Status.COMPLETED, ()) if (_feedback_date(e) or dt.date.min) >= since
    ]
    return HomeSections(
        ongoing=groups.get(Status.ONGOING, ()),
        coming=groups.get(Status.PLANNED, ()),
        completed=tuple(completed[:max_completed]),
        deviating=current_deviations(entries),
    )


# A dialogue in one of these is done with: a deviation it had is history (the follow-up).
_DONE = (Status.COMPLETED, Status.CANCELLED)


def current_deviations(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    """The dialogues that break a promise of the policy now: a deviation while the
    dialogue runs or its feedback is awaited or late; the most days first."""
    found = [e for e in entries if e.deviations and e.status not in _DONE]

    def days(e: Entry) -> int:
        return max((f.days or 0 for f in e.deviations), default=0)

    return tuple(sorted(found, key=lambda e: (-days(e), e.dialogue.title.casefold(), e.slug)))


def slugify(name: str) -> str:
    """`Förvaltningen för Kultur & Fritid` → `forvaltningen-for-kultur-fritid`."""
    ascii_name = (
        unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode("ascii")
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "x"


@dataclass(frozen=True)
class Facet:
    """One value of a facet (a board, a topic, an area, a year) and its dialogues."""

    key: str  # URL-safe and unique within the facet
    name: str
    entries: tuple[Entry, ...]


def _facet(pairs: Iterable[tuple[str, Entry]], *, numeric: bool = False) -> list[Facet]:
    grouped: dict[str, list[Entry]] = {}
    for name, entry in pairs:
        grouped.setdefault(name, []).append(entry)
    if numeric:
        names = sorted(grouped, key=lambda n: -int(n))  # newest year first
    else:
        names = sorted(grouped, key=lambda n: (n.casefold(), n))
    facets, used = [], {"index"}
    for name in names:
        key = base = slugify(name)
        n = 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        facets.append(Facet(key, name, tuple(sort_entries(grouped[name]))))
    return facets


def year_of(e: Entry) -> int | None:
    """The year a dialogue belongs to: its start, else its budget year."""
    if e.dialogue.period:
        return e.dialogue.period.start.year
    return e.dialogue.budget_year


def by_board(entries: Iterable[Entry]) -> list[Facet]:
    return _facet((e.dialogue.owner.board, e) for e in entries)


def by_topic(entries: Iterable[Entry]) -> list[Facet]:
    return _facet((t, e) for e in entries for t in dict.fromkeys(e.dialogue.topics))


def by_area(entries: Iterable[Entry]) -> list[Facet]:
    return _facet((e.dialogue.area, e) for e in entries if e.dialogue.area)


def by_year(entries: Iterable[Entry]) -> list[Facet]:
    return _facet(((str(y), e) for e in entries if (y := year_of(e)) is not None), numeric=True)


# Facet kinds: the URL folder and the grouping function (Swedish names are in the templates).
@dataclass(frozen=True)
class FacetKind:
    folder: str
    group: Callable[[Iterable[Entry]], list[Facet]]


FACET_KINDS = (
    FacetKind("boards", by_board),
    FacetKind("topics", by_topic),
    FacetKind("areas", by_area),
    FacetKind("years", by_year),
)
