"""The accessibility statement (tillgänglighetsredogörelse) as data, in the structure of
DIGG's model statement: ``load.accessibility`` reads it, ``render.accessibility`` writes
the page. The law (lagen om tillgänglighet till digital offentlig service, DOS-lagen)
requires every part."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FILE_NAME = "accessibility.yml"
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
