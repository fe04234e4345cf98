"""Read a policy file: safe YAML with positions, checked against ``PolicyFile``."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.core.findings import Problem
from generator.core.model_errors import problems_from_validation_error
from generator.core.policy import PolicyFile
from generator.load.source import Source, read_yaml_file


def read_policy_file(path: Path) -> tuple[Source, PolicyFile | None, list[Problem]]:
    """The file as read, its model if valid, and every problem found so far."""
    src = read_yaml_file(path)
    problems: list[Problem] = list(src.problems)
    doc = None
    if src.data is not None:
        try:
            doc = PolicyFile.model_validate(src.data)
        except ValidationError as exc:
            problems += problems_from_validation_error(exc, src.data, PolicyFile)
    return src, doc, problems
