"""Open data, feed, calendars and DCAT: parsed back with real parsers.

A corpus of four dialogues, at 2026-06-01, worked out by hand:

- kolla-torg (completed): 2026-03-01 – 04-15, update 03-20, feedback 05-20; an open house
  2026-03-12 17:00–19:00. Feed: opened, update, feedback (3). Calendar: open house, closing (2).
- cykel (ongoing): 2026-05-15 – 06-30, update 05-25; a meeting 2026-06-10 18:00–20:00 and a
  walk on 2026-06-12 (date only). Feed: opened, update (2). Calendar: meeting, walk, closing (3).
- planerad (planned): no period, no ways. Feed: 0. Calendar: 0.
- installd (cancelled 04-10): 2026-04-20 – 05-10; an open house 2026-04-25 10:00–12:00.
  Feed: cancelled (1; it never opened). Calendar: open house, closing, both cancelled (2).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import valid_dialogue
from icalendar import Calendar, Timezone

from generator.check.policies import load_policy
from generator.core.findings import Severity
from generator.core.settings import SiteConfig
from generator.core.site import SiteData
from generator.render import calendar
from generator.render.opendata import CSV_COLUMNS
from generator.render.site import render_site
from generator.summarise.corpus import make_site_data

SETTINGS = {"contact_email": "kontaktcenter@kungsbacka.se"}
TODAY = dt.date(2026, 6, 1)
SITE_URL = "https://insyn.example.se/kommun/"
ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
# The data files, their schemas and the pages that list them (writers by their prefix).
DATA_WRITERS = ("open-data", "schema", "feed", "calendar", "dialogue-calendar", "dcat",
                "follow-up", "planned")  # fmt: skip


def corpus() -> dict[str, dict]:
    kolla = valid_dialogue()

    cykel = valid_dialogue()
    cykel["title"] = "Cykelvägar i Onsala"
    cykel["period"] = {"start": dt.date(2026, 5, 15), "end": dt.date(2026, 6, 30)}
    cykel["participation"][0]["until"] = dt.date(2026, 6, 30)
    cykel["participation"][1].update(
        method="meeting", start="2026-06-10T18:00", end="2026-06-10T20:00"
    )
    cykel["participation"].append({"method": "walk", "channel": "physical",
                                   "title": "Cykelvandring", "location": "Onsala kyrka",
                                   "start": dt.date(2026, 6, 12)})  # fmt: skip
    cykel["updates"] = [{"date": dt.date(2026, 5, 25), "text": "Många har svarat."}]
    del cykel["feedback"]

    planerad = valid_dialogue()
    planerad["title"] = "Ny skolgård i Hede"
    planerad["budget_year"] = 2027
    for key in ("period", "feedback"):
        del planerad[key]
    planerad["participation"] = []
    planerad["updates"] = []
    planerad["target_groups"] = [{"group": "Elever", "reach": ["Skolans elevråd"]}]

    installd = valid_dialogue()
    installd["title"] = "Parkeringen i Vallda"
    installd["period"] = {"start": dt.date(2026, 4, 20), "end": dt.date(2026, 5, 10)}
    installd["participation"][0]["until"] = dt.date(2026, 5, 10)
    installd["participation"][1].update(start="2026-04-25T10:00", end="2026-04-25T12:00")
    installd["updates"] = []
    del installd["feedback"]
    installd["cancelled"] = {"date": dt.date(2026, 4, 10), "reason": "Projektet pausades."}
    return {"kolla-torg": kolla, "cykel": cykel, "planerad": planerad, "installd": installd}


@pytest.fixture
def build(dialogues):
    for slug, data in corpus().items():
        dialogues.write(data, name=slug)
    policy = load_policy("kungsbacka")
    config = SiteConfig(
        root=Path("."), mkdocs_file=Path("mkdocs.yml"), site_url=SITE_URL, settings=SETTINGS
    )

    def run(today: dt.date = TODAY) -> SiteData:
        checked = dialogues.check(policy, today)
        assert [f for c in checked for f in c.findings if f.severity is Severity.ERROR] == []
        return make_site_data(checked, policy, config, today)

    return run


def render(site: SiteData, root: Path) -> Path:
    render_site(site, to=root, only=lambda o: o.writer.startswith(DATA_WRITERS))
    return root


def test_dialogues_json_validates_against_published_schema(build, tmp_path):
    root = render(build(), tmp_path)
    schema = json.loads((root / "data/dialogues.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((root / "data/dialogues.json").read_text("utf-8"))
    assert data["count"] == 4 and data["as_of"] == "2026-06-01"
    by_slug = {d["slug"]: d for d in data["dialogues"]}
    assert sorted(by_slug) == ["cykel", "installd", "kolla-torg", "planerad"]
    assert by_slug["kolla-torg"]["url"] == SITE_URL + "dialogues/kolla-torg/"
    assert (by_slug["kolla-torg"]["status"], by_slug["kolla-torg"]["status_label"]) == (
        "completed", "Återkopplad")  # fmt: skip
    assert by_slug["cykel"]["status"] == "ongoing"
    assert by_slug["planerad"]["status"] == "planned"
    assert by_slug["installd"]["status"] == "cancelled"
    assert by_slug["kolla-torg"]["period"] == {"start": "2026-03-01", "end": "2026-04-15"}
    assert by_slug["kolla-torg"]["feedback"]["participants"] == 412
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    assert list(validator.iter_errors(data)) == []  # the whole file, formats checked
    for record in data["dialogues"]:
        assert set(record) >= {"title", "owner", "ladder", "stage", "period", "feedback"}


def test_follow_up_json_has_the_published_fields(build, tmp_path):
    root = render(build(), tmp_path)
    data = json.loads((root / "data/follow-up/2026.json").read_text("utf-8"))
    required = {"year", "dialogues", "completed", "ongoing", "awaiting_feedback",
                "feedback_overdue", "cancelled", "participants", "feedback_rate",
                "median_days_to_feedback", "by_board", "by_department", "by_ladder",
                "by_stage", "by_channel", "by_method", "by_initiator",
                "special_consideration_groups", "deviations"}  # fmt: skip
    assert required <= set(data)
    counts = (data["dialogues"], data["completed"], data["ongoing"], data["cancelled"])
    assert counts == (2, 1, 1, 1)
    assert data["participants"] == 412
    assert data["median_days_to_feedback"] == 35.0  # 2026-04-15 → 2026-05-20


def test_csv_reads_back_with_semicolons_and_bom(build, tmp_path):
    root = render(build(), tmp_path)
    raw = (root / "data/dialogues.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";")
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert [r["slug"] for r in rows] == ["cykel", "installd", "kolla-torg", "planerad"]
    kolla = rows[2]
    assert kolla["title"] == "Framtidens Kolla torg"
    assert kolla["status_label"] == "Återkopplad"
    assert kolla["period_start"] == "2026-03-01"
    assert kolla["participants"] == "412"
    assert kolla["topics"] == "stadsutveckling, trafik"
    assert rows[3]["period_start"] == "" and rows[3]["budget_year"] == "2027"
    page = (root / "data/index.md").read_text("utf-8")
    assert "semikolon" in page and "UTF-8 med BOM" in page
    for name in ("dialogues.json", "dialogues.csv", "dialogue.schema.json", "feed.xml",
                 "calendar.ics", "follow-up/2026.json", "planned/2027.csv", "dcat.rdf"):
        assert name in page  # fmt: skip


def test_atom_feed_parses_with_stable_tag_ids(build, tmp_path):
    root = render(build(), tmp_path / "a")
    feed = ET.parse(root / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 6
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 6
    assert all(i.startswith("tag:insyn.example.se,2026:dialogues/") for i in ids)
    assert "tag:insyn.example.se,2026:dialogues/kolla-torg/update/0" in ids
    assert "tag:insyn.example.se,2026:dialogues/installd/cancelled/0" in ids
    assert not any("opened" in i for i in ids if "installd" in i)  # cancelled before opening
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert updated[0] == "2026-05-25T00:00:00+02:00"
    assert feed.findtext(f"{ATOM}updated") == updated[0]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert all(link.startswith(SITE_URL + "dialogues/") for link in links)
    # A later build keeps every id and adds none for days already past.
    later = render(build(dt.date(2026, 6, 2)), tmp_path / "b")
    later_ids = [e.findtext(f"{ATOM}id") for e in
                 ET.parse(later / "feed.xml").getroot().findall(f"{ATOM}entry")]  # fmt: skip
    assert later_ids == ids


def _events(path: Path) -> list:
    cal = Calendar.from_ical(path.read_bytes())
    return [c for c in cal.walk("VEVENT")]


def test_calendar_events_in_stockholm_time_with_stable_uids(build, tmp_path):
    root = render(build(), tmp_path / "a")
    raw = (root / "calendar.ics").read_bytes()
    cal = Calendar.from_ical(raw)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    events = _events(root / "calendar.ics")
    assert len(events) == 7
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == 7
    open_house = by_uid["kolla-torg-oppet-hus-i-kollahallen@insyn.example.se"]
    start = open_house.decoded("DTSTART")
    assert start == dt.datetime(2026, 3, 12, 17, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert start.utcoffset() == dt.timedelta(hours=1)  # winter time
    meeting = by_uid["cykel-oppet-hus-i-kollahallen@insyn.example.se"].decoded("DTSTART")
    assert str(meeting.tzinfo) == "Europe/Stockholm"
    assert meeting.utcoffset() == dt.timedelta(hours=2)  # summer time
    assert b"DTSTART;TZID=Europe/Stockholm:20260610T180000" in raw
    walk = by_uid["cykel-cykelvandring@insyn.example.se"]
    assert walk.decoded("DTSTART") == dt.date(2026, 6, 12)
    closing = by_uid["kolla-torg-closing@insyn.example.se"]
    assert closing.decoded("DTSTART") == dt.date(2026, 4, 15)
    assert closing.decoded("DTEND") == dt.date(2026, 4, 16)
    assert str(by_uid["installd-oppet-hus-i-kollahallen@insyn.example.se"]["STATUS"]) == "CANCELLED"
    stamps = {e.decoded("DTSTAMP") for e in events}
    assert stamps == {dt.datetime(2026, 6, 1, tzinfo=dt.UTC)}
    # Per dialogue.
    assert len(_events(root / "data/calendar/cykel.ics")) == 3
    assert _events(root / "data/calendar/planerad.ics") == []
    planned_raw = (root / "data/calendar/planerad.ics").read_bytes()
    assert b"BEGIN:VTIMEZONE" in planned_raw
    # The same UIDs in a build on another day.
    later = render(build(dt.date(2026, 6, 2)), tmp_path / "b")
    assert {str(e["UID"]) for e in _events(later / "calendar.ics")} == set(by_uid)


def _whole_calendar(site: SiteData, entries: tuple, name: str) -> bytes:
    """The calendar serialised by icalendar in one go, as ``calendar_ics`` promises."""
    events = [ev for e in entries for ev in calendar.dialogue_events(site, e)]
    years = [site.today.year, *(ev.decoded("dtstart").year for ev in events)]
    cal = calendar.calendar_head(site.policy.doc.municipality, name)
    first, last = dt.date(min(years), 1, 1), dt.date(max(years) + 1, 1, 1)
    cal.add_component(Timezone.from_tzid(calendar.TZID, first_date=first, last_date=last))
    for ev in events:
        cal.add_component(ev)
    return cal.to_ical()


def test_calendar_files_are_what_icalendar_writes_in_one_go(build, tmp_path):
    """The files are put together from cached pieces; the bytes must not show it."""
    site = build()
    root = render(site, tmp_path)
    texts, municipality = calendar._texts(), site.policy.doc.municipality
    whole = _whole_calendar(site, site.entries, str(texts.calendar_name(municipality)))
    assert (root / "calendar.ics").read_bytes() == whole
    long_title = "Ett mycket långt namn på en dialog, " * 4  # folded over several lines
    for e in site.entries:
        name = str(texts.calendar_name(municipality, e.dialogue))
        own = root / "data" / "calendar" / f"{e.slug}.ics"
        assert own.read_bytes() == _whole_calendar(site, (e,), name)
        events = calendar.prepare(site)
        assert calendar.calendar_ics(site, (e,), long_title, events) == _whole_calendar(
            site, (e,), long_title
        )


def test_dcat_catalogue_uses_absolute_iris(build, tmp_path):
    root = render(build(), tmp_path)
    rdf = ET.parse(root / "datasets/dcat.rdf").getroot()
    assert rdf.tag == f"{RDF}RDF"
    iris = [v for el in rdf.iter() for k, v in el.attrib.items()
            if k in (f"{RDF}about", f"{RDF}resource")]  # fmt: skip
    assert iris and all(i.startswith(("http://", "https://", "mailto:")) for i in iris)
    assert SITE_URL + "datasets/dcat.rdf" in iris
    assert SITE_URL + "data/dialogues.json" in iris
    assert "http://creativecommons.org/licenses/by/4.0/" in iris
    names = [el.text for el in rdf.iter("{http://xmlns.com/foaf/0.1/}name")]
    assert names == ["Kungsbacka kommun"]
    datasets = rdf.findall("{http://www.w3.org/ns/dcat#}Dataset")
    assert len(datasets) == 3


def test_every_file_is_byte_reproducible(build, tmp_path):
    site = build()
    one, two = render(site, tmp_path / "one"), render(site, tmp_path / "two")

    def files(root: Path) -> dict:
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert files(one) == files(two)
    assert len(files(one)) > 10


def test_an_empty_site_still_gives_valid_files(tmp_path):
    policy = load_policy("ale")
    config = SiteConfig(
        root=Path("."), mkdocs_file=Path("mkdocs.yml"), site_url=SITE_URL, settings=SETTINGS
    )
    root = render(SiteData((), policy, config, TODAY), tmp_path)
    feed = ET.parse(root / "feed.xml").getroot()
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated") == "2026-06-01T00:00:00+02:00"
    assert _events(root / "calendar.ics") == []
    assert json.loads((root / "data/dialogues.json").read_text("utf-8"))["dialogues"] == []
    assert "Det finns inga dialoger att följa upp än." in (
        root / "follow-up/index.md").read_text("utf-8")  # fmt: skip
    ET.parse(root / "datasets/dcat.rdf")


# Pieces of one to four bytes and runs that bring the next piece near a cut at 74 bytes.
_LINE_PIECES = ["a", " ", "\\", "^", ",", "å", "€", "𝄞", "a" * 70, "å" * 35, "\\^" * 3]


def _one(data: dict, today: dt.date = TODAY) -> SiteData:
    """A site of one dialogue, ``kolla-torg``, straight from the model."""
    from generator.core.model import Dialogue
    from generator.core.site import Entry
    from generator.core.status import derive_status

    policy = load_policy("kungsbacka")
    d = Dialogue.model_validate(data)
    entry = Entry("kolla-torg", "kolla-torg.md", d, "", derive_status(d, today, 60), ())
    config = SiteConfig(
        root=Path("."), mkdocs_file=Path("mkdocs.yml"), site_url=SITE_URL, settings=SETTINGS
    )
    return SiteData((entry,), policy, config, today)


def _uids(dialogue: dict) -> dict[str, str]:
    """UID → the event's summary, for one dialogue built on its own."""
    from generator.render.calendar import dialogue_events

    site = _one(dialogue)
    return {str(ev["UID"]): str(ev["SUMMARY"]) for ev in dialogue_events(site, site.entries[0])}


