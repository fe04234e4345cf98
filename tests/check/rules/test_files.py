"""Rules of one theme, the file itself: it parses, its dates are in order, its name is its own: the
details of single rules (their failing and passing cases are ``rulecases.files``, run by
``test_cases.py``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import POLICIES, locate, to_text, valid_dialogue
from rulecases import expected_severity
from rulecases.case import cancelled, only, site_of
from sitehelpers import build

from generator.core.findings import Severity
from generator.core.settings import ConfigError
from generator.render.plan import make_plan

E, W, D, OFF = Severity.ERROR, Severity.WARNING, Severity.DEVIATION, Severity.OFF

DUE = dt.date(2026, 6, 14)




def test_feedback_and_cancelled_together_is_schema_error(check_one):
    data = valid_dialogue()
    data["cancelled"] = {"date": dt.date(2026, 3, 5), "reason": "Projektet pausades."}
    findings, text = check_one(data)
    (hit,) = findings
    assert (hit.rule, hit.severity) == ("schema", E)
    assert (hit.line, hit.col) == locate(text, "cancelled:")


def test_unique_slug_across_subfolders(dialogues):
    dialogues.write(valid_dialogue(), folder="2025", name="kolla-torg")
    dialogues.write(valid_dialogue(), folder="2026", name="kolla-torg")
    dialogues.write(valid_dialogue(), folder="2026", name="annan-dialog")
    findings = dialogues.findings()
    (hit,) = findings
    assert hit.rule == "unique-slug" and hit.severity is E
    assert hit.file.endswith("2026/kolla-torg.md") and (hit.line, hit.col) == (1, 1)
    assert "2025/kolla-torg.md" in hit.message


def test_unique_slug_passes_for_distinct_names(dialogues):
    dialogues.write(valid_dialogue(), folder="2025", name="kolla-torg-2025")
    dialogues.write(valid_dialogue(), folder="2026", name="kolla-torg-2026")
    assert dialogues.findings() == []


@pytest.mark.parametrize("name", ["Kolla_Torg", "kolla torg", "kolla--torg", "-kolla", "kölla"])
def test_invalid_slug_file_name(name, check_one):
    findings, _ = check_one(valid_dialogue(), name=name)
    (hit,) = findings
    assert (hit.rule, hit.line, hit.col) == ("schema", 1, 1)
    assert name in hit.message


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
