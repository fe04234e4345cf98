"""What a resident came for comes first, on a phone (360 × 800) and on a desk (1280 ×
800): a completed dialogue opens with what was asked, what was heard and what was done;
an ongoing one with how to take part; a closed or cancelled one calls nobody to take
part; a decision whose date has passed is told in the past tense."""

from __future__ import annotations

import re

import pytest

from .harness import CLOSED_STATUSES, goto, page_path

pytestmark = pytest.mark.browser

FOLD = 800  # CSS pixels: the first screen

TOP_OF_JS = """(text) => {
    const heading = [...document.querySelectorAll('article h2')]
        .find((h) => h.textContent.trim().startsWith(text));
    return heading ? heading.getBoundingClientRect().top + window.scrollY : null;
}"""


@pytest.fixture(params=[360, 1280], ids=["phone", "desk"])
def screen(browser, request):
    ctx = browser.new_context(locale="sv-SE", viewport={"width": request.param, "height": FOLD},
                              is_mobile=request.param < 600)  # fmt: skip
    yield ctx.new_page()
    ctx.close()


def test_a_completed_dialogue_opens_with_its_outcome(screen, server) -> None:
    goto(screen, server, "dialogue-completed")
    top = screen.evaluate(TOP_OF_JS, "Vi frågade – ni svarade – vi gjorde")
    assert top is not None and top < FOLD, f"the outcome starts at {top} px"
    headings = screen.eval_on_selector_all("article h2, article h3", "els => els.map(e => "
                                           "e.textContent.trim())")  # fmt: skip
    order = ["Vi frågade", "Det här hörde vi", "Resultat", "Det här ändrades", "Så går vi vidare"]
    assert [h for h in headings if h in order] == order


def test_an_ongoing_dialogue_opens_with_how_to_take_part(screen, server) -> None:
    goto(screen, server, "dialogue-ongoing")
    top = screen.evaluate(TOP_OF_JS, "Så deltar du")
    assert top is not None and top < FOLD, f"how to take part starts at {top} px"
    first_way = screen.evaluate(
        "() => { const h = [...document.querySelectorAll('article h2')].find("
        "(e) => e.textContent.trim() === 'Så deltar du'); let n = h.nextElementSibling;"
        " while (n && n.tagName !== 'UL') n = n.nextElementSibling;"
        " return n ? n.getBoundingClientRect().top + window.scrollY : null; }"
    )
    assert first_way is not None and first_way < FOLD


@pytest.mark.parametrize("status", CLOSED_STATUSES)
def test_a_closed_or_cancelled_dialogue_calls_nobody_to_take_part(screen, server, status) -> None:
    goto(screen, server, f"dialogue-{status}")
    text = screen.inner_text("article")
    assert "Så deltar du" not in text and "Delta här" not in text
    assert "Lägg till tiderna i din kalender" not in text
    assert not re.search(r"\bkan du påverka\b", text)  # the influence is told in the past


def test_a_passed_decision_date_is_in_the_past_tense(browser, server) -> None:
    page = browser.new_page()
    told = {}
    for status in ("completed", "feedback-overdue", "ongoing"):
        page.goto(server.url(page_path(server.site, f"dialogue-{status}")))
        section = page.inner_text("article")
        told[status] = re.search(r"(fattade|fattar) beslut (\d+ \w+ \d{4})", section)
    page.close()
    assert told["completed"] and told["completed"].group(1) == "fattade"
    assert told["ongoing"] and told["ongoing"].group(1) == "fattar"
