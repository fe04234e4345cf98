"""Every rule's cases, by theme (one module each; the theme's details are in
``tests/check/rules/test_<theme>.py``): a failing and a passing case for every rule in the
registry, run under both policies by ``tests/check/rules/test_cases.py``
(``test_registry.py`` fails for a rule without them). ``EXPECTED`` is each rule's severity
under each policy, typed in by hand from ``policies.md``: the policy files are checked
against it."""

from __future__ import annotations

from conftest import POLICIES

from generator.core.findings import Severity
from rulecases import before, feedback, files, reach, safety, site, words
from rulecases.case import Case, run

E, W, D, OFF = Severity.ERROR, Severity.WARNING, Severity.DEVIATION, Severity.OFF

THEMES = {"files": files, "safety": safety, "before": before, "reach": reach,
          "feedback": feedback, "words": words, "site": site}  # fmt: skip
FAILING: list[Case] = [c for theme in THEMES.values() for c in theme.FAILING]
PASSING: list[Case] = [c for theme in THEMES.values() for c in theme.PASSING]

# Kungsbacka's severity, Ale's severity.
EXPECTED = {
    "schema": (E, E),
    "dates-ordered": (E, E),
    "unique-slug": (E, E),
    "ignored-file": (W, W),
    "decision-reported": (W, W),
    "physical-time": (W, W),
    "placeholder-text": (W, W),
    "required-page": (E, E),
    "unfilled-text": (W, W),
    "contact-domain": (E, E),
    "personal-identity-number": (E, E),
    "personal-data": (W, W),
    "safe-html": (E, E),
    "dialogue-links": (E, E),
    "responsible-person": (E, W),
    "purpose-and-goal": (E, W),
    "influence-described": (E, E),
    "ladder-allows-influence": (E, W),
    "early-dialogue": (E, E),
    "political-board-decision": (E, OFF),
    "special-consideration": (E, W),
    "target-groups-reached": (W, E),
    "participation-ways": (E, E),
    "resources-stated": (W, OFF),
    "planned-in-budget": (W, OFF),
    "feedback-complete": (E, E),
    "feedback-impact": (E, W),
    "feedback-overdue": (D, D),
    "progress-updates": (OFF, D),
    "known-organisation": (E, E),
    "known-topic": (W, W),  # content-model.md: an unknown topic is a warning
    "plain-language": (W, W),
}


def expected_severity(rule_id: str, policy: str) -> Severity:
    return EXPECTED[rule_id][POLICIES.index(policy)]


__all__ = ["EXPECTED", "FAILING", "PASSING", "THEMES", "Case", "expected_severity", "run"]
