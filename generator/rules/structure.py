"""Rules about the file's structure: schema, date order and unique slugs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.findings import Problem
from generator.load.source import SLUG_RE, Source
from generator.rules import Context, rule
from generator.schema_errors import field_name


@rule("schema", scope="source")
def schema(ctx: Context) -> Iterator[Problem]:
    """The file can be read and its front matter follows the content model.

    UTF-8 text, front matter between two `---` lines, valid YAML without aliases or tags,
    every required field present, no unknown fields, values of the right type, allowed
    values from the lists, dates that exist, and a file name that is a valid slug
    (lower-case a–z, digits and `-`). A file may not have both `feedback` and `cancelled`.
    """
    if not SLUG_RE.match(ctx.source.slug):
        yield Problem(
            f"Filnamnet `{ctx.source.slug}.md` är ingen giltig slug.",
            line=1,
            hint="Använd små bokstäver a–z, siffror och bindestreck, t.ex. kolla-torg-2026.md.",
        )
    data = ctx.source.data or {}
    if data.get("feedback") is not None and data.get("cancelled") is not None:
        yield Problem(
            "En dialog kan inte ha både `feedback` och `cancelled`.",
            ("cancelled",),
            "Ta bort `cancelled` om dialogen genomfördes, annars `feedback`.",
        )


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@rule("dates-ordered")
def dates_ordered(ctx: Context) -> Iterator[Problem]:
    """Dates come in a sensible order.

    The period starts on or before it ends; feedback is given on or after the period's end;
    progress updates fall between the period's start and today; a participation way ends
    after it starts; a board decision is not later than the period's start.
    """
    d = ctx.d
    if d.period and d.period.end < d.period.start:
        yield Problem(
            "Perioden slutar före den börjar.",
            ("period", "end"),
            "Kontrollera `period.start` och `period.end`.",
        )
    if d.period and d.feedback and d.feedback.date < d.period.end:
        yield Problem(
            "Återkopplingen är daterad före periodens slut.",
            ("feedback", "date"),
            "Återkoppling ges när dialogen är avslutad; kontrollera datumet.",
        )
    for i, update in enumerate(d.updates):
        if update.date > ctx.today:
            yield Problem(
                "Lägesrapporten är daterad i framtiden.",
                ("updates", i, "date"),
                "Skriv datumet då rapporten publiceras.",
            )
        elif d.period and update.date < d.period.start:
            yield Problem(
                "Lägesrapporten är daterad före dialogens start.",
                ("updates", i, "date"),
                "Lägesrapporter gäller dialogen medan den pågår.",
            )
    for i, way in enumerate(d.participation):
        if way.start and way.end and _as_date(way.end) < _as_date(way.start):
            yield Problem(
                f"`{field_name(('participation', i))}` slutar före det börjar.",
                ("participation", i, "end"),
            )
        elif (
            isinstance(way.start, dt.datetime)
            and isinstance(way.end, dt.datetime)
            and way.end < way.start
        ):
            yield Problem("Sluttiden är före starttiden.", ("participation", i, "end"))


def duplicate_slugs(sources: list[Source]) -> Iterator[tuple[Source, Problem]]:
    """Corpus part of `unique-slug`: called by the engine with every file."""
    first: dict[str, Source] = {}
    for src in sources:
        if src.slug in first:
            yield src, Problem(
                f"Sluggen `{src.slug}` används redan av {first[src.slug].path}.",
                line=1,
                hint="Byt namn på filen; sluggen blir dialogens adress och måste vara unik.",
            )
        else:
            first[src.slug] = src


@rule("unique-slug", scope="corpus")
def unique_slug(sources: list[Source]) -> Iterator[tuple[Source, Problem]]:
    """No two files share a slug (the file name without `.md`), in any sub-folder.

    The slug is the dialogue's address on the site (`/dialogues/<slug>/`), so it must be
    unique across the whole content folder, whatever sub-folder the file is in.
    """
    yield from duplicate_slugs(sources)
