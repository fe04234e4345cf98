"""Shared test helpers: a valid dialogue as a dict, written as YAML, and a checker run.

Tests build a dialogue from ``valid_dialogue(policy)``, change or delete fields, write it
with the ``dialogues`` fixture and check it with a policy and a fixed ``today``. Expected
lines are found in the written text (``locate``), never computed by the code under test.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from generator.check.discover import Reader
from generator.check.engine import Checked, check_files
from generator.check.policies import load_policy
from generator.core.findings import Finding, Severity
from generator.core.policy import Policy

# Property tests draw the same examples on every run, so that the gate a pull request
# passes does not change with the random seed. `HYPOTHESIS_PROFILE=explore make test`
# draws new examples each run, to look for new failures.
settings.register_profile("gate", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))

E, W, D, OFF = Severity.ERROR, Severity.WARNING, Severity.DEVIATION, Severity.OFF
POLICIES = ("kungsbacka", "ale")

# The valid dialogue runs 2026-03-01 – 2026-04-15 and has its feedback on 2026-05-20.
TODAY = dt.date(2026, 6, 1)

_ORG = {
    "kungsbacka": {
        "board": "Byggnadsnämnden",
        "department": "Förvaltningen för Samhällsbyggnad",
        "domain": "kungsbacka.se",
    },
    "ale": {
        "board": "Samhällsbyggnadsnämnden",
        "department": "Sektor samhällsbyggnad",
        "domain": "ale.se",
    },
}

_BASE: dict = {
    "title": "Framtidens Kolla torg",
    "summary": "Vi vill veta hur du vill använda torget i Kolla.",
    "topics": ["stadsutveckling", "trafik"],
    "area": "Kolla",
    "owner": {"board": None, "department": None},
    "initiated_by": "department",
    "political": False,
    "responsible": {
        "name": "Anna Andersson",
        "role": "Projektledare",
        "email": None,
        "phone": "0300-83 40 00",
    },
    "purpose": "Ta reda på hur invånarna vill använda torget.",
    "goal": "Ett underlag till gestaltningsprogrammet för Kolla torg.",
    "aims": ["needs", "ideas"],
    "ladder": "consultation",
    "stage": "planning",
    "influence": {
        "what": "Hur torget ska möbleras och vilka aktiviteter som ska få plats.",
        "fixed": "Torgets storlek och budgetramen är redan beslutade.",
        "decision": {"body": None, "date": dt.date(2026, 9, 15)},
    },
    "period": {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 4, 15)},
    "budget_year": 2026,
    "participation": [
        {
            "method": "survey",
            "channel": "digital",
            "title": "Webbenkät om torget",
            "url": "https://www.kommun.se/kolla-enkat",
            "until": dt.date(2026, 4, 15),
        },
        {
            "method": "open-house",
            "channel": "physical",
            "title": "Öppet hus i Kollahallen",
            "location": "Kollahallen",
            "start": "2026-03-12T17:00",
            "end": "2026-03-12T19:00",
        },
    ],
    "target_groups": [
        {"group": "Boende i Kolla", "reach": ["Webbenkät om torget", "Öppet hus i Kollahallen"]},
        {
            "group": "Barn och unga",
            "reach": ["Öppet hus i Kollahallen", "Besök på Kollaskolans fritids"],
        },
    ],
    "special_consideration": {
        "groups": ["Barn och unga"],
        "motivation": "Torget är en viktig mötesplats för unga efter skoltid.",
    },
    "resources": {"staff_hours": 120, "budget_sek": 40000},
    "updates": [
        {"date": dt.date(2026, 3, 20), "text": "Hittills har 340 personer svarat på enkäten."}
    ],
    "feedback": {
        "date": dt.date(2026, 5, 20),
        "heard": "Många vill ha fler sittplatser och mer grönska.",
        "result": "Förslaget får fler sittplatser och en ny trädallé.",
        "next_steps": "Gestaltningsprogrammet beslutas i september.",
        "impact": "Lekplatsen flyttas närmare skolan efter synpunkter från barn.",
        "participants": 412,
    },
    "documents": [{"title": "Samrådshandling", "url": "https://www.kommun.se/samrad.pdf"}],
}

BODY = "\nKolla torg ska byggas om. Läs mer i [samrådshandlingen](https://www.kommun.se/s.pdf).\n"


# The site's own pages that every site must have (the rule required-page), as a valid site
# has them: a content folder that ``insyn validate`` or ``insyn build`` checks needs them.
SITE_PAGES = {"about.md": "# Om webbplatsen\n\nKommunen ansvarar för webbplatsen.\n",
              "privacy.md": "# Personuppgifter\n\nWebbplatsen sätter inga kakor.\n"}  # fmt: skip


def write_site_pages(content: Path) -> Path:
    """``SITE_PAGES`` into the content folder ``content``; return it."""
    content.mkdir(parents=True, exist_ok=True)
    for name, text in SITE_PAGES.items():
        (content / name).write_text(text, encoding="utf-8")
    return content


def valid_dialogue(policy: str = "kungsbacka") -> dict:
    """A dialogue that passes every rule of ``policy`` on ``TODAY`` (a fresh deep copy)."""
    org = _ORG[policy]
    data = copy.deepcopy(_BASE)
    data["owner"] = {"board": org["board"], "department": org["department"]}
    data["responsible"]["email"] = f"anna.andersson@{org['domain']}"
    data["influence"]["decision"]["body"] = org["board"]
    return data


def to_text(data: dict, body: str = BODY) -> str:
    """The dialogue file: YAML front matter between `---` lines, then the body."""
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n{body}"


def locate(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@functools.lru_cache(maxsize=8)
def _builtin_policy(name: str) -> Policy:
    return load_policy(name)


def _policy(name: str) -> Policy:
    """Built-in policies are read once per test run (they are immutable); paths every time."""
    return _builtin_policy(name) if name in POLICIES else load_policy(name)


@dataclass
class Dialogues:
    """Writes dialogue files into a temporary content folder and checks them."""

    root: Path
    written: dict[str, str] = field(default_factory=dict)

    def write(
        self,
        data: dict | None = None,
        *,
        body: str = BODY,
        name: str = "framtidens-kolla-torg",
        folder: str = "2026",
        text: str | None = None,
        raw: bytes | None = None,
    ) -> Path:
        """Write one file from ``data`` (or exact ``text`` / ``raw`` bytes); return its path."""
        path = self.root / folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if raw is None:
            if text is None:
                text = to_text(data if data is not None else valid_dialogue(), body)
            raw = text.encode("utf-8")
        path.write_bytes(raw)
        self.written[str(path)] = raw.decode("utf-8", errors="replace")
        return path

    def check(
        self, policy: str | Policy = "kungsbacka", today: dt.date = TODAY, paths=None,
        site: Path | None = None,
    ) -> list[Checked]:
        """Check the files; with ``site`` (a content folder) its own files as well."""
        pol = _policy(policy) if isinstance(policy, str) else policy
        reader = Reader()
        files, ignored = reader.discover(paths or [self.root])
        own = reader.site_files(site) if site is not None else []
        return check_files(files, pol, today, ignored=ignored, site=own)

    def findings(
        self, policy: str | Policy = "kungsbacka", today: dt.date = TODAY,
        site: Path | None = None,
    ) -> list[Finding]:
        return [f for c in self.check(policy, today, site=site) for f in c.findings]


@pytest.fixture
def dialogues(tmp_path: Path) -> Dialogues:
    return Dialogues(tmp_path / "content" / "dialogues")


@pytest.fixture
def check_one(dialogues: Dialogues) -> Callable[..., tuple[list[Finding], str]]:
    """Write ``data`` (or ``text``) as the only file, check it; return findings and file text."""

    def run(
        data: dict | None = None,
        *,
        policy: str = "kungsbacka",
        today: dt.date = TODAY,
        body: str = BODY,
        text: str | None = None,
        raw: bytes | None = None,
        name: str = "framtidens-kolla-torg",
    ) -> tuple[list[Finding], str]:
        if data is None and text is None and raw is None:
            data = valid_dialogue(policy)
        path = dialogues.write(data, body=body, text=text, raw=raw, name=name)
        return dialogues.findings(policy, today), dialogues.written[str(path)]

    return run