def _three_events() -> dict:
    data = valid_dialogue()
    data["participation"] = [
        {"method": "workshop", "channel": "physical", "title": "Workshop i Kolla",
         "location": "Kollahallen", "start": "2026-03-10T18:00", "end": "2026-03-10T20:00"},
        {"method": "meeting", "channel": "physical", "title": "Möte på biblioteket",
         "location": "Biblioteket", "start": "2026-03-17T18:00", "end": "2026-03-17T19:00"},
        {"method": "walk", "channel": "physical", "title": "Vandring", "id": "vandringen",
         "location": "Torget", "start": "2026-03-24"},
    ]  # fmt: skip
    data["target_groups"] = [{"group": "Boende i Kolla", "reach": ["Workshop i Kolla"]}]
    return data


def test_removing_or_reordering_events_keeps_every_other_uid():
    before = _uids(_three_events())
    assert len(before) == 4  # three ways and the last day
    first_removed = _three_events()
    del first_removed["participation"][0]
    after = _uids(first_removed)
    assert after == {k: v for k, v in before.items() if "workshop" not in k}
    reordered = _three_events()
    reordered["participation"].reverse()
    assert _uids(reordered) == before


def test_an_explicit_id_keeps_the_uid_when_the_title_changes():
    renamed = _three_events()
    renamed["participation"][2]["title"] = "Stadsvandring"
    uids = _uids(renamed)
    assert "kolla-torg-vandringen@insyn.example.se" in uids
    assert "Stadsvandring" in uids["kolla-torg-vandringen@insyn.example.se"]


