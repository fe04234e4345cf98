"""Helpers for tests that build the public site: a content folder, a build, page text."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import yaml

from generator.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MKDOCS_YML = ROOT / "mkdocs.yml"


def make_content(target: Path, corpus: str) -> Path:
    """A content folder: the fixture corpus's dialogues plus the repository's site files."""
    shutil.copytree(FIXTURES / corpus / "dialogues", target / "dialogues")
    for name in ("accessibility.yml", "about.md", "privacy.md", "propose.md"):
        src = ROOT / "content" / name
        if src.is_file():
            shutil.copyfile(src, target / name)
    return target


def run_cli(args: list[str], today: str) -> tuple[int, str, str]:
    """Run `insyn` in-process with ``INSYN_TODAY``; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("INSYN_TODAY")
    os.environ["INSYN_TODAY"] = today
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    finally:
        if old is None:
            os.environ.pop("INSYN_TODAY", None)
        else:
            os.environ["INSYN_TODAY"] = old
    return code, out.getvalue(), err.getvalue()


def build(content: Path, site: Path, today: str, *extra: str) -> tuple[int, str, str]:
    return run_cli(
        ["build", "--config", str(MKDOCS_YML), "--content", str(content), "--site-dir", str(site),
         *extra],
        today,
    )  # fmt: skip


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    """Visible text with whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def table_rows(html: str) -> list[list[str]]:
    """Every table row (header rows too) as the visible text of its cells."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [[text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def article(html: str) -> str:
    """The page's main content (Material's `<article>`), without header, nav and footer."""
    start = html.index("<article")
    return html[start : html.index("</article>", start)]


def tree(site: Path) -> dict[str, bytes]:
    """Every file below ``site`` with its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def render_part(site, folder: Path | None, *writers: str):
    """Render the outputs of the named writers (a name stands for every writer it begins:
    ``follow-up`` is the index, the years and their data) into ``folder``, or in memory."""
    from generator.render.site import render_site

    return render_site(site, to=folder, only=lambda o: o.writer.startswith(writers))


def rendered(content: Path, corpus: dict[str, dict], today, policy: str = "kungsbacka"):
    """Every output of a site of the dialogues in ``corpus`` (file name → front matter),
    written to ``content``, as of ``today``, rendered in memory: (site data, path → text)."""
    from conftest import Dialogues

    from generator.check.policies import load_policy
    from generator.core.settings import SiteConfig
    from generator.render.site import render_site
    from generator.summarise.corpus import make_site_data

    dialogues = Dialogues(content / "dialogues")
    for name, data in corpus.items():
        dialogues.write(data, name=name)
    loaded = load_policy(policy)
    checked = dialogues.check(loaded, today)
    assert not [f for c in checked for f in c.findings if f.severity == "error"]
    domain = loaded.doc.contact_domains[0]
    config = SiteConfig(root=Path("."), mkdocs_file=Path("mkdocs.yml"),
                        settings={"contact_email": f"kommun@{domain}"})  # fmt: skip
    site = make_site_data(checked, loaded, config, today)
    files = render_site(site).files
    return site, {k: v.decode("utf-8") for k, v in files.items() if v is not None}
