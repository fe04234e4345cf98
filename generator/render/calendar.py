"""Calendars (RFC 5545, via icalendar): ``calendar.ics`` and ``data/calendar/<slug>.ics``.

One event per participation entry with a start (a time gives a timed event in
Europe/Stockholm, a bare date an all-day event) and an all-day event on each dialogue's
last day to take part. UIDs are ``<slug>-<index>-<kind>@<host>`` (kind ``participation``
or ``closing``), stable across builds; DTSTAMP is the build date at 00:00 UTC, never the
clock. A cancelled dialogue keeps its events with STATUS:CANCELLED so that subscribed
calendars drop them. Every file carries the Europe/Stockholm VTIMEZONE.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from generator.render import Staging, renderer
from generator.render.opendata import absolute, tag_authority
from generator.render.templating import environment
from generator.site import Entry, SiteData

TZID = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZID)
ONE_DAY = dt.timedelta(days=1)


def _local(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=STOCKHOLM) if value.tzinfo is None else value.astimezone(STOCKHOLM)


def dialogue_events(site: SiteData, e: Entry) -> list[Event]:
    texts = environment().get_template("data/texts.j2").module
    d = e.dialogue
    url = absolute(site, e.url)
    cancelled = d.cancelled is not None
    host = tag_authority(site)
    stamp = dt.datetime.combine(site.today, dt.time(0, 0), tzinfo=dt.UTC)
    events: list[Event] = []

    def event(uid: str, summary: str) -> Event:
        ev = Event()
        ev.add("uid", f"{uid}@{host}")
        ev.add("dtstamp", stamp)
        ev.add("summary", summary)
        ev.add("description", str(texts.event_description(d, url)))
        ev.add("url", url)
        ev.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        ev.add("transp", "TRANSPARENT")
        return ev

    for n, p in enumerate(d.participation):
        if p.start is None:
            continue
        ev = event(f"{e.slug}-{n}-participation", str(texts.event_summary(p, d, cancelled)))
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
        ev = event(f"{e.slug}-0-closing", str(texts.closing_summary(d, cancelled)))
        ev.add("dtstart", d.period.end)
        ev.add("dtend", d.period.end + ONE_DAY)
        events.append(ev)
    return events


def _event_years(events: list[Event], today: dt.date) -> tuple[int, int]:
    years = [today.year]
    for ev in events:
        years.append(ev.decoded("dtstart").year)
    return min(years), max(years)


def calendar_ics(site: SiteData, entries: tuple[Entry, ...], name: str) -> bytes:
    events = [ev for e in entries for ev in dialogue_events(site, e)]
    first, last = _event_years(events, site.today)
    cal = Calendar()
    cal.add("prodid", f"-//Insyn//{site.policy.doc.municipality}//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(
        Timezone.from_tzid(TZID, first_date=dt.date(first, 1, 1), last_date=dt.date(last + 1, 1, 1))
    )
    for ev in events:
        cal.add_component(ev)
    return cal.to_ical()


@renderer("calendar")
def render_calendar(site: SiteData, out: Staging) -> None:
    texts = environment().get_template("data/texts.j2").module
    municipality = site.policy.doc.municipality
    name = str(texts.calendar_name(municipality))
    out.write("calendar.ics", calendar_ics(site, site.entries, name))
    for e in site.entries:
        name = str(texts.calendar_name(municipality, e.dialogue))
        out.write(f"data/calendar/{e.slug}.ics", calendar_ics(site, (e,), name))
