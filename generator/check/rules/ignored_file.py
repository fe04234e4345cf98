"""Allt i dialogmappen som ser ut som en dialog läses som en.

En dialog är en vanlig fil vars namn slutar på `.md` med små bokstäver. En fil som
heter `x.MD` eller `x.markdown`, en mapp som heter `x.md` och något som inte är en
vanlig fil (en namngiven pipe, en socket) läses inte, och publiceras därför inte. Det
är en varning, så att ingen dialog försvinner utan att någon märker det: byt namn på
filen, eller flytta det som inte är en dialog ur mappen.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.findings import Problem, Severity
from generator.load.source import Ignored

ID = "ignored-file"
DEFAULT = Severity.WARNING
SCOPE = "discovery"
EXAMPLE = """\
content/dialogues/2026/kolla-torg.md      # inte kolla-torg.MD eller kolla-torg.markdown
content/dialogues/2026/bilagor/karta.pdf  # en mapp för annat får inte heta *.md"""


_IGNORED = {
    "folder": "`{name}` är en mapp, så den läses inte som en dialog.",
    "case": "`{name}` läses inte som en dialog: filnamnet ska sluta på `.md` med små bokstäver.",
    "special": "`{name}` är ingen vanlig fil (till exempel en namngiven pipe) och läses inte.",
    "markdown": "`{name}` läses inte som en dialog: filnamnet ska sluta på `.md`.",
}


def check(ignored: list[Ignored]) -> Iterator[tuple[Ignored, Problem]]:
    for entry in ignored:
        name = entry.path.rsplit("/", 1)[-1]
        yield entry, Problem(
            _IGNORED[entry.kind].format(name=name),
            line=1,
            hint="Byt namn till <slug>.md, eller flytta det som inte är en dialog ur mappen.",
        )
