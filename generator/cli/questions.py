"""The questions of `insyn new`, as data: each has an option name for scripting, a Swedish
prompt, a kind that parses and checks the answer, and conditions and defaults that depend
on earlier answers. ``insyn new`` asks only what the options did not give."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.check.rules import ladder_allows_influence
from generator.core import labels
from generator.core.findings import Severity
from generator.core.model import EMAIL_FORM
from generator.core.policy import Policy
from generator.core.urls import URL_FORM

MAX_SLUG = 60

# Menus show the site's Swedish names (generator/labels.py), with a hint where the name
# alone says too little to someone filling in a file.
LADDER_HINTS = {"information": "ger ingen möjlighet att påverka"}
STAGE_HINTS = {"implementation": "verkställighet"}


def _choices(names: dict[str, str], hints: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(value, label) pairs for a menu, in the vocabulary's order."""
    hints = hints or {}
    return [(k, f"{name} ({hints[k]})" if k in hints else name) for k, name in names.items()]


class AnswerError(ValueError):
    """An answer that cannot be used; the message is Swedish and says what to write."""


def slugify(title: str) -> str:
    """`Framtidens Kolla torg` → `framtidens-kolla-torg` (å/ä→a, ö→o, ASCII, at most 60)."""
    text = title.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug


# ---------------------------------------------------------------- answer kinds


def _text(raw: str, _q: Question, _p: Policy) -> str:
    value = raw.strip()
    if (q_max := _q.max_length) and len(value) > q_max:
        raise AnswerError(f"Högst {q_max} tecken (du skrev {len(value)}).")
    if len(value) < _q.min_length:
        raise AnswerError(f"Minst {_q.min_length} tecken.")
    if "<" in value or ">" in value:
        raise AnswerError("Skriv vanlig text utan < och >.")
    return value


def _date(raw: str, _q: Question, _p: Policy) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise AnswerError("Skriv ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-01.") from None


def _int(raw: str, _q: Question, _p: Policy) -> int:
    value = raw.strip().replace(" ", "")
    if not value.isdigit():
        raise AnswerError("Skriv ett heltal, t.ex. 120.")
    return int(value)


def _year(raw: str, q: Question, p: Policy) -> int:
    value = int(raw.strip()) if raw.strip().isdigit() else 0
    if not 2000 <= value <= 2100:
        raise AnswerError("Skriv ett årtal mellan 2000 och 2100.")
    return value


def _bool(raw: str, _q: Question, _p: Policy) -> bool:
    value = raw.strip().lower()
    if value in ("j", "ja", "y", "yes", "true"):
        return True
    if value in ("n", "nej", "no", "false"):
        return False
    raise AnswerError("Svara ja eller nej.")


def _email(raw: str, q: Question, p: Policy) -> str:
    value = raw.strip()
    if not re.match(EMAIL_FORM, value):
        raise AnswerError(
            f"Skriv en vanlig e-postadress, t.ex. namn@{p.doc.contact_domains[0]}, utan ? & = "
            "och mellanslag."
        )
    domain = value.rsplit("@", 1)[1].lower()
    if not any(domain == d or domain.endswith("." + d) for d in p.doc.contact_domains):
        domains = ", ".join("@" + d for d in p.doc.contact_domains)
        raise AnswerError(f"Använd en adress på kommunens domän ({domains}).")
    return value


def _url(raw: str, _q: Question, _p: Policy) -> str:
    value = raw.strip()
    if not re.match(URL_FORM, value) or not value.startswith(("https://", "http://")):
        raise AnswerError("Skriv hela adressen, som börjar med https://.")
    return value


def _list(raw: str, q: Question, p: Policy) -> list[str]:
    items = [x.strip() for x in re.split(r"[;,]", raw) if x.strip()]
    return [_text(x, q, p) for x in items]


