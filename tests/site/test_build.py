"""`insyn build`: errors write nothing, failures leave the site alone, output is reproducible."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from conftest import to_text, valid_dialogue
from sitehelpers import FIXTURES, article, build, make_content, run_cli, text_of, tree

from generator.engine.nav import filter_nav
from generator.publish.site_dir import MARKER, MARKER_TEXT
from generator.publish.swap import swap_into_place

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
    assert "Ansvarig sektor: Sektor samhällsbyggnad." in text  # under "Vem beslutar och när"
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


def test_filter_nav_keeps_only_staged_pages() -> None:
    outputs = {"index.md", "follow-up.md", "guide/index.md"}
    nav = [
        {"Start": "index.md"},
        {"Årsuppföljning": "follow-up/index.md"},
        {"Guide": "guide.md"},
        {"Planerade": "planned/index.md"},
        {"Del": [{"Saknas": "nej.md"}]},
        {"Extern": "https://example.se/"},
    ]
    assert filter_nav(nav, outputs.__contains__) == [
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
    """Share the work with a worker process even for the small fixture corpus."""
    from generator.infra import tuning

    for name in dir(tuning):
        if name.endswith("_PARALLEL_FROM"):
            monkeypatch.setattr(tuning, name, 1)
    monkeypatch.setenv("INSYN_JOBS", "2")


def test_parallel_build_is_byte_identical_to_serial(
    tmp_path: Path, parallel, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = make_content(tmp_path / "content", "kungsbacka")
    assert build(content, tmp_path / "parallel", TODAY)[0] == 0
    monkeypatch.setenv("INSYN_JOBS", "1")  # one process
    assert build(content, tmp_path / "serial", TODAY)[0] == 0
    one, two = tree(tmp_path / "parallel"), tree(tmp_path / "serial")
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []


@pytest.mark.parametrize("workers", [False, True])
def test_staging_in_memory_builds_the_same_site_as_staging_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: bool, request
) -> None:
    from generator.infra import tuning

    if workers:
        request.getfixturevalue("parallel")
    content = make_content(tmp_path / "content", "kungsbacka")
    (content / "bilder").mkdir()
    (content / "bilder" / "karta.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    # A hand-written page saved with a byte-order mark, which the engine drops on reading.
    (content / "about.md").write_text(
        "\ufeff# Om webbplatsen\n\n![Karta](bilder/karta.png)\n", encoding="utf-8"
    )
    assert build(content, tmp_path / "memory", TODAY)[0] == 0
    monkeypatch.setattr(tuning, "IN_MEMORY_UP_TO", 0)  # a large site: staged on disk
    assert build(content, tmp_path / "disk", TODAY)[0] == 0
    one, two = tree(tmp_path / "memory"), tree(tmp_path / "disk")
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []
    assert "bilder/karta.png" in one and "about/index.html" in one


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
