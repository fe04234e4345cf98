"""Incremental preview: after an edit, re-check one file and rebuild only what changed.

``insyn serve`` keeps one ``Preview`` for its whole run. The first ``build_all`` checks
every dialogue, renders every page and builds the site with MkDocs, keeping MkDocs' state
(files, navigation, pages, the search index) in memory. ``rebuild(paths)`` then:

1. re-checks only the changed dialogue files (the corpus rules, which look across files,
   run again over the kept results, which is cheap);
2. renders the edited dialogues' own pages and runs MkDocs' page steps (read, convert,
   template, write) for them only: the edit is visible (``visible_after`` seconds);
3. renders the whole site into a fresh staging folder, as ``insyn build`` does, compares
   it with what was staged before, and rebuilds only the pages whose Markdown changed (the
   listings, start page and feeds that show the dialogue); data files are copied and the
   search index is updated in place.

If a page is added or removed, or anything but a dialogue changes (``mkdocs.yml``, the
theme, a hand-written page), the caller should use ``build_all``. A rebuild that finds an
error prints it and keeps the last good site. The preview, like ``insyn build``, scans the
HTML that it writes and refuses a page with a script that is not the theme's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from generator.check.engine import (
    Checked,
    _corpus_rules,
    check_files,
    check_path,
    discover_all,
    display_path,
)
from generator.check.policies import load_policy
from generator.cli.formats import FORMATS, Report
from generator.core.findings import has_errors
from generator.core.policy import Policy
from generator.core.settings import SiteConfig, load_config
from generator.core.site import make_site_data
from generator.core.status import today_from_env
from generator.engine.mkdocs import _Collect, _source_date_epoch, filter_nav, theme_scripts
from generator.load.source import slug_of
from generator.publish.gate import scan_html, scan_site
from generator.publish.swap import MARKER, MARKER_TEXT
from generator.render import Staging, render_all
from generator.render.dialogue_pages import render_dialogue_page


class Preview:
    """One preview site, rebuilt incrementally. Not thread-safe: one rebuild at a time."""

    def __init__(
        self,
        config_file: Path = Path("mkdocs.yml"),
        *,
        site_dir: Path | None = None,
        dialogues: Path | None = None,
        policy: Policy | None = None,
        config: SiteConfig | None = None,
    ):
        self.config = config or load_config(config_file, required=True)
        self.policy = policy or load_policy(self.config.policy)
        self.dialogues = dialogues or self.config.dialogues_dir
        self._scratch = Path(tempfile.mkdtemp(prefix="insyn-preview-"))
        self.staging_dir = self._scratch / "docs"
        self._next_dir = self._scratch / "next"
        self.site_dir = (site_dir or self._scratch / "site").resolve()
        self.today = today_from_env()
        self._checked: dict[str, Checked] = {}  # by path, without corpus findings
        self._staged: dict[str, bytes] = {}
        self._engine: _Engine | None = None
        self.visible_after: float | None = None  # seconds from rebuild() to the edited page
        self.failed = False  # the last build or rebuild failed: rebuild everything next
        self._cache = _RenderCache()

    # -- checking ------------------------------------------------------------------------

    def _results(self) -> list[Checked]:
        """Every file's result, with the corpus rules applied afresh."""
        results = [dataclasses.replace(c, findings=list(c.findings)) for c in self._sorted()]
        _corpus_rules(results, self.policy)
        return results

    def _sorted(self) -> list[Checked]:
        return [self._checked[k] for k in sorted(self._checked)]

    def _report_errors(self, results: list[Checked]) -> bool:
        report = Report(results, self.policy)
        if has_errors(report.findings):
            sys.stderr.write(FORMATS["text"](report))
            print("Förhandsvisningen visar den senaste fungerande versionen.", file=sys.stderr)
            return True
        return False

    # -- rendering -----------------------------------------------------------------------

    def _render(self, results: list[Checked]) -> dict[str, bytes]:
        """Render everything into a fresh folder (as ``insyn build`` does): {path: bytes}."""
        site = make_site_data(results, self.policy, self.config, self.today)
        shutil.rmtree(self._next_dir, ignore_errors=True)
        out = Staging(self._next_dir)
        with self._cache.active():
            render_all(site, out)
        return {rel: (self._next_dir / rel).read_bytes() for rel in sorted(set(out.written))}

    def _swap_staged(self, files: dict[str, bytes]) -> tuple[set[str], set[str], set[str]]:
        """Make the fresh folder the staging folder; (changed, added, removed) paths."""
        changed = {rel for rel, data in files.items() if self._staged.get(rel) != data}
        removed = set(self._staged) - set(files)
        added = changed - set(self._staged)
        old = self._scratch / "old"
        if self.staging_dir.exists():
            os.rename(self.staging_dir, old)
        os.rename(self._next_dir, self.staging_dir)  # MkDocs' paths stay valid
        shutil.rmtree(old, ignore_errors=True)
        self._staged = files
        return changed, added, removed

    # -- public --------------------------------------------------------------------------

    def build_all(self) -> int:
        """Check, render and build everything; the number of pages, or -1 on errors."""
        self.today = today_from_env()
        files, ignored = discover_all([self.dialogues])
        results = check_files(files, self.policy, self.today, ignored=ignored)
        corpus_rules = _corpus_rule_ids(self.policy)
        self._checked = {}
        for c in results:  # keep the per-file findings only; corpus rules run per rebuild
            c.findings = [f for f in c.findings if f.rule not in corpus_rules]
            self._checked[c.path] = c
        results = self._results()
        if self._report_errors(results):
            return -1
        self._staged = {}
        self._swap_staged(self._render(results))
        self._engine = None
        engine = _Engine(self.config, self.staging_dir, self.site_dir, self.policy)
        if not _engine_ok(lambda: engine.build_all(self.today)):
            return -1
        self._engine = engine
        (self.site_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        for problem in scan_site(self.site_dir, engine.scripts):
            (self.site_dir / problem.file).unlink(missing_ok=True)  # never show it
            print(f"{problem.file}:{problem.line}: {problem.message}", file=sys.stderr)
        return len(self._staged)

    def rebuild(self, paths: list[Path]) -> int:
        """Re-check ``paths`` and rebuild what depends on them; the number of staged files
        rebuilt (0: nothing visible changed), or -1 on errors (the last site stays)."""
        start = time.perf_counter()
        if self._engine is None:
            return self.build_all()
        corpus_rules = _corpus_rule_ids(self.policy)
        for path in paths:
            self._checked.pop(display_path(path), None)
            if path.is_file():
                checked = check_path(path, self.policy, self.today)
                checked.findings = [f for f in checked.findings if f.rule not in corpus_rules]
                self._checked[checked.path] = checked
        results = self._results()
        if self._report_errors(results):
            return -1
        engine = self._engine
        # First the edited dialogues' own pages, so that the edit shows at once …
        quick = self._render_pages_of(paths, results)
        if quick and not _engine_ok(lambda: engine.rebuild(quick, self.today)):
            return -1
        self.visible_after = time.perf_counter() - start
        # … then everything that shows them: listings, start page, feeds, data files.
        changed, added, removed = self._swap_staged(self._render(results))
        if added or removed:  # a page came or went: navigation and links change
            return self.build_all()
        if not _engine_ok(lambda: engine.rebuild(sorted(changed), self.today)):
            return -1
        return len(changed | set(quick))

    def _render_pages_of(self, paths: list[Path], results: list[Checked]) -> list[str]:
        """Render the dialogue pages of ``paths`` in place; the staged paths written."""
        site = make_site_data(results, self.policy, self.config, self.today)
        by_slug = site.by_slug()
        out = Staging(self.staging_dir)
        written = []
        for path in paths:
            entry = by_slug.get(slug_of(path))
            rel = f"dialogues/{slug_of(path)}.md"
            if entry is None or rel not in self._staged:
                continue  # gone or new: the full pass handles it
            render_dialogue_page(entry, site, out)
            self._staged[rel] = (self.staging_dir / rel).read_bytes()
            written.append(rel)
        return written

    def close(self) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)


