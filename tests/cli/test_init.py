"""`insyn init`: a content repository that validates and builds as written, for a built-in
policy and for a municipality's own; the options checked before anything is written (the
colour's contrast named, with a darker shade); a folder that is not empty refused, and
no file ever replaced."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from sitehelpers import run_cli

from generator.core import colour

TODAY = "2026-12-04"
ALE = ["--municipality", "Ale kommun", "--policy", "ale", "--site-url", "https://insyn.ale.se/"]


def _in(folder: Path, *argv: str) -> tuple[int, str, str]:
    """``insyn`` run in ``folder``, as staff run it there."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return run_cli(list(argv), TODAY)
    finally:
        os.chdir(cwd)


def test_the_repository_validates_and_builds_as_written(tmp_path) -> None:
    code, out, err = run_cli(["init", str(tmp_path / "ale"), *ALE], TODAY)
    assert code == 0, out + err
    repo = tmp_path / "ale"
    written = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    assert written == [
        ".github/CODEOWNERS", ".github/workflows/insyn.yml", ".gitignore",
        ".pre-commit-config.yaml", "README.md", "content/about.md", "content/accessibility.yml",
        "content/dialogues/2027/exempel.md", "content/privacy.md", "content/propose.md",
        "mkdocs.yml",
    ]  # fmt: skip
    settings = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    assert settings["site_url"] == "https://insyn.ale.se/"
    assert settings["site_name"] == "Insyn – Ale kommun"
    assert settings["extra"]["insyn"]["policy"] == "ale"
    code, out, err = _in(repo, "validate")
    assert code == 0 and "0 fel" in out, out + err
    # What is left to fill in is said, at its line, until it is filled in.
    left = re.findall(r"^(content/[\w.]+):(\d+):\d+: varning unfilled-text", out, re.M)
    pages = {"content/about.md", "content/privacy.md", "content/propose.md"}
    assert {name for name, _ in left} == {*pages, "content/accessibility.yml"}
    code, out, err = _in(repo, "build")
    assert code == 0, out + err
    site = repo / "site"
    assert "Ale kommun" in (site / "index.html").read_text("utf-8")
    texts = [p.read_bytes() for p in site.rglob("*") if p.is_file()]
    assert not any(re.search(rb"(?i)kungsbacka", t) for t in texts)
    example = (site / "dialogues/exempel/index.html").read_text("utf-8")
    assert "anna.andersson@ale.se" in example and "Samhällsbyggnadsnämnden" not in example


def test_the_colour_is_checked_for_white_text_and_written(tmp_path) -> None:
    code, out, err = run_cli(["init", str(tmp_path / "a"), *ALE, "--colour", "#77aaff"], TODAY)
    assert code == 2 and not (tmp_path / "a").exists()
    darker = colour.darker_for_white_text("#77aaff")
    assert "2,3:1" in err and "4,5:1" in err and darker in err
    code, out, err = run_cli(["init", str(tmp_path / "b"), *ALE, "--colour", darker], TODAY)
    assert code == 0, out + err
    assert _in(tmp_path / "b", "build")[0] == 0
    css = (tmp_path / "b/site/assets/stylesheets/colour.css").read_text("utf-8")
    assert f"--md-primary-fg-color: {darker};" in css


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--site-url", "insyn.ale.se", "--site-url"),
        ("--colour", "blue", "#rrggbb"),
        ("--contact-email", "kommun.ale.se", "--contact-email"),
        ("--municipality", "Ale\nkommun", "--municipality"),
        ("--policy", "no-such-policy.yaml", "no-such-policy"),
    ],
)
def test_an_option_that_cannot_make_a_site_is_refused_before_writing(tmp_path, option, value,
                                                                    said) -> None:  # fmt: skip
    options = dict(zip(ALE[::2], ALE[1::2], strict=True)) | {option: value}
    argv = ["init", str(tmp_path / "x"), *(part for pair in options.items() for part in pair)]
    code, out, err = run_cli(argv, TODAY)
    assert code == 2 and said in err, out + err
    assert not (tmp_path / "x").exists()


def test_a_folder_that_is_not_empty_is_refused_and_force_replaces_nothing(tmp_path) -> None:
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content/about.md").write_text("# Vår egen sida\n", encoding="utf-8")
    code, _, err = run_cli(["init", str(repo), *ALE], TODAY)
    assert code == 2 and "--force" in err
    assert sorted(p.name for p in repo.rglob("*") if p.is_file()) == ["about.md"]
    code, _out, err = run_cli(["init", str(repo), *ALE, "--force"], TODAY)
    assert code == 0
    assert (repo / "content/about.md").read_text("utf-8") == "# Vår egen sida\n"
    assert "content/about.md finns redan och lämnades orörd" in err
    assert (repo / "mkdocs.yml").is_file()