def test_two_ways_with_one_title_get_two_uids():
    data = _three_events()
    data["participation"][1]["title"] = "Workshop i Kolla"
    uids = _uids(data)
    assert {"kolla-torg-workshop-i-kolla@insyn.example.se",
            "kolla-torg-workshop-i-kolla-2@insyn.example.se"} <= set(uids)  # fmt: skip


def test_sequence_and_last_modified_follow_the_dated_changes():
    from generator.render.calendar import dialogue_events

    def stamps(data: dict, today: dt.date) -> set[tuple]:
        site = _one(data, today)
        return {(ev.get("SEQUENCE"), ev.decoded("LAST-MODIFIED", None))
                for ev in dialogue_events(site, site.entries[0])}  # fmt: skip

    data = _three_events()  # one update (2026-03-20) and the feedback (2026-05-20)
    assert stamps(data, dt.date(2026, 6, 1)) == {(2, dt.datetime(2026, 5, 20, tzinfo=dt.UTC))}
    data["updates"].append({"date": dt.date(2026, 5, 28), "text": "Mötet flyttas."})
    assert stamps(data, dt.date(2026, 6, 1)) == {(3, dt.datetime(2026, 5, 28, tzinfo=dt.UTC))}
    assert stamps(data, dt.date(2026, 6, 1)) == stamps(data, dt.date(2026, 6, 1))


