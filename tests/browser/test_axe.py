"""axe-core finds no WCAG 2.1 A/AA violation on any page type, in a real Chromium.

Violations are fixed in the theme and the templates, never by turning rules off: this
test runs every rule with the tags wcag2a, wcag2aa, wcag21a and wcag21aa.
"""

from __future__ import annotations

import pytest

from .axe import describe, run_axe, save_report
from .harness import PAGE_TYPES, goto

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_axe_violations(context, server, axe_source, page_type):
    page = context.new_page()
    goto(page, server, page_type)
    result = run_axe(page, axe_source)
    save_report(f"kungsbacka-{page_type}", result)
    assert result["violations"] == [], (
        f"axe found violations on {page_type} ({page.url}):\n" + describe(result["violations"])
    )


@pytest.mark.parametrize("page_type", ["start", "dialogue-ongoing"])
def test_no_axe_violations_in_dark_mode(browser, server, axe_source, page_type):
    """A visitor whose system prefers a dark scheme gets a page that passes too."""
    context = browser.new_context(locale="sv-SE", bypass_csp=True, color_scheme="dark")
    try:
        page = context.new_page()
        goto(page, server, page_type)
        result = run_axe(page, axe_source)
        save_report(f"kungsbacka-dark-{page_type}", result)
        assert result["violations"] == [], describe(result["violations"])
    finally:
        context.close()


@pytest.mark.parametrize(
    "page_type", ["start", "list", "dialogue-ongoing", "dialogue-completed", "accessibility"]
)
def test_no_axe_violations_ale(context, ale_server, axe_source, page_type):
    page = context.new_page()
    goto(page, ale_server, page_type)
    result = run_axe(page, axe_source)
    save_report(f"ale-{page_type}", result)
    assert result["violations"] == [], (
        f"axe found violations on Ale's {page_type} ({page.url}):\n"
        + describe(result["violations"])
    )


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_axe_violations_on_phone(phone_context, server, axe_source, page_type):
    """Material's phone layout (drawer, header, tables that must fit) is another page."""
    page = phone_context.new_page()
    goto(page, server, page_type)
    result = run_axe(page, axe_source)
    save_report(f"kungsbacka-phone-{page_type}", result)
    assert result["violations"] == [], (
        f"axe found violations on {page_type} at 360 px ({page.url}):\n"
        + describe(result["violations"])
    )
