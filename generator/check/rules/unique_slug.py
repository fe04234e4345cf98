"""Två dialogfiler får inte ha samma namn.

Filnamnet utan `.md` (sluggen) blir dialogens adress på webbplatsen,
`/dialogues/<slug>/`. Därför måste det vara unikt i hela innehållsmappen, även när
filerna ligger i olika undermappar (till exempel en per år). Byt namn på den ena filen.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.findings import Problem
from generator.load.source import Source

ID = "unique-slug"
SCOPE = "corpus"
EXAMPLE = """\
content/dialogues/2025/kolla-torg.md
content/dialogues/2026/kolla-torg-etapp-2.md   # inte kolla-torg.md igen"""


def check(sources: list[Source]) -> Iterator[tuple[Source, Problem]]:
    first: dict[str, Source] = {}
    for src in sources:
        if src.slug in first:
            yield src, Problem(
                f"Sluggen `{src.slug}` används redan av {first[src.slug].path}.",
                line=1,
                hint="Byt namn på filen; sluggen blir dialogens adress och måste vara unik.",
            )
        else:
            first[src.slug] = src
