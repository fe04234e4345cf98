"""The engine step with MkDocs (and Material), through its public API.

MkDocs is given Insyn's base settings with the site's ``mkdocs.yml`` laid over them, and
Insyn's theme overrides after the site's own (``engine.settings``). The rendered outputs
reach MkDocs as files of its docs folder: from memory as
``File.generated`` by an in-process plugin (``Outputs``, registered on the config), or
from a staging folder on disk where a large site was written there. Strict mode: any
MkDocs warning (a broken link, a missing file) fails the build, and its messages are
collected, not printed. The nav is filtered to the pages the site has
(``engine.nav``). ``SOURCE_DATE_EPOCH`` is set from the build date, so that the sitemap
and its gzip header, and so the whole output, are the same for the same input.

With ``INSYN_FAST`` on (the default), ``engine.fast`` shortens MkDocs' page work where it
is sure to give the same pages; with ``INSYN_FAST=0`` MkDocs does all of it itself.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, file_sort_key

from generator.engine.nav import filter_nav
from generator.engine.search_index import merge_into, read_index
from generator.engine.settings import engine_settings, with_package_theme
from generator.infra.template_cache import template_cache

THEME_SCRIPTS_DIR = "assets/javascripts"
_DIRTY_WARNING = "A 'dirty' build is being performed"


class EngineError(Exception):
    """The engine refused the build; ``messages`` are its warnings and errors."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages) or "MkDocs kunde inte bygga webbplatsen.")
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


class Outputs(BasePlugin):
    """Hands the rendered outputs that are in memory to MkDocs as files of its docs folder
    (in the order of MkDocs' own file list), and gives the theme's Jinja environment the
    shared cache of compiled templates. The outputs are taken over: ``files`` is emptied
    as they are handed to MkDocs, so that one copy of every page is held, not two."""

    def __init__(self, files: dict[str, bytes | None]):
        super().__init__()
        self._files = files

    def on_files(self, files: Files, *, config) -> Files:
        added = [
            File.generated(config, rel, content=data)
            for rel, data in self._files.items()
            if data is not None
        ]
        self._files.clear()
        if not added:
            return files
        return Files(sorted([*files, *added], key=file_sort_key))

    def on_env(self, env, *, config, files):
        cache = template_cache()
        if cache is not None:
            env.bytecode_cache = cache
        return env


def epoch_of(day: dt.date) -> int:
    """Seconds since the epoch at midnight UTC of ``day``."""
    return int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp())


@contextmanager
def _source_date_epoch(day: dt.date) -> Iterator[None]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch_of(day))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@contextmanager
def _collected() -> Iterator[_Collect]:
    """MkDocs' warnings collected here, not printed: the caller reports them its way."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    old_propagate = logger.propagate
    logger.propagate = False
    try:
        yield collect
    finally:
        logger.removeHandler(collect)
        logger.propagate = old_propagate


def engine_build(
    config_file: Path,
    files: dict[str, bytes | None],
    docs_dir: Path,
    site_dir: Path,
    *,
    today: dt.date,
    site_name: str | None = None,
    dirty: bool = False,
    fast: bool = True,
) -> list[str]:
    """Build the outputs ``files`` (path → bytes, or None where the file is in
    ``docs_dir``) into ``site_dir`` with MkDocs in strict mode; raise EngineError. The
    outputs in memory are taken over (``files`` is emptied). With ``dirty`` (the preview),
    MkDocs rebuilds only what changed on disk since the last build into the same folder,
    not in strict mode (it warns of every dirty build): its warnings are returned."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _collected() as collect:
        try:
            with _source_date_epoch(today):
                settings = io.StringIO(yaml.safe_dump(engine_settings(config_file)))
                cfg = load_config(
                    config_file=settings,
                    docs_dir=str(docs_dir),
                    site_dir=str(site_dir),
                    strict=not dirty,
                    site_name=html.escape(site_name) if site_name else None,
                )
                with_package_theme(cfg.theme.dirs, cfg.theme.custom_dir)
                paths = set(files)
                cfg["nav"] = filter_nav(cfg["nav"], paths.__contains__)
                cfg.plugins["insyn-outputs"] = Outputs(files)
                index = read_index(site_dir) if dirty else None
                with _shortcuts(fast, docs_dir, on_disk=None in files.values()):
                    build(cfg, dirty=dirty)
                if dirty:
                    merge_into(site_dir, index)
        except MkDocsException as exc:
            raise EngineError([*collect.messages, str(exc)]) from None
    messages = [m for m in collect.messages if _DIRTY_WARNING not in m]
    if messages and not dirty:  # pragma: no cover - strict mode aborts before this
        raise EngineError(messages)
    return messages


def _shortcuts(fast: bool, docs_dir: Path, *, on_disk: bool) -> AbstractContextManager:
    """``engine.fast``'s shortcuts, if asked for and there."""
    if fast:
        try:
            from generator.engine.fast import shortcuts
        except ImportError:  # the fast folder was left out: MkDocs does it all
            pass
        else:
            return shortcuts(docs_dir, on_disk=on_disk)
    return nullcontext()


def theme_scripts(site_dir: Path, site_url: str = "") -> set[str]:
    """The theme's own script files in a built site (what the HTML scan allows), also as
    the site's server paths: under a sub-path (``site_url`` with a path) some pages, such
    as the 404 page, name them from the server's root (``/insyn/assets/…``)."""
    scripts = site_dir / THEME_SCRIPTS_DIR
    if not scripts.is_dir():
        return set()
    found = {p.relative_to(site_dir).as_posix() for p in scripts.glob("*.js")}
    base = urlsplit(site_url).path.strip("/")
    return found | {f"{base}/{p}" for p in found} if base else found
