"""`insyn serve`: build, preview on 127.0.0.1, and rebuild when content changes.

Changes are found by polling (file names, sizes and modification times under the content
folder, the theme folder and mkdocs.yml). A rebuild that fails keeps the last good site.
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import functools
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.cli.build import (
    add_build_options,
    build_config,
    dialogue_folder,
    guard_site_dir,
)
from generator.cli.common import policy_for
from generator.cli.formats import FORMATS, Report
from generator.core.settings import ConfigError, SiteConfig
from generator.pipeline import Preview


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "serve",
        help="förhandsgranska webbplatsen lokalt; bygger om när innehållet ändras",
        description="Bygger webbplatsen i en tillfällig mapp (eller --site-dir) och visar den "
        "på http://127.0.0.1:PORT/. Ändrade filer under content/ byggs om automatiskt.",
    )
    add_build_options(p)
    p.add_argument("--port", type=int, default=8000, help="port (standard: 8000)")
    p.add_argument(
        "--interval", type=float, default=1.0, metavar="SEKUNDER",
        help="hur ofta ändringar letas efter (standard: 1)",
    )  # fmt: skip
    return p


def fingerprint(paths: list[Path]) -> tuple:
    """Names, sizes and modification times of every file under ``paths``."""
    found = []
    for root in paths:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            if f.is_file():
                found.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(found)


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site; a missing path gets the site's 404.html with status 404, as a
    host (GitHub Pages, nginx ``error_page``) would. Quiet: the preview prints its own log."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
            self.send_response(HTTPStatus.NOT_FOUND)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def send_head(self):
        try:
            return super().send_head()
        except ValueError:  # a path the file system cannot take (`/%00`): no such page
            self.send_error(HTTPStatus.NOT_FOUND)
            return None

    def log_message(self, format: str, *args: object) -> None:  # quiet preview
        pass


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """One line instead of a traceback: a broken request stops nothing."""
        print(f"insyn serve: en begäran från {client_address[0]} kunde inte besvaras.",
              file=sys.stderr)  # fmt: skip


class _Stop(Exception):
    """SIGTERM: stop as Ctrl+C does, cleaning up."""


def _stop(signum, frame) -> None:
    raise _Stop


def _rebuild(
    config: SiteConfig,
    args: argparse.Namespace,
    preview: Preview | None = None,
    changed: list[Path] | None = None,
) -> Preview | None:
    """Rebuild incrementally when only dialogues changed, else fully (see pipeline.Preview)."""
    start = time.perf_counter()
    try:
        # The folder found at the start: `--content DIR` without `dialogues/` in it means a
        # folder of dialogue files, which a moved-away folder must not turn into.
        dialogues = preview.dialogues if preview is not None else dialogue_folder(config, args)
        if not dialogues.is_dir():
            print(f"insyn serve: mappen {dialogues} finns inte just nu. Förhandsvisningen visar "
                  "den senaste fungerande versionen och byggs om när mappen finns igen.",
                  file=sys.stderr)  # fmt: skip
            if preview is not None:
                preview.failed = True
            return preview
        failed = preview is not None and preview.failed
        if preview is None or failed or not changed or not only_dialogues(changed, dialogues):
            if preview is not None:
                preview.close()
            policy = policy_for(args, config)
            preview = Preview(
                config=config, site_dir=config.site_dir, dialogues=dialogues,
                policy=policy, show_errors=functools.partial(_show_errors, policy=policy),
            )  # fmt: skip
            files = preview.build_all()
        else:
            files = preview.rebuild(changed)
        preview.failed = files < 0  # the next change then rebuilds everything
        if files >= 0:
            print(f"Klart på {time.perf_counter() - start:.1f} s ({files} filer).")
    except ConfigError as exc:  # a policy, the settings or the statement: every problem
        print(f"insyn: {exc}", file=sys.stderr)
    return preview


def run(args: argparse.Namespace) -> int:
    config = build_config(args)
    scratch = None
    if args.site_dir is not None:
        guard_site_dir(config, args)
    else:
        scratch = Path(tempfile.mkdtemp(prefix="insyn-preview-"))
        config = dataclasses.replace(config, site_dir=scratch / "site")
    preview = server = None
    serving = False
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        config.site_dir.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(SiteHandler, directory=str(config.site_dir.resolve()))
        try:
            server = PreviewServer(("127.0.0.1", args.port), handler)
        except OSError as exc:
            print(f"insyn serve: kan inte lyssna på port {args.port}: {_why(exc)}. Välj en "
                  "annan med --port.", file=sys.stderr)  # fmt: skip
            return 2
        watched = [
            config.content_dir, dialogue_folder(config, args), config.mkdocs_file,
            config.root / "theme",
        ]  # fmt: skip
        preview = _rebuild(config, args)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        serving = True
        port = server.server_address[1]
        print(f"Förhandsvisning på http://127.0.0.1:{port}/ (avsluta med Ctrl+C)")
        last = fingerprint(watched)
        while True:
            time.sleep(args.interval)
            now = fingerprint(watched)
            if now != last:
                changed, last = changed_paths(last, now), now
                print("Ändring hittad, bygger om …")
                preview = _rebuild(config, args, preview, changed)
    except _Stop:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server is not None:
            if serving:  # (shutdown waits for serve_forever, which must have started)
                server.shutdown()
            server.server_close()
        if preview is not None:
            preview.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _show_errors(results, policy) -> None:
    sys.stderr.write(FORMATS["text"](Report(results, policy)))


def changed_paths(before: tuple, after: tuple) -> list[Path]:
    """Files whose (name, size, mtime) entry differs between two fingerprints."""
    old = {entry[0]: entry for entry in before}
    new = {entry[0]: entry for entry in after}
    return [Path(p) for p in sorted(set(old) | set(new)) if old.get(p) != new.get(p)]


def only_dialogues(paths: list[Path], dialogues: Path) -> bool:
    root = os.path.abspath(dialogues)
    return all(os.path.abspath(p).startswith(root + os.sep) and p.suffix == ".md" for p in paths)


def _why(exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return "porten används redan"
    if exc.errno == errno.EACCES:
        return "behörighet saknas"
    return exc.strerror or str(exc)
