"""Compiled templates are kept in the user's cache and never go stale (template_cache.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.engine.mkdocs import Outputs
from generator.infra import template_cache as tc


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(tc.ENV, raising=False)
    tc.template_cache.cache_clear()
    yield tmp_path / "cache" / "insyn" / "templates"
    tc.template_cache.cache_clear()


def _env(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), bytecode_cache=tc.template_cache()
    )


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_template_is_compiled_once_across_builds(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t.html").write_text("Hej {{ namn }}!")
    compiled = _compiles(monkeypatch)
    assert _env(tmp_path).get_template("t.html").render(namn="Ale") == "Hej Ale!"
    assert compiled == ["t.html"] and any(cache_home.iterdir())
    # A new environment (the next build) loads the compiled code instead.
    assert _env(tmp_path).get_template("t.html").render(namn="Kungsbacka") == "Hej Kungsbacka!"
    assert compiled == ["t.html"]


def test_environments_that_compile_differently_do_not_share_code(
    cache_home: Path, tmp_path: Path
) -> None:
    # The same template file in an escaping and a non-escaping environment (ours share a
    # folder), and with a filter that is called differently: each must get its own code.
    (tmp_path / "t.html").write_text("{{ v }} {{ v|f }}")
    loader = jinja2.FileSystemLoader(tmp_path)

    def env(autoescape: bool, context_filter: bool) -> jinja2.Environment:
        e = jinja2.Environment(loader=loader, autoescape=autoescape)
        if context_filter:
            e.filters["f"] = jinja2.pass_context(lambda ctx, v: f"[{ctx['v']}]")
        else:
            e.filters["f"] = lambda v: f"({v})"
        e.bytecode_cache = tc.template_cache()
        return e

    expected = {
        (False, False): "<b> (<b>)",
        (True, False): "&lt;b&gt; (&lt;b&gt;)",
        (True, True): "&lt;b&gt; [&lt;b&gt;]",
    }
    for _ in range(2):  # the second round loads every one from the cache
        for (autoescape, context_filter), out in expected.items():
            assert env(autoescape, context_filter).get_template("t.html").render(v="<b>") == out
        for extensions, out in (([], "<b> (<b>)"), (["html"], "&lt;b&gt; (&lt;b&gt;)")):
            chosen = env(False, False)
            chosen.autoescape = jinja2.select_autoescape(extensions, default_for_string=False)
            assert chosen.get_template("t.html").render(v="<b>") == out


def test_an_edited_template_is_compiled_again(cache_home: Path, tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("Före")
    assert _env(tmp_path).get_template("t.html").render() == "Före"
    (tmp_path / "t.html").write_text("Efter")
    assert _env(tmp_path).get_template("t.html").render() == "Efter"


def test_a_damaged_cache_only_costs_a_compile(cache_home: Path, tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ 1 + 2 }}")
    assert _env(tmp_path).get_template("t.html").render() == "3"
    for entry in cache_home.iterdir():
        entry.write_bytes(b"not a compiled template")
    assert _env(tmp_path).get_template("t.html").render() == "3"


def test_an_unusable_cache_folder_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a folder cannot be made in it
    tc.template_cache.cache_clear()
    try:
        assert tc.template_cache() is None
    finally:
        tc.template_cache.cache_clear()


def test_the_cache_can_be_turned_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tc.ENV, "0")
    tc.template_cache.cache_clear()
    assert tc.template_cache() is None
    assert not cache_home.exists()


def test_the_theme_environment_gets_the_cache(cache_home: Path) -> None:
    """The engine's on_env event, through which the build's plugin hands the cache over."""
    env = Outputs({}).on_env(jinja2.Environment(), config=None, files=None)
    assert env.bytecode_cache is tc.template_cache() is not None
    assert jinja2.Environment().bytecode_cache is None  # only the build's environment
