"""A short Swedish summary in Markdown, for a pull-request comment or a CI job summary.

"What changed" is the files given on the command line: for each of them the dialogue's
title, the status it will have on the site as of today (``INSYN_TODAY``), under the
report's policy, and its findings, grouped per file. Text from the files is escaped so
that it cannot add HTML or links to the comment.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.check.engine import Checked
from generator.cli.formats import Report, formatter, summary_line
from generator.core.dates import long_date
from generator.core.findings import Severity, count_by_severity
from generator.core.status import derive_status, today_from_env

ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.DEVIATION: "ℹ️"}
_SPECIAL = re.compile(r"([\\`*_\[\]|<>~])")


def md(text: str) -> str:
    """Escape Markdown and HTML in one line of text from a file."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", str(text)))


def message(text: str) -> str:
    """Our own messages use `code` for field names: keep code spans, escape the rest.

    A code span with `<` or `>` (a value quoted from a file) is escaped like the rest, so
    that a stray backtick in the value cannot let HTML out of the span.
    """
    parts = re.split(r"(`[^`<>\n]*`)", " ".join(text.split()))
    return "".join(p if len(p) > 1 and p[0] == p[-1] == "`" else md(p) for p in parts)


def preview_status(c: Checked, today: dt.date, deadline: int) -> str:
    if c.dialogue is None:
        return "publiceras inte (fel i filen)"
    status = derive_status(c.dialogue, today, deadline)
    if any(f.severity is Severity.ERROR for f in c.findings):
        return f"{status.label} (publiceras inte förrän felen är rättade)"
    return status.label


@formatter("markdown")
def render(report: Report) -> str:
    today = today_from_env()
    deadline = report.policy.thresholds.feedback_deadline_days
    counts = count_by_severity(report.findings)
    verdict = (
        "❌ Filerna har fel som måste rättas innan de kan publiceras."
        if counts[Severity.ERROR]
        else "✅ Inga fel: filerna kan publiceras."
    )
    lines = [
        "## Insyn: kontroll av dialogfilerna",
        "",
        f"{verdict} {summary_line(report)} (policy: {md(report.policy_id)}).",
        "",
    ]
    if not report.checked:
        lines.append("Inga dialogfiler kontrollerades.")
        return "\n".join(lines) + "\n"
    lines += [
        f"| Dialog | Fil | Status {long_date(today)} | Fel | Varningar | Avvikelser |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for c in sorted(report.checked, key=lambda c: c.path):
        n = count_by_severity(c.findings)
        title = md(c.dialogue.title) if c.dialogue else f"`{c.slug}`"
        lines.append(
            f"| {title} | `{c.path}` | {preview_status(c, today, deadline)} | "
            f"{n[Severity.ERROR]} | {n[Severity.WARNING]} | {n[Severity.DEVIATION]} |"
        )
    with_findings = [c for c in sorted(report.checked, key=lambda c: c.path) if c.findings]
    for c in with_findings:
        lines += ["", f"### `{c.path}`", ""]
        for f in sorted(c.findings):
            if f.severity not in ICON:
                continue
            line = (
                f"- {ICON[f.severity]} **{f.severity.label}** `{f.rule}` rad {f.line}: "
                f"{message(f.message)}"
            )
            if f.hint:
                line += f" *Tips:* {message(f.hint)}"
            if f.clause:
                line += f" *Klausul:* {md(f.clause)}"
            lines.append(line)
    lines += [
        "",
        "Fel stoppar publiceringen. Varningar och avvikelser stoppar inte, men avvikelser "
        "från policyn visas öppet på dialogens sida.",
    ]
    return "\n".join(lines) + "\n"
