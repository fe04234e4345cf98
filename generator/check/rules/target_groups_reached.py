"""Varje berörd grupp nås av minst ett av dialogens sätt att delta.

Under `target_groups:` står minst en grupp som frågan berör. När dialogen har sätt att
delta ska varje grupps `reach` nämna minst ett av dem, med samma rubrik (`title`) som
under `participation:`. Annan kort text i `reach`, till exempel ett besök på en skola,
får komplettera. En inställd dialog kontrolleras inte.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.base import Context, pending_without_period
from generator.core.findings import Problem

ID = "target-groups-reached"
PROMISE = "Varje berörd grupp nås av minst ett sätt att delta."
EXAMPLE = """\
participation:
  - method: survey
    channel: digital
    title: Webbenkät om torget
    url: https://www.kommun.se/kolla-enkat
target_groups:
  - group: Boende i Kolla
    reach: [Webbenkät om torget]   # exakt som title ovan"""
CHECKS_CANCELLED = False

when_not_found = pending_without_period


def check(ctx: Context) -> Iterator[Problem]:
    d = ctx.d
    if d.cancelled is not None:
        return
    if not d.target_groups:
        yield Problem(
            "Dialogen anger inte vilka grupper frågan berör (`target_groups`).",
            (),
            "Lägg till `target_groups:` med minst en grupp och hur den nås.",
        )
        return
    if not d.participation:
        return
    titles = {way.title for way in d.participation}
    for i, group in enumerate(d.target_groups):
        if not titles.intersection(group.reach):
            yield Problem(
                f"Gruppen `{group.group}` nås inte av något av dialogens sätt att delta.",
                ("target_groups", i, "reach") if group.reach else ("target_groups", i),
                "Skriv rubriken på minst ett deltagandesätt i `reach`, exakt som i "
                "`participation`: " + ", ".join(sorted(titles)) + ".",
            )
