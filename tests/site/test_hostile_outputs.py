"""Hostile text through every output: each front-matter text field holds `"`, `'`, `<`, `>`,
`&` (and a line break where the field takes one), and must come out of every page and data
file as text, never as markup, read back by the tool that opens that file.

Two sites are built from the same dialogues: one with the hostile values, one with the same
words without those characters. Every page of both must have the same elements with the
same attributes, as a browser (Lexbor) and as Python's ``html.parser`` read them: a value
that escaped its attribute or element would add one.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
import rdflib
from conftest import to_text, valid_dialogue
from selectolax.lexbor import LexborHTMLParser
from sitehelpers import build, make_content

from generator.core.model import NO_CONTROL, ONE_LINE, Dialogue

TODAY = "2026-06-15"
HOSTILE = "Vi frågade \"alla\" & 'ni' – a < b > c\" http-equiv=\"refresh"
MORE = "\nrad två & 3 < 4 > 2"  # the second line of a field that takes several
FORMULAS = ('=HYPERLINK("https://evil.example","klicka")', "+SUM(1;2)", "-2+3 svar", "@cmd")


def _plain(text: str) -> str:
    """The same words without the characters that could make markup."""
    return re.sub("[\"'&<>–]", " ", text)


def _text_fields(model=Dialogue, prefix: tuple = ()) -> dict[tuple, bool]:
    """Every text field of the model (path → takes a line break), lists as index 0."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})

    def walk(node: dict, path: tuple, out: dict) -> None:
        node = defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node
        for option in node.get("anyOf", []):
            if option.get("type") != "null":
                walk(option, path, out)
        if node.get("type") == "object":
            for key, sub in node.get("properties", {}).items():
                walk(sub, (*path, key), out)
        elif node.get("type") == "array":
            walk(node["items"], (*path, 0), out)
        elif (
            node.get("type") == "string"
            and not {"enum", "format"} & node.keys()
            and node.get("pattern", NO_CONTROL) in TEXT
        ):
            out[path] = node.get("pattern", NO_CONTROL) == NO_CONTROL

    found: dict[tuple, bool] = {}
    walk(schema, prefix, found)
    return found


TEXT = (NO_CONTROL, ONE_LINE)  # the patterns of free text: several lines, one line
TEXT_FIELDS = _text_fields()
# Names that must be the policy's own (known-organisation), not free text.
FIXED = {("owner", "board"), ("owner", "department")}


def _set(data: object, path: tuple, value: str) -> None:
    """Set the field at ``path`` (index 0 means every item of that list) to ``value``."""
    head, rest = path[0], path[1:]
    if head == 0:
        items = data if isinstance(data, list) else []
        if not items:
            items.append({} if rest else value)
        for i in range(len(items)):
            if rest:
                _set(items[i], rest, value)
            else:
                items[i] = value
    elif rest:
        _set(data.setdefault(head, [] if rest[0] == 0 else {}), rest, value)  # type: ignore[union-attr]
    else:
        data[head] = value  # type: ignore[index]


def _dialogues(value_for) -> dict[str, dict]:
    """Two dialogues that between them have every text field: one completed and political,
    one cancelled. ``value_for(path, multiline)`` gives each field's text."""
    done = valid_dialogue()
    done["political"] = True
    done["board_decision"] = {
        "date": dt.date(2026, 2, 1), "reference": "BN 2026/0012", "participation": "x",
    }  # fmt: skip
    done["responsible"]["phone"] = "0300-83 40 00"
    done["influence"]["decision"]["date"] = dt.date(2026, 5, 10)  # decided, and told
    done["influence"]["decision"]["outcome"] = {"text": "x", "minutes": "https://www.kommun.se/p"}
    done["implementation"] = [{"date": dt.date(2026, 8, 1), "state": "ongoing", "text": "x"}]
    cancelled = valid_dialogue()
    del cancelled["feedback"]
    cancelled["cancelled"] = {"date": dt.date(2026, 3, 5), "reason": "x"}
    late = valid_dialogue()  # its feedback overdue, and the delay explained
    del late["feedback"]
    late["feedback_delay"] = {"reason": "x", "expected": dt.date(2026, 7, 1)}
    dialogues = {"fientlig-text-klar": done, "fientlig-text-installd": cancelled,
                 "fientlig-text-sen": late}  # fmt: skip
    for data in dialogues.values():
        for path, multiline in TEXT_FIELDS.items():
            if path not in FIXED and _has_parent(data, path):
                _set(data, path, value_for(path, multiline))
    return dialogues


def _has_parent(data: dict, path: tuple) -> bool:
    """Whether the object that holds the field at ``path`` is in ``data`` (a list counts,
    even empty, where the model has it: its items get the text)."""
    node: object = data
    for key in path[:-1]:
        if key == 0:
            if not isinstance(node, list) or not node:
                return isinstance(node, list) and path[-1] == 0
            node = node[0]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            return False
    return True


def _hostile(path: tuple, multiline: bool) -> str:
    return HOSTILE + (MORE if multiline else "")


def _benign(path: tuple, multiline: bool) -> str:
    return _plain(_hostile(path, multiline))


def _site(tmp_path: Path, name: str, value_for) -> Path:
    content = make_content(tmp_path / name / "content", "kungsbacka")
    for slug, data in _dialogues(value_for).items():
        (content / "dialogues" / f"{slug}.md").write_text(to_text(data), encoding="utf-8")
    site = tmp_path / name / "site"
    code, out, err = build(content, site, TODAY)
    assert code == 0, out + err
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("hostile")
    return _site(tmp, "hostile", _hostile), _site(tmp, "benign", _benign)


class _Skeleton(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))

    handle_startendtag = handle_starttag


