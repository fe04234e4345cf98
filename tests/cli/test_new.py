"""`insyn new`: non-interactive (options) and interactive (answers on stdin) runs write
files that validate with no errors; existing files are never overwritten."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from generator.check.engine import check_files
from generator.check.policies import load_policy
from generator.cli.main import main
from generator.cli.questions import QUESTIONS, slugify
from generator.core.findings import Severity
from generator.load.source import read_source

TODAY = "2026-02-01"

KUNGSBACKA = [
    "--title", "Framtidens Kolla torg",
    "--summary", "Vi vill veta hur du vill använda torget i Kolla.",
    "--board", "Byggnadsnämnden",
    "--department", "Förvaltningen för Samhällsbyggnad",
    "--name", "Anna Andersson",
    "--role", "Projektledare",
    "--email", "anna.andersson@kungsbacka.se",
    "--purpose", "Ta reda på hur invånarna vill använda torget.",
    "--goal", "Ett underlag till gestaltningsprogrammet.",
    "--start", "2026-03-01",
    "--end", "2026-04-15",
    "--influence", "Hur torget ska möbleras.",
    "--decision-date", "2026-09-15",
    "--method", "survey",
    "--way-title", "Webbenkät om torget",
    "--url", "https://www.kungsbacka.se/kolla-enkat",
    "--target-groups", "Boende i Kolla, Barn och unga",
    "--special-groups", "Barn och unga",
    "--motivation", "Torget är en viktig mötesplats för unga.",
    "--staff-hours", "120",
    "--budget-sek", "40000",
]  # fmt: skip


@pytest.fixture(autouse=True)
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INSYN_TODAY", TODAY)
    return tmp_path


def findings_of(path: Path, policy: str = "kungsbacka"):
    [checked] = check_files([path], load_policy(policy), dt.date.fromisoformat(TODAY))
    return checked


def assert_valid(path: Path, policy: str = "kungsbacka") -> None:
    checked = findings_of(path, policy)
    assert checked.dialogue is not None
    errors = [f for f in checked.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert main(["validate", "--policy", policy, str(path)]) == 0


def test_slugify():
    assert slugify("Framtidens Kolla torg") == "framtidens-kolla-torg"
    assert slugify("Åsa ängar och Önnered") == "asa-angar-och-onnered"
    assert slugify("Café & bibliotek: 2026!") == "cafe-bibliotek-2026"
    assert slugify("  --Ölme--  ") == "olme"
    long = slugify("ord " * 40)
    assert len(long) <= 60 and not long.endswith("-")


def test_non_interactive_writes_a_valid_file(repo: Path, capsys):
    assert main(["new", "--yes", *KUNGSBACKA]) == 0
    path = repo / "content/dialogues/2026/framtidens-kolla-torg.md"
    assert path.is_file()
    assert "Skapade" in capsys.readouterr().out
    assert_valid(path)
    checked = findings_of(path)
    # Only the one warning that is meant to stay until the background is written.
    assert [f.rule for f in checked.findings] == ["placeholder-text"]
    d = checked.dialogue
    assert d.owner.board == "Byggnadsnämnden"
    assert d.initiated_by == "department" and d.political is False  # defaults
    assert d.ladder == "consultation" and d.stage == "planning"
    assert d.participation[0].url == "https://www.kungsbacka.se/kolla-enkat"
    assert [g.reach for g in d.target_groups] == [["Webbenkät om torget"]] * 2
    text = path.read_text(encoding="utf-8")
    assert "# Nämnden som äger dialogen" in text  # Swedish comments from the model


def test_values_that_need_yaml_quoting_round_trip(repo: Path):
    args = list(KUNGSBACKA)
    args[1] = "Ja: nej # inte en kommentar"
    args[args.index("--way-title") + 1] = "yes"
    args[args.index("--target-groups") + 1] = "null"
    assert main(["new", "--yes", "--slug", "citat", *args]) == 0
    path = repo / "content/dialogues/2026/citat.md"
    d = findings_of(path).dialogue
    assert d.title == "Ja: nej # inte en kommentar"
    assert d.participation[0].title == "yes"
    assert d.target_groups[0].group == "null"


def test_ale_political_dialogue_gets_a_board_decision(repo: Path):
    args = [
        "--policy", "ale",
        "--title", "Ny skolgård i Nödinge",
        "--summary", "Hur vill du att skolgården ska se ut?",
        "--board", "Utbildningsnämnden",
        "--department", "Sektor utbildning, kultur och fritid",
        "--initiated-by", "department",
        "--political", "ja",
        "--board-decision-date", "2026-01-20",
        "--board-decision-reference", "UN 2026/0003",
        "--board-decision-participation", "Presidiet deltar vid workshopen.",
        "--name", "Bo Berg", "--email", "bo.berg@ale.se",
        "--purpose", "Samla idéer.", "--goal", "Ett förslag till skolgård.",
        "--ladder", "dialogue", "--stage", "idea",
        "--start", "2026-03-01", "--end", "2026-03-31",
        "--influence", "Utformningen.", "--decision-date", "2026-06-10",
        "--method", "workshop", "--way-title", "Workshop i skolan",
        "--location", "Nödinge skola",
        "--target-groups", "Elever",
        "--motivation", "Eleverna använder skolgården varje dag.",
    ]  # fmt: skip
    assert main(["new", "--yes", *args]) == 0
    path = repo / "content/dialogues/2026/ny-skolgard-i-nodinge.md"
    assert_valid(path, "ale")
    d = findings_of(path, "ale").dialogue
    assert d.board_decision.reference == "UN 2026/0003"
    assert d.participation[0].channel == "physical"  # default for a workshop
    assert d.participation[0].location == "Nödinge skola"


def test_planned_dialogue_goes_in_its_budget_year(repo: Path):
    args = [a for a in KUNGSBACKA]
    for option in ("--start", "--end", "--method", "--way-title", "--url"):
        i = args.index(option)
        del args[i : i + 2]
    assert main(["new", "--yes", "--budget-year", "2027", *args]) == 0
    path = repo / "content/dialogues/2027/framtidens-kolla-torg.md"
    assert_valid(path)
    d = findings_of(path).dialogue
    assert d.period is None and d.budget_year == 2027 and d.participation == []


def test_refuses_to_overwrite(repo: Path, capsys):
    assert main(["new", "--yes", *KUNGSBACKA]) == 0
    path = repo / "content/dialogues/2026/framtidens-kolla-torg.md"
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["new", "--yes", *KUNGSBACKA]) == 1
    assert "finns redan" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_refuses_a_slug_used_in_another_year(repo: Path, capsys):
    other = repo / "content/dialogues/2025/framtidens-kolla-torg.md"
    other.parent.mkdir(parents=True)
    other.write_text("---\ntitle: Något annat\n---\n", encoding="utf-8")
    assert main(["new", "--yes", *KUNGSBACKA]) == 1
    assert "används redan" in capsys.readouterr().err
    assert not (repo / "content/dialogues/2026").exists()


def test_missing_options_without_questions(repo: Path, capsys):
    assert main(["new", "--yes", "--title", "Framtidens Kolla torg"]) == 2
    err = capsys.readouterr().err
    assert "--board saknas" in err and "--email saknas" in err
    assert not (repo / "content").exists()


def test_bad_option_value_is_a_swedish_message(repo: Path, capsys):
    args = list(KUNGSBACKA)
    args[args.index("--email") + 1] = "anna@gmail.com"
    args[args.index("--board") + 1] = "Byggnämnden"
    assert main(["new", "--yes", *args]) == 2
    err = capsys.readouterr().err
    assert "--email: Använd en adress på kommunens domän" in err
    assert "Menade du Byggnadsnämnden?" in err
    assert "Traceback" not in err


def test_does_not_write_a_file_that_fails_the_check(repo: Path, capsys):
    # The board decision comes after the dialogue started: `dates-ordered` is an error.
    args = [*KUNGSBACKA, "--political", "ja", "--board-decision-date", "2026-03-10",
            "--board-decision-reference", "BN 2026/1", "--board-decision-participation", "Ja."]
    assert main(["new", "--yes", *args]) == 1
    err = capsys.readouterr().err
    assert "dates-ordered" in err and "skrevs inte" in err
    assert not (repo / "content/dialogues/2026/framtidens-kolla-torg.md").exists()


def test_dry_run_prints_and_writes_nothing(repo: Path, capsys):
    assert main(["new", "--yes", "--dry-run", *KUNGSBACKA]) == 0
    out = capsys.readouterr().out
    assert out.startswith("---\n") and "title: Framtidens Kolla torg" in out
    assert not (repo / "content").exists()


def interactive_answers() -> list[str]:
    """One answer per question the interactive run asks, in QUESTIONS order."""
    answers = {
        "title": "Ny lekplats i Särö",
        "summary": "Vad vill barnen ha på lekplatsen?",
        "board": "3",  # Byggnadsnämnden in the numbered menu
        "department": "7",  # Förvaltningen för Samhällsbyggnad
        "initiated_by": "",  # default: department
        "political": "nej",
        "name": "Lisa Lund",
        "role": "",  # default: Projektledare
        "email": "lisa.lund@kungsbacka.se",
        "purpose": "Ta reda på vad barn vill leka med.",
        "goal": "Ett underlag för upphandlingen.",
        "aims": "1,4",
        "ladder": "",  # default: consultation
        "stage": "2",
        "start": "2026-05-01",
        "end": "2026-05-31",
        "budget_year": "",  # default: the year of the start
        "influence": "Vilka lekredskap som köps in.",
        "fixed": "",
        "decision_body": "",  # default: the board
        "decision_date": "2026-08-20",
        "method": "walk",
        "channel": "",  # default for a walk: physical
        "way_title": "Vandring på lekplatsen",
        "location": "Särö lekplats",
        "target_groups": "Barn i Särö, Föräldrar",
        "special_groups": "Barn i Särö",
        "motivation": "Lekplatsen är till för barn.",
        "staff_hours": "40",
        "budget_sek": "",
        "topics": "fritid",
        "area": "Särö",
    }
    asked = [q.key for q in QUESTIONS if not q.key.startswith("board_decision")]
    asked = [k for k in asked if k != "url"]
    assert set(asked) == set(answers)
    return [answers[k] for k in asked]


def test_interactive_answers_from_stdin(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    lines = interactive_answers()
    # A wrong date first, then the right one: the question is asked again.
    i = [q.key for q in QUESTIONS if q.key not in ("board_decision_date",
         "board_decision_reference", "board_decision_participation")].index("start")
    lines.insert(i, "1 maj 2026")
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["new"]) == 0
    captured = capsys.readouterr()
    assert "Skriv ett datum som ÅÅÅÅ-MM-DD" in captured.err
    assert "  3. Byggnadsnämnden" in captured.err  # numbered menu from the policy
    path = repo / "content/dialogues/2026/ny-lekplats-i-saro.md"
    assert_valid(path)
    d = findings_of(path).dialogue
    assert d.owner.board == "Byggnadsnämnden"
    assert d.owner.department == "Förvaltningen för Samhällsbyggnad"
    assert d.aims == ["needs", "ideas"] and d.stage == "planning"
    assert d.participation[0].method == "walk" and d.participation[0].channel == "physical"
    assert d.influence.decision.body == "Byggnadsnämnden"
    assert d.topics == ["fritid"] and d.area == "Särö"
    assert d.resources.staff_hours == 40 and d.resources.budget_sek is None
    assert d.budget_year == 2026  # the year it starts, unless told otherwise


def test_options_and_questions_mix(repo: Path, monkeypatch: pytest.MonkeyPatch):
    """Given options are not asked again; the rest are read from stdin."""
    answers = dict(zip(
        [k for k in (q.key for q in QUESTIONS)
         if k not in ("title", "board_decision_date", "board_decision_reference",
                      "board_decision_participation", "url")],
        interactive_answers()[1:], strict=True,
    ))  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers.values()) + "\n"))
    assert main(["new", "--title", "Ny lekplats i Särö"]) == 0
    assert_valid(Path("content/dialogues/2026/ny-lekplats-i-saro.md"))


def test_input_that_ends_early_writes_nothing(repo: Path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Ny lekplats i Särö\n"))
    assert main(["new"]) == 2
    assert "inmatningen tog slut" in capsys.readouterr().err
    assert not (repo / "content").exists()


def test_written_file_reads_back_with_its_comments(repo: Path):
    assert main(["new", "--yes", *KUNGSBACKA]) == 0
    src = read_source(repo / "content/dialogues/2026/framtidens-kolla-torg.md")
    assert src.problems == []
    assert src.text.count("\n# ") + src.text.count("\n  # ") > 10
