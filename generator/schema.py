"""The published JSON Schema (2020-12), generated from the model."""

from __future__ import annotations

from generator.model import Dialogue

SCHEMA_ID = "https://insyn.se/schema/dialogue.schema.json"


def json_schema() -> dict:
    schema = Dialogue.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
