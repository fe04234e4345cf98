"""The engine's shortcuts (``engine/fast``) against MkDocs doing all the work
(``INSYN_FAST=0``): whole sites built both ways are byte-identical, the search index
included; the shortcuts are really taken; a page they decline is said, with why, at
``insyn build -v``; a shortcut that would give another page is caught in the same run;
and a build without the ``fast/`` folders at all is the same site."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitehelpers import FIXTURES, MKDOCS_YML, ROOT, build, make_content, tree

import generator.engine.fast.frames as frames
from generator.engine.fast.assemble import Assembler

sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus

TODAY = "2026-11-25"


def _hostile_titles(content: Path) -> None:
    """Dialogues whose title and summary are not plain text, and one titled like a section."""
    source = (content / "dialogues" / "lekplats-i-hede.md").read_text(encoding="utf-8")
    titles = {
        "citat": 'Lekplats "Hede" & parken > torget',
        "apostrof": "Hedes lekplats – barnens 'egen' plats",
        "markdown": "Park 2.0: *stjärnor* och [länkar] #1",
        "resultat": "Resultat",
        "blanksteg": "Lekplats i  Hede",
    }
    summary = "summary: " + json.dumps('Hur ska "lekplatsen" se ut & vad är > annat?')
    for slug, title in titles.items():
        text = source.replace("title: Ny lekplats i Hede", f"title: {json.dumps(title)}")
        text = re.sub(r"(?m)^summary: .*$", lambda _: summary, text)
        (content / "dialogues" / f"lekplats-{slug}.md").write_text(text, encoding="utf-8")


def _framed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of pages written from a frame (the shortcut was really taken), and the
    dialogue pages the assembler declined (``not assembled: <first line>``)."""
    stamped: list[str] = []
    original = frames.Frames.render

    def render(self, page):
        out = original(self, page)
        if out is not None:
            stamped.append(page.file.src_uri)
        return out

    monkeypatch.setattr(frames.Frames, "render", render)
    converted = Assembler.assemble

    def assemble(self, markdown):
        out = converted(self, markdown)
        # A dialogue page or a year's follow-up declined (the largest pages there are).
        if out is None and ('class="insyn-facts"' in markdown
                            or markdown.startswith("# Årsuppföljning 2")):  # fmt: skip
            stamped.append("not assembled: " + markdown.split("\n", 1)[0])
        return out

    monkeypatch.setattr(Assembler, "assemble", assemble)
    return stamped


def both_ways(content: Path, out: Path, *extra: str, policy: str | None = None,
              today: str = TODAY) -> tuple[dict, dict, list[str], str]:  # fmt: skip
    """The site built with the shortcuts and without; the pages framed; -v's output."""
    args = [*extra, "-v", *(("--policy", policy) if policy else ())]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INSYN_FAST", "1")
        stamped = _framed(mp)
        fast = build(content, out / "fast", today, *args)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INSYN_FAST", "0")
        plain = build(content, out / "plain", today, *args)
    assert fast[0] == 0, fast[2]
    assert plain[0] == 0, plain[2]
    return tree(out / "fast"), tree(out / "plain"), stamped, fast[2]


def declines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("insyn.fast:")]


def _content(name: str, base: Path) -> Path:
    if name == "demo":
        shutil.copytree(ROOT / "content", base / "content")
        return base / "content"
    content = make_content(base / "content", "kungsbacka" if name == "generated" else name)
    if name == "generated":  # fixtures, 60 generated dialogues and hostile titles
        corpus.generate(60, content, seed=7)
        _hostile_titles(content)
    return content


SITES = {
    "demo": ("kungsbacka", TODAY),
    "kungsbacka": ("kungsbacka", "2026-06-15"),
    "ale": ("ale", TODAY),
    "generated": ("kungsbacka", TODAY),
}


@pytest.fixture(scope="module", params=list(SITES))
def site(request, tmp_path_factory) -> dict:
    name = request.param
    base = tmp_path_factory.mktemp(name)
    policy, today = SITES[name]
    content = _content(name, base)
    if name == "ale":
        shutil.copyfile(FIXTURES / "ale" / "accessibility.yml", content / "accessibility.yml")
    fast, plain, stamped, stderr = both_ways(content, base, policy=policy, today=today)
    return {"name": name, "fast": fast, "plain": plain, "stamped": stamped, "stderr": stderr}


def test_fast_and_plain_sites_are_byte_identical(site) -> None:
    fast, plain = site["fast"], site["plain"]
    assert fast.keys() == plain.keys()
    assert [k for k in fast if fast[k] != plain[k]] == []
    assert "search/search_index.json" in fast


