"""The HTML gate on crafted pages: what it finds, at which line, and which pages it scans.
``browser/test_gate.py`` checks it against the way Chromium reads the same pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gatecases import PAGE, THEME, in_page, page

from generator.publish import gate as scan
from generator.publish.gate import scan_html
from generator.publish.html_rules import RAW_SCRIPT_MESSAGE

THEME_JS = "../../assets/javascripts/insyn-scope.js"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<!--><a href="javascript:alert(1)">x</a>-->', "<a href> har en farlig adress"),
        ("<![CDATA[><img src=javascript:alert(1)>]]>", "<img src> har en farlig adress"),
        (f'<script src="{THEME_JS}"></script x><a href="javascript:x">x</a><script></script>',
         "<a href> har en farlig adress"),
        ("<body onload=alert(1)>", "<body> har händelseattributet onload"),
    ],
)  # fmt: skip
def test_what_a_browser_runs_is_found_at_the_line_of_its_start_tag(content, message):
    text = in_page("{}", content)
    assert (8, message) in scan_html(text, THEME, PAGE)


def test_a_browser_ignores_a_second_attribute_of_the_same_name():
    text = in_page("{}", '<a href="https://ok.example" href="javascript:alert(1)">x</a>')
    assert scan_html(text, THEME, PAGE) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # For a resident without JavaScript, <noscript> is markup: a refresh there redirects.
        ('<noscript><meta http-equiv="refresh" content="0;url=https://evil.example/">'
         "</noscript>", "<meta http-equiv> är inte tillåten"),
        # With JavaScript, <noscript> ends at the first </noscript>, even inside a title.
        ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
         "<img> har händelseattributet onerror"),
    ],
)  # fmt: skip
def test_noscript_is_read_as_both_kinds_of_browser_read_it(content, message):
    found = [m for _, m in scan_html(in_page("{}", content), THEME, PAGE)]
    assert any(m.startswith(message) for m in found), found


def test_a_script_the_parse_did_not_see_is_found_by_the_raw_pass():
    text = in_page("{}", "<textarea><script>alert(1)</script></textarea>")
    assert (8, RAW_SCRIPT_MESSAGE) in scan_html(text, THEME, PAGE)


def test_a_dangerous_style_element_is_found():
    text = in_page("{}", "<style>@import 'https://evil.example/x.css';</style>")
    assert (8, "<style> har en farlig stilregel") in scan_html(text, THEME, PAGE)


def test_problems_come_in_line_order():
    text = page("<p onclick=x>a</p>\n<a href=javascript:x>b</a>\n<p onmouseover=y>c</p>")
    lines = [line for line, _ in scan_html(text, THEME, PAGE)]
    assert lines == sorted(lines) and len(lines) == 3


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


def test_a_clean_page_is_clean():
    assert scan_html(MATERIAL_PAGE, THEME, PAGE) == []


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
