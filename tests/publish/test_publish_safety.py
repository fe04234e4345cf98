"""Safe publishing: the post-build scan fails the build on anything executable; pages rendered
from a dialogue that skipped validation carry nothing executable; an interrupted build leaves
the published site whole; two builds of the same input are byte-identical."""

from __future__ import annotations

import datetime as dt
import html
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
from gatecases import PAGE, THEME, page
from xss_vectors import HTML, URLS, VECTORS, executable, sample_data

from generator.check.policies import load_policy
from generator.core.model import Dialogue
from generator.core.settings import SiteConfig
from generator.core.site import Entry, SiteData
from generator.core.status import derive_status
from generator.core.urls import url_is_safe
from generator.publish.gate import scan_html, scan_site
from generator.render.site import render_site

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 6, 1)
POLICY = load_policy("kungsbacka")

# HTML vectors that a browser does not execute: markup written with character references and
# an XML processing instruction (a bogus comment in HTML).
INERT = {
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    '<?xml-stylesheet href="javascript:alert(1)"?>',
}





# --- the scan on crafted HTML ----------------------------------------------------------------


def test_theme_page_is_clean():
    assert scan_html(page("<p>Text med <a href='https://x.se'>länk</a>.</p>"), THEME, PAGE) == []


@pytest.mark.parametrize("payload", [p for p in HTML if p not in INERT])
def test_scan_finds_every_executable_html_vector(payload):
    problems = scan_html(page(f"<p>Före</p>\n{payload}\n<p>Efter</p>"), THEME, PAGE)
    assert problems, payload
    assert all(line >= 8 for line, _ in problems)  # reported where the content is, not above


SCHEME_URLS = [u for u in URLS if not url_is_safe(u)]


@pytest.mark.parametrize("url", SCHEME_URLS)
@pytest.mark.parametrize(
    "template",
    ['<a href="{}">x</a>', '<img src="{}" alt="x">', '<form action="{}"></form>',
     '<object data="{}"></object>'],
)  # fmt: skip
def test_scan_finds_dangerous_urls(url, template):
    content = template.format(html.escape(url, quote=True))
    assert scan_html(page(content), THEME, PAGE), content


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ('<script src="https://evil.example/assets/javascripts/insyn-scope.js"></script>',
         "external script with a theme file's name"),
        ('<script src="//evil.example/assets/javascripts/bundle.a5f9d56c.min.js"></script>',
         "protocol-relative script"),
        ('<script src="../../assets/javascripts/evil.js"></script>', "unknown local script"),
        ('<script src="../../assets/javascripts/insyn-scope.js?x=1#y"></script><script>1</script>',
         "inline script after an allowed one"),
        ('<script id="__config" type="application/json">{}</script>', "a second __config"),
        ('<script type="text/plain">alert(1)</script>', "any inline script"),
        ("<SCRIPT>alert(1)</SCRIPT>", "upper case"),
        ('<div title="x" onclick="alert(1)">x</div>', "event attribute"),
        ('<a href="&#x6A;avascript:alert(1)">x</a>', "entity-encoded scheme"),
        ('<a href=" java\tscript:alert(1)">x</a>', "tab inside the scheme"),
        ('<img srcset="ok.png 1x, javascript:alert(1) 2x">', "srcset candidate"),
        ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "SVG xlink:href"),
        ('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', "SVG set"),
        ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', "meta refresh"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "a redirect"),
        ('<meta name="description" content="x" http-equiv="refresh">', "a broken-out summary"),
        ("<meta http-equiv=\"Content-Security-Policy\" content=\"style-src 'none'\">", "CSP"),
        ('<meta HTTP-EQUIV="set-cookie" content="a=b">', "a cookie, in capitals"),
        ('<meta name="description" content="x" onload="y">', "an attribute no template writes"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style attribute"),
        ("<style>@import 'https://evil.example/x.css';</style>", "style element"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "external stylesheet"),
        ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
         "mutation XSS hidden in an attribute for html.parser"),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
         "mutation XSS hidden in <style> for html.parser"),
    ],
)  # fmt: skip
def test_scan_finds_crafted_problems(content, why):
    assert scan_html(page(content), THEME, PAGE), why


def test_theme_script_paths_are_resolved_from_the_page():
    root = '<script src="assets/javascripts/insyn-scope.js"></script>'
    assert scan_html(root, THEME, "index.html") == []
    assert scan_html(root, THEME, "dialogues/x/index.html")  # would load a missing file