def test_the_frames_are_taken_for_every_dialogue_and_list_page(site) -> None:
    stamped = set(site["stamped"])
    # Every dialogue page and every year's follow-up is converted without its raw HTML
    # parsed again (engine.fast.assemble): a blank line too many in a template, for one,
    # would stop that.
    assert [p for p in stamped if p.startswith("not assembled: ")] == []
    pages = {k[: -len("/index.html")] + ".md" for k in site["fast"]
             if re.fullmatch(r"(dialogues|topics|boards|areas|years)/[^/]+/index\.html", k)}
    hostile = {p for p in pages if re.fullmatch(r"dialogues/lekplats-(?!i-hede)\w+\.md", p)}
    assert pages - hostile - {"dialogues/index.md"} <= stamped
    assert not hostile & stamped


def test_a_page_a_shortcut_declines_is_said_with_why(site) -> None:
    said = declines(site["stderr"])
    if site["name"] != "generated":
        assert said == []  # the demo and the fixtures: every page takes the shortcuts
        return
    # Each hostile page has a summary (its description) with quotes, & and >.
    assert all("inte är vanlig text" in line for line in said)
    assert sorted(re.search(r"lekplats-\w+", line).group(0) for line in said) == [
        "lekplats-apostrof", "lekplats-blanksteg", "lekplats-citat", "lekplats-markdown",
        "lekplats-resultat",
    ]  # fmt: skip


def test_a_thousand_dialogues_are_byte_identical_both_ways(tmp_path: Path) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    shutil.rmtree(content / "dialogues")
    corpus.generate(1000, content, seed=1)
    fast, plain, stamped, stderr = both_ways(content, tmp_path)
    assert [k for k in fast if fast.get(k) != plain.get(k)] == []
    assert fast.keys() == plain.keys() and declines(stderr) == []
    assert len(stamped) > 400  # framed in this process; a worker frames its share too


def test_staged_on_disk_is_byte_identical_both_ways(tmp_path: Path, monkeypatch) -> None:
    """A site too large to hold in memory is staged on disk (and linked into the site)."""
    from generator.infra import tuning

    monkeypatch.setattr(tuning, "IN_MEMORY_UP_TO", 0)
    fast, plain, _, _ = both_ways(make_content(tmp_path / "content", "kungsbacka"), tmp_path)
    assert fast == plain


def test_a_wrong_conversion_is_caught_and_not_used(tmp_path: Path, monkeypatch) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    original = Assembler.assemble

    def broken(self, text):
        converted = original(self, text)
        if converted is not None:
            converted.content = converted.content.replace("<p>", "<p class='fel'>", 1)
        return converted

    monkeypatch.setattr(Assembler, "assemble", broken)
    fast, plain, _, stderr = both_ways(content, tmp_path)
    assert fast == plain
    assert any("konverteringen" in line for line in declines(stderr))


def test_a_wrong_frame_is_caught_and_not_used(tmp_path: Path, monkeypatch) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    original = frames.Frame.fill
    monkeypatch.setattr(frames.Frame, "fill", lambda self, v: original(self, v).replace(
        "md-", "x-", 1))  # fmt: skip
    fast, plain, stamped, stderr = both_ways(content, tmp_path)
    assert fast == plain and stamped == []
    assert any("ramen skiljer sig" in line for line in declines(stderr))


def test_without_the_fast_folders_the_site_is_the_same(tmp_path: Path) -> None:
    """Deleting every ``fast/`` folder leaves a correct build: the same site."""
    code = tmp_path / "code"
    shutil.copytree(ROOT / "generator", code / "generator",
                    ignore=shutil.ignore_patterns("fast", "__pycache__"))  # fmt: skip
    assert not list(code.rglob("fast"))
    content = make_content(tmp_path / "content", "kungsbacka")
    env = {**os.environ, "PYTHONPATH": str(code), "INSYN_TODAY": TODAY, "INSYN_FAST": "1"}
    run = subprocess.run(
        [sys.executable, "-c", "import generator, sys; print(generator.__file__); "
         "from generator.cli.main import main; sys.exit(main(sys.argv[1:]))",
         "build", "--config", str(MKDOCS_YML), "--content", str(content),
         "--site-dir", str(tmp_path / "without")],
        capture_output=True, text=True, timeout=600, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(str(code))  # the copy without fast/ was the one run
    assert build(content, tmp_path / "with", TODAY)[0] == 0
    assert tree(tmp_path / "without") == tree(tmp_path / "with")
