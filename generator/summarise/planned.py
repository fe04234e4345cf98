"""Planned dialogues per budget year, grouped by board. Pure, no I/O.

Every dialogue whose ``budget_year`` is Y belongs to the budget year Y, whatever its
status (a planned dialogue may since have been held or cancelled; the status says so).
Boards come in the policy's order; a board the policy does not know comes last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.core.status import Status, derive_status
from generator.summarise.followup import EntryLike, swedish_key


@dataclass(frozen=True, slots=True)
class PlannedItem:
    entry: EntryLike
    status: Status

    @property
    def slug(self) -> str:
        return self.entry.slug


@dataclass(frozen=True)
class BoardGroup:
    board: str
    items: tuple[PlannedItem, ...]


@dataclass(frozen=True)
class PlannedYear:
    year: int
    boards: tuple[BoardGroup, ...]

    @property
    def items(self) -> tuple[PlannedItem, ...]:
        return tuple(i for g in self.boards for i in g.items)


def budget_years(entries: Iterable[EntryLike]) -> list[int]:
    """Every budget year named by at least one dialogue, ascending."""
    return sorted({e.dialogue.budget_year for e in entries if e.dialogue.budget_year is not None})


def planned_year(
    entries: Sequence[EntryLike],
    year: int,
    today: dt.date,
    deadline_days: int,
    board_order: Sequence[str] = (),
) -> PlannedYear:
    groups: dict[str, list[PlannedItem]] = {}
    for e in entries:
        if e.dialogue.budget_year != year:
            continue
        status = derive_status(e.dialogue, today, deadline_days)
        groups.setdefault(e.dialogue.owner.board, []).append(PlannedItem(e, status))
    rank = {b: n for n, b in enumerate(board_order)}
    boards = sorted(groups, key=lambda b: (rank.get(b, len(rank)), swedish_key(b), b))
    return PlannedYear(
        year=year,
        boards=tuple(BoardGroup(b, tuple(sorted(groups[b], key=_key))) for b in boards),
    )


def _key(i: PlannedItem) -> tuple:
    d = i.entry.dialogue
    return (d.period.start if d.period else dt.date.max, d.title, i.slug)
