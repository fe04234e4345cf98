"""Rules of one theme, what must never be published: the details of single rules (their failing and
passing cases are ``rulecases.safety``, run by ``test_cases.py``)."""

from __future__ import annotations

import pytest
from conftest import POLICIES, locate, valid_dialogue

from generator.core.findings import Severity

E, W, D, OFF = Severity.ERROR, Severity.WARNING, Severity.DEVIATION, Severity.OFF



def _luhn(digits: str) -> bool:
    """Independent Luhn check, to keep the test numbers honest."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n // 10 + n % 10
    return total % 10 == 0


VALID_NUMBERS = [
    "811218-9876",
    "8112189876",
    "811218+9876",
    "19811218-9876",
    "198112189876",
    "701063-2391",  # samordningsnummer: day 3 + 60
    "197010632391",
]


NOT_NUMBERS = ["2026-03-01", "0300-83 40 00", "070-123 45 67", "BN 2026/0012", "811218-9875"]


def test_identity_number_examples_are_what_they_claim():
    assert all(_luhn(n.replace("-", "").replace("+", "")[-10:]) for n in VALID_NUMBERS)
    assert not _luhn("8112189875")


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("number", VALID_NUMBERS)
def test_identity_number_flagged_in_front_matter_and_body(number, policy, check_one):
    data = valid_dialogue(policy)
    data["area"] = f"Kolla (kontakt {number})"
    body = f"\nBakgrund.\n\nFråga handläggaren, nr {number}.\n"
    findings, text = check_one(data, policy=policy, body=body)
    hits = [f for f in findings if f.rule == "personal-identity-number"]
    assert [(h.line, h.col) for h in hits] == [locate(text, number, 1), locate(text, number, 2)]
    assert locate(text, number, 1)[0] < locate(text, "---", 2)[0] < locate(text, number, 2)[0]
    assert {h.severity for h in hits} == {E}


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_identity_number_not_flagged(text, check_one):
    data = valid_dialogue()
    data["area"] = f"Kolla {text}"
    findings, _ = check_one(data, body=f"\nSe {text} i texten.\n")
    assert [f for f in findings if f.rule == "personal-identity-number"] == []
