"""`insyn schema`: print the JSON Schema (2020-12) of the front matter."""

from __future__ import annotations

import argparse
import json

from generator.core.schema import json_schema


def add_parser(sub) -> argparse.ArgumentParser:
    return sub.add_parser("schema", help="skriv ut JSON Schema för front matter")


def run(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0
