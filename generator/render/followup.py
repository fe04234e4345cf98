"""Yearly follow-up pages (`/follow-up/`, `/follow-up/<year>/`) and their data files.

Writes ``follow-up/index.md``, ``follow-up/<year>/index.md`` (a folder per year, so that
relative links mean the same in the source and on the site; headings and raw HTML blocks,
see ``followup/year.html.md.j2``), ``data/follow-up/<year>.json``
and ``assets/stylesheets/print.css`` (chart layout on screen, a clean council report in
print; mkdocs.yml must list it under ``extra_css``).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core import labels
from generator.core.site import SiteData
from generator.core.status import Status
from generator.render.links import checked_href, dialogue_links
from generator.render.opendata import dump_json, template_helpers
from generator.render.plan import Output
from generator.render.templating import delay_note, environment, headlines, render, rule_text
from generator.render.writing import Writing
from generator.summarise.followup import YearFollowUp, follow_up, follow_up_years, swedish_key

CHART_WIDTH = 320  # CSS px, and at most that (print.css): its 14 px text stays 12 px or more
LABEL_HEIGHT = 19
BAR_HEIGHT = 16
ROW_GAP = 10
BAR_MAX = 250  # the longest bar; the rest of the width holds the number


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    y: int  # top of the row: label baseline at y + 14, bar from y + LABEL_HEIGHT
    width: int


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    column: str  # the table's first column heading
    bars: tuple[Bar, ...]
    height: int
    bar_height: int = BAR_HEIGHT
    label_height: int = LABEL_HEIGHT
    width: int = CHART_WIDTH


def bar_chart(chart_id: str, title: str, column: str, rows: list[tuple[str, int]]) -> Chart:
    """Geometry of a horizontal bar chart; rows in the given order."""
    top = max((v for _, v in rows), default=0)
    step = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    bars = tuple(
        Bar(label, value, n * step, round(BAR_MAX * value / top) if top else 0)
        for n, (label, value) in enumerate(rows)
    )
    return Chart(chart_id, title, column, bars, max(step * len(rows), step))


def _ranked(counts: dict[str, int], labels: dict[str, str] | None = None) -> list[tuple[str, int]]:
    """Largest first, then by name; codes shown with their Swedish label."""
    rows = [((labels or {}).get(k, k), v) for k, v in counts.items()]
    return sorted(rows, key=lambda r: (-r[1], swedish_key(r[0]), r[0]))


def _in_order(counts: dict[str, int], labels: dict[str, str]) -> list[tuple[str, int]]:
    """In the vocabulary's own order (the ladder's steps, the stages), zeros included."""
    return [(label, counts.get(code, 0)) for code, label in labels.items()]


def charts(fu: YearFollowUp, department_label: str) -> list[Chart]:
    status_rows = [
        (s.label, fu.counts[s.value])
        for s in (Status.COMPLETED, Status.ONGOING, Status.AWAITING_FEEDBACK,
                  Status.FEEDBACK_OVERDUE)
    ]  # fmt: skip
    if fu.cancelled:
        status_rows.append((Status.CANCELLED.label, len(fu.cancelled)))
    initiators = labels.capitalised(
        {**labels.INITIATOR, "department": labels.definite(department_label)}
    )
    specs = [
        ("status", status_rows),
        ("board", _ranked(fu.by_board)),
        ("department", _ranked(fu.by_department)),
        ("ladder", _in_order(fu.by_ladder, labels.LADDER)),
        ("stage", _in_order(fu.by_stage, labels.STAGE)),
        ("channel", _in_order(fu.by_channel, labels.capitalised(labels.CHANNEL))),
        ("method", _ranked(fu.by_method, labels.METHOD)),
        ("initiator", _in_order(fu.by_initiator, initiators)),
        ("groups", _ranked(fu.special_consideration_groups)),
    ]
    texts = (
        environment()
        .get_template("followup/texts.j2")
        .make_module({"department_label": department_label})
    )
    titles, columns = texts.CHART_TITLES, texts.CHART_COLUMNS
    return [
        bar_chart(f"diagram-{key}-{fu.year}", titles[key], columns[key], rows)
        for key, rows in specs
        if rows and any(v for _, v in rows)
    ]


def comparison(fu: YearFollowUp, prev: YearFollowUp | None) -> list[tuple[str, str, str]]:
    """Key figures side by side: (key, previous year, this year); keys named in texts.j2."""

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{round(x * 100)} %"

    def days(x: float | None) -> str:
        return "–" if x is None else f"{x:g}".replace(".", ",")

    def figures(f: YearFollowUp) -> list[str]:
        return [
            str(len(f.held)),
            str(f.counts[Status.COMPLETED.value]),
            str(f.counts[Status.FEEDBACK_OVERDUE.value]),
            str(len(f.cancelled)),
            str(f.participants),
            pct(f.feedback_rate),
            days(f.median_days_to_feedback),
            str(len(f.deviations)),
        ]

    names = ["held", "completed", "overdue", "cancelled", "participants", "rate", "median",
             "deviations"]  # fmt: skip
    this = figures(fu)
    before = figures(prev) if prev is not None else ["–"] * len(this)
    return list(zip(names, before, this, strict=True))


def summaries(site: SiteData) -> dict[int, YearFollowUp]:
    deadline = site.policy.thresholds.feedback_deadline_days
    return {
        y: follow_up(site.entries, y, site.today, deadline) for y in follow_up_years(site.entries)
    }


def _by_year(w: Writing) -> dict[int, YearFollowUp]:
    """The run's follow-up figures, worked out once for all its pages and files."""
    found = w.shared.get(summaries)
    if found is None:
        found = w.shared[summaries] = summaries(w.site)
    return found  # type: ignore[return-value]