class _RenderCache:
    """The two costliest per-dialogue renderers (page, calendar), reused while the dialogue's
    entry, the date and what the page links to are unchanged. Every other renderer runs."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[tuple, bytes]] = {}
        self.calendars: dict[str | None, tuple[tuple, bytes]] = {}

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        from generator.render import calendar, dialogue_pages

        render_page, calendar_ics = dialogue_pages.render_dialogue_page, calendar.calendar_ics

        def page(entry, site, out: Staging) -> None:
            rel = f"dialogues/{entry.slug}.md"
            has_calendar = out.path(dialogue_pages.calendar_file(entry.slug)).is_file()
            key = (entry, site.today, has_calendar)
            hit = self.pages.get(entry.slug)
            if hit is not None and hit[0] == key:
                out.write(rel, hit[1])
                return
            render_page(entry, site, out)
            self.pages[entry.slug] = (key, out.path(rel).read_bytes())

        def ics(site, entries: tuple, name: str) -> bytes:
            key = (entries, name, site.today)
            slot = entries[0].slug if len(entries) == 1 else None
            hit = self.calendars.get(slot)
            if hit is not None and hit[0] == key:
                return hit[1]
            data = calendar_ics(site, entries, name)
            self.calendars[slot] = (key, data)
            return data

        dialogue_pages.render_dialogue_page, calendar.calendar_ics = page, ics
        try:
            yield
        finally:
            dialogue_pages.render_dialogue_page = render_page
            calendar.calendar_ics = calendar_ics


def _engine_ok(step) -> bool:
    """Run an engine step; print MkDocs' complaint instead of stopping the preview."""
    from mkdocs.exceptions import MkDocsException

    try:
        step()
    except (MkDocsException, OSError) as exc:
        print(f"mkdocs: {exc}", file=sys.stderr)
        print("Förhandsvisningen visar den senaste fungerande versionen.", file=sys.stderr)
        return False
    return True


