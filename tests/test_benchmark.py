"""The benchmark's repeated runs: median wall time, highest peak, failures reported."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import Result, combine  # noqa: E402


def test_repeated_runs_give_the_median_and_the_highest_peak() -> None:
    times = [(9.0, 150), (7.0, 170), (8.0, 160)]
    runs = [Result(1000, "build", wall, peak, "1077 pages") for wall, peak in times]
    combined = combine(runs)
    assert (combined.wall, combined.peak_mb) == (8.0, 170)
    assert combined.note == "median of 3 (9.00, 7.00, 8.00); 1077 pages"


def test_a_failed_run_is_reported_not_hidden() -> None:
    runs = [Result(10, "build", 1.0, 50), Result(10, "build", None, 60, "exit 1: fel")]
    assert combine(runs).note == "exit 1: fel" and combine(runs).wall is None


def test_one_run_is_kept_as_it_is() -> None:
    run = Result(10, "validate", 0.5, None, "9 findings")
    assert combine([run]) is run
