"""List pages: all dialogues by status, and static pages per board, topic, area and year.

The lists are raw HTML blocks (see ``pages/_items.html.j2``), so their links are written
as URLs here and checked against the staging folder (the dialogue pages are written first).
They are left out of the search index: every dialogue's own page is in it.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.render import Staging
from generator.render.links import checked_href, href
from generator.render.templating import render
from generator.site import Entry, SiteData
from generator.summarise.listing import FACET_KINDS, group_by_status


def _dialogue_links(out: Staging, page: str, urls: bool) -> Callable[[Entry], str]:
    def link(e: Entry) -> str:
        return checked_href(out, page, f"dialogues/{e.slug}.md", urls)

    return link


def render_listings(site: SiteData, out: Staging) -> None:
    urls = site.config.directory_urls
    page = "dialogues/index.md"
    out.write(
        page,
        render(
            "pages/dialogues.html.md.j2",
            groups=group_by_status(site.entries),
            facets=FACET_KINDS,
            facet_links={k.folder: href(page, f"{k.folder}/index.md", urls) for k in FACET_KINDS},
            link=_dialogue_links(out, page, urls),
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
                    link=_dialogue_links(out, page, urls),
                    index_link=href(page, f"{kind.folder}/index.md", urls),
                    list_link=href(page, "dialogues/index.md", urls),
                ),
            )
