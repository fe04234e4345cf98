"""Without JavaScript every page shows its content and every dialogue can be reached.

The site is static Markdown turned into HTML: nothing a resident needs may depend on a
script (a blocked or failed script, an old phone, a screen reader's browse mode).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from .harness import PAGE_TYPES, goto

pytestmark = pytest.mark.browser

DIALOGUE_PATH = re.compile(r"^/dialogues/([a-z0-9-]+)/(?:index\.html)?$")

VISIBLE_LINKS_JS = """() => [...document.querySelectorAll('a[href]')]
    .filter(a => a.checkVisibility({visibilityProperty: true}))
    .map(a => a.href)"""

MAIN_TEXT_JS = """() => {
    const main = document.querySelector('main article, main, [role=main]');
    return main ? main.innerText : '';
}"""


def visible_links(page) -> list[str]:
    return page.evaluate(VISIBLE_LINKS_JS)


def local_dialogues(urls: list[str], base: str) -> set[str]:
    found = set()
    for url in urls:
        parts = urlsplit(urljoin(base, url))
        if parts.netloc == urlsplit(base).netloc:
            m = DIALOGUE_PATH.match(parts.path)
            if m:
                found.add(m.group(1))
    return found


def test_every_dialogue_is_linked_from_the_list(nojs_context, server):
    page = nojs_context.new_page()
    goto(page, server, "list")
    found = local_dialogues(visible_links(page), page.url)
    missing = sorted(set(server.site.slugs) - found)
    assert not missing, f"no visible link on /dialogues/ without JavaScript to: {missing}"


def test_every_dialogue_is_reachable_from_the_start_page(nojs_context, server):
    """Following visible links from the start page (at most two clicks) reaches every dialogue."""
    page = nojs_context.new_page()
    goto(page, server, "start")
    base_host = urlsplit(page.url).netloc
    found = local_dialogues(visible_links(page), page.url)
    frontier = {
        urljoin(page.url, u).split("#")[0]
        for u in visible_links(page)
        if urlsplit(urljoin(page.url, u)).netloc == base_host
        and not DIALOGUE_PATH.match(urlsplit(urljoin(page.url, u)).path)
        and urlsplit(urljoin(page.url, u)).path.endswith("/")
    }
    for url in sorted(frontier)[:40]:
        if set(server.site.slugs) <= found:
            break
        response = page.goto(url)
        if response and response.ok:
            found |= local_dialogues(visible_links(page), page.url)
    missing = sorted(set(server.site.slugs) - found)
    assert not missing, f"dialogues not reachable in two clicks from the start page: {missing}"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_shows_its_content_without_javascript(browser, nojs_context, server, page_type):
    """The heading and the text of the page are there and visible with JavaScript off, as
    much text as with it on, and every style sheet and image loads."""
    page = nojs_context.new_page()
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
            and r.request.resource_type != "document" else None)
    goto(page, server, page_type)
    lang = page.evaluate("() => document.documentElement.lang")
    assert lang.split("-")[0] == "sv", f"{page_type}: <html lang={lang!r}>, not Swedish (3.1.1)"
    h1 = page.locator("h1").first
    assert h1.count() == 1 and h1.is_visible(), f"{page_type}: no visible <h1> without JavaScript"
    assert h1.inner_text().strip(), f"{page_type}: the <h1> is empty"
    text_off = page.evaluate(MAIN_TEXT_JS)
    assert len(text_off.split()) >= 5, f"{page_type}: the main content is (nearly) empty"
    assert not failed, f"{page_type}: resources that failed to load: {failed}"

    js_context = browser.new_context(locale="sv-SE")
    try:
        js_page = js_context.new_page()
        goto(js_page, server, page_type)
        text_on = js_page.evaluate(MAIN_TEXT_JS)
    finally:
        js_context.close()
    words_on = set(re.findall(r"\w+", text_on))
    words_off = set(re.findall(r"\w+", text_off))
    lost = words_on - words_off
    assert len(lost) <= max(3, len(words_on) // 50), (
        f"{page_type}: {len(lost)} words are shown only with JavaScript: {sorted(lost)[:30]}"
    )


@pytest.mark.parametrize("page_type", ["start", "dialogue-ongoing", "list", "404"])
def test_footer_links_to_the_statement_and_privacy(nojs_context, server, page_type):
    """The law asks that the accessibility statement is easy to find: on every page."""
    page = nojs_context.new_page()
    goto(page, server, page_type)
    links = page.evaluate(
        """() => [...document.querySelectorAll('footer a[href]')]
            .filter(a => a.checkVisibility({visibilityProperty: true}))
            .map(a => [new URL(a.href).pathname, a.innerText.trim()])"""
    )
    paths = {path for path, _ in links}
    assert "/accessibility/" in paths, f"{page_type}: no footer link to /accessibility/: {links}"
    assert "/privacy/" in paths, f"{page_type}: no footer link to /privacy/: {links}"
    texts = dict(links)
    assert texts["/accessibility/"] == "Tillgänglighetsredogörelse"
