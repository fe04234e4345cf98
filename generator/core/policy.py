"""Policy files: a municipality's organisation, thresholds and, per rule, severity and clause.

A policy file is YAML, read with the same safe reader as dialogues. Mistakes in it are
configuration errors (exit 2) that name the key and line, all of them at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.core.findings import Problem, Severity
from generator.core.model_errors import problems_from_validation_error
from generator.load.source import read_yaml_file

BUILTIN = ("kungsbacka", "ale")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyDocument(_Strict):
    title: str = Field(description="Policyns titel.")
    date: dt.date = Field(description="Datum för beslut eller förslag.")
    status: Literal["adopted", "proposal"] = Field(
        description="adopted (antagen) eller proposal (förslag)."
    )
    decided_by: str | None = Field(None, description="Vem som antog policyn.")
    summary: str | None = Field(None, description="Policyns inledning i korthet.")


class Organisation(_Strict):
    boards: list[str] = Field(min_length=1, description="Nämnder.")
    departments: list[str] = Field(min_length=1, description="Förvaltningar eller sektorer.")
    department_label: str = Field(
        "Förvaltning", description="Vad en förvaltning kallas (Sektor i Ale)."
    )


class Thresholds(_Strict):
    feedback_deadline_days: int = Field(60, ge=1, le=3650)
    update_interval_days: int = Field(30, ge=1, le=3650)


class RuleSetting(_Strict):
    severity: Severity
    clause: str | None = Field(None, description="Policyns ordalydelse som regeln bygger på.")

    @field_validator("severity", mode="before")
    @classmethod
    def _off_unquoted(cls, value: object) -> object:
        """YAML 1.1 reads an unquoted `off` as false; that can only mean "off"."""
        return "off" if value is False else value


class Clause(_Strict):
    text: str = Field(description="Klausulen, citerad ur policyn.")
    rules: list[str] = Field(default_factory=list, description="Regler som kontrollerar klausulen.")
    page: str | None = Field(
        None, description="Sida som besvarar klausulen, t.ex. /follow-up/."
    )
    note: str | None = Field(
        None, description="Förklaring, t.ex. varför den inte kan kontrolleras."
    )


class PolicyFile(_Strict):
    id: str
    municipality: str
    policy: PolicyDocument
    organisation: Organisation
    contact_domains: list[str] = Field(min_length=1)
    switchboard: list[str] = Field(
        default_factory=list, description="Kommunens växelnummer; får stå i dialogtexter."
    )
    thresholds: Thresholds = Thresholds()
    topics: list[str] = Field(default_factory=list)
    rules: dict[str, RuleSetting]
    clauses: list[Clause] = Field(default_factory=list)


@dataclass(frozen=True)
class Policy:
    """A checked policy file; ``severity(rule)`` is what the engine stamps."""

    doc: PolicyFile
    path: str

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def boards(self) -> list[str]:
        return self.doc.organisation.boards

    @property
    def departments(self) -> list[str]:
        return self.doc.organisation.departments

    @property
    def thresholds(self) -> Thresholds:
        return self.doc.thresholds

    def setting(self, rule_id: str) -> RuleSetting:
        from generator.check.rules import REGISTRY

        if rule_id in self.doc.rules:
            return self.doc.rules[rule_id]
        return RuleSetting(severity=REGISTRY[rule_id].default_severity)

    def severity(self, rule_id: str) -> Severity:
        return self.setting(rule_id).severity

    def clause(self, rule_id: str) -> str | None:
        return self.setting(rule_id).clause


class PolicyError(Exception):
    """A policy file that cannot be used; ``problems`` holds every mistake found."""

    def __init__(self, path: str, problems: list[tuple[int, int, str, str | None]]):
        super().__init__(f"{path}: {len(problems)} fel i policyfilen")
        self.path = path
        self.problems = problems


def resolve_policy_path(name_or_path: str) -> Path:
    if name_or_path in BUILTIN:
        return Path(str(resources.files("generator") / "policies" / f"{name_or_path}.yaml"))
    return Path(name_or_path)


def load_policy(name_or_path: str) -> Policy:
    """Load and check a policy by built-in name or path; raise PolicyError with all problems."""
    from generator.check.rules import REGISTRY

    path = resolve_policy_path(name_or_path)
    if not path.is_file():
        known = ", ".join(BUILTIN)
        hint = f"Inbyggda policyer: {known}, eller ange en sökväg till en YAML-fil."
        raise PolicyError(str(path), [(1, 1, f"Policyn `{name_or_path}` finns inte.", hint)])
    src = read_yaml_file(path)
    problems: list[Problem] = list(src.problems)
    doc = None
    if src.data is not None:
        try:
            doc = PolicyFile.model_validate(src.data)
        except ValidationError as exc:
            problems += problems_from_validation_error(exc, src.data, PolicyFile)
        rules = src.data.get("rules")
        if isinstance(rules, dict):
            for rule_id in rules:
                if rule_id not in REGISTRY:
                    problems.append(_unknown_rule(rule_id, ("rules", rule_id)))
        clauses = src.data.get("clauses")
        for i, clause in enumerate(clauses if isinstance(clauses, list) else []):
            if isinstance(clause, dict) and isinstance(clause.get("rules"), list):
                for j, rule_id in enumerate(clause["rules"]):
                    if rule_id not in REGISTRY:
                        problems.append(_unknown_rule(str(rule_id), ("clauses", i, "rules", j)))
    if problems:
        located = []
        for p in problems:
            line, col = (p.line, p.col or 1) if p.line else src.where(p.path)
            located.append((line, col, p.message, p.hint))
        raise PolicyError(str(path), sorted(located, key=lambda x: (x[0], x[1])))
    assert doc is not None
    return Policy(doc=doc, path=str(path))


def _unknown_rule(rule_id: str, path: tuple) -> Problem:
    from generator.check.rules import REGISTRY

    close = difflib.get_close_matches(rule_id, list(REGISTRY), n=1)
    hint = f"Menade du `{close[0]}`?" if close else "Se `insyn rules` för alla regler."
    return Problem(f"Okänd regel `{rule_id}`.", path=path, hint=hint)
