"""Swedish dates for residents ("12 mars 2026"), via Babel."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_datetime, format_time

LOCALE = "sv_SE"


def long_date(value: dt.date | dt.datetime | None) -> str:
    """`12 mars 2026`."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _long_date(value)


@lru_cache(maxsize=8192)
def _long_date(value: dt.date) -> str:
    # A large site prints the same few thousand dates tens of thousands of times.
    return format_date(value, "d MMMM y", locale=LOCALE)


def date_time(value: dt.datetime | dt.date | None) -> str:
    """`12 mars 2026 kl. 17.00` (a bare date prints as a date)."""
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        return long_date(value)
    return f"{long_date(value)} kl. {format_time(value, 'HH.mm', locale=LOCALE)}"


def weekday_date(value: dt.date) -> str:
    """`torsdag 12 mars 2026`."""
    moment = dt.datetime.combine(value, dt.time()) if not isinstance(value, dt.datetime) else value
    return format_datetime(moment, "EEEE d MMMM y", locale=LOCALE)


def month_year(value: dt.date) -> str:
    """`mars 2026`."""
    return format_date(value, "LLLL y", locale=LOCALE)
