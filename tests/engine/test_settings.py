"""What MkDocs is given: Insyn's base settings with the site's mkdocs.yml laid over them,
and Insyn's theme after the site's own, so that a site overrides a single template."""

from __future__ import annotations

from pathlib import Path

from sitehelpers import ROOT, make_content, run_cli

from generator.engine.settings import PACKAGE_THEME, engine_settings, laid_over


def test_the_site_s_file_is_laid_over_the_base() -> None:
    base = {"theme": {"name": "material", "features": ["a"]}, "nav": [1, 2], "strict": True}
    site = {"theme": {"custom_dir": "theme", "features": ["b"]}, "nav": [3]}
    assert laid_over(base, site) == {
        "theme": {"name": "material", "features": ["b"], "custom_dir": "theme"},
        "nav": [3],
        "strict": True,
    }


def test_the_demo_s_settings_are_the_base_and_its_own() -> None:
    settings = engine_settings(ROOT / "mkdocs.yml")
    assert settings["site_name"] == "Insyn – Kungsbacka kommun"
    assert settings["theme"]["name"] == "material" and "custom_dir" not in settings["theme"]
    assert "assets/stylesheets/colour.css" in settings["extra_css"]
    assert (PACKAGE_THEME / "main.html").is_file()


def _site(tmp_path: Path, theme: dict[str, str] | None) -> Path:
    """A project with the demo's settings, its own theme folder if ``theme``; built."""
    project = tmp_path / "project"
    make_content(project / "content", "kungsbacka")
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    if theme is not None:
        text += "theme:\n  custom_dir: theme\n"
        for rel, body in theme.items():
            (project / "theme" / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / "theme" / rel).write_text(body, encoding="utf-8")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    code, out, err = run_cli(["build", "--config", str(project / "mkdocs.yml")], "2026-06-15")
    assert code == 0, out + err
    return project / "site"


def test_a_site_s_own_template_overrides_one_of_insyn_s_and_keeps_the_others(tmp_path) -> None:
    plain = _site(tmp_path / "a", None)
    own = _site(tmp_path / "b", {"partials/copyright.html": "<p>Storby bygger på Insyn.</p>\n"})
    page = (own / "index.html").read_text("utf-8")
    assert "Storby bygger på Insyn." in page
    assert "Storby" not in (plain / "index.html").read_text("utf-8")
    # Insyn's other overrides still apply: its scripts and its own 404 page.
    assert (own / "assets/javascripts/insyn-scope.js").is_file()
    assert "Vi hittar ingen sida på den här adressen" in (own / "404.html").read_text("utf-8")
