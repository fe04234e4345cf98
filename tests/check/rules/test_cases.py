"""Every rule case of every theme (``tests/rulecases/``) under both policies: the failing
case finds what it should, where it should, with the policy's severity; the passing case
finds nothing."""

from __future__ import annotations

import pytest
from conftest import POLICIES
from rulecases import THEMES
from rulecases.case import Case, assert_fails, assert_passes

FAILING = [pytest.param(c, id=f"{t}:{c}") for t, m in THEMES.items() for c in m.FAILING]
PASSING = [pytest.param(c, id=f"{t}:{c}") for t, m in THEMES.items() for c in m.PASSING]


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("case", FAILING)
def test_rule_fails(case: Case, policy: str, dialogues):
    assert_fails(case, policy, dialogues)


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("case", PASSING)
def test_rule_passes(case: Case, policy: str, dialogues):
    assert_passes(case, policy, dialogues)
