"""The accessibility statement (tillgänglighetsredogörelse) at ``/accessibility/``.

Read from ``<content>/accessibility.yml`` and written in the structure of DIGG's model
statement. The law (lagen om tillgänglighet till digital offentlig service, DOS-lagen)
requires every part, so a missing or wrong part is a configuration error that stops the
build, naming the key; nothing is published with a half statement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.settings import ConfigError
from generator.core.site import SiteData
from generator.load.source import read_yaml_file
from generator.render import Staging, renderer
from generator.render.escape import md, md_inline, md_url
from generator.render.templating import render

FILE_NAME = "accessibility.yml"
PAGE = "accessibility.md"
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
LAW = "lagen om tillgänglighet till digital offentlig service"

# DIGG's three wordings of the compliance status, and the sentence each one gives.
COMPLIANCE = {
    "helt förenlig": f"Den här webbplatsen är helt förenlig med {LAW}.",
    "delvis förenlig": (
        f"Den här webbplatsen är delvis förenlig med {LAW}, "
        "på grund av de brister som beskrivs nedan."
    ),
    "inte förenlig": (
        f"Den här webbplatsen är inte förenlig med {LAW}, "
        "på grund av de brister som beskrivs nedan."
    ),
}

# Why content is not accessible: DIGG's three headings.
REASONS = {
    "bristande förenlighet": "Bristande förenlighet med lagkraven",
    "oskäligt betungande": "Oskäligt betungande anpassning",
    "omfattas inte": "Innehåll som inte omfattas av lagstiftningen",
}


class AccessibilityStatementError(ConfigError):
    """The statement file is missing or lacks a part the law requires."""


@dataclass(frozen=True)
class Shortcoming:
    reason: str  # a key of REASONS
    description: str
    explanation: str
    fix: str | None
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    organisation: str
    service: str
    url: str | None
    compliance: str
    shortcomings: tuple[Shortcoming, ...]
    method: str
    assessed: dt.date
    updated: dt.date
    published: dt.date | None
    email: str | None
    phone: str | None
    response_time: str | None
    alternatives: str | None
    report_url: str

    @property
    def compliance_sentence(self) -> str:
        return COMPLIANCE[self.compliance]


def statement_path(site: SiteData) -> Path:
    return Path(site.config.content_dir) / FILE_NAME


def load_statement(path: Path) -> Statement:
    """Read and check the statement; raise ``AccessibilityStatementError`` naming the key."""
    if not path.is_file():
        raise AccessibilityStatementError(
            f"{path}: tillgänglighetsredogörelsen saknas. Lagen kräver en redogörelse; "
            f"skapa filen med organisation, service, compliance, shortcomings, assessment, "
            f"updated och feedback."
        )
    src = read_yaml_file(path)
    if src.problems or not isinstance(src.data, dict):
        first = src.problems[0] if src.problems else None
        where = f":{first.line}" if first and first.line else ""
        why = first.message if first else "filen ska innehålla nycklar och värden"
        raise AccessibilityStatementError(f"{path}{where}: {why}")
    return parse_statement(src.data, str(path))


def parse_statement(data: dict[str, Any], where: str = FILE_NAME) -> Statement:
    def fail(key: str, message: str) -> AccessibilityStatementError:
        return AccessibilityStatementError(f"{where}: `{key}`: {message}")

    def text(obj: dict, key: str, label: str, *, required: bool = True) -> str | None:
        value = obj.get(key.rsplit(".", 1)[-1])
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise fail(key, f"{label} saknas.")
            return None
        if not isinstance(value, str | int):
            raise fail(key, f"{label} ska vara text.")
        return str(value).strip()

    def date(obj: dict, key: str, label: str, *, required: bool = True) -> dt.date | None:
        value = obj.get(key.rsplit(".", 1)[-1])
        if value is None:
            if required:
                raise fail(key, f"{label} saknas (ÅÅÅÅ-MM-DD).")
            return None
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise fail(key, f"{label} ska vara ett datum (ÅÅÅÅ-MM-DD).") from None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise fail(key, f"{label} ska vara ett datum (ÅÅÅÅ-MM-DD).")
        return value

    def block(key: str, label: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise fail(key, f"{label} saknas.")
        return value

    organisation = text(data, "organisation", "Myndighetens eller kommunens namn")
    service = text(data, "service", "Webbplatsens eller tjänstens namn")
    url = text(data, "url", "Webbadressen", required=False)

    compliance = text(data, "compliance", "Förenligheten med lagen")
    if compliance not in COMPLIANCE:
        raise fail(
            "compliance",
            "ska vara exakt en av DIGG:s formuleringar: "
            + ", ".join(f'"{c}"' for c in COMPLIANCE)
            + f" (inte {compliance!r}).",
        )

    raw_items = data.get("shortcomings") or []
    if not isinstance(raw_items, list):
        raise fail("shortcomings", "ska vara en lista med kända brister.")
    shortcomings = []
    for i, item in enumerate(raw_items):
        key = f"shortcomings[{i}]"
        if not isinstance(item, dict):
            raise fail(key, "ska ha reason, description och explanation.")
        reason = text(item, f"{key}.reason", "Skälet")
        if reason not in REASONS:
            raise fail(
                f"{key}.reason",
                "ska vara en av " + ", ".join(f'"{r}"' for r in REASONS) + f" (inte {reason!r}).",
            )
        criteria = item.get("criteria") or []
        if not isinstance(criteria, list):
            criteria = [criteria]
        shortcomings.append(
            Shortcoming(
                reason=reason,
                description=text(item, f"{key}.description", "Beskrivningen av bristen"),
                explanation=text(item, f"{key}.explanation", "Förklaringen till bristen"),
                fix=text(item, f"{key}.fix", "Planen", required=False),
                criteria=tuple(str(c) for c in criteria),
            )
        )
    failing = [s for s in shortcomings if s.reason != "omfattas inte"]
    if compliance != "helt förenlig" and not failing:
        raise fail(
            "shortcomings",
            f"webbplatsen är {compliance} men inga brister är beskrivna; "
            "beskriv varje känd brist med skäl, eller ändra förenligheten.",
        )
    if compliance == "helt förenlig" and failing:
        raise fail(
            "compliance",
            "webbplatsen kan inte vara helt förenlig när brister mot lagkraven är beskrivna.",
        )

    assessment = block("assessment", "Hur webbplatsen har granskats (`assessment`)")
    method = text(assessment, "assessment.method", "Beskrivningen av granskningen")
    assessed = date(assessment, "assessment.date", "Datumet för den senaste bedömningen")
    updated = date(data, "updated", "Datumet då redogörelsen senast uppdaterades")
    published = date(data, "published", "Publiceringsdatumet", required=False)
    if assessed and updated and updated < assessed:
        raise fail("updated", "redogörelsen kan inte vara uppdaterad före den senaste bedömningen.")

    feedback = block("feedback", "Hur man rapporterar brister (`feedback`)")
    email = text(feedback, "feedback.email", "E-postadressen", required=False)
    phone = text(feedback, "feedback.phone", "Telefonnumret", required=False)
    if not email and not phone:
        raise fail("feedback", "ange e-post (`email`) eller telefon (`phone`) för synpunkter.")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        raise fail("feedback.email", f"{email!r} är ingen e-postadress.")

    report_url = text(data, "report_url", "Länken", required=False) or DIGG_REPORT_URL
    if not report_url.startswith("https://"):
        raise fail("report_url", "länken till DIGG:s anmälningsformulär ska börja med https://.")

    return Statement(
        organisation=organisation,
        service=service,
        url=url,
        compliance=compliance,
        shortcomings=tuple(shortcomings),
        method=method,
        assessed=assessed,
        updated=updated,
        published=published,
        email=email,
        phone=phone,
        response_time=text(feedback, "feedback.response_time", "Svarstiden", required=False),
        alternatives=text(data, "alternatives", "Alternativen", required=False),
        report_url=report_url,
    )


def render_statement(statement: Statement) -> str:
    s = statement
    groups = [
        (REASONS[reason], [x for x in s.shortcomings if x.reason == reason]) for reason in REASONS
    ]
    return render(
        "accessibility/statement.md",
        s=s,
        organisation=md_inline(s.organisation),
        service=md_inline(s.service),
        url=md_url(s.url) if s.url else None,
        url_text=md_inline(s.url) if s.url else None,
        groups=[
            (
                heading,
                [
                    {
                        "description": md_inline(x.description),
                        "explanation": md(x.explanation),
                        "fix": md_inline(x.fix) if x.fix else None,
                        "criteria": ", ".join(md_inline(c) for c in x.criteria),
                    }
                    for x in items
                ],
            )
            for heading, items in groups
            if items
        ],
        method=md(s.method),
        email=s.email,
        email_url=md_url(s.email) if s.email else None,
        email_text=md_inline(s.email) if s.email else None,
        phone=md_inline(s.phone) if s.phone else None,
        response_time=md_inline(s.response_time) if s.response_time else None,
        alternatives=md(s.alternatives) if s.alternatives else None,
        report_url=md_url(s.report_url),
    )


@renderer("accessibility")
def accessibility(site: SiteData, out: Staging) -> None:
    out.write(PAGE, render_statement(load_statement(statement_path(site))))
