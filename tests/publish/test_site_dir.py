"""The site folder: a build replaces only a folder that Insyn published or an empty one,
removes what killed builds left, and leaves no worker behind when it is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sitehelpers import ROOT, build, make_content, tree

from generator.publish.site_dir import MARKER

TODAY = "2026-06-15"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_content(tmp_path / "project" / "content", "kungsbacka")


def _refused(content: Path, site: Path, *extra: str) -> str:
    code, out, err = build(content, site, TODAY, *extra)
    assert code == 2, out + err
    assert "Webbplatsen" not in out
    return err


def test_a_new_folder_and_an_empty_one_are_built(tmp_path, content):
    empty = tmp_path / "empty"
    empty.mkdir()
    for site in (tmp_path / "new" / "site", empty):
        code, out, err = build(content, site, TODAY)
        assert code == 0, out + err
        assert (site / MARKER).is_file() and (site / "index.html").is_file()


def test_a_published_site_is_replaced(tmp_path, content):
    site = tmp_path / "site"
    assert build(content, site, TODAY)[0] == 0
    (site / "extra.html").write_text("gammal", encoding="utf-8")
    assert build(content, site, TODAY)[0] == 0
    assert not (site / "extra.html").exists()


def test_a_home_like_folder_is_refused_and_untouched(tmp_path, content):
    home = tmp_path / "home" / "anna"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("hemlig", encoding="utf-8")
    (home / "brev.odt").write_bytes(b"PK")
    before = tree(home)
    err = _refused(content, home)
    assert f"{MARKER} saknas" in err and str(home) in err
    assert tree(home) == before


def test_the_content_folder_and_folders_inside_it_are_refused(tmp_path, content):
    before = tree(content)
    assert "ovanför" in _refused(content, content)
    assert "ovanför" in _refused(content, content / "dialogues")
    assert "ligger i innehållsmappen" in _refused(content, content / "bilder" / "site")
    assert tree(content) == before


def test_the_project_root_and_its_parents_are_refused(tmp_path, content):
    project = content.parent
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text("utf-8"), encoding="utf-8")
    before = tree(project)
    for site in (project, project.parent, Path("/")):
        code, out, err = _run(config, content, site)
        assert code == 2, out + err
        assert "ovanför" in err
    (project / MARKER).write_text("x", encoding="utf-8")  # a marker does not make it replaceable
    assert _run(config, content, project)[0] == 2
    (project / MARKER).unlink()
    assert tree(project) == before


def _run(config: Path, content: Path, site: Path) -> tuple[int, str, str]:
    from sitehelpers import run_cli

    args = ["build", "--config", str(config), "--content", str(content), "--site-dir", str(site)]
    return run_cli(args, TODAY)


def test_a_regular_file_is_refused_and_kept(tmp_path, content):
    target = tmp_path / "site"
    target.write_text("ingen mapp", encoding="utf-8")
    assert "fil" in _refused(content, target)
    assert target.read_text(encoding="utf-8") == "ingen mapp"


def test_a_symlink_is_refused_and_its_target_kept(tmp_path, content):
    real = tmp_path / "elsewhere"
    assert build(content, real, TODAY)[0] == 0  # even a site Insyn published
    before = tree(real)
    link = tmp_path / "site"
    link.symlink_to(real, target_is_directory=True)
    assert "symbolisk länk" in _refused(content, link)
    assert tree(real) == before


def test_serve_refuses_the_same_folders(tmp_path, content):
    from sitehelpers import MKDOCS_YML, run_cli

    args = ["serve", "--config", str(MKDOCS_YML), "--content", str(content), "--site-dir",
            str(content), "--port", "0"]  # fmt: skip
    code, _, err = run_cli(args, TODAY)
    assert code == 2 and "ovanför" in err


def test_leftovers_of_killed_builds_are_removed_and_live_ones_kept(tmp_path, content):
    site = tmp_path / "site"
    dead = _dead_pid()
    stale = [tmp_path / f".site-staging-{dead}-abc", tmp_path / f".site-new-{dead}-def",
             tmp_path / ".site-new-k2j3h4"]  # fmt: skip
    live = tmp_path / f".site-new-{os.getpid()}-live"
    unrelated = tmp_path / ".site-notes"
    for folder in [*stale, live, unrelated]:
        folder.mkdir()
        (folder / "index.html").write_text("x", encoding="utf-8")
    assert build(content, site, TODAY)[0] == 0
    assert [p for p in stale if p.exists()] == []
    assert live.is_dir() and unrelated.is_dir()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


_ORPHAN = textwrap.dedent(
    """
    import os, sys, time
    os.environ["INSYN_JOBS"] = "2"
    from generator.infra.parallel import fan_out
    def work(item):
        if item == 1:  # the worker's share
            sys.stdout.write(f"{os.getpid()}\\n"); sys.stdout.flush()
        time.sleep(60)
    fan_out(work, [0, 1], at_least=1)
    """
)


def test_a_worker_ends_when_its_build_is_killed():
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE, text=True)
    worker = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _running(worker):
        time.sleep(0.05)
    assert not _running(worker), "the worker outlived its killed parent"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False
