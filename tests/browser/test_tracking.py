"""No tracking: no cookies, no storage, and no request to any host but the site's own.

The privacy page says the site uses no cookies and fetches nothing from other companies'
servers (fonts, maps, statistics); this proves it for every page type, with JavaScript on.
"""

from __future__ import annotations

import pytest

from .harness import PAGE_TYPES, RECORD_WRITES_JS, goto, host_of

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_tracking(browser, server, page_type):
    context = browser.new_context(locale="sv-SE")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.add_init_script(RECORD_WRITES_JS)
    try:
        page = context.new_page()
        goto(page, server, page_type)
        page.wait_for_load_state("networkidle")
        # scroll and move through the page as a reader would, so lazy scripts run
        page.mouse.wheel(0, 4000)
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)
        writes = page.evaluate("() => window.__writes")
        storage = page.evaluate("() => [localStorage.length, sessionStorage.length]")
        cookies = context.cookies()
    finally:
        context.close()
    foreign = sorted({u for u in requests if host_of(u) != "127.0.0.1" and not u.startswith(
        ("data:", "blob:", "about:"))})
    assert not foreign, f"{page_type}: requests to other hosts: {foreign}"
    assert cookies == [], f"{page_type}: cookies set: {cookies}"
    assert writes == [], f"{page_type}: storage or cookie writes: {writes}"
    assert storage == [0, 0], f"{page_type}: localStorage/sessionStorage not empty: {storage}"
