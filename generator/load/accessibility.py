"""Read the accessibility statement, ``<content>/accessibility.yml``.

The law requires every part, so a missing or wrong part stops the build (exit 2); every
problem is reported at once, at its line and column, naming the key
(``AccessibilityStatementError``). Nothing is published with half a statement.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.core.accessibility import (
    COMPLIANCE,
    DIGG_REPORT_URL,
    REASONS,
    Shortcoming,
    Statement,
)
from generator.core.findings import FieldPath
from generator.core.settings import FileError, Located
from generator.load.source import Source, located, read_yaml_file

_PARTS = "organisation, service, compliance, shortcomings, assessment, updated och feedback"


class AccessibilityStatementError(FileError):
    """The statement file is missing or lacks a part the law requires."""

    kind = "tillgänglighetsredogörelse"
    summary = "Tillgänglighetsredogörelsen har {n} fel; lagen kräver varje del."


def load_statement(path: Path) -> Statement:
    """Read and check the statement; raise ``AccessibilityStatementError`` with every
    problem."""
    if not path.is_file():
        raise AccessibilityStatementError(str(path), [(1, 1, (
            "tillgänglighetsredogörelsen saknas. Lagen kräver en redogörelse; skapa filen "
            f"med {_PARTS}."), None)])  # fmt: skip
    src = read_yaml_file(path)
    if src.problems or src.data is None:
        raise AccessibilityStatementError(str(path), located(src.problems) or [(1, 1, (
            "filen ska innehålla nycklar och värden"), None)])  # fmt: skip
    return parse_statement(src.data, str(path), src)


def parse_statement(data: dict[str, Any], where: str = "accessibility.yml",
                    src: Source | None = None) -> Statement:  # fmt: skip
    """The statement in ``data`` (as read from ``src``, for positions)."""
    reading = _Reading(data, src)
    statement = reading.statement()
    if reading.problems:
        raise AccessibilityStatementError(where, reading.problems)
    assert statement is not None
    return statement


def _path(key: str) -> FieldPath:
    """``shortcomings[0].reason`` as a field path."""
    parts: list[str | int] = []
    for part in key.replace("]", "").split("."):
        name, _, index = part.partition("[")
        parts.append(name)
        if index:
            parts.append(int(index))
    return tuple(parts)


class _Reading:
    """One pass over the statement that notes every problem instead of stopping."""

    def __init__(self, data: dict[str, Any], src: Source | None):
        self.data, self.src = data, src
        self.problems: list[Located] = []

    def fail(self, key: str, message: str) -> None:
        line, col = self.src.where(_path(key)) if self.src else (1, 1)
        self.problems.append((line, col, f"`{key}`: {message}", None))

    def text(self, obj: dict, key: str, label: str, *, required: bool = True) -> str | None:
        value = obj.get(key.rsplit(".", 1)[-1])
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, f"{label} saknas.")
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            self.fail(key, f"{label} ska vara text.")
            return None
        return str(value).strip()

    def date(self, obj: dict, key: str, label: str, *, required: bool = True) -> dt.date | None:
        value = obj.get(key.rsplit(".", 1)[-1])
        if value is None:
            if required:
                self.fail(key, f"{label} saknas (ÅÅÅÅ-MM-DD).")
            return None
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                value = None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.fail(key, f"{label} ska vara ett datum (ÅÅÅÅ-MM-DD).")
            return None
        return value

    def block(self, key: str, label: str) -> dict:
        value = self.data.get(key)
        if not isinstance(value, dict):
            self.fail(key, f"{label} saknas.")
            return {}
        return value

    def compliance(self) -> str | None:
        compliance = self.text(self.data, "compliance", "Förenligheten med lagen")
        if compliance is not None and compliance not in COMPLIANCE:
            self.fail("compliance", "ska vara exakt en av DIGG:s formuleringar: "
                      + ", ".join(f'"{c}"' for c in COMPLIANCE) + f" (inte {compliance!r}).")
            return None  # fmt: skip
        return compliance

    def shortcomings(self) -> list[Shortcoming]:
        raw_items = self.data.get("shortcomings") or []
        if not isinstance(raw_items, list):
            self.fail("shortcomings", "ska vara en lista med kända brister.")
            return []
        found = []
        for i, item in enumerate(raw_items):
            key = f"shortcomings[{i}]"
            if not isinstance(item, dict):
                self.fail(key, "ska ha reason, description och explanation.")
                continue
            reason = self.text(item, f"{key}.reason", "Skälet")
            if reason is not None and reason not in REASONS:
                self.fail(f"{key}.reason", "ska vara en av "
                          + ", ".join(f'"{r}"' for r in REASONS) + f" (inte {reason!r}).")
                reason = None  # fmt: skip
            criteria = item.get("criteria") or []
            if not isinstance(criteria, list):
                criteria = [criteria]
            description = self.text(item, f"{key}.description", "Beskrivningen av bristen")
            explanation = self.text(item, f"{key}.explanation", "Förklaringen till bristen")
            fix = self.text(item, f"{key}.fix", "Planen", required=False)
            if reason and description and explanation:
                found.append(Shortcoming(reason, description, explanation, fix,
                                         tuple(str(c) for c in criteria)))  # fmt: skip
        return found

    def statement(self) -> Statement | None:
        data = self.data
        organisation = self.text(data, "organisation", "Myndighetens eller kommunens namn")
        service = self.text(data, "service", "Webbplatsens eller tjänstens namn")
        url = self.text(data, "url", "Webbadressen", required=False)
        compliance = self.compliance()
        shortcomings = self.shortcomings()
        failing = [s for s in shortcomings if s.reason != "omfattas inte"]
        if compliance not in (None, "helt förenlig") and not failing:
            self.fail("shortcomings", f"webbplatsen är {compliance} men inga brister är "
                      "beskrivna; beskriv varje känd brist med skäl, eller ändra förenligheten.")
        if compliance == "helt förenlig" and failing:  # fmt: skip
            self.fail("compliance", "webbplatsen kan inte vara helt förenlig när brister mot "
                      "lagkraven är beskrivna.")  # fmt: skip

        assessment = self.block("assessment", "Hur webbplatsen har granskats (`assessment`)")
        method = self.text(assessment, "assessment.method", "Beskrivningen av granskningen")
        assessed = self.date(assessment, "assessment.date",
                             "Datumet för den senaste bedömningen")  # fmt: skip
        updated = self.date(data, "updated", "Datumet då redogörelsen senast uppdaterades")
        published = self.date(data, "published", "Publiceringsdatumet", required=False)
        if assessed and updated and updated < assessed:
            self.fail("updated", "redogörelsen kan inte vara uppdaterad före den senaste "
                      "bedömningen.")  # fmt: skip

        feedback = self.block("feedback", "Hur man rapporterar brister (`feedback`)")
        email = self.text(feedback, "feedback.email", "E-postadressen", required=False)
        phone = self.text(feedback, "feedback.phone", "Telefonnumret", required=False)
        if feedback and not email and not phone:
            self.fail("feedback", "ange e-post (`email`) eller telefon (`phone`) för synpunkter.")
        if email and ("@" not in email or any(c.isspace() for c in email)):
            self.fail("feedback.email", f"{email!r} är ingen e-postadress.")
        response_time = self.text(feedback, "feedback.response_time", "Svarstiden",
                                  required=False)  # fmt: skip
        alternatives = self.text(data, "alternatives", "Alternativen", required=False)
        report_url = self.text(data, "report_url", "Länken", required=False) or DIGG_REPORT_URL
        if not report_url.startswith("https://"):
            self.fail("report_url", "länken till DIGG:s anmälningsformulär ska börja med "
                      "https://.")  # fmt: skip
        if self.problems:
            return None
        return Statement(
            organisation=organisation, service=service, url=url, compliance=compliance,
            shortcomings=tuple(shortcomings), method=method, assessed=assessed,
            updated=updated, published=published, email=email, phone=phone,
            response_time=response_time, alternatives=alternatives, report_url=report_url,
        )  # fmt: skip
