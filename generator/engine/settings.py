"""What MkDocs is given: Insyn's base settings (``mkdocs.base.yml``, in the package) with
the site's ``mkdocs.yml`` laid over them, and the theme overrides shipped with Insyn.

A site's file holds only what is its own (name, address, colour, ``extra.insyn``); the
pages, the theme, the styles and the search come from the package, so that upgrading
Insyn changes them without a change in the site's repository. A site that wants another
template keeps it in its own ``theme.custom_dir``, which comes before the package's.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

import generator

BASE = Path(__file__).with_name("mkdocs.base.yml")
TEXT_SETTINGS = ("site_name", "site_description", "site_author", "copyright")
PACKAGE_THEME = Path(generator.__file__).parent / "theme"


def laid_over(base: dict, site: dict) -> dict:
    """``site`` laid over ``base``: mappings merged key by key, anything else replaced."""
    out = dict(base)
    for key, value in site.items():
        below = out.get(key)
        out[key] = laid_over(below, value) if isinstance(below, dict) and isinstance(
            value, dict) else value  # fmt: skip
    return out


def engine_settings(mkdocs_file: Path) -> dict:
    """The settings MkDocs builds the site with. ``mkdocs_file`` has been read and checked
    by ``load.settings`` (plain YAML, a mapping); its texts are HTML-escaped
    (``TEXT_SETTINGS``), and a relative ``theme.custom_dir`` is made absolute from its
    folder, as MkDocs would."""
    base = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    site = {}
    if mkdocs_file.is_file():
        site = yaml.safe_load(mkdocs_file.read_text(encoding="utf-8")) or {}
    merged = laid_over(base, site)
    # The theme writes these into the page as they are (its templates do not escape), as
    # it does the pages' own title and description, which are handed to it escaped too.
    for key in TEXT_SETTINGS:
        if isinstance(merged.get(key), str):
            merged[key] = html.escape(merged[key])
    theme = merged.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(mkdocs_file.resolve().parent / theme["custom_dir"])
    return merged


def with_package_theme(theme_dirs: list[str], custom_dir: str | None) -> None:
    """Insyn's theme overrides into the engine's template folders, after the site's own
    ``custom_dir`` (if any) and before the theme's."""
    theme_dirs.insert(1 if custom_dir else 0, str(PACKAGE_THEME))
