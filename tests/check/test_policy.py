"""Policy files: the built-in ones match policies.md; a broken one reports every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import POLICIES, locate
from rulecases import EXPECTED, expected_severity

from generator.check.policies import load_policy, resolve_policy_path
from generator.check.rules import REGISTRY
from generator.cli.main import main
from generator.core.policy import PolicyError

# Organisation lists from policies.md, typed in by hand.
KUNGSBACKA_BOARDS = [
    "Kommunfullmäktige",
    "Kommunstyrelsen",
    "Byggnadsnämnden",
    "Förskole- och grundskolenämnden",
    "Gymnasie- och arbetsmarknadsnämnden",
    "Individ- och familjeomsorgsnämnden",
    "Kultur- och fritidsnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Nämnden för Service",
    "Vård- och omsorgsnämnden",
]
KUNGSBACKA_DEPARTMENTS = [
    "Kommunledningskontoret",
    "Förvaltningen för Förskola & Grundskola",
    "Förvaltningen för Gymnasium & Arbetsmarknad",
    "Förvaltningen för Individ & Familjeomsorg",
    "Förvaltningen för Kultur & Fritid",
    "Förvaltningen för Miljö & Hälsoskydd",
    "Förvaltningen för Samhällsbyggnad",
    "Förvaltningen för Service",
    "Förvaltningen för Vård & Omsorg",
]
ALE_BOARDS = [
    "Kommunfullmäktige",
    "Kommunstyrelsen",
    "Utbildningsnämnden",
    "Kultur- och fritidsnämnden",
    "Omsorgs- och arbetsmarknadsnämnden",
    "Samhällsbyggnadsnämnden",
]
ALE_SECTORS = [
    "Sektor kommunstyrelsen",
    "Sektor utbildning, kultur och fritid",
    "Sektor arbete, trygghet och omsorg",
    "Sektor samhällsbyggnad",
]


@pytest.mark.parametrize("policy", POLICIES)
def test_builtin_severities_match_policies_md(policy):
    loaded = load_policy(policy)
    assert set(loaded.doc.rules) == set(REGISTRY), "every rule is set explicitly"
    actual = {rule_id: loaded.severity(rule_id) for rule_id in EXPECTED}
    assert actual == {rule_id: expected_severity(rule_id, policy) for rule_id in EXPECTED}


def test_builtin_organisations_match_policies_md():
    k, a = load_policy("kungsbacka"), load_policy("ale")
    assert (k.boards, k.departments) == (KUNGSBACKA_BOARDS, KUNGSBACKA_DEPARTMENTS)
    assert (a.boards, a.departments) == (ALE_BOARDS, ALE_SECTORS)
    assert (k.doc.contact_domains, a.doc.contact_domains) == (["kungsbacka.se"], ["ale.se"])
    assert a.doc.organisation.department_label == "Sektor"


def test_builtin_thresholds():
    k, a = load_policy("kungsbacka"), load_policy("ale")
    assert k.thresholds.feedback_deadline_days == 60
    assert a.thresholds.feedback_deadline_days == 60
    assert a.thresholds.update_interval_days == 30


@pytest.mark.parametrize("policy", POLICIES)
def test_policy_specific_rules_quote_a_clause(policy):
    loaded = load_policy(policy)
    for rule_id in ("influence-described", "early-dialogue", "participation-ways"):
        assert loaded.clause(rule_id), rule_id
        assert any(rule_id in c.rules for c in loaded.doc.clauses), rule_id


def _policy_text(**replacements: str) -> str:
    text = resolve_policy_path("kungsbacka").read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


BROKEN = {
    # unknown rule, close to a real one
    "  responsible-person:\n    severity: error\n": "  responsible-persn:\n    severity: error\n",
    # severity that does not exist
    "  purpose-and-goal:\n    severity: error\n": "  purpose-and-goal:\n    severity: fatal\n",
    # unknown option key, close to a real one
    "  feedback_deadline_days: 60\n": "  feedback_deadline_dayz: 60\n",
    # a required field missing
    "municipality: Kungsbacka kommun\n": "",
}


def _write_broken(tmp_path: Path) -> tuple[Path, str]:
    text = _policy_text(**BROKEN)
    path = tmp_path / "trasig.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_broken_policy_reports_every_mistake_with_lines(tmp_path):
    path, text = _write_broken(tmp_path)
    with pytest.raises(PolicyError) as info:
        load_policy(str(path))
    problems = info.value.problems
    assert len(problems) == 4
    by_line = {line: (col, message, hint) for line, col, message, hint in problems}
    assert [p[0] for p in problems] == sorted(by_line)  # sorted by line

    assert "`municipality`" in by_line[1][1]  # missing: the file's first line

    line, col = locate(text, "responsible-persn:")
    assert by_line[line][0] == col
    assert "responsible-persn" in by_line[line][1]
    assert by_line[line][2] == "Menade du `responsible-person`?"

    line, col = locate(text, "severity: fatal")
    assert by_line[line][0] == col and "fatal" in by_line[line][1]
    assert "error" in by_line[line][2] and "deviation" in by_line[line][2]

    line, col = locate(text, "feedback_deadline_dayz:")
    assert by_line[line][0] == col
    assert by_line[line][2] == "Menade du `feedback_deadline_days`?"


def test_broken_policy_cli_exits_2_and_lists_all(tmp_path, capsys, monkeypatch):
    path, text = _write_broken(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content" / "dialogues").mkdir(parents=True)
    code = main(["validate", "--policy", str(path), "content/dialogues"])
    err = capsys.readouterr().err
    assert code == 2
    line, col = locate(text, "responsible-persn:")
    assert f"{path}:{line}:{col}: fel policy Okänd regel `responsible-persn`." in err
    assert "Policyfilen har 4 fel." in err
    assert "Traceback" not in err


def test_unquoted_off_means_off(tmp_path):
    text = _policy_text(
        **{
            '  progress-updates:\n    severity: "off"\n': (
                "  progress-updates:\n    severity: off\n"
            )
        }
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_policy(str(path)).severity("progress-updates").value == "off"


def test_unknown_rule_in_clause_list(tmp_path):
    text = _policy_text(**{"rules: [early-dialogue]": "rules: [early-dialog]"})
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(str(path))
    ((line, col, message, hint),) = info.value.problems
    assert (line, col) == locate(text, "early-dialog]")
    assert "early-dialog" in message
    assert hint == "Menade du `early-dialogue`?"


def test_policy_yaml_syntax_error(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("id: x\nmunicipality: [Ale\n", encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(str(path))
    ((line, _col, message, _hint),) = info.value.problems
    assert line >= 2 and message.startswith("YAML-fel")


@pytest.mark.parametrize("content", ["", "- en lista\n", "clauses: 5\n"])
def test_policy_of_wrong_shape_is_an_error_not_a_crash(tmp_path, content):
    path = tmp_path / "p.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(str(path))
    assert info.value.problems


def test_unknown_policy_name():
    with pytest.raises(PolicyError) as info:
        load_policy("goteborg")
    ((line, col, message, hint),) = info.value.problems
    assert (line, col) == (1, 1) and "goteborg" in message and "kungsbacka" in hint
