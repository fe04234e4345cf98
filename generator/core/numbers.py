"""Numbers as Swedish writes them, for what residents read: ``1 538`` (a no-break space
between the thousands, so the number never breaks over two lines) and ``4,5``."""

from __future__ import annotations

from babel.numbers import format_decimal


def number(value: int | float) -> str:
    return format_decimal(value, locale="sv_SE")
