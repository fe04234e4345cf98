"""Publish: render into staging, build into a temporary folder, scan, swap into place.

The new site is built beside the site folder (same file system), scanned, and only then
swapped in: the old folder is renamed away, the new one renamed in, and the old one
deleted. Any failure before the swap leaves the published site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.build import engine_build, theme_scripts
from generator.render import Staging, render_all
from generator.scan import ScanProblem, scan_site
from generator.site import SiteData


class ScanError(Exception):
    def __init__(self, problems: list[ScanProblem]):
        super().__init__(f"{len(problems)} problem i den byggda webbplatsen")
        self.problems = problems


@dataclass(frozen=True)
class Published:
    site_dir: Path
    pages: int  # HTML pages in the published site


def stage(site: SiteData, staging_dir: Path) -> Staging:
    """Run every renderer into ``staging_dir``."""
    out = Staging(staging_dir)
    render_all(site, out)
    return out


def publish(site: SiteData, *, config_file: Path, site_dir: Path, site_name: str) -> Published:
    """Render, build, scan and swap into ``site_dir``; raise EngineError or ScanError."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="insyn-staging-"))
    new = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        stage(site, staging)
        engine_build(config_file, staging, new, today=site.today, site_name=site_name)
        problems = scan_site(new, theme_scripts(new))
        if problems:
            raise ScanError(problems)
        pages = sum(1 for _ in new.rglob("*.html"))
        os.chmod(new, 0o755)  # mkdtemp makes it private; a web server must read it
        swap_into_place(new, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return Published(site_dir, pages)


def swap_into_place(new: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``new`` by two renames; the old folder is then deleted."""
    if not site_dir.exists():
        os.rename(new, site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    os.rmdir(old)  # only the unique name is wanted
    os.rename(site_dir, old)
    try:
        os.rename(new, site_dir)
    except OSError:
        os.rename(old, site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
