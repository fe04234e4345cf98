"""Rules of one theme, what a dialogue promises before it starts: the details of single rules
(their failing and passing cases are ``rulecases.before``, run by ``test_cases.py``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import valid_dialogue
from rulecases.case import page_of, site_of

from generator.check.rules import REGISTRY
from generator.core.findings import Severity

E, W, D, OFF = Severity.ERROR, Severity.WARNING, Severity.DEVIATION, Severity.OFF



def test_two_problems_in_one_rule_both_reported(check_one):
    data = valid_dialogue()
    del data["purpose"], data["goal"]
    findings, _ = check_one(data)
    assert [f.rule for f in findings] == ["purpose-and-goal", "purpose-and-goal"]
    assert {"`purpose`" in f.message or "`goal`" in f.message for f in findings} == {True}


def test_rule_without_resident_text_uses_its_docstring(dialogues, tmp_path, monkeypatch):
    rule = REGISTRY["early-dialogue"]
    monkeypatch.setitem(REGISTRY, rule.id, dataclasses.replace(rule, promise=None))
    site = site_of(dialogues, {"kolla": valid_dialogue()}, dt.date(2026, 6, 1), "kungsbacka")
    page = page_of(site, "dialogues/kolla.md")
    summary = REGISTRY["early-dialogue"].summary
    assert summary == "Dialogen hålls tidigt, medan frågan fortfarande går att påverka."
    assert f"<td>{summary}</td>" in page
    assert "Kontrolleras av regeln" not in page