def _pick(raw: str, choices: list[tuple[str, str]]) -> str:
    value = raw.strip()
    if value.isdigit() and 1 <= int(value) <= len(choices):
        return choices[int(value) - 1][0]
    for key, label in choices:
        if value.casefold() in (key.casefold(), label.casefold()):
            return key
    names = [k for k, _ in choices] + [lbl for _, lbl in choices]
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    hint = f" Menade du {close[0]}?" if close else ""
    raise AnswerError(f"Välj ett nummer mellan 1 och {len(choices)}.{hint}")


def _menu(raw: str, q: Question, p: Policy) -> str:
    return _pick(raw, q.choices(p))


def _multi(raw: str, q: Question, p: Policy) -> list[str]:
    choices = q.choices(p)
    picked: list[str] = []
    for part in re.split(r"[;,]|\s+(?=\d)", raw):
        if part.strip():
            key = _pick(part, choices)
            if key not in picked:
                picked.append(key)
    return picked


KINDS: dict[str, Callable[[str, Question, Policy], Any]] = {
    "text": _text,
    "date": _date,
    "int": _int,
    "year": _year,
    "bool": _bool,
    "email": _email,
    "url": _url,
    "list": _list,
    "menu": _menu,
    "multi": _multi,
}

Answers = dict[str, Any]


