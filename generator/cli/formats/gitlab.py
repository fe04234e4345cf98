"""GitLab Code Quality report: a JSON array that GitLab shows in merge requests.

Each finding becomes ``{description, check_name, fingerprint, severity, location}``.
The fingerprint is a SHA-256 of file, rule and message, without the line, so it stays the
same from one pipeline to the next when lines above it move (GitLab compares them to say
what is new); identical findings in a file get an occurrence number, in line order, so
that every fingerprint is unique.
"""

from __future__ import annotations

import hashlib
import json

from generator.cli.formats import Report, formatter
from generator.core.findings import Severity

# GitLab's levels: info, minor, major, critical, blocker.
SEVERITY = {
    Severity.ERROR: "critical",
    Severity.WARNING: "minor",
    Severity.DEVIATION: "info",
}


def fingerprint(file: str, rule: str, message: str, occurrence: int = 0) -> str:
    key = "\0".join((file, rule, message))
    if occurrence:
        key += f"\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@formatter("gitlab")
def render(report: Report) -> str:
    issues = []
    seen: dict[str, int] = {}
    for f in report.findings:
        if f.severity not in SEVERITY:
            continue
        base = fingerprint(f.file, f.rule, f.message)
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        description = f"{f.message} ({f.severity.label})"
        if f.hint:
            description += f" Tips: {f.hint}"
        if f.clause:
            description += f" Klausul: {f.clause}"
        issues.append(
            {
                "type": "issue",
                "description": description,
                "check_name": f.rule,
                "fingerprint": fingerprint(f.file, f.rule, f.message, occurrence),
                "severity": SEVERITY[f.severity],
                "location": {"path": f.file.replace("\\", "/"), "lines": {"begin": f.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
