"""Pages for the HTML gate's tests: XSS vectors in many surroundings, broken markup, and
pieces to put random markup together from (``test_scan.py``, and ``browser/test_gate.py``,
which reads them in Chromium)."""

from __future__ import annotations

import html
import random

from xss_vectors import HTML, URLS

THEME = {"assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/insyn-scope.js"}
PAGE = "dialogues/x/index.html"


def page(content: str, scripts: str = "") -> str:
    """A page shaped like Material's: theme scripts around the content."""
    return (
        "<!doctype html>\n<html><head>\n"
        '<link rel="stylesheet" href="../../assets/stylesheets/main.css">\n'
        '<script src="../../assets/javascripts/insyn-scope.js"></script>\n'
        "</head><body>\n<article>\n"
        f"{content}\n"
        "</article>\n"
        '<script id="__config" type="application/json">{"base": "../.."}</script>\n'
        '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
        f"{scripts}</body></html>\n"
    )


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
# Surroundings of every kind of parsing: text, tables, foreign content, raw text.
SAME = [
    "{}", "<p>{}</p>", "<table><tr><td>{}</td></tr></table>", "<table>{}</table>",
    "<select>{}</select>", "<svg>{}</svg>", "<math>{}</math>", "<a title=\"{}\">x</a>",
    "<!-- {} -->", "<div>{}", "<ul><li>{}</ul>", "<b>{}</i>", "<textarea>{}</textarea>",
    "<noscript>{}</noscript>", "<title>{}</title>", "<style>{}</style>", "<iframe>{}</iframe>",
]  # fmt: skip
# Surroundings where parsers have disagreed: comments, CDATA, templates, plaintext.
MORE = ["<!-->{}-->", "<![CDATA[{}]]>", "<template>{}</template>", "<plaintext>{}", "<?x {} ?>"]


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


def in_page(where: str, payload: str) -> str:
    return page(f"<p>Före</p>\n{where.replace('{}', payload)}\n<p>Efter</p>")


def random_markup(n: int, seed: int = 1) -> list[str]:
    """``n`` fragments of random markup from ``PIECES``, the same on every run; every
    other one in a page."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        fragment = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        out.append(page(fragment) if i % 2 else fragment)
    return out
