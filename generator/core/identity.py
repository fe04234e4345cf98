"""Swedish personal identity numbers (personnummer, samordningsnummer) in any text.

A number is written with the digits 0–9. It counts when its date exists (a
samordningsnummer adds 60 to the day) and its check digit is right (Luhn), so dates, case
numbers and most other numbers do not. People and programs write one in many ways, and
each way is read the same:

- with the century or without, and between the date and the last four digits a hyphen, a
  plus sign (over 100 years old), nothing, a space, a dot or a slash; a hyphen may be any
  dash a word processor writes (en dash, minus sign, non-breaking hyphen …);
- with characters inside that do not show: zero-width spaces, soft hyphens;
- split by Markdown that does not show either (``8112**18**-9876``, ``811218\\-9876``, a
  code span) or written with a character reference (``811218&#45;9876``).

Ten digits in a row that start with 0 and have no separator (``0703221234``) are read as a
phone number, which is what such a run is in Swedish text; the same number written with
its hyphen or its century is still found.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

# What writers put for the hyphen: hyphen, non-breaking hyphen, figure dash, en dash, em
# dash, horizontal bar, minus sign, small and full-width hyphen-minus.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
# What does not show on a page: soft hyphen, zero-width characters, word joiner, BOM; and
# Markdown's emphasis, code and escape characters.
HIDDEN = "\u00ad\u200b\u200c\u200d\u2060\ufeff*_`\\"

_NUMBER = re.compile(
    r"(?<![0-9-])((?:19|20)?)([0-9]{2})([0-9]{2})([0-9]{2})([-+ ./]?)([0-9]{3})([0-9])(?![0-9])"
)
_TOKEN = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    f"|[{re.escape(DASHES + HIDDEN)}]"
)
_DROP = frozenset(HIDDEN)
_AS_HYPHEN = frozenset(DASHES) | {"-"}

# A quick test first: every number above is ten digits with only separators, hidden
# characters or references between them. As bytes, a digit is 0 and anything that may
# stand between digits is - (space . / + - the Markdown characters and every byte of a
# character beyond ASCII); a reference counts as a digit. Then a number needs ten 0 with
# only - between them.
_BETWEEN = frozenset(b" ./+-*_`\\") | frozenset(range(0x80, 0x100))
_SHAPES = bytes(
    ord("0") if chr(b).isdigit() and b < 0x80 else ord("-") if b in _BETWEEN else ord("x")
    for b in range(256)
)
_REFERENCE = re.compile(r"&#?[0-9A-Za-z]{1,32};")
_TEN_DIGITS = re.compile(rb"0(?:-*0){9}")


@dataclass(frozen=True, slots=True)
class Hit:
    """An identity number found in a text: where it starts and ends there, as written, and
    its ten digits (without century or separator)."""

    start: int
    end: int
    text: str
    digits: str


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _date_exists(century: str, yy: str, mm: str, dd: str) -> bool:
    day = int(dd)
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    years = [int(century + yy)] if century else [1900 + int(yy), 2000 + int(yy)]
    for year in years:
        try:
            dt.date(year, int(mm), day)
            return True
        except ValueError:
            continue
    return False


def may_hold(text: str) -> bool:
    """False only if ``text`` cannot hold a number (see ``_SHAPES``): most texts."""
    if "&" in text:
        text = _REFERENCE.sub("-0-", text)  # a reference may stand for a digit
    return _TEN_DIGITS.search(text.encode("utf-8", "surrogatepass").translate(_SHAPES)) is not None


def normalised(text: str) -> tuple[str, list[int]]:
    """``text`` as it reads on a page, for numbers: hidden characters dropped, dashes and
    references to them as ``-``, references to digits as digits; and for each character
    of the result, its offset in ``text``."""
    if not _TOKEN.search(text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        token = m.group()
        char = html.unescape(token) if token.startswith("&") else token
        if char in _AS_HYPHEN:
            out.append("-")
            offsets.append(m.start())
        elif len(char) == 1 and char.isdigit() and char.isascii():
            out.append(char)
            offsets.append(m.start())
        elif char not in _DROP:  # another reference: kept as written
            out.append(token)
            offsets.extend(range(m.start(), m.end()))
        pos = m.end()
    out.append(text[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(out), offsets


def find_identity_numbers(text: str) -> Iterator[Hit]:
    """Every real personnummer or samordningsnummer in ``text``, in order."""
    if not may_hold(text):
        return
    clean, offsets = normalised(text)
    for m in _NUMBER.finditer(clean):
        century, yy, mm, dd, sep, serial, check = m.groups()
        if not century and not sep and yy.startswith("0"):
            continue  # ten digits from 0: a phone number
        if _date_exists(century, yy, mm, dd) and _luhn_ok(yy + mm + dd + serial + check):
            start, end = offsets[m.start()], offsets[m.end() - 1] + 1
            yield Hit(start, end, text[start:end], yy + mm + dd + serial + check)


def in_slug(slug: str) -> bool:
    """Whether a file name (its slug, parts joined by ``-``) holds an identity number."""
    return any(True for _ in find_identity_numbers(slug.replace("-", " ")))
