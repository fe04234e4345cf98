"""The benchmark's measuring and its repeated runs: median wall and CPU time, highest peak,
failures reported, CPU time of a process tree."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import Result, combine, print_table, run_measured  # noqa: E402


def test_repeated_runs_give_the_median_and_the_highest_peak() -> None:
    times = [(9.0, 150), (7.0, 170), (8.0, 160)]
    runs = [Result(1000, "build", wall, peak, "1077 pages", wall * 2) for wall, peak in times]
    combined = combine(runs)
    assert (combined.wall, combined.peak_mb, combined.cpu) == (8.0, 170, 16.0)
    assert combined.note == "median of 3 (9.00, 7.00, 8.00); 1077 pages"


def test_a_failed_run_is_reported_not_hidden() -> None:
    runs = [Result(10, "build", 1.0, 50), Result(10, "build", None, 60, "exit 1: fel")]
    assert combine(runs).note == "exit 1: fel" and combine(runs).wall is None


def test_one_run_is_kept_as_it_is() -> None:
    run = Result(10, "validate", 0.5, None, "9 findings")
    assert combine([run]) is run


# A grandchild burns this much CPU time (not wall time) before it exits.
BURN = """
import os, time
pid = os.fork()
if pid == 0:
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_cpu_time_counts_the_workers_of_the_process(tmp_path: Path) -> None:
    measured = run_measured([sys.executable, "-c", BURN], tmp_path, timeout=60)
    assert measured.code == 0 and measured.wall is not None
    assert measured.cpu >= 0.3


def test_the_table_gives_both_ratios(capsys) -> None:
    print_table([
        Result(1000, "build", 6.0, 160, "1077 pages", 12.0),
        Result(1000, "bare mkdocs", 5.0, 40, "", 4.0),
    ])  # fmt: skip
    build = next(line for line in capsys.readouterr().out.splitlines() if " build " in line)
    assert build.split()[2:4] == ["6.00", "12.00"]  # wall, CPU
    assert build.split()[6:8] == ["1.20", "3.00"]  # ratio, cpu ratio
