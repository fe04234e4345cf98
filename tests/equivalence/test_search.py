"""The search indexer's shortcut (``engine/fast/search``): its tokens are exactly the
events ``html.parser`` reports, for plain HTML, and it declines the rest; leaving out an
excluded table gives Material's parser the same sections. Whole sites' indexes are
compared in ``test_engine.py``."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from gatecases import PAYLOADS, SAME, in_page, random_markup
from hypothesis import given, settings
from hypothesis import strategies as st
from sitehelpers import ROOT, build, tree

from generator.engine.fast.search import tokens, without_skipped_tables


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
         "</li>", "<h2 id=\"a\">", "</h2>", "\u00e5\u00e4\u00f6", "&", "a>b", "<DIV>", "</DIV>"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PLAIN), max_size=25).map("".join))
def test_plain_markup_is_tokenised_as_html_parser_does(html: str) -> None:
    found = tokens(html)
    assert found is not None and found == recorded(html)


def _sections(html: str, skip: bool) -> list[tuple]:
    from material.plugins.search.plugin import Parser

    parser = Parser()
    found = tokens(html)
    for token in without_skipped_tables(found) if skip else found:
        kind, *args = token
        getattr(parser, {"data": "handle_data", "start": "handle_starttag",
                         "end": "handle_endtag", "startend": "handle_startendtag"}[kind])(*args)
    return [("".join(s.title), "".join(s.text), s.id) for s in parser.data]  # fmt: skip


@pytest.mark.parametrize(
    "table",
    [
        '<table data-search-exclude="true"><tr><td>a</td></tr></table>',
        '<table data-search-exclude="true"><tr><td>a<br>b</td></tr></table>',
        '<table data-search-exclude="true"><tr><td>a</tr></table>',  # unbalanced: kept whole
        '<table data-search-exclude="true"><tr><td><table><tr><td>x</td></tr></table>'
        "</td></tr></table>",  # nested: kept whole
    ],
)
def test_leaving_out_an_excluded_table_gives_the_same_sections(table: str) -> None:
    html = f'<h1 id="t">T</h1>\n<p>före</p>\n{table}\n<p>efter</p>\n<h2 id="u">U</h2>\n<p>x</p>'
    assert _sections(html, skip=True) == _sections(html, skip=False)


def test_the_demo_dialogues_sections_are_the_same_with_their_checklists_left_out(
    demo_pages,
) -> None:
    # The built pages have had the marker taken out by the plugin: put it back.
    marked = [p.replace("<table>\n<thead>\n<tr>\n<th>Vad policyn säger",
                        '<table data-search-exclude="true">\n<thead>\n<tr>\n<th>Vad policyn '
                        "säger", 1) for p in demo_pages if "Vad policyn säger" in p]  # fmt: skip
    articles = [p[p.index("<article"): p.index("</article>")] for p in marked]
    assert articles and all(_sections(a, True) == _sections(a, False) for a in articles)
    assert all(len(without_skipped_tables(tokens(a))) < len(tokens(a)) for a in articles)
