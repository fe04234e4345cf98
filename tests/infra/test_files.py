"""Writing files with few system calls: the same result as ``open`` and ``os.makedirs``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.infra.files import Folders, write_bytes


def test_write_bytes_makes_folders_and_replaces(tmp_path: Path):
    folders = Folders()
    target = tmp_path / "a" / "b" / "c.txt"
    write_bytes(str(target), b"first version, longer", folders)
    write_bytes(str(target), b"second", folders)
    assert target.read_bytes() == b"second"  # truncated, not overwritten in place
    sibling = tmp_path / "a" / "b" / "d" / "e.txt"  # the parent is known: one mkdir
    write_bytes(str(sibling), b"", folders)
    assert sibling.read_bytes() == b""


def test_large_content_is_written_whole(tmp_path: Path):
    data = os.urandom(3 * 1024 * 1024)
    write_bytes(str(tmp_path / "big.bin"), data)
    assert (tmp_path / "big.bin").read_bytes() == data


def test_folders_are_made_once(tmp_path: Path, monkeypatch):
    folders = Folders()
    folders.make(str(tmp_path / "x" / "y"))
    calls = []
    monkeypatch.setattr(os, "makedirs", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(os, "mkdir", lambda *a, **k: calls.append(a))
    folders.make(str(tmp_path / "x" / "y"))
    assert calls == []


def test_file_in_the_way_is_an_error(tmp_path: Path):
    folders = Folders()
    folders.make(str(tmp_path))
    (tmp_path / "page").write_text("a file, not a folder")
    with pytest.raises(OSError):
        write_bytes(str(tmp_path / "page" / "index.html"), b"x", folders)
    with pytest.raises(OSError):
        write_bytes(str(tmp_path / "other" / "index.html"), b"x")  # no folders: none made


def test_mode_follows_the_umask(tmp_path: Path):
    old = os.umask(0o027)
    try:
        write_bytes(str(tmp_path / "f"), b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "f").stat().st_mode & 0o777 == 0o640
