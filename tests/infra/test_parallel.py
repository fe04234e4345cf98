"""The one parallel helper: the same results, in the same order, as a plain loop, with or
without workers; an error is raised as the loop would raise it."""

from __future__ import annotations

import os

import pytest

from generator.infra import parallel
from generator.infra.parallel import fan_out


@pytest.fixture
def two_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV, "2")


def test_results_come_back_in_the_items_order(two_jobs) -> None:
    items = list(range(50))
    assert fan_out(lambda i: i * i, items, at_least=1) == [i * i for i in items]


def test_a_worker_does_a_share(two_jobs) -> None:
    pids = fan_out(lambda _: os.getpid(), list(range(8)), at_least=1)
    assert len(set(pids)) == 2 and os.getpid() in pids


def test_one_process_below_the_threshold_or_with_one_job(monkeypatch) -> None:
    monkeypatch.setenv(parallel.ENV, "2")
    assert set(fan_out(lambda _: os.getpid(), list(range(8)), at_least=9)) == {os.getpid()}
    monkeypatch.setenv(parallel.ENV, "1")
    assert set(fan_out(lambda _: os.getpid(), list(range(8)), at_least=1)) == {os.getpid()}


def test_weights_balance_the_shares(two_jobs) -> None:
    """The heaviest item alone in one share, the light ones in the other."""
    items = [100, 1, 1, 1, 1, 1]
    pids = fan_out(lambda _: os.getpid(), items, at_least=1, weight=float)
    assert len(set(pids[1:])) == 1 and pids[0] != pids[1]


def test_an_error_in_a_workers_share_is_raised_here(two_jobs) -> None:
    def work(i: int) -> int:
        if i == 5:
            raise ValueError("fem")
        return i

    with pytest.raises(ValueError, match="fem"):  # as the plain loop raises it
        fan_out(work, list(range(10)), at_least=1)


def test_a_share_whose_worker_dies_is_done_here(two_jobs) -> None:
    parent = os.getpid()

    def work(i: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # the worker dies without a result
        return i + 1

    assert fan_out(work, list(range(10)), at_least=1) == list(range(1, 11))


def test_jobs_reads_the_setting(monkeypatch) -> None:
    monkeypatch.setenv(parallel.ENV, "3")
    assert parallel.jobs() == 3
    monkeypatch.setenv(parallel.ENV, "nej")
    assert parallel.jobs() >= 1