def _common(site: SiteData) -> dict[str, object]:
    return dict(
        site=site,
        municipality=site.policy.doc.municipality,
        department_label=site.policy.doc.organisation.department_label,
        status=Status,
    )


def write_follow_up_index(w: Writing, output: Output) -> bytes:
    years = sorted(_by_year(w).values(), key=lambda f: -f.year)
    def year_link(year: int) -> str:
        return checked_href(w.plan, output.path, f"follow-up/{year}/index.md", w.urls)

    return render(
        "followup/index.md.j2", years=years, year_link=year_link, **_common(w.site),
        **template_helpers(),
    ).encode("utf-8")  # fmt: skip


def write_follow_up_data(w: Writing, output: Output) -> bytes:
    return dump_json(_by_year(w)[output.arg].as_json()).encode("utf-8")  # type: ignore[index]


def write_follow_up_year(w: Writing, output: Output) -> bytes:
    site, by_year, year = w.site, _by_year(w), output.arg
    assert isinstance(year, int)
    fu, prev = by_year[year], by_year.get(year - 1)
    dept = site.policy.doc.organisation.department_label
    return render(
        "followup/year.html.md.j2",
        fu=fu,
        prev=prev,
        charts=charts(fu, dept),
        comparison=comparison(fu, prev),
        titles={e.slug: e.dialogue.title for e in site.entries},
        headline=_headline(site),
        **_common(site),
        **_year_links(w, output.path, year),
    ).encode("utf-8")


def _headline(site: SiteData):
    """A follow-up deviation in the sentence its dialogue's page uses for it."""
    by_slug = {e.slug: e for e in site.entries}

    def headline(deviation) -> str:
        entry = by_slug[deviation.slug]
        told = headlines(entry, site.policy).get(deviation.rule, rule_text(deviation.rule))
        note = delay_note(entry.dialogue, site.today)
        return f"{told} {note}" if note else told

    return headline


def _year_links(w: Writing, page: str, year: int) -> dict[str, object]:
    """URLs for a year page's raw HTML links (MkDocs rewrites only Markdown links)."""
    return {
        "link": dialogue_links(page, w.urls),
        "data_link": checked_href(w.plan, page, f"data/follow-up/{year}.json", w.urls),
        "opendata_link": checked_href(w.plan, page, "data/index.md", w.urls),
    }
