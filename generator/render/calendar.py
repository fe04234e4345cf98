"""Calendars (RFC 5545, via icalendar): ``calendar.ics`` and ``data/calendar/<slug>.ics``.

One event per participation entry with a start (a time gives a timed event in
Europe/Stockholm, a bare date an all-day event) and an all-day event on each dialogue's
last day to take part. A UID names what the event is, never where it stands in the file
(``event_keys``): ``<slug>-<id>@<host>`` for a way with an ``id``, else
``<slug>-<its title as a slug>@<host>``, and ``<slug>-closing@<host>``; removing or
reordering ways changes no other event's UID. SEQUENCE counts the dialogue's dated changes
up to the build date (progress updates, feedback, cancellation) and LAST-MODIFIED is the
latest of them, so a subscribed calendar sees a change, and the same file gives the same
calendar. DTSTAMP is the build date at 00:00 UTC, never the clock. A cancelled dialogue
keeps its events with STATUS:CANCELLED so that subscribed calendars drop them. Every file
carries the Europe/Stockholm VTIMEZONE.

Serialising is the costly part (a VTIMEZONE has a few dozen folded lines per year), so a
file is put together from bytes: the VTIMEZONE is serialised once per range of years, the
head once but for its name line, and each dialogue's events once per build (they appear in
``calendar.ics`` and in the dialogue's own file). The bytes are the same as serialising the whole
calendar at once with icalendar alone (``tests/render/test_opendata.py`` checks it).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from generator.core.model import Dialogue
from generator.core.site import Entry, SiteData
from generator.infra import tuning
from generator.infra.parallel import fan_out
from generator.render.opendata import absolute, tag_authority
from generator.render.plan import Output
from generator.render.templating import environment
from generator.render.writing import Writing
from generator.summarise.listing import slugify

TZID = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZID)
ONE_DAY = dt.timedelta(days=1)


def _local(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=STOCKHOLM) if value.tzinfo is None else value.astimezone(STOCKHOLM)


@lru_cache(maxsize=1)
def _texts():
    """The calendar's wording (``data/texts.j2``), looked up once, not once per dialogue."""
    return environment().get_template("data/texts.j2").module


def event_keys(d: Dialogue) -> list[str]:
    """What names each way to take part in its calendar UID: its ``id``, else its title as
    a slug; a key that two ways share gets ``-2``, ``-3`` … in file order."""
    keys: list[str] = []
    for p in d.participation:
        base = p.id or slugify(p.title)
        key, n = base, 2
        while key in keys or key == "closing":
            key, n = f"{base}-{n}", n + 1
        keys.append(key)
    return keys


def dated_changes(d: Dialogue, today: dt.date) -> list[dt.date]:
    """The dialogue's changes that carry a date, up to ``today``: what SEQUENCE counts."""
    dates = [u.date for u in d.updates]
    dates += [x.date for x in (d.feedback, d.cancelled) if x is not None]
    return sorted(day for day in dates if day <= today)


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def dialogue_events(site: SiteData, e: Entry) -> list[Event]:
    texts = _texts()
    d = e.dialogue
    url = absolute(site, e.url)
    cancelled = d.cancelled is not None
    host = tag_authority(site)
    stamp = _midnight_utc(site.today)
    changes = dated_changes(d, site.today)
    description = str(texts.event_description(d, url))  # the same for all its events
    events: list[Event] = []

    def event(uid: str, summary: str) -> Event:
        ev = Event()
        ev.add("uid", f"{uid}@{host}")
        ev.add("dtstamp", stamp)
        ev.add("sequence", len(changes))
        if changes:
            ev.add("last-modified", _midnight_utc(changes[-1]))
        ev.add("summary", summary)
        ev.add("description", description)
        ev.add("url", url)
        ev.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        ev.add("transp", "TRANSPARENT")
        return ev

    for key, p in zip(event_keys(d), d.participation, strict=True):
        if p.start is None:
            continue
        ev = event(f"{e.slug}-{key}", str(texts.event_summary(p, d, cancelled)))
        if isinstance(p.start, dt.datetime):
            ev.add("dtstart", _local(p.start))
            if isinstance(p.end, dt.datetime):
                ev.add("dtend", _local(p.end))
        else:
            last = p.end if type(p.end) is dt.date else p.start
            ev.add("dtstart", p.start)
            ev.add("dtend", max(last, p.start) + ONE_DAY)
        if p.location:
            ev.add("location", p.location)
        if p.url:
            ev["url"] = p.url
        events.append(ev)
    if d.period is not None:
        ev = event(f"{e.slug}-closing", str(texts.closing_summary(d, cancelled)))
        ev.add("dtstart", d.period.end)
        ev.add("dtend", d.period.end + ONE_DAY)
        events.append(ev)
    return events


