"""Run axe-core in a page and describe its violations readably."""

from __future__ import annotations

import json

from .harness import ARTIFACTS, AXE_TAGS


def run_axe(page, axe_source: str) -> dict:
    """axe.run on the whole document with the WCAG 2.0/2.1 A and AA rules."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations', 'incomplete'],
        })""",
        AXE_TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def save_report(name: str, result: dict) -> None:
    """Keep the full result (with the 'incomplete' items to review by hand) as an artifact."""
    ARTIFACTS.mkdir(exist_ok=True)
    keep = {k: result.get(k) for k in ("url", "violations", "incomplete", "testEngine")}
    (ARTIFACTS / f"axe-{name}.json").write_text(
        json.dumps(keep, ensure_ascii=False, indent=1), encoding="utf-8"
    )
