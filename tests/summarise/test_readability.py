"""LIX (läsbarhetsindex), the readability figure of the guide's readability page."""

from __future__ import annotations

import pytest

from generator.summarise.readability import count_sentences, count_words, lix, lix_label


def test_lix_of_short_simple_text():
    # 9 words, 2 sentences, no word longer than six letters: 9/2 + 0 = 4.5
    r = lix("Vi vill veta vad du tycker. Kom till mötet.")
    assert (r.words, r.sentences, r.long_words, r.lix) == (9, 2, 0, 4.5)
    assert r.label == "Mycket lättläst"


def test_lix_counts_long_words_by_letters():
    # "torget" has 6 letters (not long), "biblioteket" 11 (long), "Kommunfullmäktige" 17 (long)
    r = lix("Kommunfullmäktige vill bygga om torget och biblioteket.")
    assert (r.words, r.sentences, r.long_words) == (7, 1, 2)
    assert r.lix == round(7 / 1 + 100 * 2 / 7, 1)  # 35.6


def test_lix_bureaucratic_text_is_hard():
    text = (
        "Samhällsbyggnadsförvaltningen genomför medborgardialogen avseende "
        "detaljplaneförändringen i enlighet med kommunfullmäktiges övergripande "
        "målsättningar beträffande invånarinflytande och delaktighet."
    )
    r = lix(text)
    assert r.sentences == 1
    assert r.lix > 60
    assert r.label == "Mycket svår"


def test_abbreviation_and_colon_before_lower_case_do_not_end_sentences():
    assert count_sentences("Vi vill t.ex. veta vad du tycker: om torget och parken.") == 1
    assert count_sentences("Det här vet vi. Det här vet vi inte! Vad tycker du? Svara.") == 4


def test_line_breaks_and_lists_end_sentences():
    text = "Så kan du delta\n\n- Svara på enkäten\n- Kom till mötet"
    assert count_sentences(text) == 3


def test_words_with_hyphen_and_digits():
    assert count_words("VA-plan för 2026-03-01 och e-post") == (5, 0)  # none over 6 letters
    words, long_words = count_words("gång- och cykelväg")
    assert (words, long_words) == (3, 1)  # "cykelväg" has 8 letters


def test_lix_none_without_words():
    assert lix("") is None
    assert lix("  \n – … ") is None


def test_text_without_full_stop_is_one_sentence():
    r = lix("Framtidens Kolla torg")
    assert r.sentences == 1
    assert r.lix == round(3 + 100 * 1 / 3, 1)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0, "Mycket lättläst"),
        (29.9, "Mycket lättläst"),
        (30, "Lättläst"),
        (40, "Medelsvår"),
        (50, "Svår"),
        (59.9, "Svår"),
        (60, "Mycket svår"),
        (95, "Mycket svår"),
    ],
)
def test_lix_scale(value, label):
    assert lix_label(value) == label


def test_lix_is_the_formula_on_counts_made_by_hand():
    text = "Vi bygger om torget. Berätta vad du tycker senast den 15 april."
    # 12 words ("15" is one), 1 long (Berätta: 7 letters), 2 sentences: 12/2 + 100 × 1/12.
    r = lix(text)
    assert (r.words, r.long_words, r.sentences) == (12, 1, 2)
    assert r.lix == round(12 / 2 + 100 * 1 / 12, 1) == 14.3


def test_lix_depends_on_the_text_alone():
    """No state between calls: a text gets its value whatever was measured before it."""
    easy = "Kom till mötet. Det blir kul."
    hard = "Förvaltningsorganisationens verksamhetsplanering."
    first = [lix(easy), lix(hard)]
    again = [lix(hard), lix(easy)][::-1]
    assert first == again and first[0].lix < first[1].lix
