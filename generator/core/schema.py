"""The published JSON Schemas (2020-12), generated from the model.

- ``json_schema()``: one dialogue's front matter, for editors and for the form;
- ``dialogues_file_schema()``: the open-data file ``data/dialogues.json``, whose records
  are the front matter with the keys the site adds (``RECORD_KEYS``).
"""

from __future__ import annotations

import copy

from generator.core import labels
from generator.core.model import SLUG_FORM, Dialogue

SCHEMA_ID = "https://insyn.se/schema/dialogue.schema.json"
DIALOGUES_ID = "https://insyn.se/schema/dialogues.schema.json"

# What a record of `dialogues.json` has besides the front matter.
RECORD_KEYS: dict[str, dict] = {
    "slug": {
        "type": "string", "pattern": SLUG_FORM,
        "description": "Filnamnet utan .md; dialogens adress är /dialogues/<slug>/.",
    },
    "url": {
        "type": "string", "format": "uri-reference",
        "description": "Dialogens sida (absolut när webbplatsen har site_url).",
    },
    "status": {
        "enum": list(labels.STATUS),
        "description": "Status härledd ur datumen och dagens datum (as_of).",
    },
    "status_label": {"type": "string", "description": "Statusen på svenska."},
    "deviations": {
        "type": "array",
        "description": "Avvikelser från policyn i dag, som dialogens sida anger dem.",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["rule", "days", "text"],
            "properties": {
                "rule": {"type": "string", "description": "Regeln som avvikelsen gäller."},
                "days": {
                    "type": ["integer", "null"],
                    "description": "Antal dagar, där avvikelsen räknas i dagar.",
                },
                "text": {"type": "string", "description": "Avvikelsen i en mening."},
            },
        },
    },
}  # fmt: skip


def json_schema() -> dict:
    schema = Dialogue.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def dialogues_file_schema() -> dict:
    """``data/dialogues.json``: the municipality, the date, and every dialogue."""
    record = copy.deepcopy(Dialogue.model_json_schema(mode="validation"))
    defs = record.pop("$defs", {})
    record["title"] = "PublishedDialogue"
    record["description"] = "En dialog som den publiceras: front matter och det som läggs till."
    record["properties"] = {**record["properties"], **RECORD_KEYS}
    record["required"] = [*record.get("required", []), *RECORD_KEYS]
    # Open data may leave the person out (``open_data.personal: role``): then the record
    # has the role and a function mailbox, which may be null.
    person = defs["Responsible"]
    person["required"] = []
    for key in ("name", "email"):
        person["properties"][key] = {"anyOf": [person["properties"][key], {"type": "null"}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": DIALOGUES_ID,
        "title": "Dialogues",
        "description": "Alla invånardialoger på en webbplats, med status per as_of.",
        "type": "object",
        "additionalProperties": False,
        "required": ["municipality", "as_of", "count", "dialogues"],
        "properties": {
            "municipality": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "count": {"type": "integer", "minimum": 0},
            "dialogues": {"type": "array", "items": {"$ref": "#/$defs/PublishedDialogue"}},
        },
        "$defs": {**defs, "PublishedDialogue": record},
    }
