"""Keyboard: a skip link is the first Tab stop, focus is always visible, and Tab reaches
every link and control (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7)."""

from __future__ import annotations

import re

import pytest

from .harness import ACTIVE_JS, FOCUSABLE_JS, PAGE_TYPES, goto

pytestmark = pytest.mark.browser

KEYBOARD_PAGES = [p for p in PAGE_TYPES if p not in ("privacy",)]


def focus_shown(active: dict) -> bool:
    has_outline = active["outlineStyle"] != "none" and active["outlineWidth"] >= 1
    has_shadow = active["boxShadow"] not in ("none", "")
    return has_outline or has_shadow


def test_skip_link_is_the_first_tab_stop(context, server):
    for page_type in ("start", "dialogue-ongoing", "list"):
        page = context.new_page()
        goto(page, server, page_type)
        page.keyboard.press("Tab")
        first = page.evaluate(ACTIVE_JS)
        assert first is not None, f"{page_type}: Tab focuses nothing"
        assert first["tag"] == "a" and (first["href"] or "").startswith("#"), (
            f"{page_type}: the first Tab stop is not a skip link: {first}"
        )
        target = first["href"][1:]
        assert page.locator(f"[id='{target}']").count() == 1, f"skip link target #{target} missing"
        shown = first["visible"] and first["inViewport"]
        assert shown, f"{page_type}: skip link not shown: {first}"
        assert first["text"], f"{page_type}: the skip link has no text"
        assert focus_shown(first), f"{page_type}: the focused skip link shows no focus: {first}"
        page.keyboard.press("Enter")
        # Following a fragment link is asynchronous: wait for it (fails after 5 s).
        page.wait_for_url(re.compile(re.escape(f"#{target}") + "$"), timeout=5000)
        assert page.url.endswith(f"#{target}")
        page.close()


@pytest.mark.parametrize("page_type", KEYBOARD_PAGES)
def test_tab_reaches_everything_with_visible_focus(context, server, page_type):
    page = context.new_page()
    goto(page, server, page_type)
    page.wait_for_load_state("networkidle")  # Material's script has set up its components
    candidates = page.evaluate(FOCUSABLE_JS)
    wanted = {c["id"]: c for c in candidates}
    reached: set[str] = set()
    unshown = []
    for _ in range(len(candidates) + 15):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE_JS)
        if active is None:
            continue
        if active["id"] is not None:
            if active["id"] in reached and reached >= set(wanted):
                break
            reached.add(active["id"])
        if not (focus_shown(active) and active["visible"]):
            unshown.append(active)
    missing = [wanted[i] for i in sorted(set(wanted) - reached, key=int)]
    assert not missing, f"{page_type}: not reachable with Tab: {missing[:10]}"
    assert not unshown, f"{page_type}: focus not visible (no outline, or invisible): {unshown[:5]}"