def _records(personal: str | None, mailbox: str | None = None) -> dict:
    from generator.render.opendata import dialogue_record

    data = valid_dialogue()
    if mailbox:
        data["responsible"]["mailbox"] = mailbox
    site = _one(data)
    if personal is not None:
        settings = {**SETTINGS, "open_data": {"personal": personal}}
        site = dataclasses.replace(site, config=dataclasses.replace(site.config, settings=settings))
    return dialogue_record(site, site.entries[0])["responsible"]


def test_open_data_names_the_role_and_a_mailbox_by_default():
    assert _records(None) == {"name": None, "role": "Projektledare", "email": None,
                              "phone": None, "mailbox": None}  # fmt: skip
    mailbox = "samhallsbyggnad@kungsbacka.se"
    assert _records("role", mailbox)["email"] == mailbox
    assert "Anna" not in json.dumps(_records("role", mailbox))


def test_open_data_names_the_person_when_the_site_says_so():
    person = _records("name")
    assert (person["name"], person["email"], person["phone"]) == (
        "Anna Andersson", "anna.andersson@kungsbacka.se", "0300-83 40 00")  # fmt: skip


def test_an_unknown_personal_setting_is_a_configuration_error(tmp_path):
    from generator.core.settings import ConfigError
    from generator.load.settings import load_config

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  insyn:\n    open_data:\n      personal: all\n")
    with pytest.raises(ConfigError, match=r"open_data\.personal"):
        load_config(config)