def skeletons(page: str) -> tuple[list, list]:
    """The elements with their attribute names, as html.parser and as Lexbor read them."""
    parser = _Skeleton()
    parser.feed(page)
    lexbor = [
        (node.tag, tuple(sorted(node.attributes)))
        for node in LexborHTMLParser(page).root.traverse(include_text=False)
    ]
    return parser.tags, lexbor


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
    }


def test_every_text_field_is_covered():
    assert len(TEXT_FIELDS) >= 25  # the walk found the model's text fields
    assert TEXT_FIELDS[("summary",)] and not TEXT_FIELDS[("title",)]
    for needed in [("title",), ("summary",), ("feedback", "result"), ("cancelled", "reason"),
                   ("participation", 0, "location"), ("target_groups", 0, "reach", 0)]:  # fmt: skip
        assert needed in TEXT_FIELDS


def test_hostile_text_adds_no_element_or_attribute_to_any_page(sites):
    hostile, benign = (_pages(s) for s in sites)
    assert hostile.keys() == benign.keys()
    for name in hostile:
        assert skeletons(hostile[name]) == skeletons(benign[name]), name


def test_the_summary_is_the_whole_description_and_nothing_else(sites):
    page = (sites[0] / "dialogues" / "fientlig-text-klar" / "index.html").read_text("utf-8")
    metas = LexborHTMLParser(page).css('meta[name="description"]')
    summary = " ".join((HOSTILE + MORE).split())  # one line in an attribute
    assert [m.attributes for m in metas] == [{"name": "description", "content": summary}]
    assert "http-equiv" not in {a for m in LexborHTMLParser(page).css("meta") for a in m.attributes}
    title = LexborHTMLParser(page).css_first("title").text()
    assert title.startswith(HOSTILE)


def test_hostile_text_reads_back_from_the_json(sites):
    data = json.loads((sites[0] / "data" / "dialogues.json").read_text("utf-8"))
    record = next(d for d in data["dialogues"] if d["slug"] == "fientlig-text-klar")
    assert record["title"] == HOSTILE
    assert record["feedback"]["result"] == HOSTILE + MORE


def test_hostile_text_reads_back_from_the_csv(sites):
    text = (sites[0] / "data" / "dialogues.csv").read_text("utf-8-sig")
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert rows["fientlig-text-klar"]["title"] == HOSTILE
    assert rows["fientlig-text-klar"]["summary"] == HOSTILE + MORE


def test_hostile_text_reads_back_from_the_calendars(sites):
    for name in ("calendar.ics", "data/calendar/fientlig-text-klar.ics"):
        cal = icalendar.Calendar.from_ical((sites[0] / name).read_bytes())
        events = [e for e in cal.walk("VEVENT") if "fientlig-text-klar" in str(e["uid"])]
        assert events, name
        assert any(str(e.get("location")) == HOSTILE for e in events)
        assert all(HOSTILE in str(e["summary"]) or "Sista dag" in str(e["summary"])
                   for e in events)  # fmt: skip


def test_hostile_text_reads_back_from_the_feed(sites):
    feed = feedparser.parse((sites[0] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [e.title for e in feed.entries]
    assert any(HOSTILE in t for t in titles)


def test_hostile_text_stays_text_in_the_rdf(tmp_path):
    """The catalogue names the municipality; a policy with markup in its name stays text."""
    graph = rdflib.Graph().parse(data=_catalogue_of(tmp_path), format="xml")
    names = {str(o) for o in graph.objects(None, rdflib.URIRef("http://xmlns.com/foaf/0.1/name"))}
    assert names == {HOSTILE}


def _catalogue_of(tmp_path: Path) -> bytes:
    from generator.check.policies import load_policy
    from generator.core.settings import SiteConfig
    from generator.core.site import SiteData
    from generator.render.dcat import catalogue

    policy = load_policy("kungsbacka")
    doc = policy.doc.model_copy(update={"municipality": HOSTILE})
    config = SiteConfig(tmp_path, tmp_path / "m.yml", settings={"contact_email": "a@b.se"})
    site = SiteData((), dataclasses.replace(policy, doc=doc), config, dt.date(2026, 6, 15))
    return catalogue(site)


@pytest.mark.parametrize("formula", FORMULAS)
def test_formulas_are_text_in_every_csv(tmp_path, formula):
    content = make_content(tmp_path / "content", "kungsbacka")
    data = valid_dialogue()
    data["title"] = formula if len(formula) >= 5 else formula + " text"
    data["area"] = formula
    data["purpose"] = formula
    (content / "dialogues" / "formel.md").write_text(to_text(data), encoding="utf-8")
    site = tmp_path / "site"
    code, out, err = build(content, site, TODAY)
    assert code == 0, out + err
    for name in ("data/dialogues.csv", "data/planned/2026.csv"):
        text = (site / name).read_text("utf-8-sig")
        row = next(r for r in csv.DictReader(io.StringIO(text), delimiter=";")
                   if r["slug"] == "formel")  # fmt: skip
        cells = [v for v in row.values() if v and formula in v]
        assert cells, name
        assert all(v.startswith("'") for v in cells), (name, cells)  # a spreadsheet's text


def test_published_json_validates_against_the_schema(sites):
    data = json.loads((sites[0] / "data" / "dialogues.json").read_text("utf-8"))
    schema = json.loads((sites[0] / "data" / "dialogues.schema.json").read_text("utf-8"))
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    jsonschema.validate(data, schema, format_checker=checker)
    record = next(d for d in data["dialogues"] if d["slug"] == "fientlig-text-klar")
    assert html.escape(HOSTILE) not in json.dumps(record, ensure_ascii=False)  # not escaped
