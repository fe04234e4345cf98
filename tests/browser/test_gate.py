"""The HTML gate against Chromium: whatever Chromium makes of a page, an element or an
attribute the gate's rules refuse, the gate finds in that page.

Each page is written into an iframe of a page whose Content-Security-Policy runs no
script, and the elements Chromium made are read back: once in a browser that runs
JavaScript (``<noscript>`` is text), once in one that does not (it is markup). The rules
(``publish.html_rules``) are applied to what Chromium read; the gate, which reads the page
with its own parser, must report each problem found so (or one of the raw pass's, which
stand for any). Pages: every XSS vector in every surrounding, and random markup.
"""

from __future__ import annotations

import pytest
from gatecases import MORE, PAGE, PAYLOADS, SAME, THEME, in_page, random_markup

from generator.publish.gate import scan_html
from generator.publish.html_rules import (
    RAW_EVENT_MESSAGE,
    RAW_SCRIPT_MESSAGE,
    SCRIPT_MESSAGE,
    allowed_paths,
    attribute_problem,
    is_config,
    style_problem,
    tag_problems,
    theme_file,
)

pytestmark = pytest.mark.browser

CSP = "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\">"
# Every element Chromium made, in document order: [name, [[attribute, value] …], style text].
READ = """(pages) => {
  const frame = document.createElement('iframe');
  document.body.appendChild(frame);
  return pages.map((html) => {
    const doc = frame.contentDocument;
    doc.open(); doc.write(html); doc.close();
    return Array.from(doc.querySelectorAll('*'), (el) => [
      el.localName,
      Array.from(el.attributes, (a) => [a.name, a.value]),
      el.localName === 'style' ? el.textContent : '',
    ]);
  });
}"""
RAW = {RAW_SCRIPT_MESSAGE, RAW_EVENT_MESSAGE}


def chromium_problems(elements: list) -> set[str]:
    """The rules' messages for the elements as Chromium made them."""
    allowed = allowed_paths(THEME)
    found: set[str] = set()
    configs = 0
    for name, attributes, css in elements:
        attrs = dict(attributes)
        for attribute, value in attributes:
            message = attribute_problem(name, attribute, value)
            if message:
                found.add(message)
        if name == "script":
            if "src" in attrs:
                ok = theme_file(attrs, allowed, PAGE)
            else:
                configs += is_config(attrs)
                ok = is_config(attrs) and configs == 1
            if not ok:
                found.add(SCRIPT_MESSAGE)
        if name == "style" and style_problem(css):
            found.add(style_problem(css))
        found.update(tag_problems(name, attrs, PAGE))
    return found


def missed(pages: list[str], readings: list) -> list[tuple[str, set[str]]]:
    """Pages in which the gate does not report what Chromium's reading gives."""
    out = []
    for text, elements in zip(pages, readings, strict=True):
        expected = chromium_problems(elements)
        if not expected:
            continue
        reported = {message for _, message in scan_html(text, THEME, PAGE)}
        if not reported & RAW and expected - reported:
            out.append((text, expected - reported))
    return out


@pytest.fixture(scope="module", params=[True, False], ids=["javascript", "no-javascript"])
def read_in_chromium(request, browser):
    context = browser.new_context(java_script_enabled=request.param)
    tab = context.new_page()
    tab.set_content(f"<!doctype html><html><head>{CSP}<title>gate</title></head><body></body>")

    def read(pages: list[str]) -> list:
        return tab.evaluate(READ, pages)

    yield read
    context.close()


def test_every_vector_chromium_makes_dangerous_is_found(read_in_chromium):
    pages = [in_page(where, payload) for where in SAME + MORE for payload in PAYLOADS]
    readings = read_in_chromium(pages)
    assert sum(bool(chromium_problems(r)) for r in readings) > len(PAYLOADS)  # it reads them
    assert missed(pages, readings) == []


def test_random_markup_chromium_makes_dangerous_is_found(read_in_chromium):
    pages = random_markup(3000)
    readings = read_in_chromium(pages)
    assert sum(bool(chromium_problems(r)) for r in readings) > 100
    assert missed(pages, readings) == []
