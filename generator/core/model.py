"""The front matter of a dialogue: one definition for validation, JSON Schema and field docs.

Fields that a policy rule checks (``responsible``, ``purpose``, ``influence`` …) are
optional here on purpose: whether their absence is an error, a warning or nothing is the
municipality's choice in its policy file, so the rule reports it, not the schema.
Descriptions are Swedish because staff read them in the guide and in their editor.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from generator.core.urls import URL_FORM

# Characters that no output may carry: C0 controls but tab and line feed, DEL, C1 controls,
# U+FFFE and U+FFFF (XML refuses them, RFC 5545 forbids controls in its text). Surrogates
# never reach the model: pydantic refuses them as text that is not Unicode.
CONTROL_CHARACTERS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff"
NO_CONTROL = rf"^[^{CONTROL_CHARACTERS}]*$"
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000, pattern=NO_CONTROL),
]
# One line: short values end up in headings, attributes and calendar fields.
ONE_LINE = rf"^[^\r\n\u2028\u2029{CONTROL_CHARACTERS}]*$"
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=ONE_LINE)
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=URL_FORM),
]
# A plain address: no `?`, `&`, `=` or `%` that a mailto: link would read as headers
# (`anna?cc=…@kommun.se`), and one `@`.
EMAIL_FORM = r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
Email = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=254, pattern=EMAIL_FORM)
]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


# The forms a date and a date with a time are written in (ISO 8601, as the JSON Schema
# publishes them): `2026-03-12`, `2026-03-12T17:00`, with seconds or an offset if wanted.
DATE_FORM = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME_FORM = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,6})?)?"
    r"(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?$"
)


def _written_as(kind: str, form: str):
    """Dates are written as text in one form. YAML reads some typos as numbers (`17:00` is
    1020 in base 60) and pydantic would take a number, or text of digits, for seconds since
    1970: refuse both instead."""
    shape = re.compile(form)

    def check(value: object) -> object:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise PydanticCustomError(f"{kind}_from_number", "a number is not a date")
        if isinstance(value, str) and not shape.match(value.strip()):
            raise PydanticCustomError(f"{kind}_parsing", "not in the ISO 8601 form")
        return value

    return check


def _local_time(value: dt.datetime) -> dt.datetime:
    """Times are local Swedish time: a time with an offset is converted and made naive."""
    if value.tzinfo is not None:
        return value.astimezone(STOCKHOLM).replace(tzinfo=None)
    return value


def _no_time(value: object) -> object:
    """In a field that takes a date or a date and time, text with a time is not a bare date."""
    if isinstance(value, str) and len(value.strip()) > len("2026-03-12"):
        raise PydanticCustomError("date_has_time", "text with a time is no bare date")
    return value


Date = Annotated[dt.date, BeforeValidator(_written_as("date", DATE_FORM))]
BareDate = Annotated[
    dt.date, BeforeValidator(_written_as("date", DATE_FORM)), BeforeValidator(_no_time)
]
# A local time is no RFC 3339 `date-time` (that needs an offset): the schema gives the form.
DateTime = Annotated[
    dt.datetime,
    BeforeValidator(_written_as("datetime", DATETIME_FORM)),
    AfterValidator(_local_time),
    WithJsonSchema({"type": "string", "pattern": DATETIME_FORM}),
]

SLUG_FORM = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Initiator = Literal["board", "department", "residents"]
Aim = Literal["needs", "proposals", "solutions", "ideas", "conversation"]
Ladder = Literal["information", "consultation", "dialogue", "influence", "codetermination"]
Stage = Literal["idea", "planning", "decision", "implementation"]
Method = Literal[
    "survey", "meeting", "workshop", "walk", "open-house", "focus-group",
    "online-forum", "pop-up", "interview", "other",
]  # fmt: skip
Channel = Literal["digital", "physical"]
MilestoneState = Literal["planned", "ongoing", "done"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Owner(Strict):
    board: ShortText = Field(description="Nämnden som äger dialogen; ska finnas i policyns lista.")
    department: ShortText = Field(
        description="Förvaltningen eller sektorn som äger dialogen; ska finnas i policyns lista."
    )


class BoardDecision(Strict):
    date: Date = Field(description="Datum för nämndens beslut (ÅÅÅÅ-MM-DD).")
    reference: ShortText = Field(description="Diarienummer, t.ex. BN 2026/0012.")
    participation: Text = Field(description="Hur nämnden medverkar i dialogen.")


class Responsible(Strict):
    name: ShortText = Field(description="Namnet på den utsedda ansvariga personen.")
    role: ShortText | None = Field(None, description="Personens roll, t.ex. Projektledare.")
    email: Email = Field(description="E-post på kommunens domän.")
    phone: ShortText | None = Field(None, description="Telefonnummer (valfritt).")
    mailbox: Email | None = Field(
        None,
        description="En gemensam funktionsbrevlåda på kommunens domän (valfritt). Öppna data "
        "visar den i stället för personens namn och adress.",
    )


class Outcome(Strict):
    text: Text = Field(description="Vad som beslutades, i vanlig text.")
    date: Date | None = Field(
        None, description="När beslutet fattades, om det inte var det planerade datumet."
    )
    minutes: Url | None = Field(None, description="Länk till protokollet (valfritt).")


class Decision(Strict):
    body: ShortText | None = Field(None, description="Vem som fattar beslutet, t.ex. en nämnd.")
    date: Date | None = Field(None, description="När beslutet fattas (ÅÅÅÅ-MM-DD).")
    outcome: Outcome | None = Field(
        None, description="Beslutet när det är fattat: vad som beslutades och protokollet."
    )


class Influence(Strict):
    what: Text | None = Field(None, description="Vad invånarna kan påverka.")
    fixed: Text | None = Field(None, description="Vad som redan är bestämt (valfritt).")
    decision: Decision | None = Field(None, description="Var och när frågan avgörs.")


class Period(Strict):
    start: Date = Field(description="Första dagen man kan delta (ÅÅÅÅ-MM-DD).")
    end: Date = Field(description="Sista dagen man kan delta (ÅÅÅÅ-MM-DD).")


class Participation(Strict):
    id: Annotated[str, StringConstraints(max_length=60, pattern=SLUG_FORM)] | None = Field(
        None,
        description="Ett fast namn för kalenderhändelsen (valfritt; små bokstäver a–z, siffror "
        "och bindestreck). Behåll det om rubriken ändras, så uppdateras händelsen i "
        "kalendrar som prenumererar.",
    )
    method: Method = Field(description="Metod: survey, meeting, workshop, walk, open-house …")
    channel: Channel = Field(description="digital eller physical.")
    title: ShortText = Field(description="Rubrik som invånaren ser, t.ex. Webbenkät om torget.")
    url: Url | None = Field(None, description="Länk för att delta (digitalt).")
    location: ShortText | None = Field(None, description="Plats för att delta (fysiskt).")
    drop_in: bool = Field(
        False, description="true: man kommer när man vill under perioden, utan bestämd tid."
    )
    until: Date | None = Field(None, description="Sista dag för just detta sätt (valfritt).")
    # Date first: a bare date stays a date (an all-day event); only a time makes a datetime.
    start: BareDate | DateTime | None = Field(
        None,
        union_mode="left_to_right",
        description="Start, med klockslag blir det en kalenderhändelse (2026-03-12T17:00).",
    )
    end: BareDate | DateTime | None = Field(
        None, union_mode="left_to_right", description="Slut (2026-03-12T19:00)."
    )


class TargetGroup(Strict):
    group: ShortText = Field(description="Gruppen som frågan berör.")
    reach: list[ShortText] = Field(
        default_factory=list,
        description="Hur gruppen nås: rubriker på deltagandesätt, och annan kort text.",
    )


class SpecialConsideration(Strict):
    groups: list[ShortText] = Field(
        default_factory=list, description="Grupper som särskilt beaktas (får vara tom)."
    )
    motivation: Text | None = Field(None, description="Varför, eller varför ingen grupp.")


class Resources(Strict):
    staff_hours: int | None = Field(None, ge=0, description="Arbetstimmar.")
    budget_sek: int | None = Field(None, ge=0, description="Budget i kronor.")


class Update(Strict):
    date: Date = Field(description="Datum för lägesrapporten.")
    text: Text = Field(description="Vad som har hänt.")


class Feedback(Strict):
    date: Date = Field(description="När återkopplingen publicerades.")
    heard: Text | None = Field(None, description="Det här hörde vi.")
    result: Text | None = Field(None, description="Resultatet.")
    next_steps: Text | None = Field(None, description="Så går vi vidare.")
    impact: Text | None = Field(None, description="Det här ändrades tack vare dialogen.")
    participants: int | None = Field(None, ge=0, description="Hur många som deltog.")
    report: Url | None = Field(None, description="Länk till rapport (valfritt).")


class FeedbackDelay(Strict):
    reason: Text = Field(description="Varför återkopplingen dröjer.")
    expected: Date = Field(description="När återkopplingen kommer i stället (ÅÅÅÅ-MM-DD).")


class Milestone(Strict):
    date: Date = Field(description="När steget är planerat eller gjordes (ÅÅÅÅ-MM-DD).")
    state: MilestoneState = Field(
        description="planned (planerat), ongoing (pågår) eller done (klart)."
    )
    text: Text = Field(description="Vad som görs, t.ex. Bygget av lekplatsen börjar.")


class Cancelled(Strict):
    date: Date = Field(description="När dialogen ställdes in.")
    reason: Text = Field(description="Varför dialogen ställdes in.")


class Document(Strict):
    title: ShortText = Field(description="Dokumentets namn.")
    url: Url = Field(description="Länk till dokumentet.")


class Dialogue(Strict):
    """En invånardialog: front matter i en fil under content/dialogues/."""

    title: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=5, max_length=120, pattern=ONE_LINE),
    ] = Field(description="Rubrik, 5–120 tecken, på en rad.")
    summary: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=NO_CONTROL),
    ] = Field(description="Kort sammanfattning, högst 300 tecken; visas i listor.")
    topics: list[ShortText] = Field(
        default_factory=list, description="Ämnen från webbplatsens lista."
    )
    area: ShortText | None = Field(None, description="Plats eller kommundel.")
    owner: Owner = Field(description="Vem som äger dialogen.")
    initiated_by: Initiator = Field(
        description="Vem som tog initiativet: board, department eller residents."
    )
    political: bool = Field(description="Är dialogen av politisk karaktär? true eller false.")
    board_decision: BoardDecision | None = Field(
        None, description="Nämndens beslut; krävs för politisk dialog som nämnden inte initierat."
    )
    responsible: Responsible | None = Field(None, description="Den utsedda ansvariga personen.")
    purpose: Text | None = Field(None, description="Syftet med dialogen.")
    goal: Text | None = Field(None, description="Målet med dialogen.")
    aims: list[Aim] = Field(
        default_factory=list, description="needs, proposals, solutions, ideas, conversation."
    )
    ladder: Ladder = Field(description="Steg på delaktighetstrappan.")
    stage: Stage = Field(description="Skede: idea, planning, decision eller implementation.")
    influence: Influence | None = Field(None, description="Möjligheten att påverka.")
    period: Period | None = Field(
        None, description="När man kan delta; saknas för planerade dialoger."
    )
    budget_year: int | None = Field(
        None, ge=2000, le=2100, description="Budgetår då dialogen planeras."
    )
    participation: list[Participation] = Field(default_factory=list, description="Sätt att delta.")
    target_groups: list[TargetGroup] = Field(default_factory=list, description="Berörda grupper.")
    special_consideration: SpecialConsideration | None = Field(
        None, description="Har någon grupp särskilt beaktats?"
    )
    resources: Resources | None = Field(None, description="Resurser för dialogen (rekommenderas).")
    updates: list[Update] = Field(
        default_factory=list, description="Lägesrapporter under dialogen."
    )
    feedback: Feedback | None = Field(None, description="Återkoppling när dialogen är slut.")
    feedback_delay: FeedbackDelay | None = Field(
        None, description="Om återkopplingen blir sen: varför, och när den kommer i stället."
    )
    implementation: list[Milestone] = Field(
        default_factory=list, description="Genomförandet efter beslutet: steg med datum och läge."
    )
    cancelled: Cancelled | None = Field(None, description="Om dialogen ställdes in.")
    documents: list[Document] = Field(default_factory=list, description="Dokument.")


FIELD_ORDER = tuple(Dialogue.model_fields)
