"""The last gate before publishing: scan every built HTML page for anything executable
that did not come from the theme (scripts from content, ``on*`` attributes, dangerous URLs).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.rules.safety import url_is_safe

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}


@dataclass(frozen=True)
class ScanProblem:
    file: str
    line: int
    message: str


class _Scanner(HTMLParser):
    def __init__(self, allowed_scripts: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = allowed_scripts
        self.problems: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append((line, f"<{tag}> har händelseattributet {name}"))
            if name in URL_ATTRIBUTES and value and not url_is_safe(value):
                self.problems.append((line, f"<{tag} {name}> har en farlig adress"))
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not any(src.endswith(a) for a in self.allowed_scripts) or not src:
                if not self._is_theme_inline(attrs):
                    self.problems.append((line, "<script> som inte kommer från temat"))
        if tag in {"iframe", "object", "embed", "frame", "frameset", "base"}:
            self.problems.append((line, f"<{tag}> är inte tillåten"))

    @staticmethod
    def _is_theme_inline(attrs: list[tuple[str, str | None]]) -> bool:
        # Material writes its configuration as <script id="__config" type="application/json">.
        d = dict(attrs)
        return d.get("id") == "__config" and d.get("type") == "application/json"


def scan_html(text: str, allowed_scripts: set[str]) -> list[tuple[int, str]]:
    scanner = _Scanner(allowed_scripts)
    scanner.feed(text)
    scanner.close()
    return scanner.problems


def scan_site(site_dir: Path, allowed_scripts: set[str]) -> list[ScanProblem]:
    """Every problem in every ``.html`` file; ``allowed_scripts`` are the theme's own files."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for line, message in scan_html(text, allowed_scripts):
            problems.append(ScanProblem(str(page.relative_to(site_dir)), line, message))
    return problems
