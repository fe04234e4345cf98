"""Policy files bound to the rules: every mistake found at once, with line and column.

A file names rules by id; an unknown id is a mistake (with the closest known one
suggested). Each rule's options are, from weakest to strongest: the rule's own default,
the file's older ``thresholds:`` block (for the two options it names), and the file's
``rules.<id>.options``.
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

from generator.check.rules import REGISTRY
from generator.core.findings import Problem
from generator.core.policy import BUILTIN, Policy, PolicyError, PolicyFile, Thresholds
from generator.load.policy_file import read_policy_file


def resolve_policy_path(name_or_path: str) -> Path:
    if name_or_path in BUILTIN:
        return Path(str(resources.files("generator") / "policies" / f"{name_or_path}.yaml"))
    return Path(name_or_path)


def load_policy(name_or_path: str) -> Policy:
    """Load and check a policy by built-in name or path; raise PolicyError with all problems."""
    path = resolve_policy_path(name_or_path)
    if not path.is_file():
        known = ", ".join(BUILTIN)
        hint = f"Inbyggda policyer: {known}, eller ange en sökväg till en YAML-fil."
        raise PolicyError(str(path), [(1, 1, f"Policyn `{name_or_path}` finns inte.", hint)])
    src, doc, problems = read_policy_file(path)
    data = src.data or {}
    rules = data.get("rules")
    for rule_id, setting in (rules.items() if isinstance(rules, dict) else ()):
        if rule_id not in REGISTRY:
            problems.append(_unknown_rule(rule_id, ("rules", rule_id)))
        elif isinstance(setting, dict) and isinstance(setting.get("options"), dict):
            for name in setting["options"]:
                if name not in REGISTRY[rule_id].options:
                    problems.append(_unknown_option(rule_id, str(name)))
    clauses = data.get("clauses")
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
    return bind(doc, str(path))


def bind(doc: PolicyFile, path: str) -> Policy:
    """The policy with every rule's default severity and options filled in."""
    legacy = doc.thresholds.model_dump(exclude_none=True)
    options: dict[str, dict[str, int]] = {}
    thresholds: dict[str, int] = {}
    for rule_id, rule in REGISTRY.items():
        values = dict(rule.options)
        for option, threshold in rule.thresholds.items():
            if threshold in legacy:
                values[option] = legacy[threshold]
        if rule_id in doc.rules:
            values.update(doc.rules[rule_id].options)
        options[rule_id] = values
        for option, threshold in rule.thresholds.items():
            thresholds[threshold] = values[option]
    defaults = {rule_id: rule.default_severity for rule_id, rule in REGISTRY.items()}
    return Policy(doc, path, defaults, options, Thresholds(**thresholds))


def _unknown_rule(rule_id: str, path: tuple) -> Problem:
    close = difflib.get_close_matches(rule_id, list(REGISTRY), n=1)
    hint = f"Menade du `{close[0]}`?" if close else "Se `insyn rules` för alla regler."
    return Problem(f"Okänd regel `{rule_id}`.", path=path, hint=hint)


def _unknown_option(rule_id: str, name: str) -> Problem:
    known = ", ".join(f"`{o}`" for o in REGISTRY[rule_id].options) or "inga"
    return Problem(
        f"Regeln `{rule_id}` har ingen inställning `{name}`.",
        path=("rules", rule_id, "options", name),
        hint=f"Regelns inställningar: {known}.",
    )
