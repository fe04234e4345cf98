"""Framed pages: a thousand pages of one kind without a thousand theme renderings.

A large site is mostly dialogue pages (and listings) that differ only in their address,
title, description, own feed, table of contents and content. MkDocs would convert each one's
Markdown (parsing all its raw HTML again) and render the whole Material template for it
(header, navigation, footer). While ``framed_pages()`` is active, the engine's two page
steps are replaced for such pages:

- **Convert** (``_populate_page``): a page that is only heading lines and raw HTML blocks
  is converted by ``engine.fast.assemble`` (the engine's Markdown on its headings, the raw
  blocks copied), with the same content, table of contents, title and anchors.
- **Render** (``_build_page``): pages outside the navigation that share a *shape* (folder,
  table-of-contents structure, which front-matter fields are set) share a *frame*: the
  theme template rendered once for a stand-in page whose values are marker words. A page
  is the frame with the markers replaced by its own values. Only plain values are put in
  (no ``& < > " '``, no double spaces), so how the template escapes or filters them cannot
  matter; a page with any other value is rendered by the template as usual.

The plugins that see a built page (Material's search, at most) see it as in MkDocs' own
step, so the search index is the engine's. Nothing is assumed without a check in the same
run: the first page converted and the first page of every frame are also done the
engine's way and compared, and a difference turns the shortcut off (for the run, or for
that frame). A page the shortcut was for and does not take (a value that is not plain, a
check that failed) is logged on ``insyn.fast``, which ``insyn build -v`` prints; pages it
is not for (hand-written Markdown, the one page of its shape) are left to the engine
without a word. ``tests/equivalence`` builds whole sites both ways and compares every
file.

Everything here depends on MkDocs 1.6 internals and is used only if they are found and no
plugin but the search plugin takes part in building pages.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from generator.engine.fast.assemble import Assembler, Converted
from generator.infra.files import Folders, write_bytes

log = logging.getLogger("insyn.fast")

ASSEMBLED = "insyn_assembled"  # set on a page converted by (or checked against) assemble
MARK = "insynframeslot"  # marker words: letters and digits survive every filter
_PLAIN = re.compile(r"[^&<>\"'\s]+(?: [^&<>\"'\s]+)*")
_STEM = re.compile(r"[a-z0-9][a-z0-9_-]*")


def page_plugins_allow(config) -> bool:
    """Whether the only plugin that sees built pages is Material's search (or none): it
    reads a page and its content only, so a page built here gives it the same."""
    if config.plugins.events["post_page"]:
        return False
    context = config.plugins.events["page_context"]
    return all(hasattr(getattr(h, "__self__", None), "search_index") for h in context)


def reads_pages(config) -> bool:
    """Whether a plugin takes part in reading pages (then the engine converts them)."""
    return any(config.plugins.events[e] for e in ("pre_page", "page_markdown", "page_content"))


# --- convert --------------------------------------------------------------------------------


def _markdown_converter(config):
    """``convert(text) -> (html, toc tokens, title)`` with the engine's Markdown settings
    and MkDocs' own title finder; one Markdown instance, reset for each text."""
    import markdown
    from mkdocs.structure.pages import _ExtractTitleTreeprocessor

    md = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
    )
    title = _ExtractTitleTreeprocessor()
    title._register(md)

    def convert(text: str) -> tuple[str, list[dict], str | None]:
        md.reset()
        title.title = None
        out = md.convert(text)
        return out, getattr(md, "toc_tokens", []), title.title

    return convert, set(md.block_level_elements)


def _toc_shape(items) -> tuple:
    return tuple((item.level, _toc_shape(item.children)) for item in items)


def _same_conversion(page, converted: Converted) -> bool:
    from mkdocs.structure.toc import get_toc

    toc = get_toc(converted.toc_tokens)
    return (
        page.content == converted.content
        and _toc_rows(page.toc) == _toc_rows(toc)
        and page._title_from_render == converted.title
        and page.present_anchor_ids == converted.anchors
    )


def _toc_rows(items) -> list:
    return [(i.title, i.id, i.level, _toc_rows(i.children)) for i in items]


# --- render ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """A rendered page split at its marker words: ``parts[0] slot[0] parts[1] …``."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]

    def fill(self, values: dict[str, str]) -> str:
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out += (values[slot], part)
        return "".join(out)


