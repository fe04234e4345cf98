"""The staff guide documents every rule and every field; the published schema cannot drift."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import TODAY
from sitehelpers import render_part, table_rows

from generator.check.policies import load_policy
from generator.check.rules import REGISTRY
from generator.core.model import Dialogue
from generator.core.schema import json_schema
from generator.load.settings import load_config
from generator.render.guide import NO_EXAMPLE, field_docs, kind_of
from generator.summarise.corpus import make_site_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["kungsbacka", "ale"])
def guide(request, tmp_path: Path) -> tuple[str, dict[str, str]]:
    policy = load_policy(request.param)
    site = make_site_data([], policy, load_config(tmp_path / "mkdocs.yml"), TODAY)
    rendered = render_part(site, None, "guide", "readability")
    pages = {rel: data.decode("utf-8") for rel, data in rendered.files.items()}
    return request.param, pages


def _sections(rules_page: str) -> dict[str, str]:
    parts = re.split(r"^## (\S+)\n", rules_page, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_rule_has_a_docstring():
    for rule in REGISTRY.values():
        assert rule.doc.strip(), f"regeln {rule.id} saknar dokumentation (docstring)"
        assert rule.summary.strip(), rule.id


def test_every_rule_has_an_example_for_the_guide():
    missing = [rule.id for rule in REGISTRY.values() if not (rule.example or "").strip()]
    assert missing == [], "regler utan exempel för guiden"


def test_guide_lists_every_rule_with_severity_clause_and_fix(guide):
    policy_id, pages = guide
    policy = load_policy(policy_id)
    sections = _sections(pages["guide/rules.md"])
    assert set(sections) == set(REGISTRY)
    for rule_id, rule in REGISTRY.items():
        text = sections[rule_id]
        setting = policy.setting(rule_id)
        assert f"*Allvarlighet:* {setting.severity.label}" in text
        if setting.clause:
            assert " ".join(setting.clause.split())[:40] in text.replace("\\", "")
        first_line = rule.doc.split("\n\n")[0]
        assert " ".join(first_line.split()) in text
        # The examples show the municipality's own domain, not the rules' kommun.se.
        own = policy.doc.contact_domains[0]
        assert (rule.example or NO_EXAMPLE).replace("kommun.se", own) in text
        assert "kommun.se" not in text.replace(f"@{own}", "").replace(f".{own}", "")
        assert f"[`{rule_id}`](#{rule_id})" in pages["guide/rules.md"]


def test_guide_documents_every_field_of_the_model(guide):
    _, pages = guide
    fields = pages["guide/fields.md"]
    schema = json_schema()

    def walk(props: dict, prefix: str) -> list[str]:
        """Field paths from the JSON Schema: an independent walk of the same model."""
        paths = []
        for name, prop in props.items():
            paths.append(prefix + name)
            refs = [prop.get("$ref"), prop.get("items", {}).get("$ref")]
            refs += [a.get("$ref") for a in prop.get("anyOf", [])]
            ref = next((r for r in refs if r), None)
            if ref:
                inner = prefix + name + ("[]." if "items" in prop else ".")
                paths += walk(schema["$defs"][ref.rsplit("/", 1)[1]]["properties"], inner)
        return paths

    expected = walk(schema["properties"], "")
    assert len(expected) > 60
    for path in expected:
        assert f"| `{path}` |" in fields, path
    # Descriptions come from the model.
    for doc in field_docs():
        assert doc.description, doc.path
        assert doc.description in fields


def test_guide_index_explains_the_workflow(guide):
    policy_id, pages = guide
    index = pages["guide/index.md"]
    for needle in (
        "insyn new",
        "insyn validate",
        "pull request",
        "10 anteckningar",
        "Code Quality",
        "yaml.schemas",
        "Front Matter",
        "CI är det som gäller",
        "pre-commit",
        "(fields.md)",
        "(rules.md)",
    ):
        assert needle in index, needle
    days = load_policy(policy_id).thresholds.feedback_deadline_days
    assert f"ger {days} dagar" in index
    assert json.loads(pages["guide/dialogue.schema.json"]) == json_schema()


def test_kind_names():
    fields = Dialogue.model_fields
    assert kind_of(fields["title"].annotation) == "text"
    assert kind_of(fields["political"].annotation) == "`true` eller `false`"
    assert kind_of(fields["ladder"].annotation).startswith("ett av: `information`")
    assert kind_of(fields["participation"].annotation) == "lista med grupp av fält (se nedan)"
    assert kind_of(fields["period"].annotation) == "grupp av fält (se nedan)"


def test_published_schema_file_is_up_to_date():
    published = json.loads((ROOT / "schema" / "dialogue.schema.json").read_text("utf-8"))
    assert published == json_schema(), (
        "schema/dialogue.schema.json är inaktuell: kör `insyn schema > schema/dialogue.schema.json`"
    )


def test_vscode_maps_the_schema_to_dialogue_files():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {"./schema/dialogue.schema.json": ["content/dialogues/**/*.md"]}
    assert (ROOT / "schema" / "dialogue.schema.json").is_file()


def test_readability_page_shows_lix_of_every_summary_hardest_first(tmp_path: Path):
    from generator.check.engine import check_files
    from generator.summarise.readability import lix

    content = ROOT / "content" / "dialogues"
    policy = load_policy("kungsbacka")
    checked = check_files(sorted(content.rglob("*.md")), policy, TODAY)
    site = make_site_data(checked, policy, load_config(tmp_path / "mkdocs.yml"), TODAY)
    page = render_part(site, None, "readability").files["guide/readability.md"].decode()
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>.*?</tr>", body, re.S)
    assert len(rows) == len(site.entries) > 0
    shown = [int(cells[1]) for cells in table_rows(body)]
    assert shown == sorted(shown, reverse=True)
    for entry in site.entries:
        expected = lix(entry.dialogue.summary)
        row = next(r for r in rows if f'href="../../dialogues/{entry.slug}/"' in r)
        assert table_rows(row)[0][1:3] == [f"{expected.lix:.0f}", expected.label]
