"""Check: apply the model and every rule to each file; stamp severity and clause.

Files are independent, so large corpora are checked in worker processes (PyYAML's C
parser holds the GIL); ``unique-slug`` then looks across all of them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from pydantic import ValidationError

from generator.check import cache as result_cache
from generator.check.rules import REGISTRY, Context, Rule, schema
from generator.core.findings import Finding, Problem, Severity
from generator.core.model import Dialogue
from generator.core.model_errors import problems_from_validation_error
from generator.core.policy import Policy
from generator.infra.parallel import die_with_parent
from generator.load.fast.ryml import Parser, parse_fast, quiet_stderr
from generator.load.safe_yaml import parse
from generator.load.source import Ignored, IsSymlink, Source, read_source, slug_of

PARALLEL_FROM = 256  # below this, starting workers costs more than it saves
CHUNKS_PER_JOB = 16
READ_BATCH = 256  # files read and parsed before they are checked (a bound on memory)


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
    """What a rule that no policy clause grounds stands for: it holds for every dialogue."""
    rule = REGISTRY.get(rule_id)
    return f"{UNIVERSAL}{rule.summary}" if rule is not None and rule.summary else None


UNIVERSAL = "Gäller alla dialoger: "  # how a finding's clause starts when no policy gives one


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


def discover(paths: Iterable[Path]) -> list[Path]:
    """Every ``.md`` file under the given folders (sorted), plus the files given directly."""
    return discover_all(paths)[0]


def discover_all(paths: Iterable[Path]) -> tuple[list[Path], list[Ignored]]:
    """``discover``, and what under the folders looks like a dialogue but is not read (a
    folder or a pipe named ``*.md``, ``x.MD``): ``ignored-file`` reports those."""
    found: list[Path] = []
    ignored: list[Ignored] = []
    for path in paths:
        if path.is_dir():
            files, skipped = _markdown_files(path)
            found += files
            ignored += skipped
        else:
            found.append(path)
    return found, ignored


def _markdown_files(folder: Path) -> tuple[list[Path], list[Ignored]]:
    """``sorted(p for p in folder.rglob("*.md") if p.is_file() or p.is_symlink())``, from
    one ``scandir`` per folder instead of a ``stat`` per file, and the entries ignored.

    As ``rglob``: symlinked folders are not entered, unreadable folders are skipped. A
    symlink named ``*.md`` is listed even if it dangles or leads to a folder: reading it
    becomes a finding, not silence.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    ignored: list[tuple[tuple[str, ...], Ignored]] = []
    _scan_folder(os.fspath(folder), (), found, ignored)
    found.sort()  # by parts, as paths sort
    ignored.sort()
    return [Path(name) for _, name in found], [entry for _, entry in ignored]


def _scan_folder(folder: str, parts: tuple[str, ...], found: list, ignored: list) -> None:
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except PermissionError:
        return
    for entry in entries:
        name = entry.name
        is_dir = entry.is_dir(follow_symlinks=False)
        if name.endswith(".md") and (entry.is_symlink() or entry.is_file(follow_symlinks=False)):
            found.append(((*parts, name), os.path.join(folder, name)))
        elif (kind := _ignored_kind(entry, name, is_dir)) is not None:
            path = os.path.join(folder, name)
            ignored.append(((*parts, name), Ignored(display_path(Path(path)), kind)))
        if is_dir:
            _scan_folder(os.path.join(folder, name), (*parts, name), found, ignored)


def _ignored_kind(entry: os.DirEntry, name: str, is_dir: bool) -> str | None:
    """Why an entry that is not read looks as if it should be, or None."""
    lower = name.lower()
    if is_dir:
        return "folder" if lower.endswith((".md", ".markdown")) else None
    if not entry.is_file(follow_symlinks=False) and not entry.is_symlink():
        return "special"  # a pipe, a socket, a device: never opened (a pipe would block)
    if lower.endswith(".md"):
        return "case"
    return "markdown" if lower.endswith(".markdown") else None


def content_root(path: Path) -> Path:
    """The content folder a dialogue file belongs to: the parent of its ``dialogues`` folder
    (``content/dialogues/**/x.md``), else the file's own folder; symlinks not followed."""
    return _content_root_of(os.path.dirname(_absolute(os.fspath(path))))


