"""Every writer, by the name a plan's outputs give (``Output.writer``)."""

from __future__ import annotations

from generator.render import (
    accessibility,
    calendar,
    dcat,
    dialogue_pages,
    feeds,
    followup,
    guide,
    listings,
    opendata,
    pages,
    planned,
)
from generator.render.writing import Writer

WRITERS: dict[str, Writer] = {
    "copy": pages.write_copy,
    "default-page": pages.write_default_page,
    "asset": pages.write_asset,
    "colour": pages.write_colour,
    "policy": pages.write_policy_page,
    "home": pages.write_home,
    "deviations": pages.write_deviations,
    "accessibility": accessibility.write_accessibility,
    "calendar": calendar.write_calendar,
    "dialogue-calendar": calendar.write_dialogue_calendar,
    "dcat": dcat.write_dcat,
    "feed": feeds.write_feed,
    "open-data": opendata.write_open_data,
    "schema": opendata.write_schema,
    "open-data-page": opendata.write_open_data_page,
    "follow-up-index": followup.write_follow_up_index,
    "follow-up-data": followup.write_follow_up_data,
    "follow-up-year": followup.write_follow_up_year,
    "guide": guide.write_guide,
    "readability": guide.write_readability,
    "guide-schema": guide.write_guide_schema,
    "planned-index": planned.write_planned_index,
    "planned-data": planned.write_planned_data,
    "planned-year": planned.write_planned_year,
    "dialogue": dialogue_pages.write_dialogue_page,
    "dialogue-list": listings.write_dialogue_list,
    "facet-index": listings.write_facet_index,
    "facet": listings.write_facet,
}
