"""CI templates and pre-commit hooks: valid YAML, and every `insyn` command in them is one
the CLI accepts; the validate commands are run for real on a temporary content repo."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, to_text, valid_dialogue, write_site_pages

from generator.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
SCAFFOLD = ROOT / "generator" / "scaffold"
GITHUB = SCAFFOLD / "ci" / "github.yml"  # as insyn init writes them, but for the package
GITLAB = SCAFFOLD / "ci" / "gitlab.yml"

# `insyn` where a shell command starts: line start, after ; && || | or $( .
_COMMAND = re.compile(r"(?:^|[;&|]\s*|\$\(\s*)(insyn\s[^;&|>)\n]*)", re.M)


def insyn_commands(script: str) -> list[list[str]]:
    lines = [line.split(" #", 1)[0] for line in script.splitlines()]
    return [shlex.split(m.group(1)) for m in _COMMAND.finditer("\n".join(lines))]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github_steps() -> list[dict]:
    workflow = load(GITHUB)
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def gitlab_scripts() -> dict[str, list[str]]:
    config = load(GITLAB)
    return {name: job["script"] for name, job in config.items() if isinstance(job, dict)
            and "script" in job}  # fmt: skip


def all_commands() -> list[list[str]]:
    scripts = [s["run"] for s in github_steps() if "run" in s]
    scripts += ["\n".join(lines) for lines in gitlab_scripts().values()]
    scripts.append(load(ROOT / ".pre-commit-hooks.yaml")[0]["entry"])
    return [c for script in scripts for c in insyn_commands(script)]


def test_github_workflow_structure():
    workflow = load(GITHUB)
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    assert on["schedule"][0]["cron"].count(" ") == 4  # daily rebuild
    uses = [s.get("uses", "") for s in github_steps()]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"]["pages"] == "write"
    assert deploy["permissions"]["id-token"] == "write"
    assert "pull_request" in deploy["if"]
    runs = "\n".join(s.get("run", "") for s in github_steps())
    assert "insyn validate --format github" in runs
    assert "--format markdown" in runs and '>> "$GITHUB_STEP_SUMMARY"' in runs
    assert "insyn build" in runs and 'python -m pip install "$INSYN_PACKAGE"' in runs
    assert "10 anteckningar" in GITHUB.read_text(encoding="utf-8")


def test_gitlab_pipeline_structure():
    config = load(GITLAB)
    validate = config["validate"]
    assert validate["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert validate["artifacts"]["when"] == "always"
    assert any("--format gitlab > gl-code-quality-report.json" in line
               for line in validate["script"])  # fmt: skip
    assert config["pages"]["artifacts"]["paths"] == ["public"]
    assert "insyn build" in config["pages"]["script"]
    assert "Pipeline schedules" in GITLAB.read_text(encoding="utf-8")


def test_every_insyn_command_is_accepted_by_the_cli():
    commands = all_commands()
    names = {argv[1] for argv in commands}
    assert {"validate", "build"} <= names
    for argv in commands:
        assert argv[0] == "insyn"
        args = [a for a in argv[1:] if not a.startswith("$")]  # shell variables: file lists
        try:
            build_parser().parse_args(args)
        except SystemExit as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"`{' '.join(argv)}` is not accepted by the CLI (exit {exc.code})")


@pytest.fixture
def content_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A content repo with two valid dialogues and an `insyn` on PATH that runs this code."""
    repo = tmp_path / "repo"
    write_site_pages(repo / "content")
    for name, policy_year in (("framtidens-kolla-torg", "2026"), ("nytt-torg", "2025")):
        path = repo / "content" / "dialogues" / policy_year / f"{name}.md"
        path.parent.mkdir(parents=True)
        data = valid_dialogue()
        data["title"] = f"Dialogen {name}"
        path.write_text(to_text(data), encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "insyn"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n')
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "INSYN_TODAY": TODAY.isoformat(),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "BASE_REF": "",
        "GIT_CEILING_DIRECTORIES": str(tmp_path),  # no git repo above: `git diff` fails
    }
    return repo, env


def _bash(script: str, repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True
    )


