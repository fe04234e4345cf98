"""Site settings, as ``load.settings`` reads them from the ``extra.insyn`` block of
``mkdocs.yml``, and the errors that stop a command before it starts (exit status 2).

The engine's own settings stay where the engine reads them; ours live under ``extra`` so
MkDocs, ProperDocs and Zensical all accept the file unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(Exception):
    """A usage or configuration problem: the command exits with status 2."""


Located = tuple[int, int, str, "str | None"]  # line, column, message, hint


class FileError(ConfigError):
    """An input file that cannot be used (the site settings, the accessibility statement,
    a policy): every problem in it, each with its line and column. ``kind`` names the
    file in each report line."""

    kind = "inställning"
    summary = "Inställningarna har {n} fel."

    def __init__(self, path: str, problems: list[Located]):
        self.path = path
        self.problems = sorted(problems, key=lambda p: (p[0], p[1]))
        super().__init__(self.report())

    def report(self) -> str:
        lines = []
        for line, col, message, hint in self.problems:
            lines.append(f"{self.path}:{line}:{col}: fel {self.kind} {message}")
            if hint:
                lines.append(f"    tips: {hint}")
        return "\n".join(lines)


def stand_in_host(policy_id: str) -> str:
    """The host that ids, calendar UIDs and open data use where a site has no ``site_url``:
    a name under ``.invalid`` (RFC 2606), which never resolves."""
    return f"{policy_id}.insyn.invalid"


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    mkdocs_file: Path
    policy: str = "kungsbacka"
    content_dir: Path = Path("content")
    site_dir: Path = Path("site")
    site_url: str = ""
    site_name: str = ""
    directory_urls: bool = True  # the engine's use_directory_urls (links in raw HTML)
    settings: dict = field(default_factory=dict)  # the whole extra.insyn block

    @property
    def dialogues_dir(self) -> Path:
        return self.content_dir / "dialogues"
