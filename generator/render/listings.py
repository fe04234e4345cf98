"""List pages: all dialogues by status, and static pages per board, topic, area and year.

The lists are raw HTML blocks (see ``pages/_items.html.j2``), so their links are written
as URLs here, to pages the plan has. They are left out of the search index: every
dialogue's own page is in it.

A dialogue is listed on five or more pages (all, its board, topics, area and year), the
same item but for its link; ``Items`` renders each item's macro once with a marker word
for the link and puts each page's link in place of it.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from generator.core.site import Entry
from generator.render.links import checked_href, dialogue_links
from generator.render.plan import FEED_FACETS, Output, feed_file
from generator.render.templating import html_environment, render
from generator.render.writing import Writing
from generator.summarise.listing import FACET_KINDS, group_by_status

_MARK = "insynlistitemhref"  # letters only: no filter or escaping changes it


class Items:
    """``for_page(page)`` gives ``item(e)``, the list item of a dialogue on ``page``."""

    def __init__(self, directory_urls: bool):
        self._urls = directory_urls
        self._macro = html_environment().get_template("pages/_items.html.j2").module.item
        self._rendered: dict[str, str | None] = {}  # slug → item with the marker, or None

    def for_page(self, page: str) -> Callable[[Entry], Markup]:
        to_page = dialogue_links(page, self._urls)

        def item(e: Entry) -> Markup:
            link = to_page(e.slug)
            marked = self._marked(e)
            if marked is None:
                return self._macro(e, link)
            return Markup(marked.replace(_MARK, str(escape(link))))

        return item

    def _marked(self, e: Entry) -> str | None:
        if e.slug not in self._rendered:
            marked = str(self._macro(e, _MARK))
            self._rendered[e.slug] = marked if marked.count(_MARK) == 1 else None
        return self._rendered[e.slug]


def _items_for(w: Writing) -> Items:
    """The run's ``Items``, so that every list page of it reuses the rendered items."""
    items = w.shared.get(Items)
    if items is None:
        items = w.shared[Items] = Items(w.urls)
    return items  # type: ignore[return-value]


def write_dialogue_list(w: Writing, output: Output) -> bytes:
    page = output.path
    return render(
        "pages/dialogues.html.md.j2",
        groups=group_by_status(w.site.entries),
        facets=FACET_KINDS,
        facet_links={
            k.folder: checked_href(w.plan, page, f"{k.folder}/index.md", w.urls)
            for k in FACET_KINDS
        },
        item=_items_for(w).for_page(page),
    ).encode("utf-8")


def write_facet_index(w: Writing, output: Output) -> bytes:
    kind, facets = output.arg  # type: ignore[misc]
    return render("pages/facet_index.md.j2", facets=facets, folder=kind.folder).encode("utf-8")


def write_facet(w: Writing, output: Output) -> bytes:
    kind, facet = output.arg  # type: ignore[misc]
    page = output.path
    return render(
        "pages/facet.html.md.j2",
        facet=facet,
        groups=group_by_status(facet.entries),
        folder=kind.folder,
        item=_items_for(w).for_page(page),
        index_link=checked_href(w.plan, page, f"{kind.folder}/index.md", w.urls),
        list_link=checked_href(w.plan, page, "dialogues/index.md", w.urls),
        **_feed_of(w, page, kind.folder, facet.key),
    ).encode("utf-8")


def _feed_of(w: Writing, page: str, folder: str, key: str) -> dict[str, str | None]:
    """A facet page's own feed, if it has one: for the page's head (from the site's root)
    and for its link (from the page)."""
    if folder not in FEED_FACETS:
        return {"feed": None, "feed_link": None}
    feed = feed_file(folder, key)
    return {"feed": feed, "feed_link": checked_href(w.plan, page, feed, w.urls)}
