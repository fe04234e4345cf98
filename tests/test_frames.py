"""Framed pages (generator/frames.py, generator/assemble.py) build exactly what the engine
builds: whole sites are built both ways and compared file by file; the search index,
which framed pages fill themselves, is compared entry by entry."""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitehelpers import ROOT, build, make_content, tree

import generator.engine.fast.frames
import generator.engine.mkdocs
from generator.engine.fast.assemble import Assembler, blocks
from generator.engine.fast.frames import search_entries

sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus

TODAY = "2026-11-25"
EXTENSIONS = ["toc", "tables", "attr_list"]


def _engine_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.engine.mkdocs, "framed_pages", contextlib.nullcontext)


def _count_frames(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of pages written from a frame (the shortcut was really taken)."""
    stamped: list[str] = []
    original = generator.engine.fast.frames.Frames.render

    def render(self, page):
        out = original(self, page)
        if out is not None:
            stamped.append(page.file.src_uri)
        return out

    monkeypatch.setattr(generator.engine.fast.frames.Frames, "render", render)
    return stamped


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


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One content folder (fixtures, 60 generated dialogues, hostile titles) built both ways."""
    base = tmp_path_factory.mktemp("frames")
    content = make_content(base / "content", "kungsbacka")
    corpus.generate(60, content, seed=7)
    _hostile_titles(content)
    with pytest.MonkeyPatch.context() as mp:
        stamped = _count_frames(mp)
        framed = build(content, base / "framed", TODAY)
    with pytest.MonkeyPatch.context() as mp:
        _engine_only(mp)
        engine = build(content, base / "engine", TODAY)
    assert framed[0] == 0, framed[2]
    assert engine[0] == 0, engine[2]
    return {"framed": tree(base / "framed"), "engine": tree(base / "engine"), "stamped": stamped}


def test_every_page_is_byte_identical_to_the_engines(sites) -> None:
    framed, engine = sites["framed"], sites["engine"]
    assert framed.keys() == engine.keys()
    differ = [k for k in framed if framed[k] != engine[k]]
    assert differ == ["search/search_index.json"]


def test_frames_are_really_used_and_not_for_odd_values(sites) -> None:
    stamped = set(sites["stamped"])
    dialogues = {k for k in sites["framed"] if re.fullmatch(r"dialogues/[^/]+/index\.html", k)}
    assert len(stamped) >= len(dialogues) - 10  # the first page of each frame is compared
    assert not {s for s in stamped if re.search(r"lekplats-(citat|apostrof|blanksteg)", s)}
    assert any(s.startswith(("topics/", "boards/", "years/")) for s in stamped)


def _index(site: dict) -> dict[str, dict]:
    docs = json.loads(site["search/search_index.json"])["docs"]
    return {d["location"]: d for d in docs}


def test_search_index_has_the_same_entries(sites) -> None:
    """The same places with the same words. (Material puts the text of a heading without an
    id, such as one in a dialogue's body, into the title of the section before it; ours
    keeps it in the text.)"""
    framed, engine = _index(sites["framed"]), _index(sites["engine"])
    assert framed.keys() == engine.keys()
    assert [k for k in framed if not engine[k]["title"].startswith(framed[k]["title"])] == []

    def words(text: str) -> Counter:
        return Counter(re.sub(r"<[^>]+>", " ", text).split())

    def same_words(ours: dict, theirs: dict) -> bool:
        mine = words(f"{ours['title']} {ours['text']}")
        if words(theirs["text"]) - mine:
            return False  # a word of the engine's text is missing
        glued = "".join((mine - words(theirs["text"])).elements())
        return sorted(glued) == sorted("".join(words(theirs["title"]).elements()))

    assert [k for k in framed if not same_words(framed[k], engine[k])] == []


def test_search_text_leaves_out_the_checklist(sites) -> None:
    index = _index(sites["framed"])
    checklists = [v for k, v in index.items() if k.endswith("#sa-foljer-vi-policyn")]
    assert checklists
    assert all("Klausul" not in v["text"] and "<table" not in v["text"] for v in checklists)


# --- the assembler on its own ------------------------------------------------------------


def _engine(text: str) -> tuple[str, list]:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": False}})
    return md.convert(text), md.toc_tokens


def _assembler() -> Assembler:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": False}})

    def convert(text: str):
        md.reset()
        return md.convert(text), md.toc_tokens, None

    return Assembler(convert, set(md.block_level_elements))


@pytest.mark.parametrize(
    "text",
    [
        "# Titel\n\n<p>a</p>\n\n## Del\n\n<ul>\n<li>x</li>\n</ul>",
        "# Resultat\n\n<p>a</p>\n\n## Resultat\n\n<p>b</p>",  # the same id twice
        "# A &amp; \\*b\\* \\[c\\] (d) &lt;e&gt;\n\n<div>\n<p>x</p>\n</div>",
        "<p>före</p>\n\n# Titel\n\n<p>a</p>",
        "## Utan titel\n\n<p>a</p>\n\n### Under\n\n<p>b</p>",
        "<dl>\n<dt>a</dt>\n<dd>b</dd>\n</dl>\n\n<p>c</p>",
    ],
)
def test_assembled_equals_the_engines_conversion(text: str) -> None:
    converted = _assembler().assemble(text)
    assert converted is not None
    html, tokens = _engine(text)
    assert converted.content == html
    assert converted.toc_tokens == tokens


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\nVanlig text i ett stycke.",  # Markdown, not raw HTML
        "# T\n\n<strong>inline</strong> start",  # an inline tag starts a paragraph
        "# T\n\n<pre>\n\nkod\n</pre>",  # blank lines in raw text
        "# T\n\n<p>a</p>\n\n\n<p>b</p>",
        "# T\n\n<p>\ta</p>",  # Markdown expands tabs
        "# T\n\n<div>\n```\n</div>",
        "# T\n\n<!-- kommentar -->",
        "# [T](x.md)\n\n<p>a</p>",  # a link in a heading is the engine's to resolve
        "# T\n\n<p>a</p>\ntext",
    ],
)
def test_pages_it_cannot_be_sure_of_are_left_to_the_engine(text: str) -> None:
    md = markdown.Markdown(extensions=EXTENSIONS)
    assert blocks(text, set(md.block_level_elements)) is None


