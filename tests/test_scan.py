"""The scan's fast reading of a page (Lexbor and a cheap raw count) against the reading it
falls back on for exact lines (html.parser and the raw pass, the scan as it first was):
differential tests on the XSS corpus in many surroundings, on broken markup and on random
markup."""

from __future__ import annotations

import html
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_publish_safety import PAGE, THEME, page
from xss_vectors import HTML, URLS

from generator.publish import gate as scan
from generator.publish.gate import scan_html

URL_PAYLOADS = [
    template.format(html.escape(url, quote=True))
    for url in URLS
    for template in ('<a href="{}">x</a>', '<img src="{}" alt="x">', "<form action={}></form>")
]
BROKEN = [
    '<script src="../../assets/javascripts/insyn-scope.js"></script>',
    '<script id="__config" type="application/json">{}</script>',
    "<frame src=javascript:alert(1)>", "<image src=x onerror=alert(1)>", "<isindex action=x>",
    "<body onload=alert(1)>", '<html manifest="javascript:x">', '<head profile="javascript:x">',
    "<head/onerror=x", "<tr background=javascript:x>", "<td style=x:expression(1)>",
    "<a href=javascript:x", '<img src="javascript:', "<p title='a > b' onclick=x>",
    '<img src="x"onerror="y">', "<p/onclick=x>", "<p\nonclick=x>", "<x onclick>",
    '<a href="x?on=1&onload=2">x</a>', '<input value=" onfocus=x">', "a < b", "<", "<<", "<a",
    "</p onclick=x>", "<svg><style>@import 'x'</style></svg>", "<select><a href=javascript:x>",
    '<link rel=preload href="//evil.example/x.js">', "<meta http-equiv=refresh content=0;url=x:y>",
    "<script>x</script y><a href=javascript:x>", "<title><a href=javascript:x></title>",
    "<a href=&#x6A;avascript:x>", "<a href=java\x00script:x>", "<a b==javascript:x>",
]  # fmt: skip
PAYLOADS = HTML + URL_PAYLOADS + BROKEN
THEME_JS = "../../assets/javascripts/insyn-scope.js"
# Surroundings in which a browser sees no more than html.parser: the two readings agree.
SAME = [
    "{}", "<p>{}</p>", "<table><tr><td>{}</td></tr></table>", "<table>{}</table>",
    "<select>{}</select>", "<svg>{}</svg>", "<math>{}</math>", "<a title=\"{}\">x</a>",
    "<!-- {} -->", "<div>{}", "<ul><li>{}</ul>", "<b>{}</i>", "<textarea>{}</textarea>",
    "<noscript>{}</noscript>", "<title>{}</title>", "<style>{}</style>", "<iframe>{}</iframe>",
]  # fmt: skip
# Surroundings that hide markup from html.parser but not from a browser.
MORE = ["<!-->{}-->", "<![CDATA[{}]]>", "<template>{}</template>", "<plaintext>{}", "<?x {} ?>"]


def by_html_parser(text: str) -> list[tuple[int, str]]:
    return scan._html_parser_problems(text, scan._allowed(THEME), PAGE)


def in_page(where: str, payload: str) -> str:
    return page(f"<p>Före</p>\n{where.replace('{}', payload)}\n<p>Efter</p>")


def known_difference(payload: str) -> bool:
    """The second pass may see theme scripts that the parse, like a browser, does not."""
    return "<script" in payload.lower() or "javascript:>" in payload


@pytest.mark.parametrize("where", SAME)
def test_the_fast_scan_gives_the_html_parser_problems(where):
    for payload in PAYLOADS:
        text = in_page(where, payload)
        expected = by_html_parser(text)
        if expected or not known_difference(payload):
            assert scan_html(text, THEME, PAGE) == expected, payload


@pytest.mark.parametrize("where", MORE)
def test_the_fast_scan_finds_at_least_what_html_parser_finds(where):
    for payload in PAYLOADS:
        text = in_page(where, payload)
        expected = by_html_parser(text)
        if expected:
            assert scan_html(text, THEME, PAGE) == expected, payload


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<!--><a href="javascript:alert(1)">x</a>-->', "<a href> har en farlig adress"),
        ("<![CDATA[><img src=javascript:alert(1)>]]>", "<img src> har en farlig adress"),
        (f'<script src="{THEME_JS}"></script x><a href="javascript:x">x</a><script></script>',
         "<a href> har en farlig adress"),
    ],
)  # fmt: skip
def test_what_a_browser_runs_and_html_parser_misses_is_found(content, message):
    text = in_page("{}", content)
    assert by_html_parser(text) == []
    assert (8, message) in scan_html(text, THEME, PAGE)  # on the line of the start tag


def test_a_browser_ignores_a_second_attribute_of_the_same_name():
    text = in_page("{}", '<a href="https://ok.example" href="javascript:alert(1)">x</a>')
    assert by_html_parser(text) == [(8, "<a href> har en farlig adress")]
    assert scan_html(text, THEME, PAGE) == []


