"""Planned dialogues per budget year: `/planned/`, `/planned/<year>/`, `data/planned/<year>.csv`.

The pages are ``planned/index.md`` and ``planned/<year>/index.md`` (headings and raw HTML
blocks, see ``data/planned-year.html.md.j2``); the CSV has one row per
dialogue (UTF-8 with BOM, ``;``-separated), boards in the policy's order.
"""

from __future__ import annotations

from generator.core import labels
from generator.core.site import SiteData
from generator.render.links import checked_href, dialogue_links
from generator.render.opendata import absolute, csv_text, template_helpers
from generator.render.plan import Output
from generator.render.templating import render
from generator.render.writing import Writing
from generator.summarise.planned import PlannedYear, budget_years, planned_year

CSV_COLUMNS = (
    "budget_year", "board", "department", "slug", "title", "purpose", "ladder",
    "ladder_label", "stage", "stage_label", "period_start", "period_end", "status",
    "status_label", "url",
)  # fmt: skip


def planned_csv(site: SiteData, py: PlannedYear) -> str:
    rows = []
    for item in py.items:
        d = item.entry.dialogue
        rows.append({
            "budget_year": py.year,
            "board": d.owner.board,
            "department": d.owner.department,
            "slug": item.slug,
            "title": d.title,
            "purpose": d.purpose,
            "ladder": d.ladder,
            "ladder_label": labels.LADDER[d.ladder],
            "stage": d.stage,
            "stage_label": labels.STAGE[d.stage],
            "period_start": d.period.start.isoformat() if d.period else None,
            "period_end": d.period.end.isoformat() if d.period else None,
            "status": item.status.value,
            "status_label": item.status.label,
            "url": absolute(site, f"dialogues/{item.slug}/"),
        })  # fmt: skip
    return csv_text(CSV_COLUMNS, rows)


def planned_years(site: SiteData) -> list[PlannedYear]:
    deadline = site.policy.thresholds.feedback_deadline_days
    return [
        planned_year(site.entries, y, site.today, deadline, site.policy.boards)
        for y in budget_years(site.entries)
    ]


def _years(w: Writing) -> dict[int, PlannedYear]:
    """The run's planned dialogues per budget year, worked out once."""
    found = w.shared.get(planned_years)
    if found is None:
        found = w.shared[planned_years] = {py.year: py for py in planned_years(w.site)}
    return found  # type: ignore[return-value]


def _common(site: SiteData) -> dict[str, object]:
    return dict(site=site, municipality=site.policy.doc.municipality)


def write_planned_index(w: Writing, output: Output) -> bytes:
    years = list(_years(w).values())
    return render(
        "data/planned-index.md.j2", years=years, **_common(w.site), **template_helpers()
    ).encode("utf-8")


def write_planned_data(w: Writing, output: Output) -> bytes:
    return planned_csv(w.site, _years(w)[output.arg]).encode("utf-8")  # type: ignore[index]


def write_planned_year(w: Writing, output: Output) -> bytes:
    year, page = output.arg, output.path
    assert isinstance(year, int)
    links = {
        "link": dialogue_links(page, w.urls),
        "csv_link": checked_href(w.plan, page, f"data/planned/{year}.csv", w.urls),
    }
    return render(
        "data/planned-year.html.md.j2", py=_years(w)[year], **_common(w.site), **links
    ).encode("utf-8")
