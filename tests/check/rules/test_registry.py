"""The registry of rules, walked: every rule has a failing and a passing case under both
policies, a severity in both policy files that matches ``policies.md``, and Swedish staff
documentation."""

from __future__ import annotations

import pytest
from conftest import POLICIES, valid_dialogue
from rulecases import EXPECTED, FAILING, PASSING, expected_severity

from generator.check.policies import load_policy
from generator.check.rules import REGISTRY, RULES


def test_every_rule_in_the_registry_has_a_failing_and_a_passing_case():
    """Each case runs under both policies (test_<theme>.py), so a rule with a case here is
    checked under both."""
    failing = {c.rule for c in FAILING}
    passing = {c.rule for c in PASSING}
    assert sorted(set(REGISTRY) - failing) == []
    assert sorted(set(REGISTRY) - passing) == []
    assert failing | passing <= set(REGISTRY)  # no case for a rule that is gone


def test_the_registry_is_the_list_of_rule_modules():
    assert len(REGISTRY) == len(RULES)
    assert [rule.ID for rule in RULES] == list(REGISTRY)


@pytest.mark.parametrize("policy", POLICIES)
def test_every_rule_has_the_severity_of_policies_md(policy):
    assert set(EXPECTED) == set(REGISTRY)
    loaded = load_policy(policy)
    assert {r: loaded.severity(r) for r in REGISTRY} == {
        r: expected_severity(r, policy) for r in REGISTRY
    }


@pytest.mark.parametrize("policy", POLICIES)
def test_valid_dialogue_has_no_findings(policy, check_one):
    findings, _ = check_one(valid_dialogue(policy), policy=policy)
    assert findings == []


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_docstring_is_swedish_summary_and_explanation(rule_id):
    doc = REGISTRY[rule_id].doc
    paragraphs = doc.split("\n\n")
    assert len(paragraphs) >= 2
    summary = REGISTRY[rule_id].summary
    assert summary.endswith(".") and summary.count(". ") == 0
    # Swedish, not English: common English words must not appear.
    words = set(doc.lower().replace(".", " ").replace(",", " ").split())
    assert not words & {"the", "is", "and", "of", "must", "each"}


def test_every_rule_has_a_swedish_description():
    from generator.render.templating import rule_text

    for rule_id, rule in REGISTRY.items():
        text = rule_text(rule_id)
        assert text == (rule.promise or rule.summary)
        assert text and "Kontrolleras av regeln" not in text
    assert rule_text("no-such-rule") == "Kontrolleras av regeln no-such-rule."
