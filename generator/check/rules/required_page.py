"""Webbplatsen har sidorna Om och Personuppgifter.

Sidfoten på varje sida länkar till `about.md` (vad webbplatsen är och vem som ansvarar
för den) och `privacy.md` (hur kommunen behandlar personuppgifter, som
dataskyddsförordningen kräver att en myndighet berättar). Filerna ligger i
innehållsmappen, bredvid mappen med dialogerna. Saknas en av dem publiceras inte
webbplatsen: skapa filen (`insyn init` skriver en mall att fylla i).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.findings import Problem
from generator.load.source import SiteFile

ID = "required-page"
SCOPE = "site"
EXAMPLE = """\
content/about.md      # Om webbplatsen: vad den är och vem som ansvarar för den
content/privacy.md    # Personuppgifter: hur kommunen behandlar dem
content/dialogues/    # dialogerna"""

PAGES = {
    "about.md": "Sidan Om (about.md)",
    "privacy.md": "Sidan om personuppgifter (privacy.md)",
}


def check(files: list[SiteFile]) -> Iterator[tuple[SiteFile, Problem]]:
    for file in files:
        if file.name in PAGES and file.text is None:
            yield (
                file,
                Problem(
                    f"{PAGES[file.name]} saknas; sidfoten på varje sida länkar till den.",
                    line=1,
                    hint="Skapa filen i innehållsmappen, bredvid mappen med dialogerna (insyn init "
                    "skriver en mall att fylla i).",
                ),
            )
