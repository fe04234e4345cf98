"""Readability of Swedish text: LIX (läsbarhetsindex, Björnsson 1968). Pure functions.

LIX = words per sentence + 100 × the share of long words (more than six letters). The staff
guide shows it for each dialogue summary, so that staff see when a text gets heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters and digits, with inner hyphens or apostrophes ("VA-plan", "e-post").
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A sentence ends at . ! ? or : followed by a space and a capital or digit, or at the end, or
# at a blank line / line break (lists and headings). "t.ex. att" does not end a sentence.
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s+[\"'”»(]*[^\W_a-zåäö]|\s*$)|\n\s*\n|\n(?=\s*[-*#\d])")

LONG_WORD_LETTERS = 6  # a long word has more than six letters

# (upper bound, Swedish label) on the usual scale; the last bound is open.
_SCALE = (
    (30.0, "Mycket lättläst"),
    (40.0, "Lättläst"),
    (50.0, "Medelsvår"),
    (60.0, "Svår"),
    (float("inf"), "Mycket svår"),
)


@dataclass(frozen=True, slots=True)
class Readability:
    """The LIX value of a text with the counts it is made of."""

    lix: float
    words: int
    sentences: int
    long_words: int

    @property
    def label(self) -> str:
        """The Swedish description of the value, e.g. "Medelsvår"."""
        return lix_label(self.lix)


def count_words(text: str) -> tuple[int, int]:
    """(words, long words) in ``text``; a long word has more than six letters."""
    words = _WORD.findall(text)
    long_words = sum(1 for w in words if sum(c.isalpha() for c in w) > LONG_WORD_LETTERS)
    return len(words), long_words


def count_sentences(text: str) -> int:
    """Sentences in ``text``: at least one if there is any word."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p and _WORD.search(p)]
    return len(parts)


def lix(text: str) -> Readability | None:
    """LIX of ``text``, or None if it has no words.

    >>> lix("Vi vill veta vad du tycker. Kom till mötet.").lix
    4.5
    """
    words, long_words = count_words(text)
    if words == 0:
        return None
    sentences = max(1, count_sentences(text))
    value = words / sentences + 100 * long_words / words
    return Readability(round(value, 1), words, sentences, long_words)


def lix_label(value: float) -> str:
    """The usual Swedish scale: under 30 mycket lättläst … 60 and over mycket svår."""
    for bound, label in _SCALE:
        if value < bound:
            return label
    return _SCALE[-1][1]  # pragma: no cover - the last bound is infinite
