"""SARIF 2.1.0: for code-scanning tools (GitHub code scanning, editors, other viewers).

One run whose driver lists every rule of the registry with its documentation as help
text and its severity under the policy as default level; one result per finding with
the rule id, the level, the message (and hint) and the file, line and column. A rule's
``name`` is its id in CamelCase (SARIF wants it to differ from the id). A path relative
to the project is a URI relative to ``SRCROOT``; any other path a ``file:`` URI.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from generator import __version__
from generator.check.rules import REGISTRY
from generator.cli.formats import Report, formatter
from generator.core.findings import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.DEVIATION: "note",
    Severity.OFF: "none",
}


def _severities(report: Report) -> dict[str, Severity]:
    """Each rule's severity under the report's policy; what the engine stamped wins."""
    severities = {rule_id: report.policy.severity(rule_id) for rule_id in REGISTRY}
    for f in report.findings:
        severities[f.rule] = f.severity
    return severities


def _rules(report: Report) -> list[dict]:
    severities = _severities(report)
    rules = []
    for rule in REGISTRY.values():
        doc = rule.doc or rule.id
        rules.append(
            {
                "id": rule.id,
                "name": "".join(part.capitalize() for part in rule.id.split("-")),
                "shortDescription": {"text": rule.summary or rule.id},
                "fullDescription": {"text": doc},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": LEVEL[severities[rule.id]]},
            }
        )
    return rules


SRCROOT = "SRCROOT"


def artifact(path: str) -> dict:
    """An artifact location: relative to ``SRCROOT`` (the project), or an absolute URI."""
    as_posix = path.replace("\\", "/")
    if PurePath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(as_posix, safe="/"), "uriBaseId": SRCROOT}


@formatter("sarif")
def render(report: Report) -> str:
    index = {rule_id: i for i, rule_id in enumerate(REGISTRY)}
    results = []
    for f in report.findings:
        if f.severity is Severity.OFF:
            continue
        text = f.message + (f" Tips: {f.hint}" if f.hint else "")
        result: dict = {
            "ruleId": f.rule,
            "level": LEVEL[f.severity],
            "message": {"text": text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact(f.file),
                        "region": {"startLine": max(f.line, 1), "startColumn": max(f.col, 1)},
                    }
                }
            ],
            "properties": {"severity": str(f.severity)},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.clause:
            result["properties"]["clause"] = f.clause
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "insyn",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/insyn/",
                        "rules": _rules(report),
                    }
                },
                "results": results,
                "originalUriBaseIds": {SRCROOT: {"uri": report.root.as_uri() + "/"}},
                "properties": {"policy": report.policy_id},
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