class Frames:
    """Frames for the pages of one build; ``render(page)`` is the page's HTML or None."""

    def __init__(self, config, doc_files, nav, env):
        self.config, self.doc_files, self.nav, self.env = config, doc_files, nav, env
        self._frames: dict[tuple, Frame | None] = {}
        self._checked: set[tuple] = set()

    def key(self, page) -> tuple | None:
        """The page's shape, or None if it cannot be framed."""
        src = page.file.src_uri
        folder, name = posixpath.split(src)
        meta = page.meta or {}
        if (
            not src.endswith(".md")
            or not _STEM.fullmatch(name[:-3])
            or name == "index.md"
            or page.is_homepage
            or page.parent is not None
            or page.previous_page is not None
            or page.next_page is not None
            or page.content is None
            or "title" not in meta  # a title from the first heading: not in a stand-in
            or not set(meta) <= {"title", "description", "feed", "search"}
            or meta.get("search", {"exclude": True}) != {"exclude": True}
        ):
            return None
        return (folder, "<h1" in page.content, _toc_shape(page.toc), tuple(sorted(meta)))

    def values(self, page) -> dict[str, str] | None:
        """What replaces each marker for this page; None if a value is not plain text."""
        values = {f"{MARK}0stem": page.file.src_uri.rsplit("/", 1)[-1][:-3]}
        for field in ("title", "description", "feed"):
            if field in page.meta:
                values[f"{MARK}0{field}"] = page.meta[field]
        for n, item in enumerate(_flat(page.toc)):
            values[f"{MARK}{n + 1}id"] = item.id
            values[f"{MARK}{n + 1}name"] = item.title
        if not all(isinstance(v, str) and _PLAIN.fullmatch(v) for v in values.values()):
            return None
        values[_content_mark(page)] = page.content
        return values

    def render(self, page) -> str | None:
        key = self.key(page)
        if key is None:
            return None
        if key not in self._frames:
            self._frames[key] = self._frame(page)
        frame = self._frames[key]
        if frame is None:
            return None
        values = self.values(page)
        if values is None:
            log.info("%s: byggs av temat, för att en titel, beskrivning eller rubrik inte är "
                     "vanlig text", page.file.src_uri)  # fmt: skip
            return None
        out = frame.fill(values)
        if key not in self._checked:  # the first page of a frame: compare with the engine
            self._checked.add(key)
            if out != self.template(page):
                log.info("%s: ramen skiljer sig från temats sida och används inte för sidor "
                         "av samma form", page.file.src_uri)  # fmt: skip
                self._frames[key] = None
                return None
        return out

    def template(self, page) -> str:
        from mkdocs.commands.build import get_context

        template = self.env.get_template(page.meta.get("template", "main.html"))
        return template.render(get_context(self.nav, self.doc_files, self.config, page))

    def _frame(self, page) -> Frame | None:
        """The theme's page for a stand-in of ``page`` whose values are marker words."""
        from mkdocs.structure.files import File
        from mkdocs.structure.pages import Page
        from mkdocs.structure.toc import AnchorLink, TableOfContents

        folder = posixpath.dirname(page.file.src_uri)
        config = self.config
        stem = f"{MARK}0stem"
        file = File(
            posixpath.join(folder, f"{stem}.md"),
            config["docs_dir"],
            config["site_dir"],
            config["use_directory_urls"],
        )
        stand_in = Page(None, file, config)
        stand_in.markdown = ""
        stand_in.meta = {field: f"{MARK}0{field}" for field in page.meta if field != "search"}
        if "search" in page.meta:
            stand_in.meta["search"] = page.meta["search"]
        stand_in.content = _content_mark(page)
        counter = iter(range(1, 10_000))

        def anchors(items) -> list:
            made = []
            for item in items:
                n = next(counter)
                link = AnchorLink(f"{MARK}{n}name", f"{MARK}{n}id", item.level)
                link.children = anchors(item.children)
                made.append(link)
            return made

        stand_in.toc = TableOfContents(anchors(page.toc))
        if stand_in.toc.items:
            stand_in.toc.items[0].active = True  # as MkDocs' get_toc marks it
        stand_in.active = True
        try:
            text = self.template(stand_in)
        except Exception as exc:  # a template that cannot render a stand-in: it does the page
            log.info("%s: ingen ram kunde göras (%s); temat bygger sidor av samma form",
                     page.file.src_uri, type(exc).__name__)  # fmt: skip
            return None
        marks = [stem, stand_in.content, *(v for v in stand_in.meta.values() if isinstance(v, str))]
        marks += [m for item in _flat(stand_in.toc) for m in (item.id, item.title)]
        marks.sort(key=len, reverse=True)  # a longer marker before one it starts with
        pieces = re.split("(" + "|".join(map(re.escape, marks)) + ")", text)
        return Frame(tuple(pieces[0::2]), tuple(pieces[1::2]))