def test_scan_site_fails_on_any_bad_page(tmp_path):
    site = tmp_path / "site"
    (site / "dialogues" / "x").mkdir(parents=True)
    (site / "dialogues" / "x" / "index.html").write_text(page("<p>ok</p>"), encoding="utf-8")
    assert scan_site(site, THEME) == []
    (site / "dialogues" / "y").mkdir()
    bad = page('<p>ok</p>\n<img src=x onerror="alert(1)">')
    (site / "dialogues" / "y" / "index.html").write_text(bad, encoding="utf-8")
    (site / "bild.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    problems = scan_site(site, THEME)
    assert [(p.file, p.line) for p in problems] == [("bild.svg", 1), ("dialogues/y/index.html", 8)]
    assert "onerror" in problems[1].message


# --- pages rendered from a dialogue that skipped validation -----------------------------------


def forced_dialogue(kind: str, payload: str) -> Dialogue:
    """The valid dialogue with ``payload`` forced into every text or URL field, unvalidated."""
    data, _ = sample_data()
    d = Dialogue.model_validate(data)
    if kind == "url":
        ways = [w.model_copy(update={"url": payload}) for w in d.participation]
        docs = [doc.model_copy(update={"url": payload}) for doc in d.documents]
        feedback = d.feedback.model_copy(update={"report": payload}) if d.feedback else None
        return d.model_copy(update={"participation": ways, "documents": docs, "feedback": feedback})
    ways = [
        w.model_copy(update={"title": payload, "location": payload}) for w in d.participation
    ]
    docs = [doc.model_copy(update={"title": payload}) for doc in d.documents]
    groups = [g.model_copy(update={"group": payload, "reach": [payload]}) for g in d.target_groups]
    updates = [u.model_copy(update={"text": payload}) for u in d.updates]
    influence = d.influence.model_copy(update={"what": payload}) if d.influence else None
    return d.model_copy(
        update={
            "title": payload, "summary": payload, "area": payload, "purpose": payload,
            "goal": payload, "topics": [payload], "participation": ways, "documents": docs,
            "target_groups": groups, "updates": updates, "influence": influence,
        }
    )  # fmt: skip


def site_with(entries: list[tuple[str, Dialogue, str]], root: Path) -> SiteData:
    config = SiteConfig(
        root=root, mkdocs_file=ROOT / "mkdocs.yml", content_dir=root / "content",
        settings={"contact_email": "kontaktcenter@kungsbacka.se"},
    )  # fmt: skip
    made = [
        Entry(slug, f"{slug}.md", d, body, derive_status(d, TODAY, 60), ())
        for slug, d, body in entries
    ]
    return SiteData(tuple(sorted(made, key=lambda e: e.slug)), POLICY, config, TODAY)


def _engine_markdown(text: str) -> str:
    """Markdown → HTML with the extensions the site's mkdocs.yml turns on."""
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    return markdown.markdown(body, extensions=["toc", "tables", "attr_list"])


@pytest.fixture(scope="module")
def rendered_pages(tmp_path_factory) -> dict[str, str]:
    """Every Markdown page of a staging folder for a site whose dialogues each carry one
    vector in every field and in the body, rendered to HTML the way MkDocs would."""
    from sitehelpers import make_content

    root = tmp_path_factory.mktemp("forced")
    make_content(root / "content", "kungsbacka")
    # Field values are one line here: the calendar renderer (icalendar) refuses a newline in
    # a title or location with an AssertionError, which is a separate robustness issue.
    entries = [
        (f"v{i:03d}", forced_dialogue(v.kind, " ".join(v.payload.split("\n"))),
         f"Text.\n\n{v.payload}\n")
        for i, v in enumerate(VECTORS)
    ]  # fmt: skip
    rendered = render_site(site_with(entries, root))
    return {
        rel: _engine_markdown(data.decode("utf-8"))
        for rel, data in rendered.files.items()
        if rel.endswith(".md")
    }


def test_forced_dialogues_render_pages(rendered_pages):
    dialogue_pages = [rel for rel in rendered_pages if rel.startswith("dialogues/v")]
    assert len(dialogue_pages) == len(VECTORS)


def test_pages_from_unvalidated_dialogues_carry_nothing_executable(rendered_pages):
    bad = {}
    for rel, page_html in rendered_pages.items():
        found = executable(page_html) + [m for _, m in scan_html(page_html, set(), rel)]
        if found:
            bad[rel] = found
    assert bad == {}


# --- publishing: interrupted and reproducible builds ------------------------------------------



def _content(tmp_path: Path) -> Path:
    from sitehelpers import make_content

    return make_content(tmp_path / "content", "kungsbacka")


def _build_cmd(content: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--config", str(ROOT / "mkdocs.yml"),
            "--content", str(content), "--site-dir", str(site)]  # fmt: skip


def _env() -> dict[str, str]:
    return {**os.environ, "INSYN_TODAY": "2026-06-15", "PYTHONPATH": str(ROOT)}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_in_separate_processes_are_byte_identical(tmp_path):
    content = _content(tmp_path)
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    for site in (first, second):
        proc = subprocess.run(_build_cmd(content, site), env=_env(), capture_output=True,
                              text=True, timeout=300, cwd=tmp_path)  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-3000:]
    a, b = tree(first), tree(second)
    assert a.keys() == b.keys() and len(a) > 10
    assert [k for k in a if a[k] != b[k]] == []
    assert scan_site(first, {k for k in a if k.startswith("assets/javascripts/")}) == []


