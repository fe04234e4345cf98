"""A municipality's policy as data: organisation, contact domains, and per rule the
severity, the clause it comes from and its options.

The file's form is ``PolicyFile`` (pydantic: one definition for validation and
documentation); ``load.policy_file`` reads it with positions, and ``check.policies``
binds it to the rules, which know their defaults, into a ``Policy``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from generator.core.findings import Severity
from generator.core.settings import FileError

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


class ThresholdSettings(_Strict):
    """The older place of two rules' options (see ``check.rules``): still read."""

    feedback_deadline_days: int | None = Field(None, ge=1, le=3650)
    update_interval_days: int | None = Field(None, ge=1, le=3650)


@dataclass(frozen=True)
class Thresholds:
    """The numbers the status and the follow-up need, as the policy sets them."""

    feedback_deadline_days: int
    update_interval_days: int


class RuleSetting(_Strict):
    severity: Severity
    clause: str | None = Field(None, description="Policyns ordalydelse som regeln bygger på.")
    options: dict[str, int] = Field(
        default_factory=dict, description="Regelns inställningar, t.ex. antal dagar."
    )

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
    thresholds: ThresholdSettings = ThresholdSettings()
    topics: list[str] = Field(default_factory=list)
    rules: dict[str, RuleSetting]
    clauses: list[Clause] = Field(default_factory=list)


@dataclass(frozen=True, eq=False)  # one policy per file read: compared by identity
class Policy:
    """A checked policy file bound to the rules; ``severity(rule)`` is what the engine stamps.

    ``defaults`` holds every rule's severity where the file names none, ``options`` every
    rule's options as the file sets them (else the rule's defaults), and ``thresholds``
    the two of them that the status and the follow-up read."""

    doc: PolicyFile
    path: str
    defaults: Mapping[str, Severity]
    options: Mapping[str, Mapping[str, int]]
    thresholds: Thresholds

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def boards(self) -> list[str]:
        return self.doc.organisation.boards

    @property
    def departments(self) -> list[str]:
        return self.doc.organisation.departments

    def setting(self, rule_id: str) -> RuleSetting:
        if rule_id in self.doc.rules:
            return self.doc.rules[rule_id]
        return RuleSetting(severity=self.defaults[rule_id])

    def severity(self, rule_id: str) -> Severity:
        return self.setting(rule_id).severity

    def clause(self, rule_id: str) -> str | None:
        return self.setting(rule_id).clause

    def option(self, rule_id: str, name: str) -> int:
        return self.options[rule_id][name]


class PolicyError(FileError):
    """A policy file that cannot be used; ``problems`` holds every mistake found."""

    kind = "policy"
    summary = "Policyfilen har {n} fel."
