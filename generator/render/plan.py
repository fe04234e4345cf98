"""The site before it is written: every page and data file, from the site data alone.

``make_plan(site)`` lists every output (its path in the staging folder, the writer that
makes it and what the writer needs), so that a writer can link to any other output by
asking the plan (``Plan.has``), never the staging folder, and writers can run in any
order and in any process. A writer returns the file's bytes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.settings import ConfigError
from generator.core.site import SiteData
from generator.summarise.followup import follow_up_years
from generator.summarise.listing import FACET_KINDS
from generator.summarise.planned import budget_years

# Hand-written pages and the pictures and documents they show; settings files stay behind.
PUBLISHED_SUFFIXES = {".md", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf"}
DEFAULT_PAGES = {"propose.md": "pages/propose.md.j2"}  # written where content has none


@dataclass(frozen=True)
class Output:
    """One file of the site: where it is staged, which writer makes it, and from what."""

    path: str
    writer: str  # a key of ``render.writers.WRITERS``
    arg: object = None  # what the writer needs beyond the site: an entry, a year …
    weight: float = 1.0  # how much work it is, to share the writing out evenly


@dataclass(frozen=True)
class Plan:
    outputs: tuple[Output, ...]
    paths: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        for o in self.outputs:
            if not _inside(o.path):
                raise ValueError(f"{o.path!r} is outside the staging folder")
        object.__setattr__(self, "paths", frozenset(o.path for o in self.outputs))

    def has(self, path: str) -> bool:
        return path in self.paths

    def source_for(self, site_path: str) -> str | None:
        """The output that becomes ``site_path`` (`/follow-up/`), if there is one."""
        name = site_path.strip("/")
        candidates = ["index.md"] if not name else [f"{name}.md", f"{name}/index.md"]
        return next((rel for rel in candidates if self.has(rel)), None)


def _inside(path: str) -> bool:
    """Whether ``path`` is a plain relative path that stays in the folder it is joined to."""
    normal = posixpath.normpath(path)
    plain = bool(path) and normal == path and path not in (".", "..")
    return plain and not path.startswith(("/", "../")) and not set(path) & {"\\", "\x00"}


FEED_FACETS = ("topics", "areas")  # the facets a resident can follow by their own feed


def feed_file(kind: str, key: str) -> str:
    """Where the feed of one dialogue (``dialogues``), topic or area is."""
    return f"data/feeds/{kind}/{key}.xml"


def calendar_file(slug: str) -> str:
    """Where a dialogue's events are (every dialogue has the file; a page links to it only
    when the dialogue has events)."""
    return f"data/calendar/{slug}.ics"


def make_plan(site: SiteData) -> Plan:
    for e in site.entries:
        if e.slug == "index":  # `dialogues/index.md` is the list of all dialogues
            raise ConfigError(f"{e.path}: en dialogfil kan inte heta index.md; byt namn.")
    outputs = [*_hand_written(site), *_data(site), *_follow_up(site), *_guide(site),
               *_planned(site), *_pages(site)]  # fmt: skip
    return Plan(tuple(outputs))


def _hand_written(site: SiteData) -> Iterator[Output]:
    """Pages and pictures from the content folder (not ``dialogues/``), copied as they are;
    default pages where the content has none. Only when the content folder has a
    ``dialogues/`` folder: a folder given straight to ``--content`` has no pages of its
    own."""
    content = Path(site.config.content_dir)
    copied: set[str] = set()
    if site.config.dialogues_dir.is_dir():
        for src in sorted(content.rglob("*")):
            rel = src.relative_to(content)
            if rel.parts[0] == "dialogues" or any(part.startswith(".") for part in rel.parts):
                continue
            if src.is_file() and src.suffix.lower() in PUBLISHED_SUFFIXES:
                copied.add(rel.as_posix())
                yield Output(rel.as_posix(), "copy", src)
    for rel, template in DEFAULT_PAGES.items():
        if rel not in copied:
            yield Output(rel, "default-page", template)
    yield Output("accessibility.md", "accessibility")


def _data(site: SiteData) -> Iterator[Output]:
    n = len(site.entries)
    yield Output("calendar.ics", "calendar", weight=n * 0.05 + 1)
    for e in site.entries:
        yield Output(calendar_file(e.slug), "dialogue-calendar", e, weight=0.3)
    yield Output("datasets/dcat.rdf", "dcat")
    yield Output("feed.xml", "feed", weight=n * 0.05 + 1)
    for e in site.entries:
        yield Output(feed_file("dialogues", e.slug), "feed", e, weight=0.3)
    for kind in FACET_KINDS:
        if kind.folder in FEED_FACETS:
            for facet in kind.group(site.entries):
                weight = len(facet.entries) * 0.05 + 0.3
                yield Output(feed_file(kind.folder, facet.key), "feed", (kind, facet), weight)
    for path in ("data/dialogues.json", "data/dialogues.csv"):
        yield Output(path, "open-data", weight=n * 0.05 + 1)
    yield Output("data/dialogue.schema.json", "schema")
    yield Output("data/dialogues.schema.json", "schema")
    yield Output("data/index.md", "open-data-page")


def _follow_up(site: SiteData) -> Iterator[Output]:
    n = len(site.entries)
    yield Output("follow-up/index.md", "follow-up-index", weight=n * 0.02 + 1)
    for year in follow_up_years(site.entries):
        yield Output(f"data/follow-up/{year}.json", "follow-up-data", year, weight=n * 0.01 + 1)
        yield Output(f"follow-up/{year}/index.md", "follow-up-year", year, weight=n * 0.05 + 1)
    yield Output("assets/stylesheets/print.css", "asset", "followup/print.css")
    yield Output("assets/stylesheets/colour.css", "colour")


def _guide(site: SiteData) -> Iterator[Output]:
    for name in ("index", "fields", "rules"):
        yield Output(f"guide/{name}.md", "guide", name)
    yield Output("guide/readability.md", "readability", weight=len(site.entries) * 0.05 + 1)
    yield Output("guide/dialogue.schema.json", "guide-schema")


def _planned(site: SiteData) -> Iterator[Output]:
    yield Output("planned/index.md", "planned-index")
    for year in budget_years(site.entries):
        yield Output(f"data/planned/{year}.csv", "planned-data", year)
        yield Output(f"planned/{year}/index.md", "planned-year", year)


def _pages(site: SiteData) -> Iterator[Output]:
    n = len(site.entries)
    yield Output("policy.md", "policy")
    for e in site.entries:
        yield Output(f"dialogues/{e.slug}.md", "dialogue", e)
    yield Output("dialogues/index.md", "dialogue-list", weight=n * 0.1 + 1)
    for kind in FACET_KINDS:
        facets = kind.group(site.entries)
        yield Output(f"{kind.folder}/index.md", "facet-index", (kind, tuple(facets)))
        for facet in facets:
            weight = len(facet.entries) * 0.1 + 1
            yield Output(f"{kind.folder}/{facet.key}.md", "facet", (kind, facet), weight)
    yield Output("index.md", "home", weight=n * 0.02 + 1)
    yield Output("deviations.md", "deviations", weight=n * 0.01 + 1)
