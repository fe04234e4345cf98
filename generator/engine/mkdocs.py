"""Engine build: run MkDocs (with Material) in-process on a staging folder, strict.

The root `mkdocs.yml` lists the whole navigation. Some pages come from renderers that a
site may not have (or that are not written yet), so before building, nav entries whose
page is not in the staging folder are dropped: `follow-up/index.md` in the nav matches a
staged `follow-up/index.md` or `follow-up.md`. Everything else is strict: any MkDocs
warning (a broken link, a missing file) fails the build.

Reading and converting the Markdown pages (MkDocs' `_populate_page`) is the costliest step
and each page is converted on its own, so with many pages it is shared with a forked
worker process (`_parallel_populate`): the worker converts every other page and sends back
what conversion sets on a page (HTML, table of contents, title, anchors) and every log
message, which is logged again here, so that strict mode counts it. The output is the same
as converting every page in this process.

`SOURCE_DATE_EPOCH` is set from the build date (`INSYN_TODAY`), so that the sitemap and
its gzip header, and therefore the whole output, are byte-identical for the same input.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlsplit

from generator.engine.fast.frames import ASSEMBLED, framed_pages, reads_pages, search_plugin
from generator.infra.files import Folders, write_bytes
from generator.infra.parallel import Worker, can_fork
from generator.infra.template_cache import template_cache

THEME_SCRIPTS_DIR = "assets/javascripts"
PARALLEL_FROM = 200  # pages; below this a worker process costs more than it saves
# What MkDocs' read_source and render set on a page.
_PAGE_STATE = (
    "markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids", ASSEMBLED,
)  # fmt: skip


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


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _join(worker: Worker) -> list:
    """The worker's results; its log messages are logged here (strict mode counts them)."""
    from mkdocs.exceptions import BuildError

    data = worker.result()
    if not data:
        raise BuildError("Webbplatsen kunde inte byggas (arbetsprocessen avbröts).")
    results, records, error = pickle.loads(data)
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
    if error is not None:
        raise BuildError(error)
    return results


def _in_worker(step, items) -> bytes:
    """In the worker: ``step(item)`` for each item with MkDocs' log captured; pickled
    (results, log records, error)."""
    capture = _Capture()
    for name in ("mkdocs", "markdown"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(capture)
        logger.propagate = False
    results, error = [], None
    try:
        for item in items:
            results.append(step(item))
    except Exception as exc:  # sent to the parent, which raises it as a build error
        error = f"{type(exc).__name__}: {exc}"
    return pickle.dumps((results, capture.records, error), protocol=pickle.HIGHEST_PROTOCOL)


def _page_state(page) -> dict:
    state = {k: getattr(page, k, None) for k in _PAGE_STATE}
    links = page.links_to_anchors
    state["links_to_anchors"] = None if links is None else {f.src_uri: v for f, v in links.items()}
    return state


@contextmanager
def _all_at_first_call(name: str, prepare) -> Iterator[None]:
    """While active, MkDocs' page step ``name`` (``_populate_page`` or ``_build_page``) runs
    ``prepare(original, done, *args)`` at its first call: that may do the step for many
    pages at once and add their source paths to ``done``; every call then does the step
    only for a page not done."""
    import mkdocs.commands.build as mkbuild

    original = getattr(mkbuild, name, None)
    if original is None:  # another engine version: its own order
        yield
        return
    done: set[str] = set()
    started = False

    def step(page, *args, **kwargs) -> None:
        nonlocal started
        if not started:
            started = True
            prepare(original, done, *args)
        if page.file.src_uri not in done:
            original(page, *args, **kwargs)

    setattr(mkbuild, name, step)
    try:
        yield
    finally:
        setattr(mkbuild, name, original)


def _parallel_populate():
    """While active, MkDocs' first `_populate_page` call converts every page, every other
    one in a forked worker; the later calls then find their page done."""
    return _all_at_first_call("_populate_page", _prepopulate)


def _prepopulate(original, done: set[str], config, files, dirty: bool = False) -> None:
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import Page

    if reads_pages(config):
        return  # a plugin takes part in reading pages: keep MkDocs' own order
    docs = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
    if len(docs) < PARALLEL_FROM or not can_fork():
        return
    for file in docs:  # as MkDocs' build loop does for pages not in the nav
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
    pages = [f.page for f in docs if f.page is not None]
    mine, theirs = pages[0::2], pages[1::2]

    def convert(page) -> dict:
        original(page, config, files, dirty)
        return _page_state(page)

    worker = Worker(lambda: _in_worker(convert, theirs))
    try:
        for page in mine:
            original(page, config, files, dirty)
            done.add(page.file.src_uri)
    finally:
        states = _join(worker)
    for page, state in zip(theirs, states, strict=False):
        links = state.pop("links_to_anchors")
        for key, value in state.items():
            setattr(page, key, value)
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(k): v for k, v in links.items()}
        done.add(page.file.src_uri)


