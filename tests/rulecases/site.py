"""Rule cases: the site's own files beside the dialogues: the pages every page links to
are there, and nothing is left to fill in."""

from __future__ import annotations

from rulecases.case import Case


def _same(data: dict, policy: str) -> None:
    """The dialogue as it is: these cases change the site's files."""


FAILING = [
    Case("required-page", "about.md missing", _same, site={"about.md": None}),
    Case("required-page", "privacy.md missing", _same, site={"privacy.md": None}),
    Case(
        "unfilled-text",
        "a mark left in about.md",
        _same,
        ("[FYLL I", 1),
        site={"about.md": "# Om\n\nDu når oss på\n[FYLL I: kommunens växel].\n"},
    ),
]

PASSING = [
    Case("required-page", "both pages there, propose.md left to the default", _same, site={}),
    Case(
        "unfilled-text",
        "a mark named in a comment of the accessibility statement",
        _same,
        site={"accessibility.yml": "# Fyll i det som står inom [FYLL I: …].\norganisation: X\n"},
    ),
]