@pytest.mark.parametrize("moment", ["staging", "engine", "late"])
def test_killed_build_leaves_the_published_site_whole(tmp_path, moment):
    content = _content(tmp_path)
    site = tmp_path / "out" / "site"
    proc = subprocess.run(_build_cmd(content, site), env=_env(), capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    before = tree(site)
    # Change the content so that a finished build would change the site.
    extra = content / "dialogues" / "lekplats-i-hede.md"
    extra.write_text(extra.read_text(encoding="utf-8").replace("Hede", "Hedé"), "utf-8")
    child = subprocess.Popen(_build_cmd(content, site), env=_env(), cwd=tmp_path,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            new = [p for p in site.parent.glob(f".{site.name}-new-*") if p.is_dir()]
            if moment == "staging" and new:
                break
            if moment == "engine" and new and any(new[0].rglob("*.html")):
                break
            if moment == "late" and new and (new[0] / "sitemap.xml").exists():
                break
            time.sleep(0.002)
        killed = child.poll() is None
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    if not killed:
        pytest.skip(f"the build finished before the moment {moment!r} was seen")
    assert site.is_dir(), "the published site folder is gone"
    after = tree(site)
    assert after.keys() == before.keys()
    assert [k for k in before if before[k] != after[k]] == []


def _two_sites(tmp_path: Path) -> tuple[Path, Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("gammal", encoding="utf-8")
    new = tmp_path / ".site-new-x"
    new.mkdir()
    (new / "index.html").write_text("ny", encoding="utf-8")
    return site, new


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux only")
def test_the_swap_is_one_atomic_exchange_on_linux(tmp_path, monkeypatch):
    """On Linux the swap never goes through a moment without a site folder: no rename."""
    from generator.publish import swap as publish

    site, new = _two_sites(tmp_path)

    def rename(src, dst):
        raise AssertionError(f"two-step rename used: {src} -> {dst}")

    monkeypatch.setattr(publish.os, "rename", rename)
    publish.swap_into_place(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_crash_between_the_two_renames_is_recovered(tmp_path, monkeypatch):
    """Where the OS lacks an atomic exchange the swap is two renames; a process killed
    between them leaves the old site beside the site path, and the next build's
    ``recover`` puts it back before anything else happens."""
    from generator.publish import swap as publish

    site, new = _two_sites(tmp_path)
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    calls = []
    real_rename = os.rename

    def rename(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:
            raise SystemExit("killed")  # what SIGKILL would do, as far as the folders go
        real_rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", rename)
    with pytest.raises(SystemExit):
        publish.swap_into_place(new, site)
    monkeypatch.undo()
    assert not site.exists()  # the window the atomic exchange closes
    publish.recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "gammal"


def test_the_theme_s_own_meta_elements_are_allowed():
    meta = (
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        '<meta name="description" content="Vi frågade &quot;alla&quot;">'
    )
    assert scan_html(page(meta), THEME, PAGE) == []


def test_theme_scripts_are_allowed_by_their_server_path_under_a_sub_path(tmp_path):
    from generator.engine.mkdocs import theme_scripts

    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.js").write_text("x")
    allowed = theme_scripts(tmp_path, "https://www.kommun.se/insyn/")
    absolute = '<script src="/insyn/assets/javascripts/bundle.js"></script>'
    assert scan_html(absolute, allowed, "404.html") == []
    assert scan_html(absolute, theme_scripts(tmp_path, "https://insyn.kommun.se/"), "404.html")
