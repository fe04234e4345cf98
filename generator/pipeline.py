"""The pipeline, in one place: load → check → summarise → render → engine → publish.

- ``check_content`` (``insyn validate``, and the first half of the others): find and read
  the dialogue files, check them against the policy.
- ``publish`` (``insyn build``, after ``check_content`` found no error): read the
  accessibility statement, summarise the site, then ``build_site``: render every output,
  build them with the engine into a new folder beside the site, run the HTML gate on it,
  and only then swap it into place. Any failure before the swap leaves the published site
  as it was.
- ``Preview`` (``insyn serve``): the same steps, kept between edits, rebuilding what an
  edit changed (the engine's dirty build of a staging folder on disk).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.check.discover import Reader
from generator.check.engine import (
    CORPUS_RULES,
    Checked,
    check_files,
    check_path,
    corpus_rules,
)
from generator.core.accessibility import FILE_NAME as STATEMENT_FILE
from generator.core.accessibility import Statement
from generator.core.findings import has_errors
from generator.core.policy import Policy
from generator.core.settings import ConfigError, SiteConfig
from generator.core.site import SiteData
from generator.core.status import today_from_env
from generator.engine.mkdocs import EngineError, engine_build, theme_scripts
from generator.infra import memory, tuning
from generator.infra.switches import fast
from generator.load.accessibility import load_statement
from generator.load.source import slug_of
from generator.publish.gate import ScanError, ScanProblem, scan_html, scan_site, site_pages
from generator.publish.site_dir import (
    MARKER,
    MARKER_TEXT,
    check_site_dir,
    remove_leftovers,
    temporary_dir,
)
from generator.publish.swap import recover, swap_into_place
from generator.render.site import Rendered, render_site
from generator.summarise.corpus import make_site_data


def check_content(
    paths: list[Path],
    policy: Policy,
    today: dt.date | None = None,
    *,
    models: bool = True,
    root: Path | None = None,
    site: Path | None = None,
) -> list[Checked]:
    """Load and check: every finding for the files under ``paths``, and with ``site``
    (the content folder) for the site's own files in it. ``models=False``: findings only,
    faster (see ``check_files``). Paths in findings are relative to ``root`` (the project
    folder) where they are inside it."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ConfigError(f"Sökvägen finns inte: {missing[0]}")
    reader = Reader(root)
    files, ignored = reader.discover(paths)
    today = today or today_from_env()
    own = reader.site_files(site) if site is not None else []
    return check_files(files, policy, today, models=models, ignored=ignored, reader=reader,
                       site=own)  # fmt: skip


def site_name(policy: Policy) -> str:
    return f"Insyn – {policy.doc.municipality}"


@dataclass(frozen=True)
class Published:
    site_dir: Path
    pages: int  # HTML pages in the published site


def render(site: SiteData, staging: Path) -> Rendered:
    """Every output, in memory, or written to ``staging`` for a site too large to hold;
    raise EngineError for what a strict engine would refuse in a page (links in raw HTML,
    which the engine does not check)."""
    to = None if len(site.entries) <= tuning.IN_MEMORY_UP_TO else staging
    rendered = render_site(site, to=to)
    if rendered.problems:
        raise EngineError(rendered.problems)
    return rendered


def site_data(checked: list[Checked], policy: Policy, config: SiteConfig,
              today: dt.date) -> SiteData:  # fmt: skip
    """The site to publish: the accessibility statement read (every problem in it stops
    the build, ``AccessibilityStatementError``) and the corpus summarised."""
    statement = load_statement(config.content_dir / STATEMENT_FILE)
    return make_site_data(checked, policy, config, today, statement)


def publish(checked: list[Checked], policy: Policy, config: SiteConfig,
            today: dt.date) -> tuple[SiteData, Published]:  # fmt: skip
    """Summarise the checked content and build it into ``config.site_dir``."""
    site = site_data(checked, policy, config, today)
    return site, build_site(site, config.site_dir)


