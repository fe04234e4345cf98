"""On a phone (360 px): the follow-up's charts have text of at least 12 px as rendered;
its wide tables sit in a labelled box that the keyboard can reach and scroll, with a
visible cue; numbers are written as Swedish writes them."""

from __future__ import annotations

import re

import pytest

from .harness import TODAY, goto

pytestmark = pytest.mark.browser

CHART_TEXT_JS = """() => [...document.querySelectorAll('.insyn-chart svg text')].map((t) =>
    t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')))"""

SCROLL_JS = """() => [...document.querySelectorAll('.insyn-scroll')].map((box) => ({
    label: box.getAttribute('aria-label'), role: box.getAttribute('role'),
    focusable: box.tabIndex === 0,
    cue: getComputedStyle(box.querySelector('.insyn-scroll__cue')).display !== 'none',
    scrolls: box.scrollWidth > box.clientWidth || getComputedStyle(box).overflowX === 'auto',
}))"""


def _year_page(page, server) -> None:
    """The follow-up of the build date's year (the demo has charts for it)."""
    page.goto(server.url(f"/follow-up/{TODAY[:4]}/"))


def test_chart_text_is_at_least_12_px_on_a_phone(phone_context, server) -> None:
    page = phone_context.new_page()
    _year_page(page, server)
    sizes = page.evaluate(CHART_TEXT_JS)
    assert sizes and min(sizes) >= 12, sizes


def test_wide_tables_scroll_in_a_labelled_focusable_box_with_a_cue(phone_context, server):
    page = phone_context.new_page()
    goto(page, server, "follow-up")
    boxes = page.evaluate(SCROLL_JS)
    _year_page(page, server)
    boxes += page.evaluate(SCROLL_JS)
    assert len(boxes) >= 2
    for box in boxes:
        assert box["role"] == "region" and box["label"] and box["focusable"], box
        assert box["cue"] and box["scrolls"], box


def test_numbers_are_written_the_swedish_way(browser, server) -> None:
    page = browser.new_page()
    goto(page, server, "follow-up")
    text = page.inner_text("article")
    page.close()
    assert not re.search(r"\b\d{4,}\b(?<!20\d\d)", text.replace("\u00a0", " "))  # 1 538
