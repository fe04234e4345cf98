"""Yearly follow-up and planned dialogues: figures for a hand-worked corpus at two dates.

The corpus (Kungsbacka policy, feedback deadline 60 days), worked out by hand:

- a-torg: 2026-01-10 – 02-10, feedback 03-02 (20 days), 100 participants; Bygg,
  consultation, planning, department; survey/digital + open-house/physical.
- b-skola: 2025-11-15 – 2026-01-20, feedback 02-19 (30 days), 40; FoG, dialogue, decision,
  board; survey/digital only.
- c-park: 2026-03-01 – 04-01, no feedback (due 05-31); Bygg, consultation, idea, residents.
- d-bad: 2026-05-01 – 05-20, no feedback (due 07-19); KoF, influence, implementation,
  department; workshop/physical only.
- e-cykel: 2026-06-01 – 07-15 (due 09-13); KS, consultation, planning, department.
- f-lek: 2026-07-01 – 07-20; Service, consultation, planning, department.
- g-inst: 2026-03-01 – 03-31, cancelled 02-01; Bygg.

Unless said, ways are survey/digital + open-house/physical.
Special consideration: a, e: [Barn och unga]; b: [Barn och unga, Föräldrar]; c: []; d: [Äldre];
f: [Barn och unga].
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import valid_dialogue
from sitehelpers import render_part, table_rows

from generator.check.policies import load_policy
from generator.core.findings import Severity
from generator.core.settings import SiteConfig
from generator.core.site import SiteData
from generator.summarise.corpus import make_site_data
from generator.summarise.followup import dialogue_years, follow_up, follow_up_years
from generator.summarise.planned import budget_years, planned_year

JUNE = dt.date(2026, 6, 15)
AUGUST = dt.date(2026, 8, 1)

BYGG = ("Byggnadsnämnden", "Förvaltningen för Samhällsbyggnad")
FOG = ("Förskole- och grundskolenämnden", "Förvaltningen för Förskola & Grundskola")
KOF = ("Kultur- och fritidsnämnden", "Förvaltningen för Kultur & Fritid")
KS = ("Kommunstyrelsen", "Kommunledningskontoret")
SERVICE = ("Nämnden för Service", "Förvaltningen för Service")


def _dialogue(
    title: str,
    start: str,
    end: str,
    org: tuple[str, str],
    *,
    feedback: tuple[str, int] | None = None,
    ladder: str = "consultation",
    stage: str = "planning",
    initiated_by: str = "department",
    groups: list[str] | None = None,
    budget_year: int | None = 2026,
) -> dict:
    data = valid_dialogue()
    data["title"] = title
    data["owner"] = {"board": org[0], "department": org[1]}
    data["period"] = {"start": dt.date.fromisoformat(start), "end": dt.date.fromisoformat(end)}
    data["influence"]["decision"] = {"body": org[0], "date": dt.date(2027, 6, 1)}
    data["participation"][0]["until"] = dt.date.fromisoformat(end)
    data["participation"][1]["start"] = f"{start}T17:00"
    data["participation"][1]["end"] = f"{start}T19:00"
    data["updates"] = []
    data["ladder"] = ladder
    data["stage"] = stage
    data["initiated_by"] = initiated_by
    data["budget_year"] = budget_year
    data["special_consideration"]["groups"] = groups if groups is not None else ["Barn och unga"]
    if feedback is None:
        del data["feedback"]
    else:
        data["feedback"]["date"] = dt.date.fromisoformat(feedback[0])
        data["feedback"]["participants"] = feedback[1]
    return data


def corpus() -> dict[str, dict]:
    b = _dialogue("Skolvägar i Kungsbacka", "2025-11-15", "2026-01-20", FOG,
                  feedback=("2026-02-19", 40), ladder="dialogue", stage="decision",
                  initiated_by="board", groups=["Barn och unga", "Föräldrar"], budget_year=2025)
    b["participation"] = b["participation"][:1]
    b["target_groups"] = [{"group": "Elever", "reach": ["Webbenkät om torget"]}]
    d = _dialogue("Badplatsen vid Särö", "2026-05-01", "2026-05-20", KOF, ladder="influence",
                  stage="implementation", groups=["Äldre"])
    d["participation"] = [{"method": "workshop", "channel": "physical",
                           "title": "Workshop vid badet", "location": "Särö badplats"}]
    d["target_groups"] = [{"group": "Äldre", "reach": ["Workshop vid badet"]}]
    g = _dialogue("Inställd dialog om parken", "2026-03-01", "2026-03-31", BYGG)
    g["cancelled"] = {"date": dt.date(2026, 2, 1), "reason": "Projektet pausades."}
    return {
        "a-torg": _dialogue("Framtidens torg", "2026-01-10", "2026-02-10", BYGG,
                            feedback=("2026-03-02", 100)),
        "b-skola": b,
        "c-park": _dialogue("Parken i centrum", "2026-03-01", "2026-04-01", BYGG,
                            stage="idea", initiated_by="residents", groups=[]),
        "d-bad": d,
        "e-cykel": _dialogue("Cykelvägar i Onsala", "2026-06-01", "2026-07-15", KS),
        "f-lek": _dialogue("Lekplatsen i Hede", "2026-07-01", "2026-07-20", SERVICE),
        "g-inst": g,
    }  # fmt: skip


@pytest.fixture
def build(dialogues):
    for slug, data in corpus().items():
        dialogues.write(data, name=slug)
    policy = load_policy("kungsbacka")
    config = SiteConfig(root=Path("."), mkdocs_file=Path("mkdocs.yml"),
                        site_url="https://insyn.example.se/")  # fmt: skip

    def run(today: dt.date) -> SiteData:
        checked = dialogues.check(policy, today)
        errors = [f for c in checked for f in c.findings if f.severity is Severity.ERROR]
        assert errors == []
        return make_site_data(checked, policy, config, today)

    return run


def test_years_follow_the_period_and_cancellation(build):
    site = build(JUNE)
    years = {e.slug: dialogue_years(e.dialogue) for e in site.entries}
    assert years["b-skola"] == (2025, 2026)
    assert years["a-torg"] == (2026,)
    assert follow_up_years(site.entries) == [2025, 2026]


def test_figures_2026_in_june(build):
    site = build(JUNE)
    fu = follow_up(site.entries, 2026, JUNE, 60).as_json()
    assert fu["year"] == 2026
    assert fu["dialogues"] == 5  # a, b, c, d, e; f has not started, g is cancelled
    assert fu["completed"] == 2
    assert fu["ongoing"] == 1
    assert fu["awaiting_feedback"] == 1
    assert fu["feedback_overdue"] == 1
    assert fu["cancelled"] == 1
    assert fu["cancelled_dialogues"] == ["g-inst"]
    assert fu["planned"] == 1
    assert fu["participants"] == 140
    assert fu["feedback_rate"] == 0.5  # 2 of the 4 ended (a, b, c, d)
    assert fu["median_days_to_feedback"] == 25.0  # median of 20 and 30
    assert fu["by_board"] == {
        "Byggnadsnämnden": 2, "Förskole- och grundskolenämnden": 1,
        "Kommunstyrelsen": 1, "Kultur- och fritidsnämnden": 1,
    }  # fmt: skip
    assert fu["by_department"] == {
        "Förvaltningen för Förskola & Grundskola": 1, "Förvaltningen för Kultur & Fritid": 1,
        "Förvaltningen för Samhällsbyggnad": 2, "Kommunledningskontoret": 1,
    }  # fmt: skip
    assert fu["by_ladder"] == {"consultation": 3, "dialogue": 1, "influence": 1}
    assert fu["by_stage"] == {"decision": 1, "idea": 1, "implementation": 1, "planning": 2}
    assert fu["by_initiator"] == {"board": 1, "department": 3, "residents": 1}
    assert fu["by_channel"] == {"digital": 4, "physical": 4}
    assert fu["by_method"] == {"open-house": 3, "survey": 4, "workshop": 1}
    assert fu["special_consideration_groups"] == {"Barn och unga": 3, "Föräldrar": 1, "Äldre": 1}
    assert fu["deviations"] == [{"slug": "c-park", "rule": "feedback-overdue", "days": 15}]


def test_figures_2026_in_august(build):
    site = build(AUGUST)
    fu = follow_up(site.entries, 2026, AUGUST, 60).as_json()
    assert fu["dialogues"] == 6
    assert (fu["completed"], fu["ongoing"], fu["awaiting_feedback"], fu["feedback_overdue"]) == (
        2, 0, 2, 2,
    )  # fmt: skip
    assert fu["planned"] == 0
    assert fu["cancelled"] == 1
    assert fu["participants"] == 140
    assert fu["feedback_rate"] == 0.3333  # 2 of 6 ended
    assert fu["median_days_to_feedback"] == 25.0
    assert fu["by_board"]["Nämnden för Service"] == 1
    assert fu["deviations"] == [
        {"slug": "c-park", "rule": "feedback-overdue", "days": 62},
        {"slug": "d-bad", "rule": "feedback-overdue", "days": 13},
    ]
    overdue = follow_up(site.entries, 2026, AUGUST, 60).overdue
    assert [(i.slug, i.days_overdue) for i in overdue] == [("c-park", 62), ("d-bad", 13)]


def test_figures_2025(build):
    site = build(JUNE)
    fu = follow_up(site.entries, 2025, JUNE, 60).as_json()
    assert fu["dialogues"] == 1
    assert fu["completed"] == 1
    assert fu["participants"] == 40
    assert fu["feedback_rate"] == 1.0
    assert fu["median_days_to_feedback"] == 30.0
    assert fu["deviations"] == []


def test_median_of_odd_count_is_a_float():
    from types import SimpleNamespace

    from generator.core.model import Dialogue

    entries = []
    for n, (end, fb) in enumerate([("2026-02-01", 10), ("2026-02-01", 11), ("2026-02-01", 40)]):
        data = _dialogue("Dialog nummer x", "2026-01-01", end, BYGG,
                         feedback=((dt.date.fromisoformat(end) + dt.timedelta(fb)).isoformat(), 1))
        entries.append(SimpleNamespace(slug=f"d{n}", dialogue=Dialogue.model_validate(data),
                                       findings=()))  # fmt: skip
    fu = follow_up(entries, 2026, JUNE, 60)
    assert fu.median_days_to_feedback == 11.0
    assert isinstance(fu.median_days_to_feedback, float)


def test_planned_per_budget_year(build):
    site = build(JUNE)
    assert budget_years(site.entries) == [2025, 2026]
    py = planned_year(site.entries, 2026, JUNE, 60, site.policy.boards)
    # Boards in the policy's order: Kommunstyrelsen before Byggnadsnämnden.
    assert [g.board for g in py.boards] == [
        "Kommunstyrelsen", "Byggnadsnämnden", "Kultur- och fritidsnämnden", "Nämnden för Service",
    ]  # fmt: skip
    bygg = py.boards[1]
    # By period start, then title: g-inst ("Inställd …") and c-park ("Parken …") both start 03-01.
    assert [i.slug for i in bygg.items] == ["a-torg", "g-inst", "c-park"]
    assert [i.status.value for i in bygg.items] == ["completed", "cancelled", "feedback-overdue"]


def test_rendered_follow_up(build, tmp_path):
    site = build(AUGUST)
    root = tmp_path / "staging"
    render_part(site, root, "follow-up", "asset")
    data = json.loads((root / "data/follow-up/2026.json").read_text("utf-8"))
    assert data == follow_up(site.entries, 2026, AUGUST, 60).as_json()
    assert (root / "data/follow-up/2025.json").is_file()
    page = (root / "follow-up/2026/index.md").read_text("utf-8")
    assert "# Årsuppföljning 2026" in page
    assert "## Jämfört med 2025" in page
    rows = table_rows(page)
    assert ["Deltagare", "40", "140"] in rows
    assert ["Andel avslutade med återkoppling", "100 %", "33 %"] in rows
    assert "### Dialoger per förvaltning" in page
    assert "<caption>Dialoger per metod</caption>" in page
    assert '<tr><th scope="row">Enkät</th><td>5</td></tr>' in page  # a, b, c, e, f
    assert "<strong>62 dagar försenad</strong>" in page
    assert "<strong>13 dagar försenad</strong>" in page
    assert '<a href="../../dialogues/c-park/">Parken i centrum</a>' in page
    assert page.count('role="img"') == page.count("<svg") > 0
    assert page.count("<title id=") == page.count("<svg")
    assert page.count('<table class="insyn-chart__table">') == page.count("<svg")
    assert "<script" not in page
    assert "## Inställda dialoger" in page and "Inställd dialog om parken" in page
    index = (root / "follow-up/index.md").read_text("utf-8")
    # In a scroll box of its own (raw HTML), linked as the page's address.
    assert '<a href="2025/">Årsuppföljning 2025</a>' in index
    assert '<a href="2026/">Årsuppföljning 2026</a>' in index
    assert 'class="insyn-scroll" role="region" aria-label="Dialoger per år"' in index
    css = (root / "assets/stylesheets/print.css").read_text("utf-8")
    assert "@media print" in css


def test_rendered_planned(build, tmp_path):
    site = build(JUNE)
    render_part(site, tmp_path, "planned")
    page = (tmp_path / "planned/2026/index.md").read_text("utf-8")
    assert page.index("## Kommunstyrelsen") < page.index("## Byggnadsnämnden")
    assert "<strong>Delaktighetstrappan:</strong> Inflytande" in page
    assert "<strong>Period:</strong> 1 mars 2026 – 1 april 2026" in page
    assert '<a href="../../dialogues/c-park/">Parken i centrum</a>' in page
    raw = (tmp_path / "data/planned/2026.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [r["slug"] for r in rows] == ["e-cykel", "a-torg", "g-inst", "c-park", "d-bad", "f-lek"]
    assert rows[0]["board"] == "Kommunstyrelsen"
    assert rows[0]["ladder_label"] == "Konsultation"
    assert rows[0]["period_start"] == "2026-06-01"
    assert {r["budget_year"] for r in rows} == {"2026"}
    assert (tmp_path / "planned/index.md").is_file()


def test_output_is_byte_reproducible(build, tmp_path):
    site = build(AUGUST)
    for name in ("one", "two"):
        render_part(site, tmp_path / name, "follow-up", "planned", "asset")
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*")
           if p.is_file()}  # fmt: skip
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*")
           if p.is_file()}  # fmt: skip
    assert one == two and len(one) >= 7
