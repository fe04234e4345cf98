"""`insyn serve`: a port in use, odd requests, SIGTERM and a content folder that goes away
and comes back are handled with a message, never a traceback."""

from __future__ import annotations

import argparse
import functools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sitehelpers import MKDOCS_YML, make_content, run_cli

from generator.cli.build import build_config
from generator.cli.serve import PreviewServer, SiteHandler, _rebuild

TODAY = "2026-06-15"


def test_a_port_in_use_is_a_usage_error(tmp_path):
    content = make_content(tmp_path / "content", "kungsbacka")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = ["serve", "--config", str(MKDOCS_YML), "--content", str(content), "--port",
                str(port)]  # fmt: skip
        code, out, err = run_cli(args, TODAY)
    assert code == 2
    assert f"port {port}" in err and "används redan" in err
    assert "Traceback" not in out + err


@pytest.fixture
def server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>start</p>", encoding="utf-8")
    (site / "404.html").write_text("<p>saknas</p>", encoding="utf-8")
    handler = functools.partial(SiteHandler, directory=str(site))
    srv = PreviewServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize("path", ["/%00", "/a%00b/", "/%2e%2e/%2e%2e/etc/passwd", "/" + "x" * 5000])
def test_odd_paths_get_the_404_page_and_no_traceback(server, path, capsys):
    with pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(server + path, timeout=5)
    assert failed.value.code == 404
    assert b"saknas" in failed.value.read()
    assert "Traceback" not in capsys.readouterr().err
    assert urllib.request.urlopen(server + "/", timeout=5).read() == b"<p>start</p>"


def test_sigterm_stops_serve_and_removes_its_temporary_folders(tmp_path):
    content = make_content(tmp_path / "content", "kungsbacka")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "INSYN_TODAY": TODAY}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--config", str(MKDOCS_YML), "--content",
         str(content), "--port", "0", "--interval", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith("Förhandsvisning på") or time.monotonic() > deadline:
                break
        assert list(scratch.iterdir()), "the preview works in a temporary folder"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert list(scratch.iterdir()) == []


def test_a_content_folder_that_goes_away_and_comes_back(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INSYN_TODAY", TODAY)
    content = make_content(tmp_path / "content", "kungsbacka")
    site = tmp_path / "site"
    args = argparse.Namespace(
        config=str(MKDOCS_YML), content=content, site_dir=site, policy=None
    )
    config = build_config(args)
    preview = _rebuild(config, args)
    try:
        page = Path(preview.site_dir) / "dialogues" / "badplatser-i-saro" / "index.html"
        assert page.is_file()
        away = tmp_path / "away"
        dialogues = content / "dialogues"
        changed = sorted(dialogues.rglob("*.md"))
        dialogues.rename(away)
        preview = _rebuild(config, args, preview, changed)
        assert "finns inte just nu" in capsys.readouterr().err
        away.rename(dialogues)
        preview = _rebuild(config, args, preview, changed)
        out = capsys.readouterr()
        assert "Klart på" in out.out, out
        assert "kan inte läsas" not in out.err
        assert page.is_file()
        (dialogues / "badplatser-i-saro.md").write_text(
            (dialogues / "badplatser-i-saro.md").read_text("utf-8").replace(
                "Badplatser i Särö", "Badplatserna i Särö"
            ),
            encoding="utf-8",
        )
        preview = _rebuild(config, args, preview, [dialogues / "badplatser-i-saro.md"])
        assert "Badplatserna i Särö" in page.read_text("utf-8")
    finally:
        preview.close()
