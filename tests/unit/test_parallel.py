"""Sharing work among forked processes: every job runs once, results come back in order, failures
stop the build."""

from __future__ import annotations

import os

import pytest

from pillar import parallel


def test_every_job_runs_once_in_some_process(tmp_path):
    def job(number):
        (tmp_path / f"{number}.txt").write_text(str(os.getpid()))

    jobs = [("test", lambda n=n: job(n)) for n in range(parallel.WORTH_FORKING + 10)]
    spent = parallel.run(jobs, 2)
    written = sorted(int(p.stem) for p in tmp_path.glob("*.txt"))
    assert written == list(range(len(jobs)))
    assert len({p.read_text() for p in tmp_path.glob("*.txt")}) == 2  # two processes shared them
    assert set(spent) == {"test"}


def test_map_in_order_returns_results_in_the_items_order():
    items = list(range(2500))
    assert parallel.map_in_order(lambda n: n * n, items, 3, worth=10) == [n * n for n in items]


def test_a_failing_job_in_a_child_fails_the_run(capfd):
    def boom():
        raise ValueError("broken template")

    jobs = [("test", (lambda: None)) for _ in range(parallel.WORTH_FORKING)] + [("test", boom)]
    with pytest.raises((parallel.JobFailed, ValueError)):
        parallel.run(jobs, 2)
