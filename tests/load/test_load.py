"""Bad input of every kind is a `schema` finding at the right line, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import locate, to_text, valid_dialogue

from generator.check.engine import check_source
from generator.check.policies import load_policy
from generator.core.findings import Severity
from generator.core.model import Dialogue
from generator.load.safe_yaml import YamlProblem, parse
from generator.load.source import MAX_FILE_BYTES, Source, parse_source, read_source

ROOT = Path(__file__).resolve().parents[2]


def only_schema(findings):
    """The findings, asserting they are all `schema` errors."""
    assert findings, "expected at least one finding"
    assert {(f.rule, f.severity) for f in findings} == {("schema", Severity.ERROR)}, findings
    return findings


def test_invalid_utf8_points_at_its_line(check_one):
    text = to_text(valid_dialogue())
    line, _ = locate(text, "area:")
    raw = text.encode().replace(b"area: Kolla", b"area: Kolla \xff\xfe")
    findings, _ = check_one(raw=raw)
    (hit,) = only_schema(findings)
    assert hit.line == line and "UTF-8" in hit.message


@pytest.mark.parametrize("raw", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_file(raw, check_one):
    findings, _ = check_one(raw=raw)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == (1, 1) and "tom" in hit.message


def test_no_front_matter(check_one):
    findings, _ = check_one(text="# Kolla torg\n\ntitle: Framtidens Kolla torg\n")
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == (1, 1) and "front matter" in hit.message
    assert "---" in hit.hint


def test_unclosed_front_matter(check_one):
    text = to_text(valid_dialogue()).replace("\n---\n", "\n", 1)
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == (1, 1) and "avslutas aldrig" in hit.message


def test_yaml_syntax_error_points_at_line_and_column(check_one):
    text = to_text(valid_dialogue()).replace("area: Kolla", "area: Kolla: torget")
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    line, col = locate(text, ": torget")
    assert (hit.line, hit.col) == (line, col)
    assert hit.message.startswith("YAML-fel: ") and "kolon" in hit.message


def test_tab_indent_message_is_swedish(check_one):
    text = to_text(valid_dialogue()).replace("  role: Projektledare", "\trole: Projektledare")
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert hit.line == locate(text, "\trole")[0]
    assert "tabbtecken" in hit.message


@pytest.mark.parametrize("tab", ["\t", " \t", "  \t"])
@pytest.mark.parametrize("key", ["  role: Projektledare", "  board: Byggnadsnämnden"])
def test_a_tab_in_the_indentation_is_named_at_its_place(check_one, tab, key):
    text = to_text(valid_dialogue()).replace(key, tab + key.lstrip(), 1)
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    line, col = locate(text, tab + key.lstrip())
    assert (hit.line, hit.col) == (line, col + tab.index("\t"))  # at the tab itself
    assert "tabbtecken" in hit.message and "mellanslag" in (hit.hint or "")


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens(check_one, quote):
    text = to_text(valid_dialogue()).replace(
        "summary: Vi vill veta", f"summary: {quote}Vi vill veta", 1
    )
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == locate(text, f"{quote}Vi vill veta")
    assert "citattecken stängs aldrig" in hit.message


def test_a_near_miss_in_a_list_of_values_is_suggested(check_one):
    data = valid_dialogue()
    data["ladder"] = "dialog"
    findings, _ = check_one(data)
    (hit,) = only_schema(findings)
    assert hit.hint.startswith("Menade du `dialogue`?")
    data["ladder"] = "medverkan"  # like nothing: no guess, the list
    findings, _ = check_one(data)
    (hit,) = only_schema(findings)
    assert "Menade du" not in hit.hint and "codetermination" in hit.hint


@pytest.mark.parametrize(
    ("topic", "guess"),
    [("lek", None), ("unga", None), ("klimat", None), ("trafk", "trafik"), ("Skolor", "skola")],
)
def test_an_unknown_topic_is_guessed_only_when_close(check_one, topic, guess):
    data = valid_dialogue()
    data["topics"] = [topic]
    findings, _ = check_one(data)
    (hit,) = [f for f in findings if f.rule == "known-topic"]
    assert hit.hint.startswith(f"Menade du `{guess}`?") if guess else "Menade" not in hit.hint
    assert "demokrati" in hit.hint  # the whole list, in any case


def test_nonexistent_date(check_one):
    data = valid_dialogue()
    data["period"]["start"] = "2026-13-45"
    text = to_text(data).replace("'2026-13-45'", "2026-13-45")  # unquoted, as staff write it
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == locate(text, "start: 2026-13-45")
    assert "2026-13-45" in hit.message and "ÅÅÅÅ-MM-DD" in hit.hint


def test_bom_and_crlf_valid_file_passes(check_one):
    raw = b"\xef\xbb\xbf" + to_text(valid_dialogue()).replace("\n", "\r\n").encode()
    findings, _ = check_one(raw=raw)
    assert findings == []


def test_bom_and_crlf_lines_are_counted_right(check_one):
    data = valid_dialogue()
    data["ladder"] = "information"
    text = to_text(data, body="\nText.\n<b>fet</b>\n")
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    findings, _ = check_one(raw=raw)
    assert {(f.rule, f.line) for f in findings} == {
        ("ladder-allows-influence", locate(text, "ladder:")[0]),
        ("safe-html", locate(text, "<b>")[0]),
    }


def test_alias_bomb_is_refused(check_one):
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "---\n" + "\n".join(lines) + "\n---\nText.\n"
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert hit.line == 3 and "alias" in hit.message.lower()


def test_python_tag_is_not_executed(check_one, tmp_path):
    marker = tmp_path / "pwned"
    text = to_text(valid_dialogue()).replace(
        "area: Kolla", f"area: !!python/object/apply:os.system ['touch {marker}']"
    )
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert not marker.exists()
    assert (hit.line, hit.col) == locate(text, "!!python")
    assert "python/object/apply:os.system" in hit.message


@pytest.mark.parametrize("tag", ["!!binary aGVq", "!!set {a, b}", "!custom x"])
def test_other_tags_are_refused(tag, check_one):
    text = to_text(valid_dialogue()).replace("area: Kolla", f"area: {tag}")
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert hit.line == locate(text, "area:")[0] and "taggen" in hit.message


def test_file_over_one_megabyte(check_one):
    text = to_text(valid_dialogue(), body="\n" + "Lång text. " * (MAX_FILE_BYTES // 10))
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert hit.line == 1 and "1 000 000" in hit.message


def _validate_in_subprocess(path: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "generator", "validate", "--policy", "kungsbacka"]
    return subprocess.run(
        [*cmd, "--format", "json", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"INSYN_TODAY": "2026-06-01", "PATH": ""},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "front",
    [
        "title: " + "[" * 100_000 + "]" * 100_000,
        "title: " + "{a: " * 50_000 + "x" + "}" * 50_000,
        "- " * 100_000 + "x",
    ],
    ids=["brackets", "braces", "block-sequence"],
)
def test_deep_nesting_does_not_crash(front, dialogues):
    path = dialogues.write(text=f"---\n{front}\n---\nText.\n")
    result = _validate_in_subprocess(path)
    assert result.returncode == 1, result.stderr  # 1: errors found; a crash is negative
    report = json.loads(result.stdout)
    (hit,) = report["findings"]
    assert (hit["rule"], hit["line"]) == ("schema", 2)
    assert "nästlad" in hit["message"]


def test_duplicate_key(check_one):
    text = to_text(valid_dialogue()).replace("area: Kolla\n", "area: Kolla\narea: Onsala\n")
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == locate(text, "area: Onsala")
    assert "`area`" in hit.message and "två gånger" in hit.message


def test_unknown_key_suggests_closest(check_one):
    data = valid_dialogue()
    data["summery"] = "Stavfel."
    findings, text = check_one(data)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == locate(text, "summery:")
    assert "`summery`" in hit.message and hit.hint == "Menade du `summary`?"


def test_unknown_nested_key_suggests_closest(check_one):
    data = valid_dialogue()
    data["responsible"]["phon"] = data["responsible"].pop("phone")
    findings, text = check_one(data)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == locate(text, "phon:")
    assert "`responsible.phon`" in hit.message and hit.hint == "Menade du `phone`?"


def test_unknown_key_far_from_any_gets_generic_hint(check_one):
    data = valid_dialogue()
    data["xyzzy"] = 1
    findings, _ = check_one(data)
    (hit,) = only_schema(findings)
    assert "Menade du" not in hit.hint


def test_missing_key_points_at_first_line(check_one):
    data = valid_dialogue()
    del data["ladder"]
    findings, _ = check_one(data)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == (1, 1) and "`ladder`" in hit.message


def test_missing_nested_key_points_at_parent(check_one):
    data = valid_dialogue()
    del data["responsible"]["email"]
    findings, text = check_one(data)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == locate(text, "responsible:")
    assert "`responsible.email`" in hit.message


def test_missing_key_in_list_item_points_at_item(check_one):
    data = valid_dialogue()
    del data["participation"][1]["channel"]
    findings, text = check_one(data)
    (hit,) = only_schema(findings)
    assert (hit.line, hit.col) == locate(text, "method: open-house")
    assert "`participation[1].channel`" in hit.message


def test_all_schema_problems_at_once(check_one):
    data = valid_dialogue()
    data["ladder"] = "stege"
    data["political"] = "kanske"
    data["period"]["end"] = "15 april"
    findings, text = check_one(data)
    only_schema(findings)
    assert [f.line for f in findings] == sorted(
        [locate(text, "political:")[0], locate(text, "ladder:")[0], locate(text, "end: 15")[0]]
    )
    ladder = next(f for f in findings if "`ladder`" in f.message)
    assert "consultation" in ladder.hint


def test_number_where_text_expected_suggests_quotes(check_one):
    text = to_text(valid_dialogue()).replace("area: Kolla", "area: 434")
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert hit.line == locate(text, "area:")[0] and "citattecken" in hit.hint


@pytest.mark.parametrize("written", ["0701234567", "070 123 45 67", "17:00"])
def test_numbers_yaml_1_1_would_mangle_stay_text(written, check_one):
    text = to_text(valid_dialogue()).replace("phone: 0300-83 40 00", f"phone: {written}")
    findings, _ = check_one(text=text)
    assert findings == []
    front = text.split("---\n")[1]
    assert parse(front).data["responsible"]["phone"] == written


def test_front_matter_that_is_not_fields(check_one):
    findings, _ = check_one(text="---\n- en lista\n---\nText.\n")
    (hit,) = only_schema(findings)
    assert hit.line == 2


def test_unreadable_path_is_a_finding(tmp_path):
    src = read_source(tmp_path / "finns-inte.md")
    assert src.data is None and len(src.problems) == 1
    assert "kan inte läsas" in src.problems[0].message


# --- the parser's own interface -----------------------------------------------------------


def test_parse_keeps_positions_of_keys_and_items():
    parsed = parse("a: 1\nb:\n  c: [x, y]\n  d:\n    - e: 2\n")
    assert parsed.data == {"a": 1, "b": {"c": ["x", "y"], "d": [{"e": 2}]}}
    assert parsed.positions[("a",)] == (1, 1)
    assert parsed.positions[("b", "c")] == (3, 3)
    assert parsed.positions[("b", "c", 1)] == (3, 10)
    assert parsed.positions[("b", "d", 0)] == (5, 7)


def test_parse_leaves_dates_as_text():
    assert parse("d: 2026-03-01\nt: 2026-03-12T17:00\n").data == {
        "d": "2026-03-01",
        "t": "2026-03-12T17:00",
    }


def test_parse_raises_yaml_problem_with_position():
    with pytest.raises(YamlProblem) as info:
        parse("a: 1\nb: [1, 2\n")
    assert info.value.line >= 2 and info.value.message.startswith("YAML-fel")


def test_merge_key_is_refused():
    with pytest.raises(YamlProblem, match="<<"):
        parse("a: &x {b: 1}\nc:\n  <<: {d: 2}\n")


# --- dates and times ----------------------------------------------------------------------


def test_time_typo_read_as_number_is_a_date_error(check_one):
    # YAML 1.1 reads 2026031217:00 as a base-60 number; it must not become a timestamp.
    text = to_text(valid_dialogue()).replace("2026-03-12T17:00", "2026031217:00")
    findings, _ = check_one(text=text)
    (hit,) = only_schema(findings)
    assert hit.line == locate(text, "start: 2026031217:00")[0]
    assert "giltigt datum" in hit.message and "ÅÅÅÅ-MM-DDTHH:MM" in hit.hint


def test_time_with_offset_is_local_time_and_comparable(check_one):
    data = valid_dialogue()
    data["participation"][1]["start"] = "2026-03-12T16:00:00+00:00"  # 17:00 in Stockholm
    findings, _ = check_one(data)
    assert findings == []
    data["participation"][1]["start"] = "2026-03-12T19:30:00+01:00"  # after the 19:00 end
    findings, text = check_one(data)
    (hit,) = findings
    assert hit.rule == "dates-ordered"
    assert hit.line == locate(text, "end: 2026-03-12T19:00")[0]


def test_bare_date_stays_a_date_and_a_time_makes_a_datetime():
    data = valid_dialogue()
    data["participation"][1].update(start="2026-03-12", end="2026-03-12T00:00")
    way = Dialogue.model_validate(data).participation[1]
    assert type(way.start) is dt.date
    assert isinstance(way.end, dt.datetime)


# --- never a traceback --------------------------------------------------------------------

_SNIPPETS = [
    *(b":", b"-", b" ", b"\n", b"[", b"]", b"{", b"'", b'"', b"&a ", b"*a", b"!", b"#", b"|"),
    *(b"\t", b"2026-02-30", b"\xff", b"\r", b"~", b"yes", b"12:30", b"<b>"),
]


def test_random_damage_never_raises():
    """A seeded fuzz: damaged files give findings, never an exception."""
    rng = random.Random(20260301)
    base = to_text(valid_dialogue()).encode()
    policies = [load_policy("kungsbacka"), load_policy("ale")]
    for _ in range(300):
        raw = bytearray(base)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(raw))
            if rng.random() < 0.5:
                del raw[pos : pos + rng.randint(1, 8)]
            else:
                raw[pos:pos] = rng.choice(_SNIPPETS)
        src = parse_source(bytes(raw), Source(path="x.md", slug="x"))
        for policy in policies:
            checked = check_source(src, policy, dt.date(2026, rng.randint(1, 12), 1))
            if checked.dialogue is None:
                assert any(f.rule == "schema" for f in checked.findings)


def test_reading_without_following_refuses_a_symlink_in_the_open(tmp_path: Path) -> None:
    from generator.load.source import IsSymlink, read_source

    real = tmp_path / "torget.md"
    real.write_text("---\ntitle: Torget\n---\n", encoding="utf-8")
    (tmp_path / "lank.md").symlink_to(real)
    assert read_source(real, follow=False).data == {"title": "Torget"}
    with pytest.raises(IsSymlink):
        read_source(tmp_path / "lank.md", follow=False)
    assert read_source(tmp_path / "lank.md").data == {"title": "Torget"}  # followed