def _corpus_rule_ids(policy: Policy) -> set[str]:
    from generator.check.rules import REGISTRY

    return {r.id for r in REGISTRY.values() if r.scope == "corpus"}


class _Engine:
    """MkDocs' build steps, with their state kept so that single pages can be rebuilt."""

    def __init__(self, config: SiteConfig, docs_dir: Path, site_dir: Path, policy: Policy):
        self.site_config = config
        self.docs_dir = docs_dir
        self.site_dir = site_dir
        self.site_name = f"Insyn – {policy.doc.municipality}"

    def _logging(self):
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        return collect, logger

    def build_all(self, today: dt.date) -> None:
        from mkdocs.commands import build as b
        from mkdocs.config import load_config as mkdocs_config
        from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page
        from mkdocs.utils import clean_directory

        collect, logger = self._logging()
        try:
            with _source_date_epoch(today):
                cfg = mkdocs_config(
                    config_file=str(self.site_config.mkdocs_file),
                    docs_dir=str(self.docs_dir),
                    site_dir=str(self.site_dir),
                    strict=False,
                    site_name=self.site_name,
                )
                cfg["nav"] = filter_nav(cfg["nav"], self.docs_dir)
                cfg = cfg.plugins.on_config(cfg)
                cfg.plugins.on_pre_build(config=cfg)
                self.site_dir.mkdir(parents=True, exist_ok=True)
                clean_directory(str(self.site_dir))
                files = get_files(cfg)
                env = cfg.theme.get_env()
                files.add_files_from_theme(env, cfg)
                files = cfg.plugins.on_files(files, config=cfg)
                set_exclusions(files, cfg)
                nav = get_navigation(files, cfg)
                nav = cfg.plugins.on_nav(nav, config=cfg, files=files)
                inclusion = InclusionLevel.is_included
                for file in files.documentation_pages(inclusion=inclusion):
                    if file.page is None and file.inclusion.is_not_in_nav():
                        Page(None, file, cfg)
                    b._populate_page(file.page, cfg, files)
                env = cfg.plugins.on_env(env, config=cfg, files=files)
                files.copy_static_files(inclusion=inclusion)
                for template in cfg.theme.static_templates:
                    b._build_theme_template(template, env, files, cfg, nav)
                for template in cfg.extra_templates:
                    b._build_extra_template(template, files, cfg, nav)
                doc_files = files.documentation_pages(inclusion=inclusion)
                for file in doc_files:
                    b._build_page(file.page, cfg, doc_files, nav, env)
                cfg.plugins.on_post_build(config=cfg)
        finally:
            logger.removeHandler(collect)
        self.cfg, self.files, self.nav, self.env, self.doc_files = cfg, files, nav, env, doc_files
        self.scripts = theme_scripts(self.site_dir, self.site_config.site_url)
        for message in collect.messages:
            print(f"mkdocs: {message}", file=sys.stderr)

    def rebuild(self, rels: list[str], today: dt.date) -> None:
        """Rebuild the pages (and copy the files) whose staged source changed."""
        from mkdocs.commands import build as b

        cfg, files = self.cfg, self.files
        search = cfg.plugins.get("material/search") or cfg.plugins.get("search")
        index = getattr(search, "search_index", None)
        pages = []
        with _source_date_epoch(today):
            for rel in rels:
                file = files.get_file_from_path(rel)
                if file is None:
                    continue
                if file.page is None:
                    file.copy_file(dirty=False)
                    continue
                b._populate_page(file.page, cfg, files)
                pages.append(file.page)
            if index is not None:
                urls = {p.url for p in pages}
                index.entries = [
                    e for e in index.entries if e["location"].split("#", 1)[0] not in urls
                ]
            for page in pages:
                b._build_page(page, cfg, self.doc_files, self.nav, self.env)
                html = Path(page.file.abs_dest_path)
                problems = scan_html(html.read_text(encoding="utf-8"), self.scripts)
                if problems:
                    html.unlink()
                    for line, message in problems:
                        print(f"{page.file.dest_uri}:{line}: {message}", file=sys.stderr)
            if search is not None and pages:
                search.on_post_build(config=cfg)


def changed_paths(before: tuple, after: tuple) -> list[Path]:
    """Files whose (name, size, mtime) entry differs between two ``serve`` fingerprints."""
    old = {entry[0]: entry for entry in before}
    new = {entry[0]: entry for entry in after}
    return [Path(p) for p in sorted(set(old) | set(new)) if old.get(p) != new.get(p)]


def only_dialogues(paths: list[Path], dialogues: Path) -> bool:
    root = os.path.abspath(dialogues)
    return all(os.path.abspath(p).startswith(root + os.sep) and p.suffix == ".md" for p in paths)
