"""The file `insyn new` writes: the answers as a commented dialogue file, where it goes, and
its check with the same engine as ``insyn validate`` before it is written."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import yaml

from generator.check.engine import Checked, check_source
from generator.cli.questions import Answers, has_period, needs_board_decision
from generator.core import labels
from generator.core.model import Dialogue
from generator.core.policy import Policy
from generator.load.source import SLUG_RE, Source, parse_source

# ---------------------------------------------------------------- the file


def _scalar(value: Any) -> str:
    """One YAML scalar: plain where safe, quoted where YAML would misread it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _flow(values: list[Any]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def _describe(path: str) -> str:
    """The model's Swedish description of a field, e.g. ``owner.board``."""
    model: Any = Dialogue
    info = None
    for part in path.split("."):
        info = model.model_fields[part]
        ann = info.annotation
        model = _model_of(ann)
    return (info.description or "") if info else ""


def _model_of(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    stack = [annotation]
    while stack:
        ann = stack.pop()
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            return ann
        stack.extend(get_args(ann))
    return None


class Writer:
    """Front-matter lines with a Swedish comment above each field."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str, indent: int = 0) -> None:
        for line in text.splitlines():
            wrapped = textwrap.wrap(line, 88 - indent, break_on_hyphens=False) or [""]
            for part in wrapped:
                self.lines.append(" " * indent + ("# " + part if part else "#"))

    def field(self, key: str, value: str, indent: int = 0, doc: str | None = None) -> None:
        if doc:
            self.comment(doc, indent)
        self.lines.append(" " * indent + f"{key}:" + (f" {value}" if value else ""))


def render_file(a: Answers, policy: Policy) -> str:
    """The whole dialogue file for the answers, with comments."""
    w = Writer()
    w.lines.append("---")
    w.comment(
        "Dialogfil skapad med `insyn new`. Raderna som börjar med # är förklaringar och\n"
        "syns inte på webbplatsen. Kontrollera filen med `insyn validate`.\n"
        "Alla fält förklaras i personalguiden (/guide/fields/)."
    )
    w.field("title", _scalar(a["title"]), doc=_describe("title"))
    w.field("summary", _scalar(a["summary"]), doc=_describe("summary"))
    topics_doc = _describe("topics")
    if policy.doc.topics:
        topics_doc += "\nTillåtna: " + ", ".join(policy.doc.topics) + "."
    w.field("topics", _flow(a.get("topics") or []), doc=topics_doc)
    if a.get("area"):
        w.field("area", _scalar(a["area"]), doc=_describe("area"))
    w.lines.append("")
    w.field("owner", "", doc=_describe("owner"))
    w.field("board", _scalar(a["board"]), 2, _describe("owner.board"))
    w.field("department", _scalar(a["department"]), 2, _describe("owner.department"))
    w.field("initiated_by", a["initiated_by"], doc=_describe("initiated_by"))
    w.field("political", _scalar(a["political"]), doc=_describe("political"))
    if needs_board_decision(a):
        w.field("board_decision", "", doc=_describe("board_decision"))
        w.field("date", _scalar(a["board_decision_date"]), 2, _describe("board_decision.date"))
        w.field("reference", _scalar(a["board_decision_reference"]), 2,
                _describe("board_decision.reference"))  # fmt: skip
        w.field("participation", _scalar(a["board_decision_participation"]), 2,
                _describe("board_decision.participation"))  # fmt: skip
    w.lines.append("")
    w.field("responsible", "", doc=_describe("responsible"))
    w.field("name", _scalar(a["name"]), 2)
    w.field("role", _scalar(a["role"]), 2)
    w.field("email", _scalar(a["email"]), 2, _describe("responsible.email"))
    w.comment("phone: 0300-83 40 00   # telefon är valfritt", 2)
    w.lines.append("")
    w.field("purpose", _scalar(a["purpose"]), doc=_describe("purpose"))
    w.field("goal", _scalar(a["goal"]), doc=_describe("goal"))
    w.field("aims", _flow(a.get("aims") or []), doc="Vad dialogen ska ge: " + ", ".join(
        f"{k} ({v})" for k, v in labels.AIM.items()) + ".")  # fmt: skip
    w.field("ladder", a["ladder"], doc="Steg på delaktighetstrappan: " + ", ".join(
        f"{k} ({v.lower()})" for k, v in labels.LADDER.items()) + ".")  # fmt: skip
    w.field("stage", a["stage"], doc="Skede: " + ", ".join(
        f"{k} ({v.lower()})" for k, v in labels.STAGE.items()) + ".")  # fmt: skip
    w.lines.append("")
    w.field("influence", "", doc=_describe("influence"))
    w.field("what", _scalar(a["influence"]), 2, _describe("influence.what"))
    if a.get("fixed"):
        w.field("fixed", _scalar(a["fixed"]), 2, _describe("influence.fixed"))
    w.field("decision", "", 2, _describe("influence.decision"))
    w.field("body", _scalar(a["decision_body"]), 4)
    w.field("date", _scalar(a["decision_date"]), 4, _describe("influence.decision.date"))
    w.lines.append("")
    if has_period(a):
        w.field("period", "", doc=_describe("period"))
        w.field("start", _scalar(a["start"]), 2)
        w.field("end", _scalar(a["end"]), 2)
        w.field("participation", "", doc=_describe("participation") + (
            " Lägg till fler med samma fält.\nMetoder: " + ", ".join(labels.METHOD) + "."))
        w.lines.append(f"  - method: {a['method']}")
        w.field("channel", a["channel"], 4)
        w.field("title", _scalar(a["way_title"]), 4)
        if a.get("url"):
            w.field("url", _scalar(a["url"]), 4)
        if a.get("location"):
            w.field("location", _scalar(a["location"]), 4)
        w.comment("start: 2026-03-12T17:00   # med klockslag blir det en kalenderhändelse", 4)
    else:
        w.comment(
            "period: saknas eftersom dialogen bara är planerad. Lägg till den när datumen\n"
            "är bestämda, tillsammans med minst ett sätt att delta (participation)."
        )
    if a.get("budget_year"):
        w.field("budget_year", _scalar(a["budget_year"]), doc=_describe("budget_year"))
    w.lines.append("")
    w.field("target_groups", "", doc=_describe("target_groups") + (
        " `reach` anger hur gruppen nås: rubriken på\nminst ett sätt att delta, "
        "och gärna annan kort text."))  # fmt: skip
    reach = [a["way_title"]] if has_period(a) else []
    for group in a["target_groups"]:
        w.lines.append(f"  - group: {_scalar(group)}")
        w.field("reach", _flow(reach), 4)
    w.field("special_consideration", "", doc=_describe("special_consideration"))
    w.field("groups", _flow(a.get("special_groups") or []), 2,
            _describe("special_consideration.groups"))  # fmt: skip
    w.field("motivation", _scalar(a["motivation"]), 2)
    resources = [(k, a.get(k)) for k in ("staff_hours", "budget_sek") if a.get(k) is not None]
    if resources:
        w.field("resources", "", doc=_describe("resources"))
        for key, value in resources:
            w.field(key, _scalar(value), 2, _describe(f"resources.{key}"))
    else:
        w.comment("resources: arbetstimmar (staff_hours) och budget i kronor (budget_sek);\n"
                  "rekommenderas, saknas de blir det en varning.")  # fmt: skip
    w.lines.append("")
    w.comment(
        "Lägg till medan dialogen pågår och när den är slut:\n"
        "updates:           # lägesrapporter: - date: ÅÅÅÅ-MM-DD  text: Vad som hänt\n"
        "feedback:          # återkoppling: date, heard, result, next_steps, impact,\n"
        "                   # participants och gärna report (länk)\n"
        "feedback_delay:    # om återkopplingen blir sen: reason (varför), expected (datum)\n"
        "influence.decision.outcome:  # när beslutet är fattat: text, gärna minutes (länk\n"
        "                   # till protokollet) och date om det var en annan dag\n"
        "implementation:    # genomförandet: - date: ÅÅÅÅ-MM-DD  state: planned|ongoing|done\n"
        "                   #                  text: Vad som görs\n"
        "documents:         # dokument: - title: Namn  url: https://…\n"
        "cancelled:         # om dialogen ställs in: date och reason"
    )
    w.lines.append("---")
    w.lines.append("")
    w.lines.append(labels.NEW_FILE_BODY)
    return "\n".join(w.lines) + "\n"


def target_path(dialogues_dir: Path, a: Answers, slug: str, today: dt.date) -> Path:
    """`content/dialogues/<year>/<slug>.md`: the period's year, else the budget year."""
    year = a["start"].year if a.get("start") else a.get("budget_year") or today.year
    return dialogues_dir / str(year) / f"{slug}.md"


def check_text(text: str, path: Path, slug: str, policy: Policy, today: dt.date) -> Checked:
    """Check the new file exactly as `insyn validate` would (without writing it)."""
    src = parse_source(text.encode("utf-8"), Source(path=str(path), slug=slug))
    return check_source(src, policy, today)


def valid_slug(slug: str) -> bool:
    return bool(SLUG_RE.match(slug))
