"""Rules of one theme, reaching the groups a dialogue affects, with ways to take part: the details
of single rules (their failing and passing cases are ``rulecases.reach``, run by
``test_cases.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import POLICIES, valid_dialogue
from rulecases.case import cancelled, site_of

from generator.core.findings import Severity
from generator.core.status import Status
from generator.summarise.checklist import State, checklist

E, W, D, OFF = Severity.ERROR, Severity.WARNING, Severity.DEVIATION, Severity.OFF

def unreached_and_late(data: dict) -> dict:
    """Breaks early-dialogue (decision before the end) and target-groups-reached."""
    data["influence"]["decision"]["date"] = dt.date(2026, 4, 1)
    data["target_groups"][0]["reach"] = ["Något annat"]
    return data




def test_target_groups_hint_lists_titles(check_one):
    data = valid_dialogue()
    data["target_groups"][0]["reach"] = ["Affischer"]
    findings, _ = check_one(data)
    (hit,) = findings
    assert "Webbenkät om torget" in hit.hint and "Öppet hus i Kollahallen" in hit.hint


def test_cancelled_dialogue_needs_no_participation(check_one):
    data = valid_dialogue()
    del data["feedback"], data["participation"]
    for group in data["target_groups"]:
        group["reach"] = ["Brev"]
    data["cancelled"] = {"date": dt.date(2026, 3, 5), "reason": "Projektet pausades."}
    findings, _ = check_one(data)
    assert [f.rule for f in findings] == []




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
