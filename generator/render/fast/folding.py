"""RFC 5545 line folding as icalendar folds, a piece of a line at a time.

icalendar folds every content line in Python one character at a time (encoding each
character to count its bytes); serialising the events of 1,000 dialogues spent about 40 %
of its time there. ``fold`` gives the same text from the line's UTF-8 bytes, cutting at
most 74 bytes at a time. While ``faster_folding()`` is active, icalendar's serialiser uses
it, if icalendar still has the function where this module expects it and gives the same
folds as ``fold`` on a set of samples; otherwise icalendar is left as it is.
``tests/test_opendata.py`` compares both on generated lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

LIMIT = 75  # octets: icalendar folds before a character that would make a line reach it
SEPARATOR = b"\r\n "
_ESCAPES = b"\\^"  # icalendar keeps these with the character they escape (its issue #1501)


def fold(line: str) -> str:
    """``line`` (one content line, without line breaks) folded as icalendar's
    ``_foldline(line)`` folds it."""
    data = line.encode("utf-8")
    if len(data) < LIMIT:
        return str(line)
    pieces, start = [], 0
    while len(data) - start >= LIMIT:
        end = start + LIMIT - 1
        while data[end] & 0xC0 == 0x80:  # inside a character: it goes to the next line
            end -= 1
        if end - start > 1 and data[end - 1] in _ESCAPES:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return SEPARATOR.join(pieces).decode("utf-8")


# What a change of icalendar's folding would most likely show in: line lengths around the
# limit, characters of two to four bytes across it, escapes at the cut, empty lines.
_SAMPLES = (
    "",
    "x" * 74,
    "x" * 75,
    "DESCRIPTION:" + "å" * 80,
    "SUMMARY:" + "ab\\" * 40,
    "X:" + "^" * 160,
    "LOCATION:" + "€𝄞ä" * 50,
    "URL:https://example.org/" + "a/b" * 60,
)


@contextmanager
def faster_folding() -> Iterator[None]:
    """While active, icalendar folds content lines with ``fold``."""
    try:
        from icalendar.parser import content_line
    except ImportError:  # another layout of icalendar: keep its own folding
        yield
        return
    original = getattr(content_line, "_foldline", None)
    if original is None or any(original(s) != fold(s) for s in _SAMPLES):
        yield
        return
    content_line._foldline = fold
    try:
        yield
    finally:
        content_line._foldline = original
