"""The search indexer's shortcut (``engine/fast/search``): its tokens are exactly the
events ``html.parser`` reports, for plain HTML, and it declines the rest; leaving out an
excluded table and making the sections without the callbacks (``engine/fast/sections``)
give Material the same sections as its own parser, on generated, hostile and random
markup. Whole sites' indexes are compared in ``test_engine.py``."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from gatecases import PAYLOADS, SAME, in_page, random_markup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin
from material.plugins.search.plugin import Parser
from sitehelpers import ROOT, build, tree

from generator.engine.fast.search import (
    faster_search,
    index_tokens,
    tokens,
    without_excluded_tables,
)
from generator.engine.fast.sections import sections


class Recorder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("startend", tag, attrs))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.events.append(("data", data))


def recorded(html: str) -> list[tuple]:
    r = Recorder()
    r.feed(html)
    r.close()
    return r.events


def agrees(html: str) -> bool:
    found = tokens(html)
    return found is None or found == recorded(html)


@pytest.fixture(scope="module")
def demo_pages(tmp_path_factory) -> list[str]:
    site = tmp_path_factory.mktemp("demo") / "site"
    assert build(ROOT / "content", site, "2026-11-25")[0] == 0
    return [data.decode() for rel, data in tree(site).items() if rel.endswith(".html")]


def test_every_page_of_the_demo_is_tokenised_as_html_parser_does(demo_pages) -> None:
    articles = [p[p.index("<article"): p.index("</article>")] for p in demo_pages
                if "<article" in p]  # fmt: skip
    assert all(tokens(a) == recorded(a) for a in articles)
    assert sum(tokens(a) is not None for a in articles) == len(articles)  # all plain
    assert all(agrees(p) for p in demo_pages)  # whole pages (with scripts): declined


def test_hostile_markup_is_declined_or_read_the_same() -> None:
    pages = [in_page(where, payload) for where in SAME for payload in PAYLOADS]
    assert all(agrees(p) for p in pages)
    assert sum(tokens(p) is None for p in pages) > len(pages) / 2  # most are declined


def test_random_markup_is_declined_or_read_the_same() -> None:
    assert all(agrees(p) for p in random_markup(3000, seed=5))


PLAIN = ["<p>", "</p>", "<a href=\"x?a=1&amp;b=2\">", "</a>", "<br/>", "<br>", "<td>", "</td>",
         "text", " ", "\n", "&amp;", "&lt;", "&#229;", "&nbsp;", "<li class=\"x\" hidden>",
         "</li>", "<li class=\"\">", "<h2 id=\"a\">", "</h2>", "\u00e5\u00e4\u00f6", "&", "a>b",
         "<DIV>", "</DIV>"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PLAIN), max_size=25).map("".join))
def test_plain_markup_is_tokenised_as_html_parser_does(html: str) -> None:
    found = tokens(html)
    assert found is not None and found == recorded(html)


def _material(html: str) -> list[tuple]:
    """The sections of Material's own parser, fed by ``HTMLParser``."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return _summary(parser.data)


def _fast(html: str) -> list[tuple]:
    """The sections ``faster_search`` gives Material: declined pages by the callbacks."""
    with faster_search():
        parser = plugin.Parser()
        parser.feed(html)
        parser.close()
    return _summary(parser.data)


def _summary(data: list) -> list[tuple]:
    return [("".join(s.title), "".join(s.text), s.id, s.depth, s.el.tag, s.is_excluded())
            for s in data]  # fmt: skip


def _sections_of_tokens(html: str) -> list[tuple]:
    """``sections`` on the index tokens, with no fall-back to the callbacks."""
    return _summary(sections(index_tokens(html), Parser(), plugin))


EXCLUDED = '<table data-search-exclude="true">'


