"""The preview (``insyn serve``'s rebuilds, ``pipeline.Preview``): after an edit, the site
in the preview folder is the site a full build of the edited content makes."""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from sitehelpers import MKDOCS_YML, build, make_content, tree

from generator.check.policies import load_policy
from generator.load.settings import load_config
from generator.pipeline import Preview

TODAY = "2026-06-15"


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("INSYN_TODAY", TODAY)
    content = make_content(tmp_path / "content", "kungsbacka")
    config = load_config(MKDOCS_YML)
    config = type(config)(**{**config.__dict__, "content_dir": content})
    shown: list = []
    p = Preview(config, site_dir=tmp_path / "preview", dialogues=content / "dialogues",
                policy=load_policy("kungsbacka"), show_errors=shown.append)  # fmt: skip
    yield p, content, shown
    p.close()


def _without_marker(files: dict) -> dict:
    return {k: v for k, v in files.items() if k != ".insyn-site"}


def test_an_edit_rebuilds_to_the_full_build(preview, tmp_path: Path) -> None:
    p, content, _ = preview
    assert p.build_all() > 0
    edited = sorted((content / "dialogues").glob("*.md"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: ", "title: Nya ", 1), encoding="utf-8")
    assert p.rebuild([edited]) > 0
    assert p.visible_after is not None
    assert build(content, tmp_path / "full", TODAY)[0] == 0
    full, shown = tree(tmp_path / "full"), tree(tmp_path / "preview")
    assert _without_marker(shown) == _without_marker(full)


def test_a_new_and_a_removed_dialogue_rebuild_everything(preview, tmp_path: Path) -> None:
    p, content, _ = preview
    assert p.build_all() > 0
    first, second = sorted((content / "dialogues").glob("*.md"))[:2]
    shutil.copyfile(first, content / "dialogues" / "ny-dialog.md")
    second.unlink()
    assert p.rebuild([content / "dialogues" / "ny-dialog.md", second]) > 0
    assert build(content, tmp_path / "full", TODAY)[0] == 0
    assert _without_marker(tree(tmp_path / "preview")) == _without_marker(tree(tmp_path / "full"))


def test_an_error_keeps_the_last_good_site(preview) -> None:
    p, content, shown = preview
    assert p.build_all() > 0
    before = tree(p.site_dir)
    edited = sorted((content / "dialogues").glob("*.md"))[0]
    edited.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    with redirect_stderr(io.StringIO()) as err:
        assert p.rebuild([edited]) == -1
    assert shown and "senaste fungerande" in err.getvalue()
    assert tree(p.site_dir) == before