def _content_mark(page) -> str:
    # Material adds an <h1> of its own when the content has none: keep that the same.
    return f"<h1{MARK}0content" if "<h1" in (page.content or "") else f"{MARK}0content"


def _flat(items) -> Iterator:
    for item in items:
        yield item
        yield from _flat(item.children)


# --- the engine's page steps ----------------------------------------------------------------


@contextmanager
def framed_pages() -> Iterator[None]:
    """While active, MkDocs converts and renders pages through ``Assembler`` and
    ``Frames`` where they apply (see the module docstring)."""
    try:
        import mkdocs.commands.build as mkbuild
        from mkdocs.structure.pages import _ExtractTitleTreeprocessor  # noqa: F401
        from mkdocs.structure.toc import get_toc
    except ImportError:  # another engine version: it builds every page itself
        yield
        return
    populate_original = getattr(mkbuild, "_populate_page", None)
    build_original = getattr(mkbuild, "_build_page", None)
    if populate_original is None or build_original is None:
        yield
        return
    state: dict = {"assembler": None, "checked": False, "frames": None}
    folders = Folders()  # the site's folders made so far: one mkdir per page, not a makedirs

    def populate(page, config, files, dirty: bool = False) -> None:
        if (dirty and not page.file.is_modified()) or reads_pages(config):
            return populate_original(page, config, files, dirty)
        if state["assembler"] is None:
            state["assembler"] = Assembler(*_markdown_converter(config))
        assembler = state["assembler"]
        if assembler is False:
            return populate_original(page, config, files, dirty)
        config._current_page = page
        try:
            page.read_source(config)
        except Exception:  # the engine reads it again and reports the error its way
            return populate_original(page, config, files, dirty)
        finally:
            config._current_page = None
        converted = assembler.assemble(page.markdown)
        if converted is None:
            return populate_original(page, config, files, dirty)
        if not state["checked"]:  # the first page: the engine's way too, and compare
            state["checked"] = True
            populate_original(page, config, files, dirty)
            if not _same_conversion(page, converted):
                log.info("%s: den snabba konverteringen skiljer sig från motorns och används "
                         "inte i det här bygget", page.file.src_uri)  # fmt: skip
                state["assembler"] = False
                return None
        else:
            page.content = converted.content
            page.toc = get_toc(converted.toc_tokens)
            page._title_from_render = converted.title
            page.present_anchor_ids = converted.anchors
            if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
                page.links_to_anchors = {}  # no Markdown links: headings only
        setattr(page, ASSEMBLED, True)
        page.markdown = ""  # not needed again (an empty text, not None, keeps the title)
        return None

    def assembled(page) -> bool:
        return getattr(page, ASSEMBLED, False) is True

    def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
        if excluded or (dirty and not page.file.is_modified()):
            return build_original(page, config, doc_files, nav, env, dirty, excluded)
        if not page_plugins_allow(config):
            log.info("%s: byggs av temat: ett insticksprogram utom sökningen ser sidan",
                     page.file.src_uri)  # fmt: skip
            return build_original(page, config, doc_files, nav, env, dirty, excluded)
        frames = state["frames"]
        if frames is None or frames.env is not env or frames.nav is not nav:
            frames = state["frames"] = Frames(config, doc_files, nav, env)
        framed = frames.key(page) is not None
        if not framed and not assembled(page):
            return build_original(page, config, doc_files, nav, env, dirty, excluded)
        config._current_page = page
        page.active = True
        try:
            # The plugins see the page as in the engine's step (the search plugin indexes
            # it and takes its data-search-* attributes out of the content).
            config.plugins.on_page_context({}, page=page, config=config, nav=nav)
            output = (frames.render(page) if framed else None) or frames.template(page)
            if output.strip():
                data = output.encode("utf-8", errors="xmlcharrefreplace")
                write_bytes(page.file.abs_dest_path, data, folders)
            page.content = ""  # written: free it (a large site's memory)
        finally:
            page.active = False
            config._current_page = None
        return None

    mkbuild._populate_page, mkbuild._build_page = populate, build_page
    try:
        yield
    finally:
        mkbuild._populate_page, mkbuild._build_page = populate_original, build_original
