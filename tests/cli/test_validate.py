"""`insyn validate`: output formats, the summary line and exit codes."""

from __future__ import annotations

import json
import re

import pytest
from conftest import Dialogues, locate, to_text, valid_dialogue, write_site_pages

from generator.cli.main import main

TEXT_LINE = re.compile(r"^(\S+):(\d+):(\d+): (fel|varning|avvikelse) ([a-z-]+) (.+)$")


@pytest.fixture
def site(tmp_path, monkeypatch) -> Dialogues:
    """A site folder as the working directory, with today fixed."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INSYN_TODAY", "2026-06-20")  # the valid dialogue's feedback is due 06-14
    write_site_pages(tmp_path / "content")
    return Dialogues(tmp_path / "content" / "dialogues")


def _write_mixed(site: Dialogues, *, with_error: bool = True) -> dict[str, str]:
    """One error (if asked), one warning, one deviation, one clean file; return their texts."""
    texts = {}
    bad = valid_dialogue()
    bad["topics"] = ["stadsutveckling", "cykelbanor"]  # warning: not in the topic list
    if with_error:
        bad["ladder"] = "information"  # error
    texts["fel"] = to_text(bad)
    site.write(text=texts["fel"], name="fel-och-varning")
    late = valid_dialogue()
    del late["feedback"]  # deviation: six days overdue
    texts["sen"] = to_text(late)
    site.write(text=texts["sen"], name="sen-aterkoppling", folder="2025")
    texts["ok"] = to_text(valid_dialogue())
    site.write(text=texts["ok"], name="allt-ok")
    return texts


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["validate", "--policy", "kungsbacka", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_format_lines_hints_and_summary(site, capsys):
    texts = _write_mixed(site)
    code, out, _ = _run(capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == "1 fel, 1 varning, 1 avvikelse i 3 filer"
    findings = [TEXT_LINE.match(line) for line in lines if not line.startswith("    ")][:-1]
    assert all(findings), lines
    got = [(m[1], int(m[2]), int(m[3]), m[4], m[5]) for m in findings]
    ladder, topic = locate(texts["fel"], "ladder:"), locate(texts["fel"], "cykelbanor")
    end = locate(texts["sen"], "end: 2026-04-15")
    assert sorted(got) == sorted(
        [
            (
                "content/dialogues/2026/fel-och-varning.md",
                *ladder,
                "fel",
                "ladder-allows-influence",
            ),
            ("content/dialogues/2026/fel-och-varning.md", *topic, "varning", "known-topic"),
            ("content/dialogues/2025/sen-aterkoppling.md", *end, "avvikelse", "feedback-overdue"),
        ]
    )
    # every finding is followed by its indented hint and the clause it comes from
    for i, line in enumerate(lines[:-1]):
        if TEXT_LINE.match(line):
            assert lines[i + 1].startswith("    tips: ")
            assert lines[i + 2].startswith("    klausul: ")
    assert "    klausul: Vi utgår från delaktighetstrappan" in out  # the policy's own words
    assert "    klausul: Gäller alla dialoger: Dialogens ämnen finns" in out  # no clause
    assert "6 dagar" in out


def test_only_warnings_and_deviations_exit_0(site, capsys):
    _write_mixed(site, with_error=False)
    code, out, _ = _run(capsys)
    assert code == 0
    assert out.splitlines()[-1] == "0 fel, 1 varning, 1 avvikelse i 3 filer"


def test_clean_run_summary(site, capsys):
    site.write(valid_dialogue())
    code, out, _ = _run(capsys, "content/dialogues")
    assert (code, out) == (0, "0 fel, 0 varningar, 0 avvikelser i 1 fil\n")


def test_json_format(site, capsys):
    texts = _write_mixed(site)
    code, out, _ = _run(capsys, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["policy"] == "kungsbacka" and report["files"] == 3
    assert report["counts"] == {"error": 1, "warning": 1, "deviation": 1}
    overdue = next(f for f in report["findings"] if f["rule"] == "feedback-overdue")
    assert overdue["severity"] == "deviation" and overdue["days"] == 6
    assert (overdue["line"], overdue["column"]) == locate(texts["sen"], "end: 2026-04-15")
    assert overdue["clause"]  # the policy's words travel with the finding


def test_github_format(site, capsys):
    texts = _write_mixed(site)
    code, out, _ = _run(capsys, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    line, col = locate(texts["fel"], "ladder:")
    error = next(x for x in lines if x.startswith("::error "))
    assert error.startswith(
        f"::error file=content/dialogues/2026/fel-och-varning.md,line={line},col={col},"
    )
    assert "title=ladder-allows-influence" in error
    assert any(x.startswith("::warning file=") for x in lines)
    assert any(x.startswith("::notice file=") for x in lines)  # deviations are notices
    assert lines[-1] == "1 fel, 1 varning, 1 avvikelse i 3 filer"


def test_github_format_escapes_newlines_in_messages(site, capsys):
    site.write(valid_dialogue() | {"ladder": "information"})
    _, out, _ = _run(capsys, "--format", "github")
    error = out.splitlines()[0]
    assert "%0A" in error  # message and hint on one line


def test_single_file_argument(site, capsys):
    _write_mixed(site)
    code, out, _ = _run(capsys, "content/dialogues/2026/allt-ok.md")
    assert (code, out) == (0, "0 fel, 0 varningar, 0 avvikelser i 1 fil\n")


def test_bad_file_is_reported_not_raised(site, capsys):
    site.write(raw=b"---\ntitle: [\n---\n", name="trasig")
    code, out, err = _run(capsys)
    assert code == 1 and "Traceback" not in err
    assert re.match(r"content/dialogues/2026/trasig\.md:\d+:\d+: fel schema YAML-fel", out)


def test_usage_error_unknown_option(site, capsys):
    with pytest.raises(SystemExit) as info:
        main(["validate", "--no-such-option"])
    assert info.value.code == 2
    assert "fel:" in capsys.readouterr().err


def test_usage_error_unknown_format(site, capsys):
    with pytest.raises(SystemExit) as info:
        main(["validate", "--format", "xml"])
    assert info.value.code == 2


def test_usage_error_nonexistent_path(site, capsys):
    code, out, err = _run(capsys, "finns/inte")
    assert code == 2 and out == ""
    assert "finns inte" in err and "finns/inte" in err


def test_usage_error_bad_today(site, capsys, monkeypatch):
    site.write(valid_dialogue())
    monkeypatch.setenv("INSYN_TODAY", "2026-13-45")
    code, out, err = _run(capsys)
    assert code == 2 and out == ""
    assert "INSYN_TODAY" in err and "ÅÅÅÅ-MM-DD" in err


def test_policy_option_changes_severity(site, capsys):
    data = valid_dialogue("ale")
    del data["responsible"]  # error for Kungsbacka, warning for Ale
    site.write(data)
    assert main(["validate", "--policy", "ale"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 fel, 1 varning, 0 avvikelser i 1 fil"


@pytest.mark.parametrize("argv", [["--help"], ["validate", "--help"], ["build", "--help"]])
def test_help_is_in_swedish(argv, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: insyn")
    assert "användning: användning" not in out
    for english in ("usage:", "show this help", "options:", "positional arguments"):
        assert english not in out


def test_usage_errors_are_in_swedish(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "ogiltigt val: 'xml'" in err and "invalid choice" not in err