@pytest.mark.parametrize(
    "table",
    [
        f"{EXCLUDED}<tr><td>a</td></tr></table>",
        f"{EXCLUDED}<tr><td>a<br>b<br/>c</td></tr></table>",
        f"{EXCLUDED}<tr><td>a</tr></table>",  # unbalanced: kept whole
        f"{EXCLUDED}<tr><td><table><tr><td>x</td></tr></table></td></tr></table>",  # nested
        f'{EXCLUDED}<tr><td><h2 id="i">I</h2></td></tr></table>',  # a heading: a section
        f"{EXCLUDED}<tr><td><table/>x</td></tr></table>",  # ends the skipping
        f"{EXCLUDED}<tr><td>a < b</td></tr></table>",  # not plain
    ],
)
def test_leaving_out_an_excluded_table_gives_the_same_sections(table: str) -> None:
    html = f'<h1 id="t">T</h1>\n<p>före</p>\n{table}\n<p>efter</p>\n<h2 id="u">U</h2>\n<p>x</p>'
    assert _fast(html) == _material(html)
    if index_tokens(html) is not None:
        assert _sections_of_tokens(html) == _material(html)


def test_a_table_is_left_out_only_where_nothing_else_is_skipped() -> None:
    inside = "<tr><td><div>x</div></td></tr>"
    table = f"{EXCLUDED}{inside}</table>"
    assert inside not in without_excluded_tables(f"<p>a</p>{table}")
    # An open skipped <div> would be ended by the table's </div>: the table is kept.
    html = f'<div data-search-exclude="x"><p>a</p>{table}<p>b</p></div><p>c</p>'
    assert without_excluded_tables(html) == html
    assert _fast(html) == _material(html)


def test_the_demo_dialogues_sections_are_the_same_with_their_checklists_left_out(
    demo_pages,
) -> None:
    # The built pages have had the marker taken out by the plugin: put it back.
    marked = [p.replace("<table>\n<thead>\n<tr>\n<th>Vad policyn säger",
                        f"{EXCLUDED}\n<thead>\n<tr>\n<th>Vad policyn säger", 1)
              for p in demo_pages if "Vad policyn säger" in p]  # fmt: skip
    articles = [p[p.index("<article"): p.index("</article>")] for p in marked]
    assert articles and all(_sections_of_tokens(a) == _material(a) for a in articles)
    assert all(len(without_excluded_tables(a)) < len(a) for a in articles)


def test_hostile_and_random_pages_give_the_same_sections() -> None:
    pages = [in_page(where, payload) for where in SAME for payload in PAYLOADS]
    pages += random_markup(1500, seed=7)
    assert all(_fast(p) == _material(p) for p in pages)


# What the parser's rules turn on: headings with and without ids, nested ones, permalinks,
# kept tags (p, li, pre, code…), whitespace in and out of <pre>, skipped elements (by an
# attribute, by class, <object>), excluded tables and tags compared by name.
SECTIONED = [
    '<h1 id="a">', "<h1>", "</h1>", '<h2 id="b">', "<h2>", "</h2>", '<h3 id="c">', "</h3>",
    "<div>", "</div>", "<p>", "</p>", "<pre>", "</pre>", "<code>", "</code>", "<ul>", "</ul>",
    "<li>", "</li>", "<sup>", "</sup>", "<span>", "</span>", "<br>", "<br/>", "<img>",
    '<a class="headerlink" href="#b">', '<a href="x">', "</a>", "<object>", "</object>",
    '<div data-search-exclude="true">', '<span data-search-exclude>', '<div class="linenodiv">',
    EXCLUDED, "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<hx>", "</hx>",
    "<x/>", "text", "ord ", " ", "\n", "  \n ", "&amp;", "a&lt;b", "å\nä",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(SECTIONED), max_size=40).map("".join))
@example("<p>a</p><pre> <span>\n</span> </pre>")  # space after space: kept only in <pre>
@example('<h2 id="b">B<a class="headerlink" href="#b">¶</a></h2><p>x</p>')
def test_random_sectioned_markup_gives_material_s_sections(html: str) -> None:
    assert index_tokens(html) is not None
    assert _fast(html) == _material(html)
