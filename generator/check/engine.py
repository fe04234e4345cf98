"""Check: apply the model and every rule to each file; stamp severity and clause.

Files are independent, so large corpora are checked in forked workers (``fan_out``; the
YAML parsers hold the GIL); the corpus rules (``unique-slug`` …) then look across all of
them, and the discovery rules at what was found but not read.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.check import cache as result_cache
from generator.check.discover import Reader
from generator.check.rules import REGISTRY, Context, Rule, schema
from generator.core.findings import Finding, Problem, Severity
from generator.core.model import Dialogue
from generator.core.model_errors import problems_from_validation_error
from generator.core.policy import Policy
from generator.infra import tuning
from generator.infra.parallel import fan_out, jobs
from generator.load.parsers import front_matter_parser
from generator.load.source import Ignored, SiteFile, Source, slug_of


@dataclass(slots=True)
class Checked:
    """One file after checking: its model (None if the schema failed) and its findings."""

    path: str
    slug: str
    dialogue: Dialogue | None
    body: str
    body_line: int
    findings: list[Finding] = field(default_factory=list)
    valid: bool | None = None  # the model validated; None: ``dialogue is not None`` tells
    # What corpus rules worked out from this file (rule id → their part; see ``collect``).
    collected: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        valid = self.dialogue is not None if self.valid is None else self.valid
        return valid and not any(f.severity is Severity.ERROR for f in self.findings)

    def lean(self) -> Checked:
        """Without the model: enough for a report, and cheap to send between processes."""
        return Checked(
            self.path, self.slug, None, self.body, self.body_line, self.findings,
            self.dialogue is not None, self.collected,
        )  # fmt: skip


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
        clause=setting.clause or universal_clause(rule_id),
        days=problem.days,
    )


def universal_clause(rule_id: str) -> str | None:
    """What a rule that no policy clause grounds stands for: it holds for every dialogue
    (or, for a site rule, every site)."""
    rule = REGISTRY.get(rule_id)
    if rule is None or not rule.summary:
        return None
    return f"{UNIVERSAL_SITE if rule.scope == 'site' else UNIVERSAL}{rule.summary}"


# How a finding's clause starts when no policy gives one.
UNIVERSAL = "Gäller alla dialoger: "
UNIVERSAL_SITE = "Gäller alla webbplatser: "


def check_source(src: Source, policy: Policy, today: dt.date) -> Checked:
    """Every finding for one file. Source rules (identity numbers, unsafe HTML, the file
    name) run even when the front matter cannot be read, so that a YAML error never hides
    them; rules on the model run only if the model is valid."""
    findings = [stamp(src, schema.ID, p, policy) for p in src.problems]
    dialogue = None
    if src.data is not None:
        try:
            dialogue = Dialogue.model_validate(src.data)
        except ValidationError as exc:
            findings += [
                stamp(src, schema.ID, p, policy)
                for p in problems_from_validation_error(exc, src.data, Dialogue)
            ]
    ctx = Context(src, dialogue, policy, today)
    for rule in _rules_on(policy):
        if rule.scope == "dialogue" and dialogue is None:
            continue
        findings += [stamp(src, rule.id, p, policy) for p in rule.check(ctx)]
    findings.sort()
    collected = {r.id: r.collect(src) for r in _collecting(policy)}
    return Checked(src.path, src.slug, dialogue, src.body, src.body_line, findings, None, collected)


@functools.cache
def _rules_on(policy: Policy) -> tuple[Rule, ...]:
    """The per-file rules that ``policy`` does not turn off (a policy is immutable)."""
    return tuple(
        r for r in REGISTRY.values()
        if r.scope in ("dialogue", "source") and policy.severity(r.id) is not Severity.OFF
    )  # fmt: skip


@functools.cache
def _collecting(policy: Policy) -> tuple[Rule, ...]:
    """The corpus rules that ``policy`` does not turn off and that work per file first."""
    return tuple(
        r for r in REGISTRY.values()
        if r.scope == "corpus" and r.collect and policy.severity(r.id) is not Severity.OFF
    )  # fmt: skip


def check_path(
    path: Path, policy: Policy, today: dt.date, reader: Reader | None = None
) -> Checked:
    """Read and check one file; the fast parser finds positions only for files with findings."""
    return _check_paths([path], policy, today, reader or Reader(), True)[0]


def _check_paths(
    paths: Sequence[Path], policy: Policy, today: dt.date, reader: Reader, models: bool
) -> list[Checked]:
    """``check_path`` for each path. The files are read and parsed a batch at a time, with
    stderr silenced once a batch (``quiet_stderr``) instead of once a file."""
    checked: list[Checked] = []
    parser, batch = front_matter_parser()
    for start in range(0, len(paths), tuning.READ_BATCH):
        with batch():
            sources = [reader.read(p, parser) for p in paths[start : start + tuning.READ_BATCH]]
        checked += (check_source(src, policy, today) for src in sources)
    return checked if models else [c.lean() for c in checked]


def check_files(
    files: Sequence[Path],
    policy: Policy,
    today: dt.date,
    *,
    models: bool = True,
    ignored: Sequence[Ignored] = (),
    reader: Reader | None = None,
    site: Sequence[SiteFile] = (),
) -> list[Checked]:
    """Check every file, in parallel when there are many, then the corpus rules; and say
    what ``ignored`` (see ``Reader.discover``) holds, and what the site rules find in the
    site's own files ``site`` (see ``Reader.site_files``), as a result of its own per entry.

    With ``models=False`` the results carry no model (see ``Checked.lean``): enough for a
    report, and much cheaper to send back from the workers; then ``INSYN_CACHE=1`` reuses
    the results of unchanged files (see ``generator.check.cache``). ``reader`` shows the
    paths (a new one if None: relative to the working folder).
    """
    reader = reader or Reader()
    if not models and result_cache.enabled():
        results = _check_cached(files, policy, today, reader)
    else:
        results = _check_many(files, policy, today, reader, models)
    corpus_rules(results, policy)
    return results + _discovery_rules(ignored, policy) + _site_rules(site, policy)


def _check_many(
    files: Sequence[Path], policy: Policy, today: dt.date, reader: Reader, models: bool
) -> list[Checked]:
    if len(files) < tuning.CHECK_PARALLEL_FROM:
        return _check_paths(files, policy, today, reader, models)
    # Small chunks, so that no share waits long for the other at the end.
    size = max(16, min(tuning.READ_BATCH, -(-len(files) // (jobs() * 4))))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    done = fan_out(lambda chunk: _check_paths(chunk, policy, today, reader, models), chunks,
                   at_least=2)  # fmt: skip
    return [c for chunk in done for c in chunk]


def _check_cached(
    files: Sequence[Path], policy: Policy, today: dt.date, reader: Reader
) -> list[Checked]:
    """Lean results, from the cache where a file (bytes, path, where it leads) is unchanged."""
    cache = result_cache.ResultCache(policy.path, today)
    keys, results, todo = [], [], []
    for i, path in enumerate(files):
        display = reader.display_path(path)
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b"\0unreadable"
        key = cache.key(f"{display}\0{reader.real(path)}", raw)
        keys.append(key)
        record = cache.get(key)
        if record is None:
            todo.append(i)
            results.append(None)
            continue
        findings, valid = result_cache.findings_of(record), record["valid"]
        body, line = record["body"], record["body_line"]
        results.append(Checked(display, record["slug"], None, body, line, findings, valid))
    fresh = _check_many([files[i] for i in todo], policy, today, reader, models=False)
    for i, checked in zip(todo, fresh, strict=True):
        results[i] = checked
        cache.put(keys[i], result_cache.record_of(checked))
    cache.save()
    return results  # type: ignore[return-value]


def _discovery_rules(ignored: Sequence[Ignored], policy: Policy) -> list[Checked]:
    results = []
    for rule in REGISTRY.values():
        if rule.scope != "discovery" or policy.severity(rule.id) is Severity.OFF:
            continue
        for entry, problem in rule.check(ignored):
            src = Source(path=entry.path, slug=slug_of(Path(entry.path)))
            finding = stamp(src, rule.id, problem, policy)
            results.append(Checked(entry.path, src.slug, None, "", 1, [finding], False))
    return results


def _site_rules(files: Sequence[SiteFile], policy: Policy) -> list[Checked]:
    """The site rules' findings, one result per site file that has any."""
    found: dict[str, Checked] = {}
    for rule in REGISTRY.values():
        if rule.scope != "site" or not files or policy.severity(rule.id) is Severity.OFF:
            continue
        for file, problem in rule.check(list(files)):
            src = Source(path=file.path, slug=slug_of(Path(file.path)))
            result = found.setdefault(file.path, Checked(file.path, src.slug, None, "", 1, [],
                                                         False))  # fmt: skip
            result.findings.append(stamp(src, rule.id, problem, policy))
    for result in found.values():
        result.findings.sort()
    return list(found.values())


# The rules that look across files: a caller that keeps per-file results (the preview)
# keeps them without these rules' findings and runs ``corpus_rules`` again.
CORPUS_RULES = frozenset(r.id for r in REGISTRY.values() if r.scope == "corpus")


def corpus_rules(results: list[Checked], policy: Policy) -> None:
    by_path = {r.path: r for r in results}
    sources = [
        Source(
            path=r.path, slug=r.slug, body=r.body, body_line=r.body_line,
            collected=r.collected,
        )
        for r in results
    ]  # fmt: skip
    for rule in REGISTRY.values():
        if rule.scope != "corpus" or policy.severity(rule.id) is Severity.OFF:
            continue
        for src, problem in rule.check(sources):
            by_path[src.path].findings.append(stamp(src, rule.id, problem, policy))