def _always(_a: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    key: str  # answer key and option name (`--key` with `_` → `-`)
    prompt: str
    kind: str = "text"
    required: bool = True
    help: str = ""  # shown before the prompt
    when: Callable[[Answers], bool] = _always
    default: Callable[[Answers, Policy], Any] | None = None
    choices: Callable[[Policy], list[tuple[str, str]]] = field(default=lambda _p: [])
    check: Callable[[Any, Answers], str | None] | None = None  # cross-field check
    min_length: int = 1
    max_length: int | None = 200

    @property
    def option(self) -> str:
        return "--" + self.key.replace("_", "-")

    def parse(self, raw: str, policy: Policy, answers: Answers) -> Any:
        value = KINDS[self.kind](raw, self, policy)
        if self.check is not None and (message := self.check(value, answers)):
            raise AnswerError(message)
        return value


def _ladder_choices(policy: Policy) -> list[tuple[str, str]]:
    items = _choices(labels.LADDER, LADDER_HINTS)
    if policy.severity(ladder_allows_influence.ID) is Severity.ERROR:
        items = [(k, v) for k, v in items if k != "information"]
    return items


def _initiator_choices(policy: Policy) -> list[tuple[str, str]]:
    department = labels.definite(policy.doc.organisation.department_label.lower())
    return _choices(labels.capitalised({**labels.INITIATOR, "department": department}))


def needs_board_decision(a: Answers) -> bool:
    return bool(a.get("political")) and a.get("initiated_by") != "board"


def has_period(a: Answers) -> bool:
    return a.get("start") is not None


def _end_after_start(value: dt.date, a: Answers) -> str | None:
    if a.get("start") and value < a["start"]:
        return "Slutdatumet kan inte vara före startdatumet."
    return None


def _decision_after_end(value: dt.date, a: Answers) -> str | None:
    if a.get("end") and value <= a["end"]:
        return (
            "Beslutet ska fattas efter att dialogen slutat, medan frågan går att påverka "
            f"(dialogen slutar {a['end'].isoformat()})."
        )
    return None


QUESTIONS: tuple[Question, ...] = (
    Question("title", "Rubrik (5–120 tecken)", min_length=5, max_length=120,
             help="Rubriken visas för invånarna, t.ex. Framtidens Kolla torg."),
    Question("summary", "Kort sammanfattning (högst 300 tecken)", max_length=300,
             help="En eller två meningar som visas i listor."),
    Question("board", "Ägande nämnd", "menu", choices=lambda p: [(b, b) for b in p.boards]),
    Question("department", "Ägande förvaltning eller sektor", "menu",
             choices=lambda p: [(d, d) for d in p.departments]),
    Question("initiated_by", "Vem tog initiativet?", "menu", choices=_initiator_choices,
             default=lambda a, p: "department"),
    Question("political", "Är dialogen av politisk karaktär? (ja/nej)", "bool",
             default=lambda a, p: False),
    Question("board_decision_date", "Datum för nämndens beslut om dialogen (ÅÅÅÅ-MM-DD)",
             "date", when=needs_board_decision,
             help="En politisk dialog som förvaltningen eller invånarna initierat kräver ett "
                  "nämndbeslut."),
    Question("board_decision_reference", "Nämndbeslutets diarienummer, t.ex. BN 2026/0012",
             when=needs_board_decision),
    Question("board_decision_participation", "Hur medverkar nämnden i dialogen?",
             when=needs_board_decision, max_length=5000),
    Question("name", "Ansvarig person: namn"),
    Question("role", "Ansvarig person: roll", default=lambda a, p: "Projektledare"),
    Question("email", "Ansvarig person: e-post på kommunens domän", "email"),
    Question("purpose", "Syftet med dialogen (en mening)", max_length=5000),
    Question("goal", "Målet med dialogen (en mening)", max_length=5000),
    Question("aims", "Vad vill ni få ut av dialogen? Ett eller flera nummer, t.ex. 1,4",
             "multi", required=False, choices=lambda p: _choices(labels.capitalised(labels.AIM))),
    Question("ladder", "Steg på delaktighetstrappan", "menu", choices=_ladder_choices,
             default=lambda a, p: "consultation"),
    Question("stage", "Skede", "menu", choices=lambda p: _choices(labels.STAGE, STAGE_HINTS),
             default=lambda a, p: "planning"),
    Question("start", "Första dagen man kan delta (ÅÅÅÅ-MM-DD; tomt = bara planerad)", "date",
             required=False),
    Question("end", "Sista dagen man kan delta (ÅÅÅÅ-MM-DD)", "date", when=has_period,
             check=_end_after_start),
    Question("budget_year", "Budgetår då dialogen planeras (tomt = inget)", "year",
             required=False, default=lambda a, p: a["start"].year if a.get("start") else None,
             help="Året vars budget dialogen planeras i; då står den bland de planerade."),
    Question("influence", "Vad kan invånarna påverka?", max_length=5000),
    Question("fixed", "Vad är redan bestämt? (tomt = inget)", required=False, max_length=5000),
    Question("decision_body", "Vem fattar beslutet i frågan?",
             default=lambda a, p: a.get("board")),
    Question("decision_date", "När fattas beslutet? (ÅÅÅÅ-MM-DD, en uppskattning går bra)",
             "date", check=_decision_after_end),
    Question("method", "Sätt att delta: metod", "menu", when=has_period,
             choices=lambda p: _choices(labels.METHOD),
             help="Ange ett sätt att delta nu; fler kan läggas till i filen efteråt."),
    Question("channel", "Digitalt eller fysiskt?", "menu", when=has_period,
             choices=lambda p: _choices(labels.capitalised(labels.CHANNEL)),
             default=lambda a, p: "digital" if a.get("method") in ("survey", "online-forum")
             else "physical"),
    Question("way_title", "Rubrik för sättet att delta, t.ex. Webbenkät om torget",
             when=has_period),
    Question("url", "Länk för att delta (https://…)", "url",
             when=lambda a: has_period(a) and a.get("channel") == "digital"),
    Question("location", "Plats, t.ex. Kollahallen",
             when=lambda a: has_period(a) and a.get("channel") == "physical"),
    Question("target_groups", "Vilka grupper berör frågan? Skilj med komma", "list",
             help="Till exempel: Boende i Kolla, Barn och unga."),
    Question("special_groups", "Grupper som särskilt beaktas, skilj med komma (tomt = ingen)",
             "list", required=False),
    Question("motivation", "Varför de grupperna, eller varför ingen grupp?", max_length=5000),
    Question("staff_hours", "Arbetstimmar för dialogen (tomt = vet ej)", "int", required=False),
    Question("budget_sek", "Budget i kronor (tomt = vet ej)", "int", required=False),
    Question("topics", "Ämnen, ett eller flera nummer (tomt = inga)", "multi", required=False,
             choices=lambda p: [(t, t) for t in p.doc.topics]),
    Question("area", "Plats eller kommundel (tomt = ingen)", required=False),
)  # fmt: skip

BY_KEY = {q.key: q for q in QUESTIONS}
