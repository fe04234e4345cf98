"""Dialogen hålls tidigt, medan frågan fortfarande går att påverka.

Dialogens sista dag (`period.end`) ska ligga före dagen då beslutet fattas
(`influence.decision.date`). Avsluta perioden tidigare eller flytta beslutet, så att
synpunkterna hinner tas med. En inställd dialog kontrolleras inte.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context, pending_without_period
from generator.core.findings import Problem

ID = "early-dialogue"
PROMISE = "Dialogen avslutas innan beslutet fattas."
EXAMPLE = """\
period:
  end: 2026-04-15       # dialogen slutar ...
influence:
  decision:
    date: 2026-09-15    # ... före beslutet"""
CHECKS_CANCELLED = False

when_not_found = pending_without_period


def check(ctx: Context) -> Iterator[Problem]:
    d = ctx.d
    if d.cancelled is not None:
        return
    decision = d.influence.decision if d.influence else None
    if d.period and decision and decision.date and d.period.end >= decision.date:
        yield Problem(
            "Dialogen slutar samma dag som eller efter att beslutet fattas.",
            ("influence", "decision", "date"),
            "Dialogen ska hållas medan frågan går att påverka: avsluta perioden före beslutet.",
        )
