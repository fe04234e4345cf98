"""DCAT-AP-SE catalogue of the open data, as RDF/XML: ``datasets/dcat.rdf``.

One catalogue with three datasets (all dialogues, the yearly follow-up, the planned
dialogues per budget year), each with its distributions, as DCAT-AP-SE 3.0 asks: every
catalogue, dataset, distribution, contact point and period an absolute IRI (no blank
nodes, as Sveriges dataportal's harvester needs), made from ``site_url`` (without it, from
``https://<policy>.insyn.invalid/``: set ``site_url``).

- The publisher is the municipality (``extra.insyn.publisher_uri`` names its IRI,
  otherwise ``<catalogue>#publisher``).
- The contact point's e-mail is ``extra.insyn.contact_email``, which the profile requires:
  ``insyn build`` refuses a site without it.
- ``dcterms:spatial`` is Sweden, or ``extra.insyn.spatial_uri`` (for example the
  municipality in a register of places); ``dcterms:temporal`` the period the data covers.

Licence: CC BY 4.0. Written with ElementTree in a fixed order: reproducible.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from generator.core.settings import ConfigError
from generator.core.site import SiteData
from generator.render.feeds import feed_events
from generator.render.opendata import tag_authority
from generator.render.plan import Output
from generator.render.writing import Writing
from generator.summarise.followup import follow_up_years
from generator.summarise.planned import budget_years

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LICENSE = "http://creativecommons.org/licenses/by/4.0/"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
SWEDEN = f"{EU}country/SWE"
FORMATS = {  # suffix → (EU file type, media type)
    "json": ("JSON", "application/json"),
    "csv": ("CSV", "text/csv"),
    "xml": ("ATOM", "application/atom+xml"),
    "ics": ("ICS", "text/calendar"),
}

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _el(parent: ET.Element, name: str, text: str | None = None, *, lang: str | None = None,
        resource: str | None = None, datatype: str | None = None) -> ET.Element:  # fmt: skip
    el = ET.SubElement(parent, _q(name))
    if resource is not None:
        el.set(_q("rdf:resource"), resource)
    if datatype is not None:
        el.set(_q("rdf:datatype"), datatype)
    if lang is not None:
        el.set(XML_LANG, lang)
    if text is not None:
        el.text = text
    return el


def base_url(site: SiteData) -> str:
    return (site.config.site_url or f"https://{tag_authority(site)}/").rstrip("/") + "/"


class CatalogueError(ConfigError):
    """A setting the catalogue needs is missing (the build stops, exit 2)."""


def contact_email(site: SiteData) -> str:
    email = site.config.settings.get("contact_email")
    if not isinstance(email, str) or "@" not in email:
        raise CatalogueError(
            "extra.insyn.contact_email saknas i mkdocs.yml: öppna data (DCAT-AP-SE) ska ha en "
            "e-postadress dit frågor om data går, helst en funktionsbrevlåda."
        )
    return email


def _periods(site: SiteData) -> dict[str, tuple[str, str] | None]:
    """The period each dataset covers, as ISO dates, or None when it has nothing yet."""
    periods = [e.dialogue.period for e in site.entries if e.dialogue.period]
    years = follow_up_years(site.entries)
    budgets = budget_years(site.entries)
    return {
        "dialogues": (min(p.start for p in periods).isoformat(),
                      max(p.end for p in periods).isoformat()) if periods else None,
        "follow-up": (f"{years[0]}-01-01", f"{years[-1]}-12-31") if years else None,
        "planned": (f"{budgets[0]}-01-01", f"{budgets[-1]}-12-31") if budgets else None,
    }  # fmt: skip


def catalogue(site: SiteData) -> bytes:
    base = base_url(site)
    iri = urljoin(base, "datasets/dcat.rdf")
    municipality = site.policy.doc.municipality
    settings = site.config.settings
    publisher = str(settings.get("publisher_uri") or f"{iri}#publisher")
    email = contact_email(site)
    spatial = str(settings.get("spatial_uri") or SWEDEN)
    periods = _periods(site)
    events = feed_events(site.entries, site.today)
    modified = (events[0].date if events else site.today).isoformat()

    datasets = [
        (
            "dialogues",
            f"Invånardialoger i {municipality}",
            "Alla invånardialoger med syfte, ägare, period, sätt att delta, status och "
            "återkoppling, som JSON och CSV, med JSON Schema, nyhetsflöde och kalender.",
            ["invånardialog", "medborgardialog", "delaktighet"],
            [
                ("data/dialogues.json", "Alla dialoger (JSON)", "data/dialogues.schema.json"),
                ("data/dialogues.csv", "Alla dialoger (CSV, semikolon, UTF-8 med BOM)", None),
                ("feed.xml", "Nyhetsflöde (Atom)", None),
                ("calendar.ics", "Kalender (iCalendar)", None),
            ],
        ),
        (
            "follow-up",
            f"Årsuppföljning av invånardialoger i {municipality}",
            "Årets dialoger i siffror: status, deltagare, andel med återkoppling, tid till "
            "återkoppling, fördelning per nämnd och metod, avvikelser från policyn.",
            ["invånardialog", "uppföljning"],
            [(f"data/follow-up/{y}.json", f"Årsuppföljning {y} (JSON)", None)
             for y in follow_up_years(site.entries)],
        ),
        (
            "planned",
            f"Planerade invånardialoger per budgetår i {municipality}",
            "Dialoger per budgetår och nämnd med syfte, steg på delaktighetstrappan och period.",
            ["invånardialog", "budget"],
            [(f"data/planned/{y}.csv", f"Planerade dialoger {y} (CSV)", None)
             for y in budget_years(site.entries)],
        ),
    ]  # fmt: skip

    root = ET.Element(_q("rdf:RDF"))
    cat = ET.SubElement(root, _q("dcat:Catalog"), {_q("rdf:about"): iri})
    _el(cat, "dcterms:title", f"Öppna data om invånardialoger i {municipality}", lang="sv")
    _el(cat, "dcterms:description",
        f"Invånardialoger i {municipality} och uppföljningen av dem, publicerade av Insyn.",
        lang="sv")  # fmt: skip
    _el(cat, "dcterms:publisher", resource=publisher)
    _el(cat, "dcterms:license", resource=LICENSE)
    _el(cat, "dcterms:language", resource=f"{EU}language/SWE")
    _el(cat, "foaf:homepage", resource=base)
    _el(cat, "dcterms:modified", modified, datatype=XSD_DATE)
    for key, *_ in datasets:
        _el(cat, "dcat:dataset", resource=f"{iri}#{key}")

    agent = ET.SubElement(root, _q("foaf:Agent"), {_q("rdf:about"): publisher})
    _el(agent, "foaf:name", municipality, lang="sv")
    _el(agent, "dcterms:type", resource="http://purl.org/adms/publishertype/LocalAuthority")

    contact = ET.SubElement(root, _q("vcard:Organization"), {_q("rdf:about"): f"{iri}#contact"})
    _el(contact, "vcard:fn", municipality)
    _el(contact, "vcard:hasEmail", resource=f"mailto:{email}")
    _el(contact, "vcard:hasURL", resource=base)

    for key, title, description, keywords, files in datasets:
        ds = ET.SubElement(root, _q("dcat:Dataset"), {_q("rdf:about"): f"{iri}#{key}"})
        _el(ds, "dcterms:title", title, lang="sv")
        _el(ds, "dcterms:description", description, lang="sv")
        _el(ds, "dcterms:publisher", resource=publisher)
        _el(ds, "dcat:contactPoint", resource=f"{iri}#contact")
        _el(ds, "dcterms:spatial", resource=spatial)
        if periods[key] is not None:
            start, end = periods[key]  # type: ignore[misc]
            time = ET.SubElement(
                _el(ds, "dcterms:temporal"), _q("dcterms:PeriodOfTime"),
                {_q("rdf:about"): f"{iri}#{key}-period"},
            )  # fmt: skip
            _el(time, "dcat:startDate", start, datatype=XSD_DATE)
            _el(time, "dcat:endDate", end, datatype=XSD_DATE)
        _el(ds, "dcat:theme", resource=f"{EU}data-theme/GOVE")
        for word in keywords:
            _el(ds, "dcat:keyword", word, lang="sv")
        _el(ds, "dcterms:language", resource=f"{EU}language/SWE")
        _el(ds, "dcterms:accessRights", resource=f"{EU}access-right/PUBLIC")
        _el(ds, "dcterms:accrualPeriodicity", resource=f"{EU}frequency/DAILY")
        _el(ds, "dcat:landingPage", resource=urljoin(base, "data/"))
        _el(ds, "dcterms:modified", modified, datatype=XSD_DATE)
        for path, dist_title, schema in files:
            url = urljoin(base, path)
            eu_type, media = FORMATS[path.rsplit(".", 1)[1]]
            dist = ET.SubElement(_el(ds, "dcat:distribution"), _q("dcat:Distribution"),
                                 {_q("rdf:about"): f"{iri}#{path}"})  # fmt: skip
            _el(dist, "dcterms:title", dist_title, lang="sv")
            _el(dist, "dcat:accessURL", resource=url)
            _el(dist, "dcat:downloadURL", resource=url)
            _el(dist, "dcterms:format", resource=f"{EU}file-type/{eu_type}")
            _el(dist, "dcat:mediaType", resource=f"{IANA}{media}")
            _el(dist, "dcterms:license", resource=LICENSE)
            if schema:
                _el(dist, "dcterms:conformsTo", resource=urljoin(base, schema))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_dcat(w: Writing, output: Output) -> bytes:
    return catalogue(w.site)
