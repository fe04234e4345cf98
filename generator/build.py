"""Engine build: run MkDocs (with Material) in-process on a staging folder, strict.

The root `mkdocs.yml` lists the whole navigation. Some pages come from renderers that a
site may not have (or that are not written yet), so before building, nav entries whose
page is not in the staging folder are dropped: `follow-up/index.md` in the nav matches a
staged `follow-up/index.md` or `follow-up.md`. Everything else is strict: any MkDocs
warning (a broken link, a missing file) fails the build.

`SOURCE_DATE_EPOCH` is set from the build date (`INSYN_TODAY`), so that the sitemap and
its gzip header, and therefore the whole output, are byte-identical for the same input.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

THEME_SCRIPTS_DIR = "assets/javascripts"


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


def _staged(docs_dir: Path, path: str) -> str | None:
    """The staged file for a nav path, accepting `x/index.md` and `x.md` for each other."""
    if "://" in path or path.startswith(("/", "#", "mailto:")):
        return path  # a link, not a page
    candidates = [path]
    if path.endswith("/index.md"):
        candidates.append(path[: -len("/index.md")] + ".md")
    elif path.endswith(".md") and path != "index.md":
        candidates.append(path[: -len(".md")] + "/index.md")
    for candidate in candidates:
        if (docs_dir / candidate).is_file():
            return candidate
    return None


def filter_nav(nav: list | None, docs_dir: Path) -> list | None:
    """The nav without entries whose page was not staged (sections left empty go too)."""
    if nav is None:
        return None
    kept: list = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, list):
                children = filter_nav(value, docs_dir)
                if children:
                    kept.append({title: children})
            elif isinstance(value, str) and (found := _staged(docs_dir, value)):
                kept.append({title: found})
        elif isinstance(item, str) and (found := _staged(docs_dir, item)):
            kept.append(found)
    return kept


def engine_build(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    today: dt.date,
    site_name: str | None = None,
) -> None:
    """Build ``docs_dir`` into ``site_dir`` with MkDocs in strict mode; raise EngineError."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    old_propagate = logger.propagate
    logger.propagate = False  # we report the messages ourselves, in one place
    try:
        with _source_date_epoch(today):
            cfg = load_config(
                config_file=str(config_file),
                docs_dir=str(docs_dir),
                site_dir=str(site_dir),
                strict=True,
                site_name=site_name,
            )
            cfg["nav"] = filter_nav(cfg["nav"], docs_dir)
            build(cfg)
    except MkDocsException as exc:
        raise EngineError([*collect.messages, str(exc)]) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = old_propagate
    if collect.messages:  # pragma: no cover - strict mode aborts before this
        raise EngineError(collect.messages)


def theme_scripts(site_dir: Path) -> set[str]:
    """The theme's own script files in a built site (what the HTML scan allows)."""
    scripts = site_dir / THEME_SCRIPTS_DIR
    if not scripts.is_dir():
        return set()
    return {p.relative_to(site_dir).as_posix() for p in scripts.glob("*.js")}
