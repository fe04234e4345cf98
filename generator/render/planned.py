"""Planned dialogues per budget year: `/planned/`, `/planned/<year>/`, `data/planned/<year>.csv`.

The pages are ``planned/index.md`` and ``planned/<year>/index.md`` (headings and raw HTML
blocks, see ``data/planned-year.html.md.j2``); the CSV has one row per
dialogue (UTF-8 with BOM, ``;``-separated), boards in the policy's order.
"""

from __future__ import annotations

from generator.core import labels
from generator.core.site import SiteData
from generator.render import Staging, renderer
from generator.render.links import checked_href, dialogue_links
from generator.render.opendata import absolute, csv_text, template_helpers
from generator.render.templating import render
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


@renderer("planned")
def render_planned(site: SiteData, out: Staging) -> None:
    years = planned_years(site)
    common = dict(site=site, municipality=site.policy.doc.municipality)
    index = render("data/planned-index.md.j2", years=years, **common, **template_helpers())
    out.write("planned/index.md", index)
    for py in years:
        out.write(f"data/planned/{py.year}.csv", planned_csv(site, py))
        page = f"planned/{py.year}/index.md"
        out.write(
            page,
            render(
                "data/planned-year.html.md.j2", py=py, **common, **_links(site, out, page, py.year)
            ),
        )


def _links(site: SiteData, out: Staging, page: str, year: int) -> dict[str, object]:
    """URLs for a year page's raw HTML links (MkDocs rewrites only Markdown links)."""
    urls = site.config.directory_urls
    return {
        "link": dialogue_links(page, urls),
        "csv_link": checked_href(out, page, f"data/planned/{year}.csv", urls),
    }
