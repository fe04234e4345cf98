"""Machine-readable findings: one JSON object with files, findings and counts."""

from __future__ import annotations

import json

from generator.cli.formats import Report, formatter, summary_line
from generator.core.findings import count_by_severity


@formatter("json")
def render(report: Report) -> str:
    counts = count_by_severity(report.findings)
    doc = {
        "policy": report.policy_id,
        "files": len(report.checked),
        "counts": {str(k): v for k, v in counts.items()},
        "summary": summary_line(report),
        "findings": [f.as_dict() for f in report.findings],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
