"""`insyn build`: errors write nothing, failures leave the site alone, output is reproducible."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from conftest import to_text, valid_dialogue
from sitehelpers import FIXTURES, article, build, make_content, run_cli, text_of, tree

from generator.engine.mkdocs import filter_nav
from generator.publish.swap import MARKER, MARKER_TEXT, swap_into_place

TODAY = "2026-06-15"


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A site folder that Insyn published, which a failed build must leave exactly as it is."""
    site = tmp_path / "site"
    (site / "dialogues").mkdir(parents=True)
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (site / "index.html").write_text("<p>publicerad</p>", encoding="utf-8")
    (site / "dialogues" / "a.html").write_bytes(b"\x00gammal\xff")
    return site


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-"))


def test_content_errors_stop_the_build(tmp_path: Path, published: Path) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    broken = valid_dialogue("kungsbacka")
    del broken["responsible"]
    (content / "dialogues" / "utan-ansvarig.md").write_text(to_text(broken), encoding="utf-8")
    before = tree(published)
    code, _, err = build(content, published, TODAY)
    assert code == 1
    assert "utan-ansvarig.md" in err and "responsible-person" in err
    assert "1 fel" in err
    assert tree(published) == before
    assert leftovers(published) == []


def test_engine_failure_leaves_the_site_alone(tmp_path: Path, published: Path) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    (content / "about.md").write_text("# Om\n\nSe [sidan](finns-inte.md).\n", encoding="utf-8")
    before = tree(published)
    code, _, err = build(content, published, TODAY)
    assert code == 1
    assert "finns-inte.md" in err
    assert tree(published) == before
    assert leftovers(published) == []


def test_scan_failure_leaves_the_site_alone(tmp_path: Path, published: Path) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    (content / "about.md").write_text("# Om\n\n<script>alert(1)</script>\n", encoding="utf-8")
    before = tree(published)
    code, _, err = build(content, published, TODAY)
    assert code == 1
    assert "about/index.html" in err and "script" in err
    assert tree(published) == before


def test_two_builds_are_byte_identical_and_replace_the_site(
    tmp_path: Path, published: Path
) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    assert build(content, published, TODAY)[0] == 0
    first = tree(published)
    assert "dialogues/a.html" not in first  # the old site was replaced, not merged
    other = tmp_path / "other" / "site"
    assert build(content, other, TODAY)[0] == 0
    second = tree(other)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert "sitemap.xml.gz" in first and "search/search_index.json" in first
    sitemap = gzip.decompress(first["sitemap.xml.gz"]).decode("utf-8")
    assert f"<lastmod>{TODAY}</lastmod>" in sitemap
    assert leftovers(published) == []


def test_ale_site_names_sectors(tmp_path: Path) -> None:
    site = tmp_path / "site"  # a folder of dialogue files; the site's pages stay the repo's
    code, out, err = build(FIXTURES / "ale" / "dialogues", site, "2026-11-25", "--policy", "ale")
    assert code == 0, out + err
    html = (site / "dialogues" / "framtidens-ale-torg" / "index.html").read_text("utf-8")
    text = text_of(article(html))
    assert "Sektor Sektor samhällsbyggnad" in text  # the fact box: label, then the name
    assert "Insyn – Ale kommun" in html
    policy = text_of(article((site / "policy" / "index.html").read_text("utf-8")))
    assert "Policy för invånardialog i Ale kommun" in policy


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run_cli(
        ["build", "--config", str(tmp_path / "nej.yml"), "--site-dir", str(tmp_path / "s")],
        TODAY,
    )
    assert code == 2 and "nej.yml" in err
    assert not (tmp_path / "s").exists()


