"""Browser tests: the built site in a real Chromium, checked with axe-core and by hand-made probes.

The demo site is built once per session (``insyn build`` with ``INSYN_TODAY=2026-11-25``),
served from a thread on 127.0.0.1 and opened with Playwright in Debian's Chromium. Nothing
is downloaded at test time: Chromium comes from ``apt-get install chromium`` and axe-core
is vendored by ``make`` (``npm install --prefix .venv/axe axe-core@4``).

Environment:
- ``INSYN_CHROMIUM``: the browser (default ``/usr/bin/chromium``).
- ``INSYN_AXE``: axe.min.js (default ``.venv/axe/node_modules/axe-core/axe.min.js``).
- ``INSYN_BROWSER_SITE``: an already built site folder to test instead of building one.

A test skips, with the reason, only when Chromium or axe-core is not installed (or, for
the Ale build, when its fixtures have no dialogue of a status). A failing build, a missing
page type and every axe violation fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import (
    AXE,
    CHROMIUM,
    LAUNCH_ARGS,
    ROOT,
    BuiltSite,
    Server,
    build_site,
    serve,
)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in a real Chromium (tests/browser)")


@pytest.fixture(scope="session")
def kungsbacka_site(tmp_path_factory) -> BuiltSite:
    return build_site("kungsbacka", tmp_path_factory, ROOT / "content", "kungsbacka")


@pytest.fixture(scope="session")
def ale_site(tmp_path_factory) -> BuiltSite:
    content = ROOT / "tests/fixtures/ale"
    return build_site(
        "ale", tmp_path_factory, content, "ale", "--policy", "ale", "--content", str(content)
    )


@pytest.fixture(scope="session")
def server(kungsbacka_site) -> Iterator[Server]:
    yield from serve(kungsbacka_site)


@pytest.fixture(scope="session")
def ale_server(ale_site) -> Iterator[Server]:
    yield from serve(ale_site)


# --- the browser -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no browser at {CHROMIUM}: run `apt-get install chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not vendored at {AXE}: run `make axe` (`make test` does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="sv-SE", bypass_csp=True)
    yield ctx
    ctx.close()


@pytest.fixture
def nojs_context(browser):
    ctx = browser.new_context(locale="sv-SE", java_script_enabled=False)
    yield ctx
    ctx.close()


@pytest.fixture
def phone_context(browser):
    ctx = browser.new_context(
        locale="sv-SE",
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield ctx
    ctx.close()


