"""Rules about the file's structure: schema, date order and unique slugs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.check.rules import Context, rule
from generator.core.findings import Problem, Severity
from generator.core.model_errors import field_name
from generator.load.source import SLUG_RE, Ignored, Source

# Slugs that name a page of the site itself: `dialogues/index.md` is the list of dialogues.
RESERVED_SLUGS = frozenset({"index"})


@rule("schema", scope="source")
def schema(ctx: Context) -> Iterator[Problem]:
    """Filen går att läsa och följer innehållsmodellen.

    Filen är sparad som UTF-8 och börjar med front matter mellan två rader med `---`.
    Fälten skrivs i YAML utan alias (`*namn`) och taggar (`!!`). Alla obligatoriska fält
    finns, inga okända fält, värdena har rätt typ och tillåtna värden, och datumen finns
    (ÅÅÅÅ-MM-DD). En länk (`url`, `report`) är en hel adress som börjar med `https://`,
    `http://` eller `mailto:`, eller en sida på webbplatsen som `/dialogues/<slug>/` eller
    `/policy/`; ett filnamn som `bilaga.pdf` går inte att länka till. E-postadressen är en
    vanlig adress utan `?`, `&` och `=`. Texten innehåller inga osynliga styrtecken (de
    kommer ofta från inklistrad text eller från escape-koder som `"\\x01"`). Filnamnet är
    en giltig slug: små bokstäver a–z, siffror och bindestreck, och inte `index`
    (`index.md` är webbplatsens lista över alla dialoger). En dialog har antingen
    `feedback` eller `cancelled`, inte båda. Meddelandet pekar ut raden och tipset säger
    hur felet rättas.
    """
    if not SLUG_RE.match(ctx.source.slug):
        yield Problem(
            f"Filnamnet `{ctx.source.slug}.md` är ingen giltig slug.",
            line=1,
            hint="Använd små bokstäver a–z, siffror och bindestreck, t.ex. kolla-torg-2026.md.",
        )
    elif ctx.source.slug in RESERVED_SLUGS:
        yield Problem(
            f"Sluggen `{ctx.source.slug}` är reserverad: `{ctx.source.slug}.md` är en sida "
            "på webbplatsen (listan över alla dialoger).",
            line=1,
            hint="Byt namn på filen efter dialogens rubrik, t.ex. kolla-torg-2026.md.",
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
    """Datumen kommer i en rimlig ordning.

    Perioden börjar samma dag som eller före den slutar; återkopplingen är daterad tidigast
    den dag perioden slutar och senast i dag; lägesrapporter är daterade mellan periodens
    start och i dag; en inställd dialog är inställd senast i dag; ett deltagandetillfälle
    slutar efter att det börjar; nämndbeslutet är fattat senast när perioden börjar. En
    återkoppling eller inställning med ett datum i framtiden skulle visa dialogen som
    avslutad eller inställd innan det har hänt: lägg till den när den publiceras. Rätta det
    datum som raden pekar ut.
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
    if d.feedback and d.feedback.date > ctx.today:
        yield Problem(
            "Återkopplingen är daterad i framtiden.",
            ("feedback", "date"),
            "Lägg till `feedback:` den dag återkopplingen publiceras, med det datumet; "
            "annars visas dialogen som återkopplad för tidigt.",
        )
    if d.cancelled and d.cancelled.date > ctx.today:
        yield Problem(
            "Dialogen är inställd med ett datum i framtiden.",
            ("cancelled", "date"),
            "Lägg till `cancelled:` när beslutet att ställa in är fattat, med det datumet.",
        )
    if d.period and d.board_decision and d.board_decision.date > d.period.start:
        yield Problem(
            "Nämndbeslutet är daterat efter att dialogen började.",
            ("board_decision", "date"),
            "Nämnden beslutar om dialogen innan den börjar; kontrollera datumet.",
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


_IGNORED = {
    "folder": "`{name}` är en mapp, så den läses inte som en dialog.",
    "case": "`{name}` läses inte som en dialog: filnamnet ska sluta på `.md` med små bokstäver.",
    "special": "`{name}` är ingen vanlig fil (till exempel en namngiven pipe) och läses inte.",
    "markdown": "`{name}` läses inte som en dialog: filnamnet ska sluta på `.md`.",
}


@rule("ignored-file", default=Severity.WARNING, scope="discovery")
def ignored_file(ignored: list[Ignored]) -> Iterator[tuple[Ignored, Problem]]:
    """Allt i dialogmappen som ser ut som en dialog läses som en.

    En dialog är en vanlig fil vars namn slutar på `.md` med små bokstäver. En fil som
    heter `x.MD` eller `x.markdown`, en mapp som heter `x.md` och något som inte är en
    vanlig fil (en namngiven pipe, en socket) läses inte, och publiceras därför inte. Det
    är en varning, så att ingen dialog försvinner utan att någon märker det: byt namn på
    filen, eller flytta det som inte är en dialog ur mappen.
    """
    for entry in ignored:
        name = entry.path.rsplit("/", 1)[-1]
        yield entry, Problem(
            _IGNORED[entry.kind].format(name=name),
            line=1,
            hint="Byt namn till <slug>.md, eller flytta det som inte är en dialog ur mappen.",
        )


@rule("unique-slug", scope="corpus")
def unique_slug(sources: list[Source]) -> Iterator[tuple[Source, Problem]]:
    """Två dialogfiler får inte ha samma namn.

    Filnamnet utan `.md` (sluggen) blir dialogens adress på webbplatsen,
    `/dialogues/<slug>/`. Därför måste det vara unikt i hela innehållsmappen, även när
    filerna ligger i olika undermappar (till exempel en per år). Byt namn på den ena filen.
    """
    yield from duplicate_slugs(sources)
