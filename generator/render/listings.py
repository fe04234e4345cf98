"""List pages: all dialogues by status, and static pages per board, topic, area and year.

The lists are raw HTML blocks (see ``pages/_items.html.j2``), so their links are written
as URLs here and checked against the staging folder (the dialogue pages are written first).
They are left out of the search index: every dialogue's own page is in it.

A dialogue is listed on five or more pages (all, its board, topics, area and year), the
same item but for its link; ``Items`` renders each item's macro once with a marker word
for the link and puts each page's link in place of it.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from generator.core.site import Entry, SiteData
from generator.render import Staging
from generator.render.links import check_staged, dialogue_links, href
from generator.render.templating import html_environment, render
from generator.summarise.listing import FACET_KINDS, group_by_status

_MARK = "insynlistitemhref"  # letters only: no filter or escaping changes it


class Items:
    """``for_page(page)`` gives ``item(e)``, the list item of a dialogue on ``page``."""

    def __init__(self, out: Staging, directory_urls: bool):
        self._out = out
        self._urls = directory_urls
        self._macro = html_environment().get_template("pages/_items.html.j2").module.item
        self._rendered: dict[str, str | None] = {}  # slug → item with the marker, or None

    def for_page(self, page: str) -> Callable[[Entry], Markup]:
        to_page = dialogue_links(page, self._urls)
        out = self._out

        def item(e: Entry) -> Markup:
            check_staged(out, page, f"dialogues/{e.slug}.md")  # a raw HTML link
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


def render_listings(site: SiteData, out: Staging) -> None:
    urls = site.config.directory_urls
    items = Items(out, urls)
    page = "dialogues/index.md"
    out.write(
        page,
        render(
            "pages/dialogues.html.md.j2",
            groups=group_by_status(site.entries),
            facets=FACET_KINDS,
            facet_links={k.folder: href(page, f"{k.folder}/index.md", urls) for k in FACET_KINDS},
            item=items.for_page(page),
        ),
    )
    for kind in FACET_KINDS:
        facets = kind.group(site.entries)
        out.write(
            f"{kind.folder}/index.md",
            render("pages/facet_index.md.j2", facets=facets, folder=kind.folder),
        )
        for facet in facets:
            page = f"{kind.folder}/{facet.key}.md"
            out.write(
                page,
                render(
                    "pages/facet.html.md.j2",
                    facet=facet,
                    groups=group_by_status(facet.entries),
                    folder=kind.folder,
                    item=items.for_page(page),
                    index_link=href(page, f"{kind.folder}/index.md", urls),
                    list_link=href(page, "dialogues/index.md", urls),
                ),
            )