def test_gitlab_gets_its_pipeline_and_the_package_is_named_once(tmp_path) -> None:
    spec = "insyn @ git+https://git.example/insyn.git@v0.2.0"
    code, out, err = run_cli(
        ["init", str(tmp_path / "g"), *ALE, "--git-host", "gitlab", "--package", spec], TODAY
    )
    assert code == 0, out + err
    pipeline = (tmp_path / "g/.gitlab-ci.yml").read_text("utf-8")
    assert pipeline.count(spec) == 1 and "@INSYN_PACKAGE@" not in pipeline
    assert (tmp_path / "g/CODEOWNERS").is_file() and not (tmp_path / "g/.github").exists()
    hook = yaml.safe_load((tmp_path / "g/.pre-commit-config.yaml").read_text("utf-8"))
    assert hook["repos"][0]["hooks"][0]["additional_dependencies"] == [spec]


def test_a_third_municipality_goes_from_its_own_policy_to_a_built_site(tmp_path) -> None:
    """Storby: a policy of its own from `insyn policy new`, checked, then `insyn init`."""
    policy = tmp_path / "storby.yaml"
    assert run_cli(["policy", "new", str(policy), "--municipality", "Storby kommun",
                    "--domain", "storby.se"], TODAY)[0] == 0  # fmt: skip
    policy.write_text(
        policy.read_text("utf-8").replace('"[FYLL I: fler nämnder]"', "Byggnadsnämnden"),
        encoding="utf-8",
    )
    code, out, err = run_cli(["policy", "check", str(policy)], TODAY)
    assert code == 0 and "Storby kommun" in out, out + err
    repo = tmp_path / "storby"
    code, out, err = run_cli(
        [
            "init",
            str(repo),
            "--municipality",
            "Storby kommun",
            "--policy",
            str(policy),
            "--site-url",
            "https://insyn.storby.se/",
        ],
        TODAY,
    )
    assert code == 0, out + err
    assert (repo / "policy.yaml").read_text("utf-8") == policy.read_text("utf-8")
    settings = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    assert settings["extra"]["insyn"]["policy"] == "policy.yaml"
    assert _in(repo, "validate")[0] == 0
    code, out, err = _in(repo, "build")
    assert code == 0, out + err
    home = (repo / "site/index.html").read_text("utf-8")
    assert "Storby kommun" in home
    feed = (repo / "site/feed.xml").read_text("utf-8")
    assert "tag:insyn.storby.se," in feed and "anna.andersson@storby.se" in (
        repo / "site/dialogues/exempel/index.html"
    ).read_text("utf-8")


def test_a_site_without_site_url_is_told_what_its_ids_use(tmp_path) -> None:
    repo = tmp_path / "ale"
    assert run_cli(["init", str(repo), *ALE], TODAY)[0] == 0
    settings = repo / "mkdocs.yml"
    settings.write_text(
        re.sub(r"(?m)^site_url: .*\n", "", settings.read_text("utf-8")), encoding="utf-8"
    )
    code, out, err = _in(repo, "build")
    assert code == 0, out + err
    assert "ingen site_url" in err and "https://ale.insyn.invalid/" in err
    assert "tag:ale.insyn.invalid," in (repo / "site/feed.xml").read_text("utf-8")
    code, out, err = run_cli(["init", str(tmp_path / "b"), *ALE], TODAY)
    assert "ingen site_url" not in _in(tmp_path / "b", "build")[2]


def test_a_name_with_quotes_and_angle_brackets_stays_text(tmp_path) -> None:
    """The theme writes the site's description into every page as it is: it is handed to
    the engine escaped, and the HTML gate would refuse the site otherwise."""
    repo = tmp_path / "q"
    name = 'Ö: "Test" <kommun>'
    code, out, err = run_cli(["init", str(repo), *ALE[2:], "--municipality", name], TODAY)
    assert code == 0, out + err
    assert yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))["site_description"].startswith(
        name)  # fmt: skip
    code, out, err = _in(repo, "build")
    assert code == 0, out + err
    about = (repo / "site/about/index.html").read_text("utf-8")
    assert 'content="Ö: &quot;Test&quot; &lt;kommun&gt;s invånardialoger' in about
