"""The staging folder: files land below it and nowhere else (generator/render/__init__.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render import Staging


@pytest.mark.parametrize(
    "rel", ["../x.md", "a/../../x.md", "/etc/passwd", "dialogues/../../x.md", "a/b/../../../x"]
)
def test_paths_that_leave_the_folder_are_refused(tmp_path: Path, rel: str) -> None:
    out = Staging(tmp_path / "staging")
    with pytest.raises(ValueError, match="outside staging"):
        out.write(rel, "x")
    assert not (tmp_path / "x.md").exists() and out.written == []


def test_paths_inside_are_written_where_they_say(tmp_path: Path) -> None:
    out = Staging(tmp_path / "staging")
    out.write("dialogues/a.md", "ett")
    out.write("dialogues/b.md", b"tv\xc3\xa5")  # the folder exists now
    out.write("data/../index.md", "start")
    root = tmp_path / "staging"
    assert (root / "dialogues" / "a.md").read_text() == "ett"
    assert (root / "dialogues" / "b.md").read_text() == "två"
    assert (root / "index.md").read_text() == "start"
    assert out.written == ["dialogues/a.md", "dialogues/b.md", "data/../index.md"]
    assert out.exists("dialogues/a.md") and not out.exists("dialogues/c.md")
    assert out.path(".") == root.resolve() and not out.exists(".")  # the folder, not a file

