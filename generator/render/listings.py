"""List pages: all dialogues by status, and static pages per board, topic, area and year."""

from __future__ import annotations

from generator.render import Staging
from generator.render.templating import render
from generator.site import SiteData
from generator.summarise.listing import FACET_KINDS, group_by_status


def render_listings(site: SiteData, out: Staging) -> None:
    out.write(
        "dialogues/index.md",
        render(
            "pages/dialogues.md.j2",
            groups=group_by_status(site.entries),
            facets=FACET_KINDS,
        ),
    )
    for kind in FACET_KINDS:
        facets = kind.group(site.entries)
        out.write(
            f"{kind.folder}/index.md",
            render("pages/facet_index.md.j2", facets=facets, folder=kind.folder),
        )
        for facet in facets:
            out.write(
                f"{kind.folder}/{facet.key}.md",
                render(
                    "pages/facet.md.j2",
                    facet=facet,
                    groups=group_by_status(facet.entries),
                    folder=kind.folder,
                ),
            )

