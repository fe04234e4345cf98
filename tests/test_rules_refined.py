"""Refinements of single rules: dates in the future, late feedback, cancelled dialogues,
the reserved slug `index`, and how a rule without a resident text reads on the page.

Every rule case runs under both policies; the expected severity comes from ``EXPECTED``
(the tables in policies.md), the expected line from the written text (``locate``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from conftest import EXPECTED, POLICIES, expected_severity, locate, to_text, valid_dialogue
from sitehelpers import build

from generator.check.policies import load_policy
from generator.check.rules import REGISTRY
from generator.core.settings import ConfigError, SiteConfig
from generator.core.site import SiteData
from generator.core.status import Status
from generator.render.plan import make_plan
from generator.render.site import render_site
from generator.summarise.checklist import State, checklist
from generator.summarise.corpus import make_site_data
from generator.summarise.followup import follow_up

# The valid dialogue: period 2026-03-01 – 2026-04-15, feedback 2026-05-20, decision
# 2026-09-15. With a 60-day deadline (both policies) feedback is due by 2026-06-14.
DUE = dt.date(2026, 6, 14)


def only(findings, rule_id: str):
    """The findings of ``rule_id``, after checking that no rule of the tables fired besides."""
    fired = {f.rule for f in findings if f.rule in EXPECTED}
    assert fired <= {rule_id}, findings
    return [f for f in findings if f.rule == rule_id]


def site_of(dialogues, files: dict[str, dict], today: dt.date, policy: str) -> SiteData:
    for name, data in files.items():
        dialogues.write(data, name=name)
    pol = load_policy(policy)
    checked = dialogues.check(pol, today)
    assert not [f for c in checked for f in c.findings if f.severity == "error"]
    config = SiteConfig(root=Path("."), mkdocs_file=Path("mkdocs.yml"))
    return make_site_data(checked, pol, config, today)


def cancelled(policy: str, on: dt.date = dt.date(2026, 4, 1)) -> dict:
    data = valid_dialogue(policy)
    del data["feedback"]
    data["cancelled"] = {"date": on, "reason": "Projektet pausades i väntan på budgetbeslut."}
    return data


# --- dates-ordered: feedback and cancellation not in the future ---------------------------


@pytest.mark.parametrize("policy", POLICIES)
def test_feedback_dated_after_today_is_an_error(policy, check_one):
    findings, text = check_one(valid_dialogue(policy), policy=policy, today=dt.date(2026, 5, 19))
    (hit,) = only(findings, "dates-ordered")
    assert hit.severity is expected_severity("dates-ordered", policy)
    assert hit.message == "Återkopplingen är daterad i framtiden."
    assert (hit.line, hit.col) == locate(text, "date: 2026-05-20")
    assert hit.hint


@pytest.mark.parametrize("policy", POLICIES)
def test_feedback_dated_today_is_fine(policy, check_one):
    findings, _ = check_one(valid_dialogue(policy), policy=policy, today=dt.date(2026, 5, 20))
    assert only(findings, "dates-ordered") == []


@pytest.mark.parametrize("policy", POLICIES)
def test_cancellation_dated_after_today_is_an_error(policy, check_one):
    data = cancelled(policy, on=dt.date(2026, 6, 10))
    findings, text = check_one(data, policy=policy, today=dt.date(2026, 6, 1))
    (hit,) = only(findings, "dates-ordered")
    assert hit.severity is expected_severity("dates-ordered", policy)
    assert "framtiden" in hit.message
    assert (hit.line, hit.col) == locate(text, "date: 2026-06-10")


@pytest.mark.parametrize("policy", POLICIES)
def test_cancellation_dated_today_is_fine(policy, check_one):
    data = cancelled(policy, on=dt.date(2026, 6, 1))
    findings, _ = check_one(data, policy=policy, today=dt.date(2026, 6, 1))
    assert only(findings, "dates-ordered") == []


# --- feedback-overdue: feedback that came after the deadline ------------------------------


def late_feedback(policy: str, days: int) -> dict:
    data = valid_dialogue(policy)
    data["feedback"]["date"] = DUE + dt.timedelta(days=days)
    return data


@pytest.mark.parametrize("policy", POLICIES)
def test_late_feedback_is_a_deviation_with_days(policy, check_one):
    findings, text = check_one(late_feedback(policy, 10), policy=policy, today=dt.date(2026, 7, 1))
    (hit,) = only(findings, "feedback-overdue")
    assert hit.severity is expected_severity("feedback-overdue", policy)
    assert hit.days == 10
    assert hit.message.startswith("Återkopplingen kom 10 dagar för sent")
    assert DUE.isoformat() in hit.message
    assert (hit.line, hit.col) == locate(text, "date: 2026-06-24")
    assert hit.hint


@pytest.mark.parametrize("policy", POLICIES)
def test_feedback_on_the_last_day_is_in_time(policy, check_one):
    findings, _ = check_one(late_feedback(policy, 0), policy=policy, today=dt.date(2026, 7, 1))
    assert findings == []


@pytest.mark.parametrize("policy", POLICIES)
def test_future_late_feedback_is_only_the_date_error(policy, check_one):
    """A feedback date after today is wrong, not late: one finding, from dates-ordered."""
    findings, _ = check_one(late_feedback(policy, 10), policy=policy, today=dt.date(2026, 6, 20))
    assert [f.rule for f in findings] == ["dates-ordered"]


def _page(site, path: str) -> str:
    return render_site(site, only=lambda o: o.path == path).files[path].decode("utf-8")


@pytest.mark.parametrize("policy", POLICIES)
def test_late_feedback_is_counted_in_the_follow_up(policy, dialogues, tmp_path):
    today = dt.date(2026, 7, 1)
    site = site_of(dialogues, {"sen": late_feedback(policy, 10)}, today, policy)
    fu = follow_up(site.entries, 2026, today, site.policy.thresholds.feedback_deadline_days)
    assert [(d.slug, d.rule, d.days) for d in fu.deviations] == [("sen", "feedback-overdue", 10)]
    assert [i.slug for i in fu.late] == ["sen"] and fu.late[0].days_overdue == 10
    assert fu.overdue == ()  # it was given: not among the missing ones
    assert fu.held[0].status is Status.COMPLETED

    page = _page(site, "follow-up/2026/index.md")
    assert "## Försenad återkoppling" in page
    assert "<strong>10 dagar för sent</strong>" in page
    assert "har inte fått det" not in page  # nothing is still missing
    assert "<li>Avvikelser från policyn: <strong>1</strong>.</li>" in page


@pytest.mark.parametrize("policy", POLICIES)
def test_late_feedback_reads_as_given_late_on_the_dialogue_page(policy, dialogues, tmp_path):
    site = site_of(dialogues, {"sen": late_feedback(policy, 10)}, dt.date(2026, 7, 1), policy)
    entry = site.entries[0]
    [item] = [i for i in checklist(entry, site.policy) if i.rule == "feedback-overdue"]
    assert item.state is State.KEPT_LATE and item.days == 10

    page = _page(site, "dialogues/sen.md")
    assert "Återkopplingen kom 10 dagar för sent." in page
    assert "publicerades 24 juni 2026" in page and "senast 14 juni 2026" in page
    assert "<strong>Avvikelse</strong>: återkopplingen kom 10 dagar för sent" in page
    assert "dagar försenad" not in page  # the wording for feedback that is still missing


# --- cancelled dialogues: no early-dialogue, no target-groups-reached ---------------------


def unreached_and_late(data: dict) -> dict:
    """Breaks early-dialogue (decision before the end) and target-groups-reached."""
    data["influence"]["decision"]["date"] = dt.date(2026, 4, 1)
    data["target_groups"][0]["reach"] = ["Något annat"]
    return data


@pytest.mark.parametrize("policy", POLICIES)
def test_the_same_dates_and_groups_fail_when_not_cancelled(policy, check_one):
    findings, _ = check_one(unreached_and_late(valid_dialogue(policy)), policy=policy)
    assert {"early-dialogue", "target-groups-reached"} <= {f.rule for f in findings}


@pytest.mark.parametrize("policy", POLICIES)
def test_cancelled_dialogue_skips_early_dialogue_and_target_groups(policy, check_one):
    findings, _ = check_one(unreached_and_late(cancelled(policy)), policy=policy)
    assert {f.rule for f in findings} & {"early-dialogue", "target-groups-reached"} == set()


@pytest.mark.parametrize("policy", POLICIES)
def test_cancelled_dialogue_without_target_groups_is_not_reported(policy, check_one):
    data = cancelled(policy)
    data["target_groups"] = []
    findings, _ = check_one(data, policy=policy)
    assert [f for f in findings if f.rule == "target-groups-reached"] == []


@pytest.mark.parametrize("policy", POLICIES)
def test_cancelled_checklist_says_not_applicable(policy, dialogues):
    site = site_of(dialogues, {"inst": cancelled(policy)}, dt.date(2026, 6, 1), policy)
    entry = site.entries[0]
    assert entry.status is Status.CANCELLED
    states = {i.rule: i.state for i in checklist(entry, site.policy)}
    for rule_id in ("early-dialogue", "target-groups-reached"):
        assert states[rule_id] is State.NOT_APPLICABLE


# --- the reserved slug `index` ------------------------------------------------------------


@pytest.mark.parametrize("policy", POLICIES)
def test_a_file_named_index_is_a_schema_error(policy, check_one):
    findings, _ = check_one(valid_dialogue(policy), policy=policy, name="index")
    (hit,) = findings
    assert hit.rule == "schema" and hit.severity is expected_severity("schema", policy)
    assert "`index`" in hit.message and "reserverad" in hit.message
    assert (hit.line, hit.col) == (1, 1)
    assert hit.hint


def test_build_reports_index_as_a_finding(tmp_path):
    content = tmp_path / "content"
    (content / "dialogues").mkdir(parents=True)
    (content / "dialogues" / "index.md").write_text(to_text(valid_dialogue()), "utf-8")
    code, out, err = build(content, tmp_path / "site", "2026-06-01")
    assert code == 1, out + err  # a finding, not a usage error (2)
    assert "schema" in err and "`index`" in err
    assert not (tmp_path / "site").exists()


def test_render_still_refuses_index(dialogues, tmp_path):
    """The safety net behind the rule: the page would overwrite the list of dialogues."""
    site = site_of(dialogues, {"kolla": valid_dialogue()}, dt.date(2026, 6, 1), "kungsbacka")
    entry = site.entries[0]
    clash = dataclasses.replace(site, entries=(dataclasses.replace(entry, slug="index"),))
    with pytest.raises(ConfigError, match=r"index\.md"):
        make_plan(clash)


# --- the checklist describes a rule without a resident text by its docstring --------------


def test_rule_without_resident_text_uses_its_docstring(dialogues, tmp_path, monkeypatch):
    rule = REGISTRY["early-dialogue"]
    monkeypatch.setitem(REGISTRY, rule.id, dataclasses.replace(rule, promise=None))
    site = site_of(dialogues, {"kolla": valid_dialogue()}, dt.date(2026, 6, 1), "kungsbacka")
    page = _page(site, "dialogues/kolla.md")
    summary = REGISTRY["early-dialogue"].summary
    assert summary == "Dialogen hålls tidigt, medan frågan fortfarande går att påverka."
    assert f"<td>{summary}</td>" in page
    assert "Kontrolleras av regeln" not in page


def test_every_rule_has_a_swedish_description():
    from generator.render.templating import rule_text

    for rule_id, rule in REGISTRY.items():
        text = rule_text(rule_id)
        assert text == (rule.promise or rule.summary)
        assert text and "Kontrolleras av regeln" not in text
    assert rule_text("no-such-rule") == "Kontrolleras av regeln no-such-rule."


def test_yaml_error_does_not_hide_identity_number_or_html(check_one) -> None:
    """Source rules run even when the front matter cannot be parsed."""
    text = "---\ntitle: [oavslutad\n---\nRing 811228-9874 eller se <script>x</script>\n"
    findings, _ = check_one(text=text, name="Trasig_Fil")
    rules = {f.rule for f in findings}
    assert {"schema", "personal-identity-number", "safe-html"} <= rules
    pnr = next(f for f in findings if f.rule == "personal-identity-number")
    assert (pnr.line, pnr.col) == locate(text, "811228-9874")
    # the bad file name is reported too, not only the YAML error
    assert sum(f.rule == "schema" for f in findings) >= 2


@pytest.mark.parametrize("field", ["title", "area"])
def test_short_fields_must_be_one_line(check_one, field) -> None:
    """A line break in a title ends up in headings and calendar fields: a schema error."""
    data = valid_dialogue("kungsbacka")
    data[field] = "Framtidens Kolla torg\nandra raden"
    findings, text = check_one(data)
    schema = [f for f in findings if f.rule == "schema"]
    assert len(schema) == 1 and "på en rad" in schema[0].message
    assert schema[0].line == locate(text, f"{field}:")[0]