def _parallel_build_pages():
    """While active, MkDocs' first `_build_page` call builds every page (theme template,
    search entries, file), every other one in a forked worker. The search plugin's entries
    are put back in MkDocs' page order, so the search index is the same."""
    return _all_at_first_call("_build_page", _prebuild)


def _prebuild(original, done: set[str], config, doc_files, nav, env, dirty=False) -> None:
    plugin = search_plugin(config)
    if plugin is None or len(doc_files) < PARALLEL_FROM or not can_fork():
        return
    index = plugin.search_index
    files = [f for f in doc_files if f.page is not None]
    mine, theirs = files[0::2], files[1::2]

    def build_one(file) -> list:
        before = len(index.entries)
        excluded = file.inclusion.is_excluded()
        original(file.page, config, doc_files, nav, env, dirty, excluded)
        added = index.entries[before:]
        del index.entries[before:]
        return added

    worker = Worker(lambda: _in_worker(build_one, theirs))
    entries: dict[str, list] = {}
    try:
        for file in mine:
            entries[file.src_uri] = build_one(file)
            done.add(file.src_uri)
    finally:
        results = _join(worker)
    for file, added in zip(theirs, results, strict=False):
        entries[file.src_uri] = added
        done.add(file.src_uri)
    for file in files:
        index.entries.extend(entries.get(file.src_uri, []))


@contextmanager
def _linked_copies(docs_dir: Path) -> Iterator[None]:
    """While active, MkDocs "copies" a file from ``docs_dir`` (the staging folder, deleted
    after the build) by hard-linking it where it can: a large site stages a calendar file
    for every dialogue, and copying them took longer than anything else MkDocs did. Files
    from elsewhere (the theme's assets) are copied as usual."""
    import mkdocs.utils

    original = getattr(mkdocs.utils, "copy_file", None)
    if original is None:  # another engine version: it copies
        yield
        return
    root = str(docs_dir.resolve()) + os.sep

    folders = Folders()

    def copy_file(source_path: str, output_path: str) -> None:
        if not os.path.abspath(source_path).startswith(root):
            return original(source_path, output_path)
        folders.make(os.path.dirname(output_path))
        try:
            try:
                os.link(source_path, output_path)
            except FileExistsError:
                os.unlink(output_path)  # (a folder there fails: the engine's copy handles it)
                os.link(source_path, output_path)
        except OSError:  # another file system, or links not allowed: copy
            original(source_path, output_path)
        return None

    mkdocs.utils.copy_file = copy_file
    try:
        yield
    finally:
        mkdocs.utils.copy_file = original


