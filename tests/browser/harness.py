"""Helpers for the browser tests: build, serve, page types, axe (see conftest.py)."""


from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli.serve import SiteHandler

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
CHROMIUM = os.environ.get("INSYN_CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("INSYN_AXE", ROOT / ".venv/axe/node_modules/axe-core/axe.min.js"))
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Every page type of the site, with its path ("{status}" pages are found from the content).
STATIC_PAGES = {
    "start": "/",
    "deviations": "/deviations/",
    "list": "/dialogues/",
    "follow-up": "/follow-up/",
    "planned": "/planned/",
    "policy": "/policy/",
    "propose": "/propose/",
    "guide": "/guide/",
    "data": "/data/",
    "accessibility": "/accessibility/",
    "privacy": "/privacy/",
}
STATUSES = (
    "planned",
    "ongoing",
    "awaiting-feedback",
    "feedback-overdue",
    "completed",
    "cancelled",
)
CLOSED_STATUSES = ("awaiting-feedback", "feedback-overdue", "completed", "cancelled")
NOT_FOUND_PATH = "/finns-inte-alls/"
PAGE_TYPES = [*STATIC_PAGES, *(f"dialogue-{s}" for s in STATUSES), "404"]


# --- the build -------------------------------------------------------------------------


@dataclass
class BuiltSite:
    """A built site folder and what the content says is in it."""

    name: str
    root: Path
    slugs_by_status: dict[str, list[str]] = field(default_factory=dict)

    @property
    def slugs(self) -> list[str]:
        return sorted(s for slugs in self.slugs_by_status.values() for s in slugs)


def run_build(site_dir: Path, *extra: str) -> None:
    cmd = [sys.executable, "-m", "generator", "build", "--site-dir", str(site_dir), *extra]
    env = {**os.environ, "INSYN_TODAY": TODAY}
    proc = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise AssertionError(f"`{' '.join(cmd[2:])}` failed ({proc.returncode}):\n{output}")
    assert (site_dir / "index.html").is_file(), f"`insyn build` wrote no {site_dir}/index.html"


def statuses(content: Path, policy: str) -> dict[str, list[str]]:
    """Slugs per derived status on TODAY, computed with the generator's own model."""
    from generator.check.discover import discover
    from generator.check.engine import check_files
    from generator.check.policies import load_policy
    from generator.core.status import derive_status

    pol = load_policy(policy)
    today = dt.date.fromisoformat(TODAY)
    out: dict[str, list[str]] = {}
    for checked in check_files(discover([content / "dialogues"]), pol, today):
        if checked.dialogue is None:
            continue
        status = derive_status(
            checked.dialogue, today, pol.thresholds.feedback_deadline_days
        )
        out.setdefault(str(status), []).append(checked.slug)
    return {k: sorted(v) for k, v in out.items()}


def build_site(name: str, tmp_factory, content: Path, policy: str, *extra: str) -> BuiltSite:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no browser at {CHROMIUM}: run `apt-get install chromium` (.ci/run does)")
    given = os.environ.get("INSYN_BROWSER_SITE") if name == "kungsbacka" else None
    if given:
        root = Path(given)
    else:
        root = tmp_factory.mktemp(f"site-{name}")
        run_build(root, *extra)
    return BuiltSite(name, root, statuses(content, policy))


# --- serving ---------------------------------------------------------------------------


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser closing a connection early is not an error worth a traceback."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Server:
    site: BuiltSite
    base: str

    def url(self, path: str) -> str:
        return self.base + path


def serve(site: BuiltSite) -> Iterator[Server]:
    handler = functools.partial(SiteHandler, directory=str(site.root))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(site, f"http://127.0.0.1:{httpd.server_address[1]}")
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- page types ------------------------------------------------------------------------


def page_path(site: BuiltSite, page_type: str) -> str:
    """The path of ``page_type`` in ``site``; skips if the content has no such page."""
    if page_type == "404":
        return NOT_FOUND_PATH
    if page_type.startswith("dialogue-"):
        status = page_type.removeprefix("dialogue-")
        slugs = site.slugs_by_status.get(status)
        if not slugs:
            message = f"the {site.name} content has no dialogue with status {status} on {TODAY}"
            if site.name == "kungsbacka":  # the demo promises one of every status
                pytest.fail(message)
            pytest.skip(message)
        return f"/dialogues/{slugs[0]}/"
    return STATIC_PAGES[page_type]


def goto(page, server: Server, page_type: str):
    """Open a page type; every page type must exist in the built site."""
    path = page_path(server.site, page_type)
    response = page.goto(server.url(path), wait_until="load")
    assert response is not None, f"no response for {path}"
    if page_type == "404":
        assert response.status == 404
        assert (server.site.root / "404.html").is_file(), "the site has no 404.html"
        return response
    assert response.status == 200, f"{path}: HTTP {response.status}"
    return response


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


# --- probes run in the page ------------------------------------------------------------

# Elements a keyboard user must be able to reach: visible and not taken out of the order.
FOCUSABLE_JS = """() => {
    const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
        + '[tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable=true]';
    const out = [];
    let n = 0;
    for (const el of document.querySelectorAll(sel)) {
        if (el.disabled || el.closest('[inert]')) continue;
        if (el.tabIndex < 0) continue;
        // Seen by nobody (opacity 0, like Material's hidden back-to-top button): not a
        // stop a keyboard user needs; a focused element must be visible (checked apart).
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true,
                                 contentVisibilityAuto: true})) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        el.dataset.kbd = String(n++);
        out.push({id: el.dataset.kbd, tag: el.tagName.toLowerCase(),
                  text: (el.innerText || el.value || el.getAttribute('aria-label') || '')
                      .trim().slice(0, 60),
                  href: el.getAttribute('href')});
    }
    return out;
}"""

# What the focused element looks like: an outline or a box-shadow that shows focus.
ACTIVE_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // Judge what the reader sees once transitions have ended (a fading-in skip link).
    for (const a of document.getAnimations()) {
        try { a.finish(); } catch (e) { /* an endless animation: leave it */ }
    }
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
        id: el.dataset ? (el.dataset.kbd || null) : null,
        tag: el.tagName.toLowerCase(),
        cls: el.className && el.className.baseVal === undefined ? el.className : '',
        text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
        href: el.getAttribute('href'),
        outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
        boxShadow: s.boxShadow,
        visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0',
        inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
}"""

# Wraps storage and cookie writes so that a test sees every write, even one undone later.
RECORD_WRITES_JS = """(() => {
    window.__writes = [];
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
        window.__writes.push((this === window.localStorage ? 'localStorage' : 'sessionStorage')
            + ':' + k);
        return set.apply(this, arguments);
    };
    const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    Object.defineProperty(Document.prototype, 'cookie', {
        get() { return desc.get.call(this); },
        set(v) {
            window.__writes.push('cookie:' + String(v).split('=')[0]);
            desc.set.call(this, v);
        },
    });
})();"""