_BEGIN, _END = b"BEGIN:VCALENDAR\r\n", b"END:VCALENDAR\r\n"


@lru_cache(maxsize=32)
def _timezone_ical(first: int, last: int) -> bytes:
    first_date, last_date = dt.date(first, 1, 1), dt.date(last + 1, 1, 1)
    return Timezone.from_tzid(TZID, first_date=first_date, last_date=last_date).to_ical()


Events = dict[str, tuple[tuple[int, ...], bytes]]  # slug → years of the starts, events


def prepare(site: SiteData, reuse: dict | None = None) -> Events:
    """Every dialogue's events serialised once (shared with workers): both the site's
    calendar and the dialogue's own file hold them. ``reuse`` (slug → (what they were made
    from, years, bytes)), kept by a caller that renders again (the preview), spares the
    dialogues that have not changed; it is updated in place."""
    keep = reuse if reuse is not None else {}

    def one(e: Entry) -> tuple[tuple[int, ...], bytes]:
        key = (e, site.today, site.config.site_url, site.policy.id)
        hit = keep.get(e.slug)
        if hit is not None and hit[0] == key:
            return hit[1], hit[2]
        events = dialogue_events(site, e)
        years = tuple(ev.decoded("dtstart").year for ev in events)
        return years, b"".join(ev.to_ical() for ev in events)

    done = fan_out(one, site.entries, at_least=tuning.RENDER_PARALLEL_FROM)
    for e, (years, data) in zip(site.entries, done, strict=True):
        keep[e.slug] = ((e, site.today, site.config.site_url, site.policy.id), years, data)
    return {e.slug: value for e, value in zip(site.entries, done, strict=True)}


_STAND_IN = "Insyn-kalendernamn"  # the name while the rest of the head is serialised


def calendar_head(municipality: str, name: str) -> Calendar:
    """A calendar with its own properties only (no time zone, no events)."""
    cal = Calendar()
    cal.add("prodid", f"-//Insyn//{municipality}//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    return cal


@lru_cache(maxsize=8)
def _head_around_name(municipality: str) -> tuple[bytes, bytes]:
    """The calendar's head before and after its name line, serialised once: every
    dialogue's own file has the same head but for the name."""
    head = calendar_head(municipality, _STAND_IN).to_ical()
    before, after = head.split(_name_line(_STAND_IN))
    assert after.endswith(_END)
    return before, after[: -len(_END)]


def _name_line(name: str) -> bytes:
    """``X-WR-CALNAME`` as icalendar writes it (escaped, folded), on its own."""
    cal = Calendar()
    cal.add("x-wr-calname", name)
    return cal.to_ical()[len(_BEGIN) : -len(_END)]


def calendar_ics(site: SiteData, entries: tuple[Entry, ...], name: str, events: Events) -> bytes:
    parts = [events[e.slug] for e in entries]
    years = [site.today.year, *(y for found, _ in parts for y in found)]
    before, after = _head_around_name(site.policy.doc.municipality)
    body = b"".join(data for _, data in parts)
    timezone = _timezone_ical(min(years), max(years))
    return before + _name_line(name) + after + timezone + body + _END


def write_calendar(w: Writing, output: Output) -> bytes:
    """``calendar.ics``: every dialogue's events."""
    name = str(_texts().calendar_name(w.site.policy.doc.municipality))
    return calendar_ics(w.site, w.site.entries, name, w.events)


def write_dialogue_calendar(w: Writing, output: Output) -> bytes:
    """A dialogue's own calendar file (empty of events if it has none)."""
    e = output.arg
    assert isinstance(e, Entry)
    name = str(_texts().calendar_name(w.site.policy.doc.municipality, e.dialogue))
    return calendar_ics(w.site, (e,), name, w.events)
