"""GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.

Properties and messages are escaped as the runner requires (%, CR, LF, and in properties
also `:` and `,`). GitHub shows at most 10 annotations of each kind per step, so the
summary line says how many there are in all.
"""

from __future__ import annotations

from generator.cli.formats import Report, formatter, summary_line
from generator.core.findings import Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.DEVIATION: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


@formatter("github")
def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        level = _LEVEL.get(f.severity)
        if level is None:
            continue
        message = f.message + (f"\n{f.hint}" if f.hint else "")
        message += f"\nKlausul: {f.clause}" if f.clause else ""
        fields = {
            "file": f.file,
            "line": f.line,
            "col": f.col,
            "title": f"{f.rule} ({f.severity.label})",
        }
        props = ",".join(f"{k}={escape_property(str(v))}" for k, v in fields.items())
        lines.append(f"::{level} {props}::{escape_data(message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