@functools.lru_cache(maxsize=4096)
def _content_root_of(directory: str) -> Path:
    """``content_root`` of the files in ``directory`` (absolute): the same for all of them."""
    folder = Path(directory)
    for parent in (folder, *folder.parents):
        if parent.name == "dialogues":
            return parent.parent
    return folder


@functools.lru_cache(maxsize=4096)
def _real_dir(directory: str) -> str:
    """``os.path.realpath`` of a folder, once per folder per check (cleared by check_files)."""
    return os.path.realpath(directory)


_cwd: list[str] = []  # while check_files runs: the working folder, asked once, not per file


def _working_dir() -> str:
    return _cwd[0] if _cwd else os.getcwd()


def _absolute(name: str) -> str:
    """``os.path.abspath`` with the working folder of this check."""
    return os.path.normpath(name if os.path.isabs(name) else os.path.join(_working_dir(), name))


def _real(path: Path) -> str:
    """``os.path.realpath(path)``, resolving each folder only once: one lstat per file. (A
    symlink loop resolves to the path itself, and reading it then fails: a finding.)"""
    name = os.fspath(path)
    if os.path.islink(name) or (".." in name and ".." in path.parts):  # realpath knows
        return os.path.realpath(_absolute(name))  # `..` after a symlink
    return _real_in_folder(name)


def _real_in_folder(name: str) -> str:
    """The real path of a file that is no symlink: its folder's, resolved once, and its name."""
    return os.path.join(_real_dir(os.path.dirname(_absolute(name))), os.path.basename(name))


def _within(real: str, folder: str) -> str | None:
    """``real`` relative to ``folder`` (both resolved), or None if it is outside."""
    if real == folder:
        return "."
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return real[len(prefix) :] if real.startswith(prefix) else None


def _read(path: Path, parser: Parser = parse) -> Source:
    """``read_source``, except that a file (or folder) symlinked outside the content folder
    is not read: publishing it could leak any file on the build machine.

    Most files are no symlink: their real path is their folder's (resolved once per
    folder) and their name, and the open refuses a symlink itself (``follow=False``),
    which saves an ``lstat`` per file and leaves no moment for the file to become one."""
    root = content_root(path)
    real_root = _real_dir(str(root))
    name = os.fspath(path)
    if ".." not in name:
        real = _real_in_folder(name)
        if _within(real, real_root) is not None:
            try:
                return read_source(path, _display(real, path), parser=parser, follow=False)
            except IsSymlink:
                pass  # a symlink after all: resolved below
    real = _real(path)
    display = _display(real, path)
    if _within(real, real_root) is None:
        src = Source(path=display, slug=slug_of(path))
        src.problems.append(
            Problem(
                "Filen är en symbolisk länk som pekar utanför innehållsmappen.",
                line=1,
                hint=f"Lägg filen själv under {root.name}/ i stället för en länk dit.",
            )
        )
        return src
    return read_source(path, display, parser=parser)


def display_path(path: Path) -> str:
    return _display(_real(path), path)


_project: list[str] = []  # while a check runs for a project: its folder (see ``shown_from``)


@contextlib.contextmanager
def shown_from(root: Path | None) -> Iterator[None]:
    """While active, paths in findings are relative to ``root`` (the project, whatever the
    working folder and however the paths were given), where they are inside it."""
    saved = list(_project)
    _project[:] = [] if root is None else [os.path.realpath(root)]
    try:
        yield
    finally:
        _project[:] = saved


def _display(real: str, path: Path) -> str:
    """``path`` relative to the project (``shown_from``) or else to the working folder, if
    it is inside (``real`` is its real path); else as given."""
    for base in (*_project, _real_dir(_working_dir())):
        relative = _within(real, base)
        if relative is not None:
            return relative
    return str(path)


_worker_state: dict[str, object] = {}


def _init_worker(
    policy: Policy, today: dt.date, models: bool, files: Sequence[Path], parent: int
) -> None:
    """Forked, so the arguments arrive as they are in the parent, without pickling."""
    die_with_parent(parent)
    gc.disable()  # short-lived, and results are acyclic: collections only cost time
    _worker_state["policy"] = policy
    _worker_state["today"] = today
    _worker_state["models"] = models
    _worker_state["files"] = files


