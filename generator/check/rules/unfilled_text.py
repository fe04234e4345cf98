"""Det som ska fyllas i på webbplatsens egna sidor är ifyllt.

`insyn init` skriver sidorna Om, Personuppgifter och Föreslå en dialog och
tillgänglighetsredogörelsen med det som bara kommunen vet inom `[FYLL I: …]`, till
exempel vem som ansvarar för webbplatsen och kommunens telefonnummer. Så länge en sådan
text finns kvar syns den för invånarna. Skriv in det som efterfrågas och ta bort
hakparenteserna.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.core.findings import Problem, Severity
from generator.load.source import SiteFile

ID = "unfilled-text"
DEFAULT = Severity.WARNING
SCOPE = "site"
MARK = "[FYLL I"
EXAMPLE = """\
## Vem ansvarar för webbplatsen?

Kommunledningsförvaltningen ansvarar för webbplatsen. Du når oss på
kommun@kommun.se.   # inte [FYLL I: vilken förvaltning som ansvarar …]"""

_ASKED = re.compile(r"\[FYLL I:?\s*([^\]]*)\]?")
_SHOWN = 100  # characters of what is asked, at most, in the message


def check(files: list[SiteFile]) -> Iterator[tuple[SiteFile, Problem]]:
    for file in files:
        if not file.text or MARK not in file.text:
            continue
        comment = "#" if file.name.endswith(".yml") else None
        for m in _ASKED.finditer(file.text):
            line = file.text.count("\n", 0, m.start()) + 1
            start = file.text.rfind("\n", 0, m.start()) + 1
            if comment and comment in file.text[start : m.start()]:
                continue  # a YAML comment that explains the marks
            yield (
                file,
                Problem(
                    f"Här står kvar att fylla i{_asked(m.group(1))}",
                    line=line,
                    col=m.start() - start + 1,
                    hint="Skriv in det som efterfrågas och ta bort [FYLL I: …].",
                ),
            )


def _asked(text: str) -> str:
    """What is asked for, shortened, with the message's end."""
    words = " ".join(text.split()).rstrip(" .…")
    if len(words) > _SHOWN:
        return f": {words[:_SHOWN].rsplit(' ', 1)[0]} …"
    return f": {words}." if words else "."
