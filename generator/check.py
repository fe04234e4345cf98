"""Check: apply the model and every rule to each file; stamp severity and clause.

Files are independent, so large corpora are checked in worker processes (PyYAML's C
parser holds the GIL); ``unique-slug`` then looks across all of them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from pydantic import ValidationError

from generator.findings import Finding, Problem, Severity
from generator.load.source import Source, read_source
from generator.model import Dialogue
from generator.policy import Policy, load_policy
from generator.rules import REGISTRY, Context
from generator.schema_errors import problems_from_validation_error

PARALLEL_FROM = 256  # below this, starting workers costs more than it saves


@dataclass(slots=True)
class Checked:
    """One file after checking: its model (None if the schema failed) and its findings."""

    path: str
    slug: str
    dialogue: Dialogue | None
    body: str
    body_line: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dialogue is not None and not any(
            f.severity is Severity.ERROR for f in self.findings
        )


def stamp(src: Source, rule_id: str, problem: Problem, policy: Policy) -> Finding:
    if problem.line is not None:
        line, col = problem.line, problem.col or 1
    else:
        line, col = src.where(problem.path)
    setting = policy.setting(rule_id)
    return Finding(
        file=src.path,
        line=line,
        col=col,
        rule=rule_id,
        severity=setting.severity,
        message=problem.message,
        hint=problem.hint,
        clause=setting.clause,
        days=problem.days,
    )


def check_source(src: Source, policy: Policy, today: dt.date) -> Checked:
    """Every finding for one file; rules on the model run only if the model is valid."""
    findings = [stamp(src, "schema", p, policy) for p in src.problems]
    dialogue = None
    if src.data is not None:
        try:
            dialogue = Dialogue.model_validate(src.data)
        except ValidationError as exc:
            findings += [
                stamp(src, "schema", p, policy)
                for p in problems_from_validation_error(exc, src.data, Dialogue)
            ]
        for rule in REGISTRY.values():
            if rule.scope == "corpus" or policy.severity(rule.id) is Severity.OFF:
                continue
            if rule.scope == "dialogue" and dialogue is None:
                continue
            ctx = Context(src, dialogue, policy, today)
            findings += [stamp(src, rule.id, p, policy) for p in rule.check(ctx)]
    findings.sort()
    return Checked(src.path, src.slug, dialogue, src.body, src.body_line, findings)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Every ``.md`` file under the given folders (sorted), plus the files given directly."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.md") if p.is_file())
        else:
            found.append(path)
    return found


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


_worker_state: dict[str, object] = {}


def _init_worker(policy_ref: str, today: dt.date) -> None:
    _worker_state["policy"] = load_policy(policy_ref)
    _worker_state["today"] = today


def _check_one(path: Path) -> Checked:
    policy = _worker_state["policy"]
    today = _worker_state["today"]
    assert isinstance(policy, Policy) and isinstance(today, dt.date)
    return check_source(read_source(path, display_path(path)), policy, today)


def check_files(
    files: Sequence[Path], policy: Policy, today: dt.date, jobs: int | None = None
) -> list[Checked]:
    """Check every file, in parallel when there are many, then the corpus rules."""
    jobs = jobs or os.cpu_count() or 1
    if len(files) >= PARALLEL_FROM and jobs > 1:
        with ProcessPoolExecutor(
            jobs, mp_context=get_context("fork"), initializer=_init_worker,
            initargs=(policy.path, today),
        ) as pool:  # fmt: skip
            results = list(pool.map(_check_one, files, chunksize=max(1, len(files) // (jobs * 8))))
    else:
        results = [
            check_source(read_source(p, display_path(p)), policy, today) for p in files
        ]
    _corpus_rules(results, policy)
    return results


def _corpus_rules(results: list[Checked], policy: Policy) -> None:
    by_path = {r.path: r for r in results}
    sources = [Source(path=r.path, slug=r.slug) for r in results]
    for rule in REGISTRY.values():
        if rule.scope != "corpus" or policy.severity(rule.id) is Severity.OFF:
            continue
        for src, problem in rule.check(sources):
            by_path[src.path].findings.append(stamp(src, rule.id, problem, policy))
