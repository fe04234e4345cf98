"""`PATH:LINE:COL: SEVERITY RULE-ID message`, an indented hint and the clause the finding
comes from, then one summary line."""

from __future__ import annotations

from generator.cli.formats import Report, formatter, summary_line


@formatter("text")
def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        lines.append(f"{f.file}:{f.line}:{f.col}: {f.severity.label} {f.rule} {f.message}")
        if f.hint:
            lines.append(f"    tips: {f.hint}")
        if f.clause:
            lines.append(f"    klausul: {f.clause}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
