"""Benchmark Insyn at several corpus sizes, side by side with a bare MkDocs build.

    .venv/bin/python benchmarks/run.py                      # sizes 100, 1000, 10000
    .venv/bin/python benchmarks/run.py --sizes 100000 --timeout 600
    .venv/bin/python benchmarks/run.py --sizes 1000 --skip-build
    .venv/bin/python benchmarks/run.py --sizes 30000 --steps build   # one step at a large N
    .venv/bin/python benchmarks/run.py --sizes 1000 --repeat 5       # medians of 5 runs

For each N a deterministic corpus (``benchmarks/corpus.py``) is written to a temporary
project, and each step runs in a new process (cold: imports, worker start and all):

- ``validate``: ``insyn validate`` on the N dialogues;
- ``build``: ``insyn build`` of the whole site (our pre-build step plus MkDocs), with the
  shortcuts of the ``fast/`` folders;
- ``plain``: the same build with ``INSYN_FAST=0`` (MkDocs does all its own work); the two
  site folders must be byte-identical, and the table says whether they are;
- ``bare``: ``mkdocs build`` of N plain pages with the same theme configuration, no Insyn;
- ``preview``: after a first build, one dialogue changes and ``pipeline.Preview`` rebuilds
  (only the rebuild is timed: how long until the edit is visible).

``--compare-with DIR`` also builds with the code in DIR (a git worktree of another commit,
``git worktree add /tmp/before <commit>``), in the same rounds: every build and the bare
build take turns, so that a busy spell of the machine hits them all.

Wall time is measured around the child process. CPU time (user and system, of the child
and every worker it started) comes from the operating system's accounting of finished
children: it shows how much work a step does, whatever the number of cores it used.
Memory is the peak of the summed proportional set size (PSS, so that pages shared by
forked workers count once) of the child and all its descendants, sampled every 200 ms.
Each step may take at most ``--timeout`` seconds. The machine's load average is printed,
because a busy machine makes every figure slower.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import TODAY, generate  # noqa: E402

from generator.engine.settings import PACKAGE_THEME, engine_settings  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "INSYN_TODAY": TODAY.isoformat(), "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Result:
    n: int
    step: str
    wall: float | None  # None: not run, failed or timed out
    peak_mb: float | None
    note: str = ""
    cpu: float | None = None  # user + system seconds of the process tree

    @property
    def rate(self) -> float | None:
        return self.n / self.wall if self.wall else None


# --- measuring a child process -----------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_pss_kb(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _pss_kb(p)
        todo += _children(p)
    return total


@dataclass
class Measured:
    wall: float | None  # None: timed out
    peak_mb: float
    cpu: float  # user + system seconds of the process and its descendants
    code: int
    tail: str  # the last lines of stderr


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(
    cmd: list[str],
    cwd: Path,
    timeout: float,
    stdout_file: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run ``cmd`` and measure it. Its CPU time is what the finished children's grew by
    (descendants count once waited for, as the build's workers are)."""
    out = open(stdout_file, "wb") if stdout_file else subprocess.DEVNULL  # noqa: SIM115
    err_path = Path(tempfile.mkstemp(prefix="insyn-bench-err-")[1])
    with open(err_path, "wb") as err:
        cpu_before = _children_cpu()
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env={**ENV, **(env or {})}, stdout=out, stderr=err,
            start_new_session=True,
        )
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_pss_kb(proc.pid))
                done.wait(0.2)  # reading smaps of a process tree costs CPU; keep it rare

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            code = proc.wait(timeout)
            wall: float | None = time.perf_counter() - start
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the session we started for this child only
            code, wall = proc.wait(), None
        cpu = _children_cpu() - cpu_before
        done.set()
        sampler.join()
    if stdout_file:
        out.close()  # type: ignore[union-attr]
    tail = err_path.read_text(errors="replace").strip().splitlines()[-3:]
    err_path.unlink()
    return Measured(wall, peak[0] / 1024, cpu, code, " | ".join(tail))


# --- projects -----------------------------------------------------------------------------