def check_path(path: Path, policy: Policy, today: dt.date, models: bool = True) -> Checked:
    """Read and check one file; the fast parser finds positions only for files with findings."""
    return _check_paths([path], policy, today, models)[0]


def _check_paths(
    paths: Sequence[Path], policy: Policy, today: dt.date, models: bool
) -> list[Checked]:
    """``check_path`` for each path. The files are read and parsed a batch at a time, with
    stderr silenced once a batch (``quiet_stderr``) instead of once a file."""
    checked: list[Checked] = []
    for start in range(0, len(paths), READ_BATCH):
        with quiet_stderr():
            sources = [_read(p, parse_fast) for p in paths[start : start + READ_BATCH]]
        checked += (check_source(src, policy, today) for src in sources)
    return checked if models else [c.lean() for c in checked]


def _check_chunk(chunk: tuple[int, int]) -> list[Checked]:
    """Check ``files[start:stop]`` of the list the worker was started with."""
    policy, today = _worker_state["policy"], _worker_state["today"]
    assert isinstance(policy, Policy) and isinstance(today, dt.date)
    files = _worker_state["files"]
    assert isinstance(files, Sequence)
    return _check_paths(files[chunk[0] : chunk[1]], policy, today, bool(_worker_state["models"]))


def check_files(
    files: Sequence[Path],
    policy: Policy,
    today: dt.date,
    jobs: int | None = None,
    *,
    models: bool = True,
    ignored: Sequence[Ignored] = (),
) -> list[Checked]:
    """Check every file, in parallel when there are many, then the corpus rules; and say
    what ``ignored`` (see ``discover_all``) holds, as a result of its own per entry.

    With ``models=False`` the results carry no model (see ``Checked.lean``): enough for a
    report, and much cheaper to send back from the workers; then ``INSYN_CACHE=1`` reuses
    the results of unchanged files (see ``generator.check.cache``).
    """
    _real_dir.cache_clear()  # folders may have moved since the last check (preview)
    _cwd[:] = [os.getcwd()]
    try:
        if not models and result_cache.enabled():
            results = _check_cached(files, policy, today, jobs)
        else:
            results = _check_many(files, policy, today, jobs, models)
    finally:
        _cwd.clear()
    _corpus_rules(results, policy)
    return results + _discovery_rules(ignored, policy)


def _check_many(
    files: Sequence[Path], policy: Policy, today: dt.date, jobs: int | None, models: bool
) -> list[Checked]:
    jobs = jobs or len(os.sched_getaffinity(0)) or 1
    if len(files) >= PARALLEL_FROM and jobs > 1:
        # Many small chunks, so that no worker waits long for the other at the end; only
        # their bounds travel, the workers have the list. The parent only collects.
        size = max(16, -(-len(files) // (jobs * CHUNKS_PER_JOB)))
        chunks = [(i, min(i + size, len(files))) for i in range(0, len(files), size)]
        gc.freeze()  # forked workers then do not copy the parent's objects to mark them
        with ProcessPoolExecutor(
            jobs, mp_context=get_context("fork"), initializer=_init_worker,
            initargs=(policy, today, models, files, os.getpid()),
        ) as pool:  # fmt: skip
            try:
                return [c for chunk in pool.map(_check_chunk, chunks) for c in chunk]
            finally:
                gc.unfreeze()
    return _check_paths(files, policy, today, models)


def _check_cached(
    files: Sequence[Path], policy: Policy, today: dt.date, jobs: int | None
) -> list[Checked]:
    """Lean results, from the cache where a file (bytes, path, where it leads) is unchanged."""
    cache = result_cache.ResultCache(policy.path, today)
    keys, results, todo = [], [], []
    for i, path in enumerate(files):
        display = display_path(path)
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b"\0unreadable"
        key = cache.key(f"{display}\0{_real(path)}", raw)
        keys.append(key)
        record = cache.get(key)
        if record is None:
            todo.append(i)
            results.append(None)
            continue
        findings, valid = result_cache.findings_of(record), record["valid"]
        body, line = record["body"], record["body_line"]
        results.append(Checked(display, record["slug"], None, body, line, findings, valid))
    fresh = _check_many([files[i] for i in todo], policy, today, jobs, models=False)
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


def _corpus_rules(results: list[Checked], policy: Policy) -> None:
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