MATERIAL_PAGE = """<!doctype html>
<html lang="sv" class="no-js">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="../../assets/images/favicon.png">
<title>Lekplats i Hede – Insyn</title>
<link rel="stylesheet" href="../../assets/stylesheets/main.css">
<script src="../../assets/javascripts/insyn-scope.js"></script>
</head>
<body dir="ltr" data-md-color-scheme="default">
<header class="md-header"><a href="../.." title="Insyn" class="md-logo" aria-label="Insyn">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 8a3 3 0 0 0 3-3"/>
</svg></a></header>
<main><article class="md-content__inner">
<h1 id="lekplats">Lekplats i Hede</h1>
<p>Läs <a href="https://www.kungsbacka.se/x?a=1&amp;b=2">mer</a> eller skriv till
<a href="mailto:kommun@kungsbacka.se">oss</a>. Onsala, 3 &lt; 4.</p>
<table><thead><tr><th style="text-align: right;">Antal</th></tr></thead>
<tbody><tr><td style="text-align: right;">12</td></tr></tbody></table>
<img src="../../assets/images/karta.png" srcset="a.png 1x, b.png 2x" alt="Karta"><br>
</article></main>
<script id="__config" type="application/json">{"base": "../..", "search": "x.js"}</script>
<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>
</body>
</html>
"""


def test_a_clean_page_takes_only_the_fast_passes(monkeypatch):
    def slow(*args):
        raise AssertionError("html.parser was needed")

    monkeypatch.setattr(scan, "_html_parser_problems", slow)
    assert scan_html(MATERIAL_PAGE, THEME, PAGE) == []


def test_a_clean_page_is_clean_for_html_parser_too():
    assert by_html_parser(MATERIAL_PAGE) == []


PIECES = [
    "<", ">", "/", "=", '"', "'", "`", " ", "\n", "x", "<a", "<img", "<p", "<svg", "<math",
    "<table", "<td", "<tr", "<select", "<textarea>", "</textarea>", "<title>", "</title>",
    "<noscript>", "<template>", "<style>", "</style>", "<script>", "</script>", "<script src=",
    "../../assets/javascripts/insyn-scope.js", "<iframe", "<frame", "<head", "<body", "<html",
    " href=", " src=", " style=", " title=", " onclick=", " ONload=", " xlink:href=",
    " background=", "javascript:", "data:", "https://ok.example/", "alert(1)", "&#106;",
    "&lt;", "&amp;", "<!--", "-->", "<!", "<?", "<![CDATA[", "]]>", "</", "</p>", "<b>", "</b>",
    "<meta http-equiv=refresh content=", "0;url=javascript:x", "<link rel=stylesheet href=",
    "//evil.example/x.css", "expression(", "<base", "<object", "<plaintext>", "<image", "\x00",
    "\r", "==", "<tbody", "<colgroup", "</table>",
]  # fmt: skip


class _Duplicates(HTMLParser):
    """Whether html.parser sees a tag with two attributes of the same name."""

    found = False

    def handle_starttag(self, tag, attrs):
        names = [name for name, _ in attrs]
        self.found |= len(names) != len(set(names))


def has_duplicate_attributes(text: str) -> bool:
    parser = _Duplicates()
    parser.feed(text)
    parser.close()
    return parser.found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join), st.booleans())
def test_random_markup_gets_at_least_the_html_parser_problems(fragment, wrapped):
    text = page(fragment) if wrapped else fragment
    assume(not has_duplicate_attributes(text))
    expected = by_html_parser(text)
    if expected:
        assert scan_html(text, THEME, PAGE) == expected


def test_pages_are_scanned_in_path_order(tmp_path):
    names = ["a-c.html", "a/b.html", "a/B.svg", "A.htm", "x.html/y.xhtml", "a.txt", "b.HTML"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p onclick=x>", encoding="utf-8")
    (tmp_path / "folder.html").mkdir()
    found = [p.file for p in scan.scan_site(tmp_path, set())]
    assert found == ["A.htm", "a/B.svg", "a/b.html", "a-c.html", "x.html/y.xhtml"]  # as Paths sort


def test_site_pages_as_os_walk_finds_them(tmp_path: Path):
    """``site_pages`` (one scandir per folder) lists what os.walk and isfile list."""
    site = tmp_path / "site"
    for rel in ("index.html", "a/b/index.html", "a/x.svg", "a/y.htm", "a/z.xhtml",
                "a/data.json", "a-b/index.html", "a.html/index.html", "B/index.html"):  # fmt: skip
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("<p>x</p>", encoding="utf-8")
    (site / "dir.html").mkdir()  # a folder named like a page
    (site / "linked.html").symlink_to(site / "index.html")
    (site / "dangling.html").symlink_to(site / "missing.html")
    (site / "linked-folder").symlink_to(site / "a", target_is_directory=True)

    expected = []
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            if name.endswith(scan.PAGE_SUFFIXES) and os.path.isfile(path):
                expected.append(Path(path).relative_to(site))
    assert scan.site_pages(site) == [p.as_posix() for p in sorted(expected)]
    assert "linked.html" in scan.site_pages(site)
    assert not any(p.startswith("linked-folder/") for p in scan.site_pages(site))