def build_site(site: SiteData, site_dir: Path) -> Published:
    """Render, build, scan and swap into ``site_dir``; raise EngineError or ScanError, or
    SiteDirError for a folder that must not be replaced."""
    config = site.config
    check_site_dir(site_dir, content=[config.content_dir], project=config.root)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    remove_leftovers(site_dir)
    # Beside the site, on its file system: the engine may link staged files into place.
    staging = temporary_dir(site_dir, "staging")
    new = temporary_dir(site_dir, "new")
    try:
        files = render(site, staging).files
        memory.between_steps(len(site.entries))  # before the engine forks its workers
        engine_build(
            config.mkdocs_file, files, staging, new, today=site.today,
            site_name=site_name(site.policy), fast=fast(),
        )  # fmt: skip
        del files
        memory.between_steps(len(site.entries))  # MkDocs' pages, before the scan forks
        pages = site_pages(new)
        problems = scan_site(new, theme_scripts(new, config.site_url), pages)
        if problems:
            raise ScanError(problems)
        (new / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        os.chmod(new, 0o755)  # mkdtemp makes it private; a web server must read it
        swap_into_place(new, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return Published(site_dir, sum(1 for rel in pages if rel.endswith(".html")))


class Preview:
    """One preview site, rebuilt after each edit. Not thread-safe: one rebuild at a time.

    ``build_all`` checks every dialogue, renders every output into a staging folder on
    disk and builds the site. ``rebuild(paths)`` checks the changed files again (the
    corpus rules, which look across files, run again over the kept results), renders the
    edited dialogues' own pages first, so that the edit shows at once (``visible_after``),
    then everything, writes only the outputs whose bytes changed, and has the engine
    rebuild what changed on disk (its dirty build). A page added or removed rebuilds
    everything. A rebuild that finds an error prints it and keeps the last good site;
    every page built is scanned, and a page the gate refuses is taken away."""

    def __init__(
        self,
        config: SiteConfig,
        *,
        site_dir: Path,
        dialogues: Path,
        policy: Policy,
        show_errors: Callable[[list[Checked]], None],
    ):
        self.config, self.policy, self.dialogues = config, policy, dialogues
        self._show_errors = show_errors  # prints the findings of a check that has errors
        self._scratch = Path(tempfile.mkdtemp(prefix="insyn-preview-"))
        self.staging_dir = self._scratch / "docs"
        self.site_dir = site_dir.resolve()
        self.today = today_from_env()
        self._checked: dict[str, Checked] = {}  # by path, without corpus findings
        self._staged: dict[str, bytes] = {}  # what the staging folder holds
        self._previous: set[str] = set()  # what it held before this rebuild
        self._events: dict = {}  # the calendar's cache across renders
        self._statement: Statement | None = None  # read again by build_all
        self._built = False
        self.visible_after: float | None = None  # seconds from rebuild() to the edited page
        self.failed = False  # the last build or rebuild failed: rebuild everything next

    # -- checking ------------------------------------------------------------------------

    def _results(self) -> list[Checked]:
        """Every file's result, with the corpus rules applied afresh."""
        results = [replace(c, findings=list(c.findings)) for c in self._sorted()]
        corpus_rules(results, self.policy)
        return results

    def _keep(self, checked: Checked) -> None:
        """Keep a file's result with its per-file findings only: the corpus rules run
        again over all kept results on every rebuild (``_results``)."""
        checked.findings = [f for f in checked.findings if f.rule not in CORPUS_RULES]
        self._checked[checked.path] = checked

    def _sorted(self) -> list[Checked]:
        return [self._checked[k] for k in sorted(self._checked)]

    def _report_errors(self, results: list[Checked]) -> bool:
        if has_errors([f for c in results for f in c.findings]):
            self._show_errors(results)
            print("Förhandsvisningen visar den senaste fungerande versionen.", file=sys.stderr)
            return True
        return False

    def _site(self, results: list[Checked]) -> SiteData:
        if self._statement is None:
            self._statement = load_statement(self.config.content_dir / STATEMENT_FILE)
        return make_site_data(results, self.policy, self.config, self.today, self._statement)

    # -- staging and building ------------------------------------------------------------

    def _stage(self, rendered: Rendered, *, complete: bool) -> tuple[set[str], set[str]]:
        """Write the outputs whose bytes changed into the staging folder; with
        ``complete`` (every output rendered), remove those no longer there. The paths
        written, and the pages added or removed."""
        changed: set[str] = set()
        for rel, data in rendered.files.items():
            if data is not None and self._staged.get(rel) != data:
                path = self.staging_dir / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                self._staged[rel] = data
                changed.add(rel)
        gone = set(self._staged) - set(rendered.files) if complete else set()
        for rel in gone:
            (self.staging_dir / rel).unlink(missing_ok=True)
            del self._staged[rel]
        new_pages = {r for r in changed if r.endswith(".md") and r not in self._previous}
        return changed, {r for r in gone | new_pages if r.endswith(".md")}

    def _engine(self, *, dirty: bool, changed: set[str]) -> bool:
        from mkdocs.exceptions import MkDocsException

        files: dict[str, bytes | None] = dict.fromkeys(self._staged)
        try:
            warnings = engine_build(
                self.config.mkdocs_file, files, self.staging_dir, self.site_dir,
                today=self.today, site_name=site_name(self.policy), dirty=dirty, fast=fast(),
            )  # fmt: skip
            for warning in warnings:  # a broken link: shown, and the page still previewed
                print(f"mkdocs: {warning}", file=sys.stderr)
        except (EngineError, MkDocsException, OSError) as exc:
            print(f"mkdocs: {exc}", file=sys.stderr)
            print("Förhandsvisningen visar den senaste fungerande versionen.", file=sys.stderr)
            return False
        (self.site_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        self._scan(changed if dirty else None)
        return True

    def _scan(self, changed: set[str] | None) -> None:
        """Take away every built page the gate refuses (of ``changed`` staged files)."""
        scripts = theme_scripts(self.site_dir, self.config.site_url)
        if changed is None:
            problems = scan_site(self.site_dir, scripts)
        else:
            problems = []
            for rel in sorted(site_pages(self.site_dir)):
                if any(_built_from(rel, src) for src in changed):
                    text = (self.site_dir / rel).read_text(encoding="utf-8", errors="replace")
                    found = scan_html(text, scripts, rel)
                    problems += [ScanProblem(rel, line, message) for line, message in found]
        for problem in problems:
            (self.site_dir / problem.file).unlink(missing_ok=True)  # never show it
            print(f"{problem.file}:{problem.line}: {problem.message}", file=sys.stderr)

    # -- public --------------------------------------------------------------------------

    def build_all(self) -> int:
        """Check, render and build everything; the number of outputs, or -1 on errors."""
        self.today = today_from_env()
        self._statement = None
        reader = Reader()
        files, ignored = reader.discover([self.dialogues])
        results = check_files(files, self.policy, self.today, ignored=ignored, reader=reader,
                              site=reader.site_files(self.config.content_dir))  # fmt: skip
        self._checked = {}
        for c in results:
            self._keep(c)
        results = self._results()
        if self._report_errors(results):
            self.failed = True
            return -1
        shutil.rmtree(self.staging_dir, ignore_errors=True)
        self.staging_dir.mkdir(parents=True)
        self._staged, self._previous = {}, set()
        rendered = render_site(self._site(results), events=self._events)
        self._stage(rendered, complete=True)
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self._built = self._engine(dirty=False, changed=set(self._staged))
        self.failed = not self._built
        return len(self._staged) if self._built else -1

    def rebuild(self, paths: list[Path]) -> int:
        """Re-check ``paths`` and rebuild what depends on them; the number of staged files
        rebuilt (0: nothing visible changed), or -1 on errors (the last site stays)."""
        start = time.perf_counter()
        if not self._built or self.failed:
            return self.build_all()
        reader = Reader()
        for path in paths:
            self._checked.pop(reader.display_path(path), None)
            if path.is_file():
                self._keep(check_path(path, self.policy, self.today, reader))
        results = self._results()
        if self._report_errors(results):
            return -1
        site = self._site(results)
        self._previous = set(self._staged)
        # First the edited dialogues' own pages, so that the edit shows at once …
        edited = {f"dialogues/{slug_of(p)}.md" for p in paths} & set(self._staged)
        quick, _ = self._stage(render_site(site, only=lambda o: o.path in edited,
                                           events=self._events), complete=False)  # fmt: skip
        if quick and not self._engine(dirty=True, changed=quick):
            return -1
        self.visible_after = time.perf_counter() - start
        # … then everything that shows them: lists, start page, feeds, data files.
        changed, pages = self._stage(render_site(site, events=self._events), complete=True)
        if pages:  # a page came or went: the navigation and links change
            return self.build_all()
        if changed and not self._engine(dirty=True, changed=changed):
            return -1
        return len(changed | quick)

    def close(self) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)


def _built_from(page: str, source: str) -> bool:
    """Whether the built ``page`` (`dialogues/x/index.html`) comes from ``source``."""
    stem = source[: -len(".md")] if source.endswith(".md") else source
    if stem == "index":
        return page == "index.html"
    return page in (f"{stem}/index.html", f"{stem.removesuffix('/index')}/index.html")
