"""Rules of one theme, feedback on the result and the next steps, in time: the details of single
rules (their failing and passing cases are ``rulecases.feedback``, run by ``test_cases.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import POLICIES, locate, valid_dialogue
from rulecases import expected_severity
from rulecases.case import only, page_of, site_of

from generator.core.findings import Severity
from generator.core.status import Status
from generator.summarise.checklist import State, checklist
from generator.summarise.followup import follow_up

E, W, D, OFF = Severity.ERROR, Severity.WARNING, Severity.DEVIATION, Severity.OFF

DUE = dt.date(2026, 6, 14)




def test_feedback_overdue_reports_days(check_one):
    data = valid_dialogue()
    del data["feedback"]
    findings, _ = check_one(data, today=dt.date(2026, 6, 24))
    (hit,) = findings
    assert hit.rule == "feedback-overdue" and hit.days == 10
    assert "10 dagar" in hit.message and "2026-06-14" in hit.message


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






@pytest.mark.parametrize("policy", POLICIES)
def test_late_feedback_is_counted_in_the_follow_up(policy, dialogues, tmp_path):
    today = dt.date(2026, 7, 1)
    site = site_of(dialogues, {"sen": late_feedback(policy, 10)}, today, policy)
    fu = follow_up(site.entries, 2026, today, site.policy.thresholds.feedback_deadline_days)
    assert [(d.slug, d.rule, d.days) for d in fu.deviations] == [("sen", "feedback-overdue", 10)]
    assert [i.slug for i in fu.late] == ["sen"] and fu.late[0].days_overdue == 10
    assert fu.overdue == ()  # it was given: not among the missing ones
    assert fu.held[0].status is Status.COMPLETED

    page = page_of(site, "follow-up/2026/index.md")
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

    page = page_of(site, "dialogues/sen.md")
    assert "Återkopplingen kom 10 dagar för sent." in page
    assert "publicerades 24 juni 2026" in page and "senast 14 juni 2026" in page
    # The checklist states it in the words of the deviation box.
    assert "<strong>Avvikelse:</strong> Återkopplingen kom 10 dagar för sent." in page
    assert "dagar försenad" not in page  # the wording for feedback that is still missing
