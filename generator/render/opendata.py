"""Open data: every dialogue as JSON and CSV, the JSON Schemas, and the `/data/` page.

- ``data/dialogues.json``: ``{"municipality", "as_of", "count", "dialogues": [...]}``; each
  dialogue has ``slug``, ``url`` (absolute when ``site_url`` is set), ``status``,
  ``status_label``, ``deviations`` (each deviation from the policy: ``rule``, ``days``
  and the sentence its page states it in) and every front-matter field (null where not
  given), dates ISO 8601.
  It validates against ``data/dialogues.schema.json``.
- ``data/dialogues.csv``: one row per dialogue, UTF-8 with BOM, ``;``-separated.
- ``data/dialogue.schema.json``: ``generator.core.schema.json_schema()``, one file's front matter.

The responsible person's name, e-mail and phone are published as open data only with the
site setting ``extra.insyn.open_data.personal: name``; by default (``role``) a record has
the person's role and the function mailbox (``responsible.mailbox``) if the file gives one,
as Sweden's guidance on open data advises for case officers. The dialogue's own page, for
residents, always names the person.

Also the helpers the other data renderers share (absolute URLs, tag URIs, stable JSON).
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urljoin, urlsplit

from generator.core import labels
from generator.core.schema import dialogues_file_schema, json_schema
from generator.core.settings import stand_in_host
from generator.core.site import Entry, SiteData
from generator.render.escape import md, md_inline, md_url
from generator.render.plan import Output
from generator.render.templating import headlines, render
from generator.render.writing import Writing
from generator.summarise.followup import follow_up_years
from generator.summarise.planned import budget_years

TAG_DATE = "2026"  # the date part of every tag: URI; fixed so ids never change

CSV_COLUMNS = (
    "slug", "title", "summary", "status", "status_label", "board", "department",
    "initiated_by", "political", "ladder", "ladder_label", "stage", "stage_label", "area",
    "topics", "period_start", "period_end", "budget_year", "feedback_date", "participants",
    "cancelled_date", "deviations", "url",
)  # fmt: skip


def template_helpers() -> dict[str, object]:
    """Escaping functions every template of ours receives."""
    return {"md": md, "md_inline": md_inline, "md_url": md_url}


def absolute(site: SiteData, rel: str) -> str:
    """An absolute URL for a site-relative path (root-relative without ``site_url``)."""
    base = site.config.site_url
    if not base:
        return "/" + rel.lstrip("/")
    return urljoin(base.rstrip("/") + "/", rel.lstrip("/"))


def tag_authority(site: SiteData) -> str:
    """The host of ``site_url`` (or a name derived from the policy): used in ids and UIDs."""
    host = urlsplit(site.config.site_url).hostname if site.config.site_url else None
    return host or stand_in_host(site.policy.id)


def tag_uri(site: SiteData, specific: str) -> str:
    """A stable RFC 4151 ``tag:`` URI, e.g. ``tag:insyn.kungsbacka.se,2026:dialog/x/opened``."""
    return f"tag:{tag_authority(site)},{TAG_DATE}:{specific}"


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


PERSONAL = ("role", "name")  # the values of open_data.personal; the first is the default


def personal(site: SiteData) -> str:
    """What open data says of the responsible person: ``role`` or ``name``."""
    value = (site.config.settings.get("open_data") or {}).get("personal", PERSONAL[0])
    return value if value in PERSONAL else PERSONAL[0]  # (load_config refuses others)


def dialogue_record(site: SiteData, e: Entry) -> dict:
    record = e.dialogue.model_dump(mode="json")
    person = record.get("responsible")
    if person is not None and personal(site) == "role":
        record["responsible"] = {
            "name": None, "role": person["role"], "email": person["mailbox"], "phone": None,
            "mailbox": person["mailbox"],
        }  # fmt: skip
    record.update(
        slug=e.slug, url=absolute(site, e.url), status=e.status.value,
        status_label=e.status.label, deviations=deviations(site, e),
    )  # fmt: skip
    return record


def deviations(site: SiteData, e: Entry) -> list[dict[str, object]]:
    """Every deviation from the policy, as the dialogue's page states it."""
    told = headlines(e, site.policy)
    found = sorted(e.deviations, key=lambda f: f.rule)
    return [{"rule": f.rule, "days": f.days, "text": told[f.rule]} for f in found]


def dialogues_json(site: SiteData) -> str:
    return dump_json(
        {
            "municipality": site.policy.doc.municipality,
            "as_of": site.today.isoformat(),
            "count": len(site.entries),
            "dialogues": [dialogue_record(site, e) for e in site.entries],
        }
    )


# A cell that starts with one of these is a formula to a spreadsheet program (OWASP, CSV
# injection): `=HYPERLINK(…)` in a title would open as a live link.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value as a CSV cell: nothing for None, and text that a spreadsheet would read as a
    formula prefixed with ``'``, which makes it text (numbers stay numbers)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(columns: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    """UTF-8 CSV with BOM (for spreadsheet programs), `;`-separated, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return "\ufeff" + buf.getvalue()


def dialogue_row(site: SiteData, e: Entry) -> dict[str, object]:
    d = e.dialogue
    return {
        "slug": e.slug,
        "title": d.title,
        "summary": d.summary,
        "status": e.status.value,
        "status_label": e.status.label,
        "board": d.owner.board,
        "department": d.owner.department,
        "initiated_by": d.initiated_by,
        "political": "ja" if d.political else "nej",
        "ladder": d.ladder,
        "ladder_label": labels.LADDER[d.ladder],
        "stage": d.stage,
        "stage_label": labels.STAGE[d.stage],
        "area": d.area,
        "topics": ", ".join(d.topics),
        "period_start": d.period.start.isoformat() if d.period else None,
        "period_end": d.period.end.isoformat() if d.period else None,
        "budget_year": d.budget_year,
        "feedback_date": d.feedback.date.isoformat() if d.feedback else None,
        "participants": d.feedback.participants if d.feedback else None,
        "cancelled_date": d.cancelled.date.isoformat() if d.cancelled else None,
        "deviations": " ".join(x["text"] for x in deviations(site, e)) or None,
        "url": absolute(site, e.url),
    }


def write_open_data(w: Writing, output: Output) -> bytes:
    """``data/dialogues.json`` or ``data/dialogues.csv``."""
    site = w.site
    if output.path.endswith(".json"):
        return dialogues_json(site).encode("utf-8")
    rows = [dialogue_row(site, e) for e in site.entries]
    return csv_text(CSV_COLUMNS, rows).encode("utf-8")


SCHEMAS = {
    "data/dialogue.schema.json": json_schema,
    "data/dialogues.schema.json": dialogues_file_schema,
}


def write_schema(w: Writing, output: Output) -> bytes:
    return dump_json(SCHEMAS[output.path]()).encode("utf-8")


def write_open_data_page(w: Writing, output: Output) -> bytes:
    site = w.site
    return render(
        "data/index.md.j2",
        site=site,
        municipality=site.policy.doc.municipality,
        follow_up_years=follow_up_years(site.entries),
        budget_years=budget_years(site.entries),
        csv_columns=CSV_COLUMNS,
        calendar_slugs=[e.slug for e in site.entries],
        dcat_url=absolute(site, "datasets/dcat.rdf"),
        personal=personal(site),
        **template_helpers(),
    ).encode("utf-8")