@contextmanager
def _files_in_memory(staged: dict[str, bytes], docs_dir: Path) -> Iterator[None]:
    """While active, MkDocs' list of the files in ``docs_dir`` also has ``staged``, each as a
    file of ``docs_dir`` whose content is already read, in the order of MkDocs' own walk.
    MkDocs then reads each page from memory and writes each other file into the site. An
    engine without that list (another version) finds them written into ``docs_dir``.

    ``staged`` is emptied as its files are handed over, and each file lets go of its
    content when the engine starts to write pages: by then every page has been read, and
    a second copy of every page would otherwise be held to the end of the build."""
    import mkdocs.commands.build as mkbuild
    from mkdocs.structure import files as mkfiles

    original = getattr(mkbuild, "get_files", None)
    File, Files = mkfiles.File, mkfiles.Files
    file_sort_key = getattr(mkfiles, "file_sort_key", None)
    if original is None or file_sort_key is None or not hasattr(File, "content_bytes"):
        folders = Folders()
        for rel, content in staged.items():
            write_bytes(os.path.join(docs_dir, rel), content, folders)
        yield
        return

    added: list = []

    def get_files(config) -> Files:
        on_disk = original(config)
        for rel, content in staged.items():
            file = File(rel, config["docs_dir"], config["site_dir"], config["use_directory_urls"])
            file.content_bytes = content
            added.append(file)
        staged.clear()
        mkfiles.set_exclusions(added, config)
        return Files(sorted([*on_disk, *added], key=file_sort_key))

    def let_go(*_args) -> None:
        for file in added:
            if file.is_documentation_page():
                file._content = None  # read: page.markdown has it now
        added.clear()

    mkbuild.get_files = get_files
    try:
        # Entered after the other page steps' wrappers, so that it runs before a worker
        # is forked to build pages: the worker does not inherit the copies either.
        with _all_at_first_call("_build_page", let_go):
            yield
    finally:
        mkbuild.get_files = original


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


def _staged(docs_dir: Path | Callable[[str], bool], path: str) -> str | None:
    """The staged file for a nav path, accepting `x/index.md` and `x.md` for each other.
    ``docs_dir`` is the staging folder, or a function that tells if a file was staged."""
    if "://" in path or path.startswith(("/", "#", "mailto:")):
        return path  # a link, not a page
    candidates = [path]
    if path.endswith("/index.md"):
        candidates.append(path[: -len("/index.md")] + ".md")
    elif path.endswith(".md") and path != "index.md":
        candidates.append(path[: -len(".md")] + "/index.md")
    staged = docs_dir if callable(docs_dir) else lambda rel: (docs_dir / rel).is_file()
    for candidate in candidates:
        if staged(candidate):
            return candidate
    return None


def filter_nav(nav: list | None, docs_dir: Path | Callable[[str], bool]) -> list | None:
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
    link_files: bool = False,
    staged: dict[str, bytes] | None = None,
) -> None:
    """Build ``docs_dir`` into ``site_dir`` with MkDocs in strict mode; raise EngineError.
    With ``link_files`` (``docs_dir`` is deleted afterwards, and its files are not written
    again), files that are not pages are hard-linked instead of copied. ``staged`` are
    files kept in memory (path in ``docs_dir`` → content), built as if they were there;
    the build takes them over (the dict is emptied)."""
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
            in_memory = staged or {}

            def exists(rel: str) -> bool:
                return rel in in_memory or (docs_dir / rel).is_file()

            cfg["nav"] = filter_nav(cfg["nav"], exists)
            _cache_compiled_templates(cfg.theme)
            linked = _linked_copies(docs_dir) if link_files else nullcontext()
            added = _files_in_memory(in_memory, docs_dir) if in_memory else nullcontext()
            with linked, framed_pages(), _parallel_populate(), _parallel_build_pages(), added:
                build(cfg)
    except MkDocsException as exc:
        raise EngineError([*collect.messages, str(exc)]) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = old_propagate
    if collect.messages:  # pragma: no cover - strict mode aborts before this
        raise EngineError(collect.messages)


def _cache_compiled_templates(theme) -> None:
    """Give the theme's Jinja environment the shared cache of compiled templates."""
    get_env = getattr(theme, "get_env", None)
    bytecode_cache = template_cache()
    if get_env is None or bytecode_cache is None:
        return

    def get_env_with_cache():
        env = get_env()
        env.bytecode_cache = bytecode_cache
        return env

    theme.get_env = get_env_with_cache  # this build's theme object only


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
