"""The `plain-language` rule (no all-capitals title or summary) and the LIX function."""

from __future__ import annotations

import pytest
from conftest import locate, valid_dialogue

from generator.check.rules.plain_language import is_all_capitals
from generator.core.findings import Severity
from generator.summarise.readability import count_sentences, count_words, lix, lix_label


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
    import yaml

    from generator.check.policies import resolve_policy_path

    policy = yaml.safe_load(resolve_policy_path("kungsbacka").read_text(encoding="utf-8"))
    policy["rules"]["plain-language"] = {"severity": "off"}
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    data = valid_dialogue()
    data["title"] = "FRAMTIDENS KOLLA TORG"
    findings, _ = check_one(data, policy=str(path))
    assert plain(findings) == []


# --- LIX -------------------------------------------------------------------------------


def test_lix_of_short_simple_text():
    # 9 words, 2 sentences, no word longer than six letters: 9/2 + 0 = 4.5
    r = lix("Vi vill veta vad du tycker. Kom till mötet.")
    assert (r.words, r.sentences, r.long_words, r.lix) == (9, 2, 0, 4.5)
    assert r.label == "Mycket lättläst"


def test_lix_counts_long_words_by_letters():
    # "torget" has 6 letters (not long), "biblioteket" 11 (long), "Kommunfullmäktige" 17 (long)
    r = lix("Kommunfullmäktige vill bygga om torget och biblioteket.")
    assert (r.words, r.sentences, r.long_words) == (7, 1, 2)
    assert r.lix == round(7 / 1 + 100 * 2 / 7, 1)  # 35.6


def test_lix_bureaucratic_text_is_hard():
    text = (
        "Samhällsbyggnadsförvaltningen genomför medborgardialogen avseende "
        "detaljplaneförändringen i enlighet med kommunfullmäktiges övergripande "
        "målsättningar beträffande invånarinflytande och delaktighet."
    )
    r = lix(text)
    assert r.sentences == 1
    assert r.lix > 60
    assert r.label == "Mycket svår"


def test_abbreviation_and_colon_before_lower_case_do_not_end_sentences():
    assert count_sentences("Vi vill t.ex. veta vad du tycker: om torget och parken.") == 1
    assert count_sentences("Det här vet vi. Det här vet vi inte! Vad tycker du? Svara.") == 4


def test_line_breaks_and_lists_end_sentences():
    text = "Så kan du delta\n\n- Svara på enkäten\n- Kom till mötet"
    assert count_sentences(text) == 3


def test_words_with_hyphen_and_digits():
    assert count_words("VA-plan för 2026-03-01 och e-post") == (5, 0)  # none over 6 letters
    words, long_words = count_words("gång- och cykelväg")
    assert (words, long_words) == (3, 1)  # "cykelväg" has 8 letters


def test_lix_none_without_words():
    assert lix("") is None
    assert lix("  \n – … ") is None


def test_text_without_full_stop_is_one_sentence():
    r = lix("Framtidens Kolla torg")
    assert r.sentences == 1
    assert r.lix == round(3 + 100 * 1 / 3, 1)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0, "Mycket lättläst"),
        (29.9, "Mycket lättläst"),
        (30, "Lättläst"),
        (40, "Medelsvår"),
        (50, "Svår"),
        (59.9, "Svår"),
        (60, "Mycket svår"),
        (95, "Mycket svår"),
    ],
)
def test_lix_scale(value, label):
    assert lix_label(value) == label


def test_lix_is_pure_and_deterministic():
    text = "Vi bygger om torget. Berätta vad du tycker senast den 15 april."
    assert lix(text) == lix(text)
