"""Rules of one theme, the municipality's own words and plain language: the details of single rules
(their failing and passing cases are ``rulecases.words``, run by ``test_cases.py``)."""

from __future__ import annotations

import pytest
import yaml
from conftest import locate, valid_dialogue

from generator.check.rules.plain_language import is_all_capitals
from generator.core.findings import Severity

E, W, D, OFF = Severity.ERROR, Severity.WARNING, Severity.DEVIATION, Severity.OFF



@pytest.mark.parametrize(
    ("policy", "wrong", "right"),
    [
        ("kungsbacka", "Byggnadsnamnden", "Byggnadsnämnden"),
        ("kungsbacka", "byggnadsnämnden", "Byggnadsnämnden"),
        ("ale", "Samhällsbygnadsnämnden", "Samhällsbyggnadsnämnden"),
    ],
)
def test_known_organisation_suggests_closest(policy, wrong, right, check_one):
    data = valid_dialogue(policy)
    data["owner"]["board"] = wrong
    findings, _ = check_one(data, policy=policy)
    (hit,) = findings
    assert hit.hint == f"Menade du `{right}`?"


def test_known_organisation_department_says_sector_for_ale(check_one):
    data = valid_dialogue("ale")
    data["owner"]["department"] = "Sektor samhällsbygnad"
    findings, text = check_one(data, policy="ale")
    (hit,) = findings
    assert "sektor" in hit.message and "Ale kommun" in hit.message
    assert hit.hint == "Menade du `Sektor samhällsbyggnad`?"
    assert (hit.line, hit.col) == locate(text, "department:")


def plain(findings):
    return [f for f in findings if f.rule == "plain-language"]


@pytest.mark.parametrize("policy", ["kungsbacka", "ale"])
def test_valid_dialogue_has_no_plain_language_finding(check_one, policy):
    findings, _ = check_one(valid_dialogue(policy), policy=policy)
    assert plain(findings) == []


@pytest.mark.parametrize("policy", ["kungsbacka", "ale"])
def test_title_in_capitals_is_a_warning_on_its_line(check_one, policy):
    data = valid_dialogue(policy)
    data["title"] = "FRAMTIDENS KOLLA TORG"
    findings, text = check_one(data, policy=policy)
    [f] = plain(findings)
    assert f.severity is Severity.WARNING
    assert (f.line, f.col) == locate(text, "title:")
    assert "Rubriken" in f.message and "stora bokstäver" in f.message
    assert f.hint


def test_summary_in_capitals_is_a_warning(check_one):
    data = valid_dialogue()
    data["summary"] = "VI VILL VETA HUR DU VILL ANVÄNDA TORGET I KOLLA!"
    findings, text = check_one(data)
    [f] = plain(findings)
    assert f.severity is Severity.WARNING
    assert f.line == locate(text, "summary:")[0]
    assert "Sammanfattningen" in f.message


def test_both_in_capitals_give_two_findings(check_one):
    data = valid_dialogue()
    data["title"] = "NYA BIBLIOTEKET"
    data["summary"] = "BERÄTTA VAD DU TYCKER."
    findings, _ = check_one(data)
    assert sorted(f.message.split()[0] for f in plain(findings)) == ["Rubriken", "Sammanfattningen"]


def test_warning_does_not_stop_publishing(check_one):
    data = valid_dialogue()
    data["title"] = "FRAMTIDENS KOLLA TORG"
    findings, _ = check_one(data)
    assert not [f for f in findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize(
    "text",
    [
        "NYA BIBLIOTEKET I ONSALA",
        "ÅSA ÄLVSTRAND – ÖPPET HUS",
        "VA-PLAN 2026 FÖR ÅSA",
        "VI VILL VETA VAD DU TYCKER!",
    ],
)
def test_all_capitals_detected(text):
    assert is_all_capitals(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nya biblioteket i Onsala",
        "LSS-boende i Kolla",  # an acronym inside ordinary text
        "Ny VA-plan för Åsa",
        "LSS",  # one acronym alone is not shouting
        "SFI 2026",
        "2026-03-01",  # no letters
        "NYA biblioteket",  # mixed: not all capitals
    ],
)
def test_ordinary_text_not_flagged(text):
    assert not is_all_capitals(text)


def test_rule_can_be_turned_off(check_one, tmp_path):

    from generator.check.policies import resolve_policy_path

    policy = yaml.safe_load(resolve_policy_path("kungsbacka").read_text(encoding="utf-8"))
    policy["rules"]["plain-language"] = {"severity": "off"}
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    data = valid_dialogue()
    data["title"] = "FRAMTIDENS KOLLA TORG"
    findings, _ = check_one(data, policy=str(path))
    assert plain(findings) == []