def make_project(n: int, base: Path) -> Path:
    """A copy of the demo site's settings and pages, with N generated dialogues."""
    project = base / f"insyn-{n}"
    content = project / "content"
    content.mkdir(parents=True)
    for item in (ROOT / "content").iterdir():  # about.md, privacy.md …, not the dialogues
        if item.name != "dialogues":
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, content / item.name)
    generate(n, content)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("templates", "schema"):
        if (ROOT / name).exists():
            (project / name).symlink_to(ROOT / name)
    return project


def make_bare(n: int, project: Path, base: Path) -> Path:
    """N plain Markdown pages (title, summary, body) with the same theme config, no Insyn."""
    bare = base / f"bare-{n}"
    docs = bare / "docs"
    (docs / "dialogues").mkdir(parents=True)
    config = engine_settings(ROOT / "mkdocs.yml")  # Insyn's base settings and the demo's
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = [{"Start": "index.md"}]
    config["not_in_nav"] = "/dialogues/*.md\n"
    config.get("extra", {}).pop("insyn", None)
    config["theme"]["custom_dir"] = str(PACKAGE_THEME)
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    index = ["# Dialoger", ""]
    for path in sorted((project / "content" / "dialogues").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        page = f"# {data['title']}\n\n{data['summary']}\n\n{body}"
        (docs / "dialogues" / path.name).write_text(page, encoding="utf-8")
        index.append(f"- [{data['title']}](dialogues/{path.name})")
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return bare


def touch_one(project: Path) -> Path:
    """Change one dialogue's title (as an editor would) and return its path."""
    path = sorted((project / "content" / "dialogues").rglob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[1] = lines[1] + " (ändrad)"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# --- steps --------------------------------------------------------------------------------


def step_validate(n: int, project: Path, timeout: float) -> Result:
    cmd = [str(BIN / "insyn"), "validate", "--format", "json", "content/dialogues"]
    m = run_measured(cmd, project, timeout, project / "validate.json")
    ok = m.wall is not None and m.code in (0, 1)
    note = _validate_note(project / "validate.json") if ok else f"exit {m.code}: {m.tail}"
    return Result(n, "validate", m.wall if ok else None, m.peak_mb, note, m.cpu)


def _validate_note(path: Path) -> str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    findings = data.get("findings", data) if isinstance(data, dict) else data
    if not isinstance(findings, list):
        return ""
    errors = sum(1 for f in findings if isinstance(f, dict) and f.get("severity") == "error")
    return f"{len(findings)} findings, {errors} errors"


@dataclass(frozen=True)
class Variant:
    """One way to build the site: its step name, its site folder and how it is run."""

    step: str
    folder: str
    env: dict[str, str]
    code: Path | None = None  # another commit's checkout, run with PYTHONPATH

    def command(self, project: Path) -> list[str]:
        site = ["--site-dir", str(project / self.folder)]
        if self.code is None:
            return [str(BIN / "insyn"), "build", *site]
        return [sys.executable, "-m", "generator", "build", "--config",
                str(settings_of(self.code, project)), *site]  # fmt: skip


def settings_of(code: Path, project: Path) -> Path:
    """The demo's settings as the commit in ``code`` has them, for the project's content:
    before 0.2.0 its mkdocs.yml held the engine's settings and named its theme folder."""
    text = (code / "mkdocs.yml").read_text(encoding="utf-8")
    if (code / "theme").is_dir():
        text = text.replace("custom_dir: theme", f"custom_dir: {code / 'theme'}")
    path = project / "mkdocs-before.yml"
    path.write_text(text, encoding="utf-8")
    return path


def variants(steps: set[str], compare_with: Path | None) -> list[Variant]:
    found = []
    if "build" in steps:
        found.append(Variant("build", "site", {"INSYN_FAST": "1"}))
    if "plain" in steps:
        found.append(Variant("plain", "site-plain", {"INSYN_FAST": "0"}))
    if compare_with is not None:
        found.append(Variant("before", "site-before", {"PYTHONPATH": str(compare_with)},
                             compare_with))  # fmt: skip
    return found


def step_build(n: int, project: Path, timeout: float, variant: Variant) -> Result:
    shutil.rmtree(project / variant.folder, ignore_errors=True)  # a first build
    m = run_measured(variant.command(project), project, timeout, env=variant.env)
    if m.wall is None:
        return Result(n, variant.step, None, m.peak_mb, f"timeout after {timeout:.0f} s")
    if m.code != 0:
        return Result(n, variant.step, None, m.peak_mb, f"exit {m.code}: {m.tail[:120]}")
    pages = sum(1 for _ in (project / variant.folder).rglob("index.html"))
    return Result(n, variant.step, m.wall, m.peak_mb, f"{pages} pages", m.cpu)


def differing(one: Path, two: Path) -> list[str]:
    """Files that are not byte-identical between two site folders (or in one only)."""
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in root.rglob("*") if p.is_file()}  # fmt: skip

    a, b = files(one), files(two)
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def step_bare(n: int, bare: Path, timeout: float) -> Result:
    cmd = [str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs.yml"]
    m = run_measured(cmd, bare, timeout)
    if m.wall is None:
        return Result(n, "bare mkdocs", None, m.peak_mb, f"timeout after {timeout:.0f} s")
    note = "" if m.code == 0 else f"exit {m.code}: {m.tail[:120]}"
    return Result(n, "bare mkdocs", m.wall if m.code == 0 else None, m.peak_mb, note, m.cpu)


PREVIEW_SCRIPT = """
import dataclasses, json, sys, time
from pathlib import Path
from generator.check.policies import load_policy
from generator.load.settings import load_config
from generator.pipeline import Preview
config = load_config("mkdocs.yml", required=True)
p = Preview(config, site_dir=Path("site-preview"), dialogues=config.dialogues_dir,
            policy=load_policy(config.policy), show_errors=print)
p.build_all()
changed = Path(sys.argv[1])
text = changed.read_text(encoding="utf-8").split("\\n")
text[1] += " (ändrad)"
start = time.perf_counter()
changed.write_text("\\n".join(text), encoding="utf-8")
pages = p.rebuild([changed])
total = time.perf_counter() - start
p.close()
print(json.dumps({"visible": p.visible_after, "seconds": total, "pages": pages}))
"""


def step_preview(n: int, project: Path, timeout: float) -> list[Result]:
    target = sorted((project / "content" / "dialogues").rglob("*.md"))[0]
    out = project / "preview.json"
    cmd = [sys.executable, "-c", PREVIEW_SCRIPT, str(target)]
    m = run_measured(cmd, project, timeout, out)
    if m.wall is None or m.code != 0:
        return [Result(n, "preview", None, m.peak_mb, f"exit {m.code}: {m.tail[:120]}")]
    data = json.loads(out.read_text().strip().splitlines()[-1])
    # No CPU figure: the process also made the first build, which is not what is timed.
    return [
        Result(n, "preview", data["visible"], m.peak_mb, "one dialogue edited: its page visible"),
        Result(n, "preview all", data["seconds"], m.peak_mb, f"{data['pages']} files updated"),
    ]


# --- report -------------------------------------------------------------------------------


def combine(runs: list[Result]) -> Result:
    """One step run several times: the median wall time and CPU time, the highest peak,
    every wall time in the note; a failed run is reported as it is."""
    failed = [r for r in runs if r.wall is None]
    if len(runs) == 1 or failed:
        return (failed or runs)[0]
    walls = [r.wall for r in runs if r.wall is not None]
    peaks = [r.peak_mb for r in runs if r.peak_mb is not None]
    times = ", ".join(f"{w:.2f}" for w in walls)
    note = f"median of {len(runs)} ({times})" + (f"; {runs[0].note}" if runs[0].note else "")
    cpus = [r.cpu for r in runs if r.cpu is not None]
    cpu = statistics.median(cpus) if cpus else None
    return Result(
        runs[0].n, runs[0].step, statistics.median(walls), max(peaks, default=None), note, cpu
    )


def fmt(value: float | None, spec: str) -> str:
    width = int(spec.split(".")[0] or 0)
    return "–".rjust(width) if value is None else format(value, spec)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def print_table(results: list[Result]) -> None:
    """The table; ``ratio`` is build ÷ bare in wall time (the target), ``cpu ratio`` in
    CPU time."""
    bares = {r.n: r for r in results if r.step == "bare mkdocs"}
    builds = {"build", "plain", "before"}
    print()
    print(
        f"{'N':>7}  {'step':<12} {'wall s':>8} {'CPU s':>7} {'files/s':>9} {'peak MB':>8} "
        f"{'ratio':>6} {'cpu ratio':>9}  note"
    )
    for r in results:
        bare = bares.get(r.n) if r.step in builds else None
        ratio = _ratio(r.wall, bare.wall) if bare else None
        cpu_ratio = _ratio(r.cpu, bare.cpu) if bare else None
        rate = None if r.step.startswith("preview") else r.rate
        print(
            f"{r.n:>7}  {r.step:<12} {fmt(r.wall, '8.2f')} {fmt(r.cpu, '7.2f')} "
            f"{fmt(rate, '9.0f')} {fmt(r.peak_mb, '8.0f')} {fmt(ratio, '6.2f')} "
            f"{fmt(cpu_ratio, '9.2f')}  {r.note}"
        )
    print()


STEPS = ("validate", "build", "plain", "bare", "preview")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--skip-build", action="store_true", help="validation only")
    parser.add_argument(
        "--steps",
        default=",".join(STEPS),
        help=f"comma-separated steps to run (default: {','.join(STEPS)})",
    )
    parser.add_argument("--timeout", type=float, default=600, help="seconds per step")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument(
        "--compare-with", type=Path, metavar="DIR",
        help="also build with the code in DIR (a git worktree of another commit)",
    )  # fmt: skip
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="K",
        help="run validate, build and bare K times each (build and bare alternately) and "
        "report the median",
    )  # fmt: skip
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    steps = {"validate"} if args.skip_build else {s.strip() for s in args.steps.split(",")}
    if steps - set(STEPS):
        parser.error(f"unknown step: {', '.join(sorted(steps - set(STEPS)))}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    base = Path(tempfile.mkdtemp(prefix="insyn-bench-"))
    print(
        f"Insyn benchmark, INSYN_TODAY={TODAY}, {os.cpu_count()} CPUs, "
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"temporary projects in {base}")
    results: list[Result] = []
    try:
        for n in sizes:
            t = time.perf_counter()
            project = make_project(n, base)
            print(f"N={n}: corpus written in {time.perf_counter() - t:.1f} s", flush=True)
            if "validate" in steps:
                results.append(combine([step_validate(n, project, args.timeout)
                                        for _ in range(args.repeat)]))  # fmt: skip
            runs: dict[str, list[Result]] = {}
            bare = make_bare(n, project, base) if "bare" in steps else None
            for _ in range(args.repeat):  # alternately, so that a busy spell hits all
                for variant in variants(steps, args.compare_with):
                    runs.setdefault(variant.step, []).append(
                        step_build(n, project, args.timeout, variant)
                    )
                if bare is not None:
                    runs.setdefault("bare", []).append(step_bare(n, bare, args.timeout))
                    shutil.rmtree(bare / "site", ignore_errors=True)
            results += [combine(r) for r in runs.values()]
            if "build" in runs and "plain" in runs:
                differ = differing(project / "site", project / "site-plain")
                same = "byte-identical" if not differ else f"{len(differ)} files differ"
                print(f"  build and plain: {same} {' '.join(differ[:5])}", flush=True)
                results.append(Result(n, "fast = plain", None, None, same))
            if "preview" in steps:
                results += step_preview(n, project, args.timeout)
            for r in results[-7:]:
                if r.n == n:
                    cpu = f" (CPU {r.cpu:.2f} s)" if r.cpu is not None else ""
                    print(f"  {r.step:<12} {fmt(r.wall, '.2f')} s{cpu}  {r.note}", flush=True)
            if not args.keep:
                for folder in ("site", "site-plain", "site-before", "site-preview"):
                    shutil.rmtree(project / folder, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print_table(results)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