def test_search_entries_follow_the_headings() -> None:
    class Item:
        def __init__(self, title: str, id: str, children=()):
            self.title, self.id, self.level, self.children = title, id, 2, list(children)

    class Page:
        url, title = "dialogues/x/", "X"
        toc = (Item("X", "x", [Item("Del", "del"), Item("Lista", "lista")]),)

    content = (
        '<h1 id="x">X</h1>\n<p>Intro &amp; mer</p>\n\n<h2 id="del">Del</h2>\n'
        '<p class="a">Text <a href="y">länk</a></p>\n\n<table data-search-exclude="true">'
        '<tr><td>dold</td></tr></table>\n\n<h2 id="lista">Lista</h2>\n<ul>\n<li>ett</li>\n</ul>'
    )
    entries = search_entries(Page(), content)
    assert entries == [
        {"location": "dialogues/x/", "title": "X", "text": "<p>Intro &amp; mer</p>"},
        {"location": "dialogues/x/#del", "title": "Del", "text": "<p>Text länk</p>"},
        {"location": "dialogues/x/#lista", "title": "Lista", "text": "<ul> <li>ett</li> </ul>"},
    ]


# --- the checks in the same run ----------------------------------------------------------


def test_a_wrong_conversion_is_caught_and_not_used(tmp_path: Path, monkeypatch) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    original = Assembler.assemble

    def broken(self, text):
        converted = original(self, text)
        if converted is not None:
            converted.content = converted.content.replace("<p>", "<p class='fel'>", 1)
        return converted

    monkeypatch.setattr(Assembler, "assemble", broken)
    assert build(content, tmp_path / "framed", TODAY)[0] == 0
    _engine_only(monkeypatch)
    assert build(content, tmp_path / "engine", TODAY)[0] == 0
    framed, engine = tree(tmp_path / "framed"), tree(tmp_path / "engine")
    assert [k for k in framed if framed[k] != engine[k] and not k.startswith("search/")] == []


def test_a_wrong_frame_is_caught_and_not_used(tmp_path: Path, monkeypatch) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    frame = generator.engine.fast.frames.Frame
    original = frame.fill
    monkeypatch.setattr(frame, "fill", lambda self, v: original(self, v).replace("md-", "x-", 1))
    stamped = _count_frames(monkeypatch)
    assert build(content, tmp_path / "framed", TODAY)[0] == 0
    assert stamped == []
    _engine_only(monkeypatch)
    assert build(content, tmp_path / "engine", TODAY)[0] == 0
    framed, engine = tree(tmp_path / "framed"), tree(tmp_path / "engine")
    assert [k for k in framed if framed[k] != engine[k] and not k.startswith("search/")] == []


# What assemble.blocks refuses, as one pattern: the definition ``_unsure`` is tested against.
_UNSURE_AS_ONE = re.compile(
    r"<(?:pre|textarea|script|style|!--|\?|!\[CDATA)|^(?:```|~~~)|[\t\r\x02\x03]|\n[ ]+\n",
    re.IGNORECASE | re.MULTILINE,
)
_PIECES = [
    "<pre", "<PrE>", "<textarea", "<script", "<ſcript", "<style", "<!--", "<?", "<![CDATA",
    "```", "~~~", "\t", "\r", "\x02", "\x03", "\n", " ", "\n \n", "<p>", "x", "`", "~", "<",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
@settings(max_examples=2000, deadline=None)
def test_unsure_is_the_one_pattern(pieces: list[str]) -> None:
    from generator.engine.fast.assemble import _unsure

    text = "".join(pieces)
    assert _unsure(text) == (_UNSURE_AS_ONE.search(text) is not None)
