"""The Atom feeds (RFC 4287, via feedgen): ``feed.xml`` at the site root for every
dialogue, and one per dialogue, per topic and per area (``plan.feed_file``), so that a resident
can follow one of them; each page names its own in its head (autodiscovery).

An entry when a dialogue opens, gets a progress update, gets its feedback, is decided (the
outcome told), reaches a step of its implementation or is cancelled, for every such date
up to the build date. Entry ids are ``tag:`` URIs made from the slug,
the kind and the index (``tag:<host>,2026:dialogues/<slug>/update/0``), never a path; times
are the event's date at midnight in Europe/Stockholm, so the same input gives the same file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from generator.core import labels
from generator.core.site import Entry, SiteData
from generator.render.opendata import absolute, tag_uri
from generator.render.plan import Output
from generator.render.templating import environment
from generator.render.writing import Writing

STOCKHOLM = ZoneInfo("Europe/Stockholm")
KINDS = ("opened", "update", "feedback", "decision", "milestone", "cancelled")


@dataclass(frozen=True, slots=True)
class FeedEvent:
    entry: Entry
    kind: str  # one of KINDS
    index: int  # the update's index; 0 for the other kinds
    date: dt.date

    @property
    def specific(self) -> str:
        return f"dialogues/{self.entry.slug}/{self.kind}/{self.index}"


def feed_events(entries: tuple[Entry, ...], today: dt.date) -> list[FeedEvent]:
    """Every event up to ``today``, newest first (then by slug, kind and index)."""
    events: list[FeedEvent] = []
    for e in entries:
        d = e.dialogue
        if d.period is not None and d.period.start <= today and (
            d.cancelled is None or d.cancelled.date >= d.period.start
        ):
            events.append(FeedEvent(e, "opened", 0, d.period.start))
        events += [
            FeedEvent(e, "update", n, u.date) for n, u in enumerate(d.updates) if u.date <= today
        ]
        if d.feedback is not None and d.feedback.date <= today:
            events.append(FeedEvent(e, "feedback", 0, d.feedback.date))
        decision = d.influence.decision if d.influence else None
        if decision and decision.outcome:
            taken = decision.outcome.date or decision.date
            if taken is not None and taken <= today:
                events.append(FeedEvent(e, "decision", 0, taken))
        events += [
            FeedEvent(e, "milestone", n, m.date)
            for n, m in enumerate(d.implementation)
            if m.date <= today and m.state != "planned"
        ]
        if d.cancelled is not None and d.cancelled.date <= today:
            events.append(FeedEvent(e, "cancelled", 0, d.cancelled.date))
    events.sort(key=lambda ev: (-ev.date.toordinal(), ev.entry.slug, KINDS.index(ev.kind),
                                ev.index))  # fmt: skip
    return events


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=STOCKHOLM)


def atom_feed(site: SiteData, entries: tuple[Entry, ...] | None = None, path: str = "feed.xml",
              title: str | None = None) -> bytes:  # fmt: skip
    """The feed of ``entries`` (every dialogue if None) at ``path``."""
    texts = environment().get_template("data/texts.j2").module
    municipality = site.policy.doc.municipality
    events = feed_events(site.entries if entries is None else entries, site.today)
    fg = FeedGenerator()
    fg.id(tag_uri(site, "feed" if path == "feed.xml" else path.removesuffix(".xml")))
    fg.title(title or str(texts.feed_title_all(municipality)))
    fg.subtitle(str(texts.feed_subtitle(municipality)))
    fg.author({"name": municipality})
    fg.link(href=absolute(site, ""), rel="alternate", type="text/html")
    fg.link(href=absolute(site, path), rel="self", type="application/atom+xml")
    fg.language("sv")
    fg.generator("Insyn")
    fg.rights("CC BY 4.0")
    fg.updated(midnight(events[0].date if events else site.today))
    for ev in events:
        d = ev.entry.dialogue
        fe = fg.add_entry(order="append")
        fe.id(tag_uri(site, ev.specific))
        fe.title(str(texts.feed_title(ev.kind, d)))
        fe.summary(str(texts.feed_summary(ev.kind, d, ev.index)))
        fe.link(href=absolute(site, ev.entry.url), rel="alternate", type="text/html")
        fe.updated(midnight(ev.date))
        fe.published(midnight(ev.date))
        fe.author({"name": d.owner.board})
    return fg.atom_str(pretty=True)


def write_feed(w: Writing, output: Output) -> bytes:
    """``feed.xml``, or the feed of one dialogue (an ``Entry``) or one facet
    (``(kind, facet)``)."""
    texts = environment().get_template("data/texts.j2").module
    if output.arg is None:
        return atom_feed(w.site)
    if isinstance(output.arg, Entry):
        e = output.arg
        return atom_feed(w.site, (e,), output.path, str(texts.feed_title_one(e.dialogue)))
    kind, facet = output.arg
    title = str(texts.feed_title_facet(labels.FACET[kind.folder][0], facet.name))
    return atom_feed(w.site, facet.entries, output.path, title)
