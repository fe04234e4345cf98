"""Every rule, for both policies: a passing and a failing case, with severity and position."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import EXPECTED, POLICIES, TODAY, expected_severity, locate, valid_dialogue

from generator.check.rules import REGISTRY
from generator.core.findings import Severity
from generator.core.model import Dialogue
from generator.core.status import Status, TodayError, derive_status, today_from_env

E, OFF = Severity.ERROR, Severity.OFF


def _del(*keys: str | int) -> Callable[[dict, str], None]:
    def mutate(data: dict, policy: str) -> None:
        node = data
        for k in keys[:-1]:
            node = node[k]
        del node[keys[-1]]

    return mutate


def _set(value: object, *keys: str | int) -> Callable[[dict, str], None]:
    def mutate(data: dict, policy: str) -> None:
        node = data
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value

    return mutate


def _all(*fns: Callable[[dict, str], None]) -> Callable[[dict, str], None]:
    def mutate(data: dict, policy: str) -> None:
        for fn in fns:
            fn(data, policy)

    return mutate


def _misspell_board(data: dict, policy: str) -> None:
    data["owner"]["board"] = {"kungsbacka": "Byggnadsnamnden", "ale": "samhallsbyggnadsnamnden"}[
        policy
    ]


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    mutate: Callable[[dict, str], None]
    where: tuple[str, int] | None = None  # needle and occurrence; None: line 1, column 1
    today: dt.date = TODAY
    body: str | None = None

    def __str__(self) -> str:
        return f"{self.rule}:{self.name}"


FAILING = [
    Case("schema", "title missing", _del("title")),
    Case("schema", "owner.board missing", _del("owner", "board"), ("owner:", 1)),
    Case(
        "dates-ordered",
        "period ends before it starts",
        _set(dt.date(2026, 2, 1), "period", "end"),
        ("end: 2026-02-01", 1),
    ),
    Case(
        "dates-ordered",
        "board decision after the start",
        _all(
            _set(True, "political"),
            _set(
                {"date": dt.date(2026, 3, 2), "reference": "BN 2026/0012", "participation": "Ja."},
                "board_decision",
            ),
        ),
        ("date: 2026-03-02", 1),
    ),
    Case(
        "dates-ordered",
        "update in the future",
        _set([{"date": dt.date(2026, 6, 2), "text": "Snart."}], "updates"),
        ("date: 2026-06-02", 1),
    ),
    Case(
        "contact-domain",
        "private address",
        _set("anna@gmail.com", "responsible", "email"),
        ("email:", 1),
    ),
    Case("known-organisation", "misspelt board", _misspell_board, ("board:", 1)),
    Case(
        "known-topic", "unknown topic", _set(["stadsutveckling", "trafk"], "topics"), ("trafk", 1)
    ),
    Case("responsible-person", "no responsible", _del("responsible")),
    Case("responsible-person", "no role", _del("responsible", "role"), ("responsible:", 1)),
    Case("purpose-and-goal", "no goal", _del("goal")),
    Case(
        "influence-described",
        "no decision date",
        _del("influence", "decision", "date"),
        ("decision:", 1),
    ),
    Case("influence-described", "no influence", _del("influence")),
    Case("ladder-allows-influence", "information", _set("information", "ladder"), ("ladder:", 1)),
    Case(
        "early-dialogue",
        "decision before the end",
        _set(dt.date(2026, 4, 10), "influence", "decision", "date"),
        ("date: 2026-04-10", 1),
    ),
    Case(
        "early-dialogue",
        "decision on the last day",
        _set(dt.date(2026, 4, 15), "influence", "decision", "date"),
        ("date: 2026-04-15", 1),
    ),
    Case("political-board-decision", "no decision", _set(True, "political"), ("political:", 1)),
    Case(
        "special-consideration",
        "no motivation",
        _del("special_consideration", "motivation"),
        ("special_consideration:", 1),
    ),
    Case("special-consideration", "missing", _del("special_consideration")),
    Case(
        "target-groups-reached",
        "group not reached",
        _set(["Besök på Kollaskolans fritids"], "target_groups", 1, "reach"),
        ("reach:", 2),
    ),
    Case("target-groups-reached", "no groups", _set([], "target_groups")),
    Case(
        "participation-ways",
        "neither url nor location",
        _del("participation", 0, "url"),
        ("method: survey", 1),
    ),
    Case("participation-ways", "period but no way", _del("participation"), ("period:", 1)),
    Case("resources-stated", "missing", _del("resources")),
    Case("feedback-complete", "no heard", _del("feedback", "heard"), ("feedback:", 1)),
    Case("feedback-complete", "no next steps", _del("feedback", "next_steps"), ("feedback:", 1)),
    Case("feedback-impact", "no impact", _del("feedback", "impact"), ("feedback:", 1)),
    Case(
        "feedback-overdue",
        "one day late",
        _del("feedback"),
        ("end: 2026-04-15", 1),
        today=dt.date(2026, 6, 15),  # 2026-04-15 + 60 days = 2026-06-14
    ),
    Case(
        "progress-updates",
        "31 days silent",
        _all(_del("feedback"), _del("updates")),
        ("start: 2026-03-01", 1),
        today=dt.date(2026, 4, 1),
    ),
    Case(
        "plain-language",
        "title in capitals",
        _set("FRAMTIDENS KOLLA TORG", "title"),
        ("title:", 1),
    ),
    Case(
        "personal-identity-number",
        "in the body",
        lambda data, policy: None,
        ("811218-9876", 1),
        body="\nRing handläggaren, personnummer 811218-9876, om du undrar.\n",
    ),
    Case(
        "safe-html",
        "script in the body",
        lambda data, policy: None,
        ("<script>", 1),
        body="\nText.\n\n<script>alert(1)</script>\n",
    ),
    Case(
        "safe-html",
        "javascript link in a text field",
        _set("Se [planen](javascript:alert(1)).", "influence", "what"),
        ("what: Se [planen]", 1),
    ),
    Case(
        "schema",
        "javascript link in a link field",
        _set("javascript:alert(1)", "documents", 0, "url"),
        ("url: javascript", 1),
    ),
    Case(
        "schema",
        "link field without https://",
        _set("www.kungsbacka.se/enkat", "participation", 0, "url"),
        ("url: www.kungsbacka.se", 1),
    ),
    Case(
        "safe-html",
        "link field to the dialogue's own page",
        _set("/dialogues/framtidens-kolla-torg/", "documents", 0, "url"),
        ("url: /dialogues/framtidens-kolla-torg/", 1),
    ),
    Case(
        "schema",
        "e-mail address with mailto headers",
        _set("anna?cc=x@evil.example&x=@kungsbacka.se", "responsible", "email"),
        ("email: anna?cc", 1),
    ),
    Case(
        "schema",
        "control character written as a YAML escape",
        _set("Kolla\x01 torg", "area"),
        ("area: ", 1),
    ),
]

PASSING = [
    Case("schema", "optional fields left out", _all(_del("area"), _del("topics"), _del("aims"))),
    Case(
        "dates-ordered",
        "one-day period, feedback on the last day",
        _all(
            _set(dt.date(2026, 3, 1), "period", "end"),
            _set(dt.date(2026, 3, 1), "feedback", "date"),
            _set([{"date": dt.date(2026, 3, 1), "text": "Start."}], "updates"),
        ),
    ),
    Case(
        "contact-domain",
        "sub-domain in capitals",
        lambda data, policy: data["responsible"].update(
            email=f"Anna@BYGG.{'KUNGSBACKA' if policy == 'kungsbacka' else 'ALE'}.SE"
        ),
    ),
    Case("known-organisation", "another board", _set("Kommunstyrelsen", "owner", "board")),
    Case("known-topic", "no topics", _del("topics")),
    Case("responsible-person", "no phone", _del("responsible", "phone")),
    Case("purpose-and-goal", "short texts", _all(_set("Syfte.", "purpose"), _set("Mål.", "goal"))),
    Case("influence-described", "nothing fixed", _del("influence", "fixed")),
    Case("ladder-allows-influence", "codetermination", _set("codetermination", "ladder")),
    Case(
        "early-dialogue",
        "decision the day after the end",
        _set(dt.date(2026, 4, 16), "influence", "decision", "date"),
    ),
    Case(
        "political-board-decision",
        "initiated by the board",
        _all(_set(True, "political"), _set("board", "initiated_by")),
    ),
    Case(
        "political-board-decision",
        "with a decision",
        _all(
            _set(True, "political"),
            _set(
                {"date": dt.date(2026, 1, 20), "reference": "BN 2026/0012", "participation": "Ja."},
                "board_decision",
            ),
        ),
    ),
    Case(
        "special-consideration", "no group, motivated", _set([], "special_consideration", "groups")
    ),
    Case(
        "target-groups-reached",
        "reached by title only",
        _set(["Webbenkät om torget"], "target_groups", 1, "reach"),
    ),
    Case(
        "participation-ways",
        "planned, no period",
        _all(_del("period"), _del("participation"), _del("feedback"), _del("updates")),
    ),
    Case("resources-stated", "hours only", _del("resources", "budget_sek")),
    Case("feedback-complete", "no report", lambda data, policy: None),
    Case("feedback-impact", "awaiting feedback", _del("feedback"), today=dt.date(2026, 5, 1)),
    Case("feedback-overdue", "last day", _del("feedback"), today=dt.date(2026, 6, 14)),
    Case(
        "progress-updates",
        "30 days silent",
        _all(_del("feedback"), _del("updates")),
        today=dt.date(2026, 3, 31),
    ),
    Case(
        "progress-updates",
        "recent update",
        _del("feedback"),
        today=dt.date(2026, 4, 15),
    ),
    Case("plain-language", "an acronym", _set("Nya LSS-boendet i Kolla", "title")),
    Case(
        "personal-identity-number",
        "dates, phones, diarienummer",
        lambda data, policy: None,
        body="\nMöte 2026-03-01, ring 0300-83 40 00 eller 070-123 45 67, dnr BN 2026/0012.\n",
    ),
    Case(
        "safe-html",
        "markdown link and autolink",
        lambda data, policy: None,
        body="\nSe [sidan](https://www.kommun.se/a) eller <https://www.kommun.se/b>.\n",
    ),
]


def _run(case: Case, policy: str, check_one):
    data = valid_dialogue(policy)
    case.mutate(data, policy)
    kwargs = {"policy": policy, "today": case.today}
    if case.body is not None:
        kwargs["body"] = case.body
    return check_one(data, **kwargs)


@pytest.mark.parametrize("policy", POLICIES)
def test_valid_dialogue_has_no_findings(policy, check_one):
    findings, _ = check_one(valid_dialogue(policy), policy=policy)
    assert findings == []


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("case", FAILING, ids=str)
def test_rule_fails(case: Case, policy: str, check_one):
    findings, text = _run(case, policy, check_one)
    severity = expected_severity(case.rule, policy)
    findings = [f for f in findings if f.rule in EXPECTED]  # other engineers' rules aside
    if severity is OFF:
        assert [f for f in findings if f.rule == case.rule] == []
        return
    assert {f.rule for f in findings} == {case.rule}, findings
    hit = findings[0]
    assert hit.severity is severity
    expected = locate(text, *case.where) if case.where else (1, 1)
    assert (hit.line, hit.col) == expected
    assert hit.message and hit.hint


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("case", PASSING, ids=str)
def test_rule_passes(case: Case, policy: str, check_one):
    findings, _ = _run(case, policy, check_one)
    assert [f for f in findings if f.rule in EXPECTED] == []


def test_every_rule_has_a_failing_and_a_passing_case():
    assert set(EXPECTED) <= set(REGISTRY)
    assert {c.rule for c in FAILING} == set(EXPECTED) - {"unique-slug"}
    assert {c.rule for c in PASSING} == set(EXPECTED) - {"unique-slug"}


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


# --- details of single rules -------------------------------------------------------------


def test_feedback_overdue_reports_days(check_one):
    data = valid_dialogue()
    del data["feedback"]
    findings, _ = check_one(data, today=dt.date(2026, 6, 24))
    (hit,) = findings
    assert hit.rule == "feedback-overdue" and hit.days == 10
    assert "10 dagar" in hit.message and "2026-06-14" in hit.message


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


def test_feedback_and_cancelled_together_is_schema_error(check_one):
    data = valid_dialogue()
    data["cancelled"] = {"date": dt.date(2026, 3, 5), "reason": "Projektet pausades."}
    findings, text = check_one(data)
    (hit,) = findings
    assert (hit.rule, hit.severity) == ("schema", E)
    assert (hit.line, hit.col) == locate(text, "cancelled:")


def test_two_problems_in_one_rule_both_reported(check_one):
    data = valid_dialogue()
    del data["purpose"], data["goal"]
    findings, _ = check_one(data)
    assert [f.rule for f in findings] == ["purpose-and-goal", "purpose-and-goal"]
    assert {"`purpose`" in f.message or "`goal`" in f.message for f in findings} == {True}


# --- unique slugs and file names ---------------------------------------------------------


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


# --- personal identity numbers -----------------------------------------------------------


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


# --- status --------------------------------------------------------------------------------


def _dialogue(**changes: object) -> Dialogue:
    data = valid_dialogue()
    del data["feedback"]
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return Dialogue.model_validate(data)


START, END = dt.date(2026, 3, 1), dt.date(2026, 4, 15)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("today", "deadline", "status"),
    [
        (START - DAY, 60, Status.PLANNED),
        (START, 60, Status.ONGOING),
        (END, 60, Status.ONGOING),
        (END + DAY, 60, Status.AWAITING_FEEDBACK),
        (END + 60 * DAY, 60, Status.AWAITING_FEEDBACK),
        (END + 61 * DAY, 60, Status.FEEDBACK_OVERDUE),
        (END + 10 * DAY, 10, Status.AWAITING_FEEDBACK),
        (END + 11 * DAY, 10, Status.FEEDBACK_OVERDUE),
    ],
)
def test_status_by_date(today, deadline, status):
    assert derive_status(_dialogue(), today, deadline) is status


def test_status_planned_without_period():
    d = _dialogue(period=None, updates=None)
    assert derive_status(d, dt.date(2030, 1, 1), 60) is Status.PLANNED


def test_status_completed_once_feedback_is_set():
    d = Dialogue.model_validate(valid_dialogue())
    for today in (START, END, END + 365 * DAY):
        assert derive_status(d, today, 60) is Status.COMPLETED


def test_status_cancelled_wins_over_dates():
    d = _dialogue(cancelled={"date": dt.date(2026, 3, 5), "reason": "Pausad."})
    for today in (START - DAY, START, END + 365 * DAY):
        assert derive_status(d, today, 60) is Status.CANCELLED
    assert Status.CANCELLED.label == "Inställd"


def test_today_from_env():
    assert today_from_env({"INSYN_TODAY": "2026-03-01"}) == dt.date(2026, 3, 1)
    assert isinstance(today_from_env({}), dt.date)
    with pytest.raises(TodayError, match="ÅÅÅÅ-MM-DD"):
        today_from_env({"INSYN_TODAY": "2026-13-45"})
