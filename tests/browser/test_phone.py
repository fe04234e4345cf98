"""On a phone (360 × 740 CSS pixels) nothing scrolls sideways; screenshots for a human eye.

WCAG 1.4.10 Reflow: content is readable at 320 CSS pixels without scrolling in two
directions; 360 is the most common small phone. Screenshots of the start page and a
dialogue at 360 and 1280 pixels go to test-artifacts/ to be looked at.
"""

from __future__ import annotations

import pytest

from .harness import ARTIFACTS, PAGE_TYPES, goto

pytestmark = pytest.mark.browser

OVERFLOW_JS = """() => {
    const width = document.documentElement.clientWidth;
    // Wider than the screen and not inside its own scroll box (a table wrapper, a code
    // block): such content either scrolls the page sideways or is cut off and unreadable.
    const scrolls = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if ((o === 'auto' || o === 'scroll') && p.scrollWidth > p.clientWidth - 1)
                return true;
        }
        return false;
    };
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) continue;
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        if (el.closest('.md-sidebar, .md-search, .md-skip')) continue;  // off-canvas drawers
        if (scrolls(el)) continue;
        const parent = el.parentElement;
        if (parent && parent.getBoundingClientRect().right > width + 1 && !scrolls(parent)
            && parent !== document.body) continue;  // report the outermost only
        const cls = typeof el.className === 'string' && el.className
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        wide.push(el.tagName.toLowerCase() + cls + ' right=' + Math.round(r.right));
    }
    return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
            wide: wide.slice(0, 10)};
}"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_horizontal_scroll_on_a_phone(phone_context, server, page_type):
    page = phone_context.new_page()
    goto(page, server, page_type)
    m = page.evaluate(OVERFLOW_JS)
    assert m["scrollWidth"] <= m["innerWidth"], (
        f"{page_type} scrolls sideways at 360 px: scrollWidth {m['scrollWidth']} > "
        f"{m['innerWidth']}; too wide: {m['wide']}"
    )
    assert not m["wide"], f"{page_type}: content wider than a 360 px screen is cut off: {m['wide']}"


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("page_type", ["start", "dialogue-ongoing"])
def test_screenshots(browser, server, page_type, width):
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": width, "height": 740 if width == 360 else 900},
        is_mobile=width == 360,
        has_touch=width == 360,
    )
    try:
        page = context.new_page()
        goto(page, server, page_type)
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{server.site.name}-{page_type}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000
    finally:
        context.close()
