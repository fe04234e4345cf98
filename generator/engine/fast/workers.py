"""MkDocs' two page steps for every page at once, shared with workers (``fan_out``).

While ``page_steps_in_parallel()`` is active, the first call of MkDocs' ``_populate_page``
(read and convert a page) converts every page, and the first call of ``_build_page``
(theme template, plugins, file) builds every page; the later calls then find their page
done. A worker sends back what conversion sets on a page (HTML, table of contents, title,
anchors), or the search plugin's entries for a page it built, and every message MkDocs
logged, which is logged again here in page order, so that strict mode counts it. The
result is the same as MkDocs doing one page after the other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

from generator.engine.fast.frames import ASSEMBLED, page_plugins_allow, reads_pages
from generator.infra import tuning
from generator.infra.parallel import fan_out

# What MkDocs' read_source and render set on a page.
_PAGE_STATE = (
    "markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids", ASSEMBLED,
)  # fmt: skip
_LOGGERS = ("mkdocs", "markdown", "insyn.fast")  # "insyn.fast": the frames' declines
log = logging.getLogger("insyn.fast")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _logged(step: Callable) -> Callable:
    """``step`` with what it logs kept and returned beside its result, to log again later."""

    def run(item):
        capture = _Capture()
        loggers = [logging.getLogger(name) for name in _LOGGERS]
        saved = [(lg.handlers[:], lg.propagate) for lg in loggers]
        for lg in loggers:
            lg.handlers[:] = [capture]
            lg.propagate = False
        try:
            return step(item), capture.records
        finally:
            for lg, (handlers, propagate) in zip(loggers, saved, strict=True):
                lg.handlers[:] = handlers
                lg.propagate = propagate

    return run


def _replay(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


def _page_state(page) -> dict:
    state = {k: getattr(page, k, None) for k in _PAGE_STATE}
    links = page.links_to_anchors
    state["links_to_anchors"] = None if links is None else {f.src_uri: v for f, v in links.items()}
    return state


@contextmanager
def _all_at_first_call(name: str, prepare) -> Iterator[None]:
    """While active, MkDocs' page step ``name`` runs ``prepare(original, done, *args)`` at
    its first call: that may do the step for many pages at once and add their source
    paths to ``done``; every call then does the step only for a page not done."""
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


def _prepopulate(original, done: set[str], config, files, dirty: bool = False) -> None:
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import Page

    if dirty:
        return  # the preview's rebuild: a few pages, in MkDocs' own order
    if reads_pages(config):
        log.info("sidorna konverteras en i taget: ett insticksprogram läser dem")
        return
    docs = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
    if len(docs) < tuning.ENGINE_PARALLEL_FROM:
        return
    for file in docs:  # as MkDocs' build loop does for pages not in the nav
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
    pages = [f.page for f in docs if f.page is not None]

    def convert(page) -> dict:
        original(page, config, files, dirty)
        return _page_state(page)

    results = fan_out(_logged(convert), pages, at_least=tuning.ENGINE_PARALLEL_FROM)
    for page, (state, records) in zip(pages, results, strict=True):
        _replay(records)
        links = state.pop("links_to_anchors")
        for key, value in state.items():
            setattr(page, key, value)
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(k): v for k, v in links.items()}
        done.add(page.file.src_uri)


def _prebuild(original, done: set[str], config, doc_files, nav, env, dirty=False) -> None:
    searches = [p for p in config.plugins.values() if hasattr(p, "search_index")]
    if dirty or len(doc_files) < tuning.ENGINE_PARALLEL_FROM:
        return
    if not page_plugins_allow(config):
        log.info("sidorna byggs en i taget: ett insticksprogram utom sökningen ser dem")
        return
    index = searches[0].search_index if searches else None
    files = [f for f in doc_files if f.page is not None]

    def build_one(file) -> list:
        before = len(index.entries) if index is not None else 0
        original(file.page, config, doc_files, nav, env, dirty, file.inclusion.is_excluded())
        if index is None:
            return []
        added = index.entries[before:]
        del index.entries[before:]
        return added

    results = fan_out(_logged(build_one), files, at_least=tuning.ENGINE_PARALLEL_FROM)
    for file, (added, records) in zip(files, results, strict=True):
        _replay(records)
        if index is not None:
            index.entries.extend(added)  # in MkDocs' page order: the same index
        done.add(file.src_uri)


@contextmanager
def page_steps_in_parallel() -> Iterator[None]:
    """While active, MkDocs' page steps are done for all pages at once (see the module)."""
    with ExitStack() as stack:
        stack.enter_context(_all_at_first_call("_populate_page", _prepopulate))
        stack.enter_context(_all_at_first_call("_build_page", _prebuild))
        yield