def test_filter_nav_keeps_only_staged_pages(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("x")
    (tmp_path / "follow-up.md").write_text("x")
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.md").write_text("x")
    nav = [
        {"Start": "index.md"},
        {"Årsuppföljning": "follow-up/index.md"},
        {"Guide": "guide.md"},
        {"Planerade": "planned/index.md"},
        {"Del": [{"Saknas": "nej.md"}]},
        {"Extern": "https://example.se/"},
    ]
    assert filter_nav(nav, tmp_path) == [
        {"Start": "index.md"},
        {"Årsuppföljning": "follow-up.md"},
        {"Guide": "guide/index.md"},
        {"Extern": "https://example.se/"},
    ]


def test_swap_replaces_the_folder(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / "new"
    (site / "old").mkdir(parents=True)
    (new / "fresh").mkdir(parents=True)
    swap_into_place(new, site)
    assert (site / "fresh").is_dir() and not (site / "old").exists() and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_serve_notices_changed_content(tmp_path: Path) -> None:
    import os

    from generator.cli.serve import fingerprint

    page = tmp_path / "content" / "dialogues" / "a.md"
    page.parent.mkdir(parents=True)
    page.write_text("ett", encoding="utf-8")
    before = fingerprint([tmp_path / "content"])
    assert fingerprint([tmp_path / "content"]) == before
    page.write_text("två", encoding="utf-8")
    os.utime(page, ns=(1, 1))  # a different modification time, whatever the clock says
    assert fingerprint([tmp_path / "content"]) != before
    (page.parent / "b.md").write_text("x", encoding="utf-8")
    assert len(fingerprint([tmp_path / "content"])) == 2


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Share the work with worker processes even for the small fixture corpus."""
    for module in _parallel_modules():
        monkeypatch.setattr(module, "PARALLEL_FROM", 1)


def _parallel_modules() -> tuple:
    import generator.engine.mkdocs
    import generator.publish.gate
    import generator.render
    import generator.render.calendar
    import generator.render.dialogue_pages
    import generator.render.pages

    return (generator.engine.mkdocs, generator.render, generator.render.calendar,
            generator.render.dialogue_pages, generator.render.pages,
            generator.publish.gate)  # fmt: skip


def test_parallel_build_is_byte_identical_to_serial(tmp_path: Path, parallel) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    assert build(content, tmp_path / "parallel", TODAY)[0] == 0
    for module in _parallel_modules():
        module.PARALLEL_FROM = 10**9  # restored by the fixture
    assert build(content, tmp_path / "serial", TODAY)[0] == 0
    one, two = tree(tmp_path / "parallel"), tree(tmp_path / "serial")
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []


def test_parallel_staging_lists_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel
) -> None:
    import generator.publish.swap

    content = make_content(tmp_path / "content", "kungsbacka")
    stage = generator.publish.swap.stage
    listed: list[list[str]] = []
    staged: list[dict] = []

    def listing(site, staging_dir, **kwargs):
        out = stage(site, staging_dir, **kwargs)
        listed.append(list(out.written))
        staged.append(dict(out.files))  # the build empties it
        return out

    monkeypatch.setattr(generator.publish.swap, "stage", listing)
    assert build(content, tmp_path / "parallel", TODAY)[0] == 0
    for module in _parallel_modules():
        module.PARALLEL_FROM = 10**9  # restored by the fixture
    assert build(content, tmp_path / "serial", TODAY)[0] == 0
    assert listed[0] == listed[1] and "dialogues/index.md" in listed[0]
    # Pages are kept in memory: the workers' pages came back, as made in one process.
    pages = {rel for rel in listed[0] if rel.endswith(".md")}
    assert staged[0] == staged[1] and staged[0].keys() == pages


@pytest.mark.parametrize("workers", [False, True])
def test_staging_in_memory_builds_the_same_site_as_staging_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    import generator.publish.swap

    if workers:
        for module in _parallel_modules():
            monkeypatch.setattr(module, "PARALLEL_FROM", 1)
    content = make_content(tmp_path / "content", "kungsbacka")
    (content / "bilder").mkdir()
    (content / "bilder" / "karta.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    # A hand-written page saved with a byte-order mark, which the engine drops on reading.
    (content / "about.md").write_text(
        "\ufeff# Om webbplatsen\n\n![Karta](bilder/karta.png)\n", encoding="utf-8"
    )
    assert build(content, tmp_path / "memory", TODAY)[0] == 0

    stage, on_disk = generator.publish.swap.stage, []
    monkeypatch.setattr(generator.publish.swap, "IN_MEMORY_UP_TO", 0)  # a large site: on disk

    def stage_on_disk(site, staging_dir, **kwargs):
        out = stage(site, staging_dir, **kwargs)
        assert out.files is None
        staged = staging_dir.rglob("*.*")
        on_disk.append(sorted(p.relative_to(staging_dir).as_posix() for p in staged))
        return out

    monkeypatch.setattr(generator.publish.swap, "stage", stage_on_disk)
    assert build(content, tmp_path / "disk", TODAY)[0] == 0
    assert "dialogues/index.md" in on_disk[0] and "bilder/karta.png" in on_disk[0]
    one, two = tree(tmp_path / "memory"), tree(tmp_path / "disk")
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []
    assert "bilder/karta.png" in one and "about/index.html" in one


def test_an_engine_without_files_from_memory_finds_them_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where MkDocs' file list cannot take files from memory, they are written into the
    staging folder first: the same site."""
    import mkdocs.structure.files

    content = make_content(tmp_path / "content", "kungsbacka")
    assert build(content, tmp_path / "memory", TODAY)[0] == 0
    monkeypatch.delattr(mkdocs.structure.files, "file_sort_key")
    assert build(content, tmp_path / "written", TODAY)[0] == 0
    assert tree(tmp_path / "memory") == tree(tmp_path / "written")


def _fake_renderers(monkeypatch: pytest.MonkeyPatch, fail: str = "") -> None:
    """Renderers that write a file and report a problem each; ``fail`` raises."""
    import generator.render as render

    def make(name: str):
        def fake(site, out) -> None:
            if name == fail:
                raise ValueError(f"{name} gick fel")
            out.write(f"{name}.txt", f"{name} {os.getpid()}")
            out.problems.append(f"problem i {name}")

        return fake

    names = ("calendar", "dcat", "feeds", "site", "accessibility")
    monkeypatch.setattr(render, "RENDERERS", {name: make(name) for name in names})
    monkeypatch.setattr(render, "_load_renderers", lambda: None)


@pytest.mark.parametrize("fail", ["", "feeds"])
def test_renderers_in_a_worker_list_files_and_problems_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str
) -> None:
    import generator.render as render

    _fake_renderers(monkeypatch, fail)
    site = type("Site", (), {"entries": (1,)})()
    results = []
    for parallel_from in (1, 10**9):
        monkeypatch.setattr(render, "PARALLEL_FROM", parallel_from)
        out = render.Staging(tmp_path / str(parallel_from))
        if fail:
            with pytest.raises(ValueError, match="feeds gick fel"):  # raised here, as serial
                render.render_all(site, out)
            continue
        render.render_all(site, out)
        results.append((out.written, out.problems))
        pids = {(out.root / rel).read_text().split()[1] for rel in out.written}
        assert len(pids) == (2 if parallel_from == 1 else 1)  # the worker wrote some
    if not fail:
        order = ["accessibility", "calendar", "dcat", "feeds", "site"]
        assert results[0] == results[1] == (
            [f"{n}.txt" for n in order], [f"problem i {n}" for n in order]
        )


def test_parallel_build_still_fails_on_engine_warnings(
    tmp_path: Path, published: Path, parallel
) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    (content / "about.md").write_text("# Om\n\nSe [sidan](finns-inte.md).\n", encoding="utf-8")
    (content / "privacy.md").write_text("# P\n\nSe [sidan](saknas.md).\n", encoding="utf-8")
    before = tree(published)
    code, _, err = build(content, published, TODAY)
    assert code == 1
    assert "finns-inte.md" in err and "saknas.md" in err  # from either process
    assert tree(published) == before


def test_parallel_scan_finds_the_same_problems(tmp_path: Path, parallel) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    (content / "about.md").write_text("# Om\n\n<script>alert(1)</script>\n", encoding="utf-8")
    (content / "privacy.md").write_text('# P\n\n<p onclick="x()">p</p>\n', encoding="utf-8")
    code, _, err = build(content, tmp_path / "site", TODAY)
    assert code == 1
    assert "about/index.html" in err and "privacy/index.html" in err


def test_staged_files_are_linked_and_theme_files_copied(tmp_path: Path) -> None:
    import mkdocs.utils

    from generator.engine.mkdocs import _linked_copies

    docs, elsewhere, site = tmp_path / "docs", tmp_path / "theme", tmp_path / "site"
    for folder in (docs, elsewhere):
        folder.mkdir()
        (folder / "a.ics").write_text("BEGIN:VCALENDAR\r\n", encoding="utf-8")
    with _linked_copies(docs):
        mkdocs.utils.copy_file(str(docs / "a.ics"), str(site / "data" / "a.ics"))
        mkdocs.utils.copy_file(str(elsewhere / "a.ics"), str(site / "theme" / "a.ics"))
    assert (site / "data" / "a.ics").samefile(docs / "a.ics")
    assert not (site / "theme" / "a.ics").samefile(elsewhere / "a.ics")
    assert (site / "theme" / "a.ics").read_bytes() == (elsewhere / "a.ics").read_bytes()
    assert mkdocs.utils.copy_file.__module__ == "mkdocs.utils"  # put back afterwards


def test_linked_copies_replace_a_file_and_copy_into_a_folder(tmp_path: Path) -> None:
    """What the engine's copy does in both cases, by a link where it can."""
    import mkdocs.utils

    from generator.engine.mkdocs import _linked_copies

    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (docs / "a.ics").write_text("new", encoding="utf-8")
    (site / "data").mkdir(parents=True)
    (site / "data" / "a.ics").write_text("old", encoding="utf-8")
    (site / "folder").mkdir()
    with _linked_copies(docs):
        mkdocs.utils.copy_file(str(docs / "a.ics"), str(site / "data" / "a.ics"))
        mkdocs.utils.copy_file(str(docs / "a.ics"), str(site / "folder"))
    assert (site / "data" / "a.ics").samefile(docs / "a.ics")
    assert (site / "folder" / "a.ics").read_text(encoding="utf-8") == "new"
