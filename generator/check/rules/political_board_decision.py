"""En dialog av politisk karaktär som förvaltningen tar initiativ till kräver ett nämndbeslut.

När `political: true` och nämnden inte själv tog initiativet (`initiated_by` är inte
`board`) ska `board_decision:` ange beslutets datum (`date`), diarienummer (`reference`)
och hur nämnden medverkar i dialogen (`participation`).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem
from generator.core.promise import ChecklistView, State

ID = "political-board-decision"
PROMISE = "Nämnden har beslutat om dialogen och deltar i den."
EXAMPLE = """\
political: true
initiated_by: department
board_decision:
  date: 2026-01-20
  reference: BN 2026/0012
  participation: Nämndens presidium deltar vid båda dialogmötena."""


def when_not_found(view: ChecklistView) -> tuple[State, int | None]:
    """Only a dialogue of political character needs a board decision."""
    return (State.KEPT if view.dialogue.political else State.NOT_APPLICABLE), None


def check(ctx: Context) -> Iterator[Problem]:
    d = ctx.d
    if d.political and d.initiated_by != "board" and d.board_decision is None:
        yield Problem(
            "En politisk dialog som inte nämnden initierat kräver ett nämndbeslut.",
            ("political",),
            "Lägg till `board_decision:` med `date`, `reference` och `participation`.",
        )