def _validate_steps() -> list[dict]:
    steps = [s for s in github_steps() if "insyn validate" in s.get("run", "")]
    assert len(steps) == 2
    for step in steps:
        assert "${{" not in step["run"]  # the script runs as written, nothing substituted
    return steps


def test_github_validate_steps_run_on_a_content_repo(content_repo):
    repo, env = content_repo
    for step in _validate_steps():
        # A pull request (BASE_REF set) without git history: the summary covers all files.
        result = _bash(step["run"], repo, {**env, "BASE_REF": "main"})
        assert result.returncode == 0, (step["name"], result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "## Insyn: kontroll av dialogfilerna" in summary
    assert "Dialogen framtidens-kolla-torg" in summary and "Dialogen nytt-torg" in summary


def test_github_validate_step_fails_with_annotations_on_errors(content_repo):
    repo, env = content_repo
    bad = valid_dialogue()
    del bad["responsible"]
    (repo / "content/dialogues/2026/trasig.md").write_text(to_text(bad), encoding="utf-8")
    gate = next(s for s in _validate_steps() if "GITHUB_STEP_SUMMARY" not in s["run"])
    result = _bash(gate["run"], repo, env)
    assert result.returncode == 1
    assert "::error file=content/dialogues/2026/trasig.md," in result.stdout


def test_gitlab_validate_job_runs_on_a_content_repo(content_repo):
    repo, env = content_repo
    script = [line for line in gitlab_scripts()["validate"] if "pip install" not in line]
    result = _bash("\n".join(script), repo, env)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert json.loads((repo / "gl-code-quality-report.json").read_text("utf-8")) == []

    bad = valid_dialogue()
    del bad["responsible"]
    (repo / "content/dialogues/2026/trasig.md").write_text(to_text(bad), encoding="utf-8")
    result = _bash("\n".join(script), repo, env)
    assert result.returncode == 1  # the job fails ...
    report = json.loads((repo / "gl-code-quality-report.json").read_text("utf-8"))
    assert [i["check_name"] for i in report] == ["responsible-person"]  # ... with its report


def test_pre_commit_hook_definition():
    [hook] = load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "insyn-validate"
    assert hook["entry"] == "insyn validate"
    assert hook["language"] == "python"
    assert hook["files"] == r"^content/dialogues/.*\.md$"
    pattern = re.compile(hook["files"])
    assert pattern.search("content/dialogues/2026/kolla-torg.md")
    assert not pattern.search("content/about.md")
    config = load(ROOT / ".pre-commit-config.yaml")
    [local] = [r for r in config["repos"] if r["repo"] == "local"]
    [used] = [h for h in local["hooks"] if h["id"] == "insyn-validate"]
    assert used["entry"] == hook["entry"] and used["files"] == hook["files"]
    assert hook["pass_filenames"] is False and used["pass_filenames"] is False


def test_the_hook_finds_a_duplicate_slug_in_an_ordinary_commit(tmp_path):
    """pre-commit runs the entry without file names (``pass_filenames: false``) when a
    dialogue file is staged: the new file is checked with the ones already committed."""
    from sitehelpers import run_cli

    repo = tmp_path / "repo"
    (repo / "content/dialogues/2025").mkdir(parents=True)
    (repo / "content/dialogues/2026").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (repo / "content/dialogues/2025/kolla-torg.md").write_text(to_text(valid_dialogue()), "utf-8")
    staged = repo / "content/dialogues/2026/kolla-torg.md"  # the only file in the commit
    staged.write_text(to_text(valid_dialogue()), encoding="utf-8")
    [hook] = load(ROOT / ".pre-commit-hooks.yaml")
    args = hook["entry"].split()[1:]  # what pre-commit runs: no file names added
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        code, out, err = run_cli([*args, "--config", "mkdocs.yml"], "2026-06-01")
    finally:
        os.chdir(cwd)
    assert code == 1 and "unique-slug" in out + err


def test_codeowners_example_exists():
    text = (SCAFFOLD / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    assert ["/content/dialogues/", "@kommun/dialogsamordnare"] in rules
    assert all(len(r) >= 2 and all(o.startswith("@") for o in r[1:]) for r in rules)
