"""Datumen kommer i en rimlig ordning.

Perioden börjar samma dag som eller före den slutar; återkopplingen är daterad tidigast
den dag perioden slutar och senast i dag; lägesrapporter är daterade mellan periodens
start och i dag; en inställd dialog är inställd senast i dag; ett deltagandetillfälle
slutar efter att det börjar; nämndbeslutet är fattat senast när perioden börjar. En
återkoppling eller inställning med ett datum i framtiden skulle visa dialogen som
avslutad eller inställd innan det har hänt: lägg till den när den publiceras. Rätta det
datum som raden pekar ut.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.check.rules.base import Context
from generator.core.findings import Problem
from generator.core.model_errors import field_name

ID = "dates-ordered"
EXAMPLE = """\
period:
  start: 2026-03-01
  end: 2026-04-15       # inte före start
feedback:
  date: 2026-05-20      # tidigast när perioden slutar, senast i dag"""


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def check(ctx: Context) -> Iterator[Problem]:
    d = ctx.d
    if d.period and d.period.end < d.period.start:
        yield Problem(
            "Perioden slutar före den börjar.",
            ("period", "end"),
            "Kontrollera `period.start` och `period.end`.",
        )
    if d.period and d.feedback and d.feedback.date < d.period.end:
        yield Problem(
            "Återkopplingen är daterad före periodens slut.",
            ("feedback", "date"),
            "Återkoppling ges när dialogen är avslutad; kontrollera datumet.",
        )
    if d.feedback and d.feedback.date > ctx.today:
        yield Problem(
            "Återkopplingen är daterad i framtiden.",
            ("feedback", "date"),
            "Lägg till `feedback:` den dag återkopplingen publiceras, med det datumet; "
            "annars visas dialogen som återkopplad för tidigt.",
        )
    if d.cancelled and d.cancelled.date > ctx.today:
        yield Problem(
            "Dialogen är inställd med ett datum i framtiden.",
            ("cancelled", "date"),
            "Lägg till `cancelled:` när beslutet att ställa in är fattat, med det datumet.",
        )
    if d.period and d.board_decision and d.board_decision.date > d.period.start:
        yield Problem(
            "Nämndbeslutet är daterat efter att dialogen började.",
            ("board_decision", "date"),
            "Nämnden beslutar om dialogen innan den börjar; kontrollera datumet.",
        )
    for i, update in enumerate(d.updates):
        if update.date > ctx.today:
            yield Problem(
                "Lägesrapporten är daterad i framtiden.",
                ("updates", i, "date"),
                "Skriv datumet då rapporten publiceras.",
            )
        elif d.period and update.date < d.period.start:
            yield Problem(
                "Lägesrapporten är daterad före dialogens start.",
                ("updates", i, "date"),
                "Lägesrapporter gäller dialogen medan den pågår.",
            )
    for i, way in enumerate(d.participation):
        if way.start and way.end and _as_date(way.end) < _as_date(way.start):
            yield Problem(
                f"`{field_name(('participation', i))}` slutar före det börjar.",
                ("participation", i, "end"),
            )
        elif (
            isinstance(way.start, dt.datetime)
            and isinstance(way.end, dt.datetime)
            and way.end < way.start
        ):
            yield Problem("Sluttiden är före starttiden.", ("participation", i, "end"))
