"""Broken promises up front: the start page and the deviation list name every dialogue
that breaks a promise now and no other; each deviation has one wording, on the page's
box and checklist, on the start page, in the follow-up and in the open data; the open
data carry status and deviations and validate against the published schema; no rule id
reaches a page residents read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import valid_dialogue
from sitehelpers import rendered

from generator.core.schema import dialogues_file_schema

TODAY = dt.date(2026, 6, 20)  # the valid dialogue's feedback was due 14 June


def _corpus() -> dict[str, dict]:
    late = valid_dialogue("ale")
    del late["feedback"]  # overdue: 6 days
    silent = valid_dialogue("ale")
    del silent["feedback"]
    silent["period"] = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 7, 30)}
    silent["participation"][0]["until"] = dt.date(2026, 7, 30)
    silent["influence"]["decision"]["date"] = dt.date(2026, 10, 1)
    silent["title"] = "Tyst dialog"
    done_late = valid_dialogue("ale")
    done_late["feedback"]["date"] = dt.date(2026, 6, 18)  # 4 days late, and done with
    done_late["title"] = "Sen men klar"
    late["title"] = "Sen återkoppling"
    return {"sen": late, "tyst": silent, "sen-men-klar": done_late, "ok": valid_dialogue("ale")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[object, dict[str, str]]:
    # Ale: missing progress reports are deviations.
    return rendered(tmp_path_factory.mktemp("site") / "content", _corpus(), TODAY, "ale")


def test_the_current_deviations_and_no_others_are_up_front(built) -> None:
    site, files = built
    rules = {e.slug: sorted(f.rule for f in e.deviations) for e in site.entries}
    assert rules == {"ok": [], "sen": ["feedback-overdue"], "sen-men-klar": ["feedback-overdue"],
                     "tyst": ["progress-updates"]}  # fmt: skip
    home = files["index.md"]
    section = home[home.index("## Löften som inte hålls just nu") :].split("\n## ")[0]
    listed = files["deviations.md"]
    for text in (section, listed):
        assert set(re.findall(r"\(dialogues/([a-z-]+)\.md\)", text)) == {"sen", "tyst"}
    board = next(e for e in site.entries if e.slug == "sen").dialogue.owner.board
    assert board in section and board in listed


def test_one_wording_per_deviation_everywhere(built) -> None:
    _, files = built
    said = "Återkopplingen är 6 dagar försenad."
    page = files["dialogues/sen.md"]
    assert page.count(said) >= 2  # the deviation box and the checklist
    plain = {k: files[k].replace("\\", "") for k in ("index.md", "deviations.md")}  # Markdown
    assert said in plain["index.md"] and said in plain["deviations.md"]
    record = next(d for d in json.loads(files["data/dialogues.json"])["dialogues"]
                  if d["slug"] == "sen")  # fmt: skip
    assert record["deviations"] == [{"rule": "feedback-overdue", "days": 6, "text": said}]
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(files["data/dialogues.csv"]
                                                              .lstrip("\ufeff")), delimiter=";")}  # fmt: skip
    assert rows["sen"]["deviations"] == said and rows["ok"]["deviations"] == ""
    assert rows["sen"]["status"] == "feedback-overdue"
    late = "Återkopplingen kom 4 dagar för sent."
    assert late in files["dialogues/sen-men-klar.md"]
    assert late in files["follow-up/2026/index.md"]


def test_while_feedback_is_overdue_its_parts_are_missing_and_late(built) -> None:
    _, files = built
    table = files["dialogues/sen.md"].split("<table", 1)[1]
    assert "Saknas: återkopplingen är försenad" in table
    assert "Inte aktuellt ännu" not in table.split("återkopplingen", 1)[1]


def test_the_open_data_validate_against_the_published_schema(built) -> None:
    _, files = built
    data = json.loads(files["data/dialogues.json"])
    jsonschema.validate(data, dialogues_file_schema())
    assert {d["slug"]: d["status"] for d in data["dialogues"]}["tyst"] == "ongoing"


def test_no_rule_id_on_a_page_residents_read(built) -> None:
    site, files = built
    from generator.check.rules import REGISTRY

    # The staff guide names its rules; the open data page documents the status values
    # (one of them, feedback-overdue, is also a rule's name).
    staff = ("guide/", "data/index.md")
    for path, text in files.items():
        if not path.endswith(".md") or path.startswith(staff):
            continue
        shown = [r for r in REGISTRY if f"<code>{r}</code>" in text or f"`{r}`" in text]
        assert shown == [], path
