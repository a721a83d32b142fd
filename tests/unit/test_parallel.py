"""Sharing work among forked processes: every job runs once, results come back in order, and a job
that fails, or a process that dies, stops the work with a message saying so.

Real processes and real failures throughout. Nothing here depends on how fast the machine is: where
a test needs a worker to have done something, the process sharing the work out waits (at most a
minute) until a worker has written a file."""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from pathlib import Path

import pytest

from pillar import parallel

MINUTE = 60


def wait_for(path: Path) -> None:
    """Until ``path`` exists (or a minute has passed: the test's own assertion then fails)."""
    deadline = time.monotonic() + MINUTE
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_every_job_runs_once_in_some_process(tmp_path):
    parent, started = os.getpid(), tmp_path / "a worker started"

    def job(number):
        if os.getpid() != parent:
            started.touch()
        else:  # this process leaves the workers time to start, however busy the machine is
            wait_for(started)
        (tmp_path / f"{number}.txt").write_text(str(os.getpid()))

    jobs = [("test", lambda n=n: job(n)) for n in range(parallel.WORTH_FORKING + 10)]
    spent = parallel.run(jobs, 2)
    written = sorted(int(p.stem) for p in tmp_path.glob("*.txt"))
    assert written == list(range(len(jobs)))
    assert len({p.read_text() for p in tmp_path.glob("*.txt")}) == 2  # two processes shared them
    assert set(spent) == {"test"}


def test_jobs_are_never_pickled(tmp_path):
    lock = threading.Lock()  # a lock cannot be pickled: the workers inherit the jobs

    def job(number):
        with lock:
            (tmp_path / f"{number}.txt").write_text("")

    parallel.run([("test", lambda n=n: job(n)) for n in range(parallel.WORTH_FORKING)], 3)
    assert len(list(tmp_path.glob("*.txt"))) == parallel.WORTH_FORKING


def test_too_few_jobs_are_done_here_in_order():
    done = []
    parallel.run([("test", lambda n=n: done.append((os.getpid(), n))) for n in range(10)], 4)
    assert done == [(os.getpid(), n) for n in range(10)]


def test_map_in_order_returns_results_in_the_items_order():
    items = list(range(2500))
    assert parallel.map_in_order(lambda n: n * n, items, 3, worth=10) == [n * n for n in items]


def test_map_in_order_takes_results_that_do_not_fit_in_a_pipe_while_it_works(tmp_path):
    parent, started = os.getpid(), tmp_path / "a worker started"

    def big(n):
        if os.getpid() != parent:
            started.touch()
        else:
            wait_for(started)
        return (os.getpid(), str(n) * 3000)  # a slice's results are far more than a pipe holds

    found = parallel.map_in_order(big, list(range(1200)), 2, worth=10)
    assert [text for _, text in found] == [str(n) * 3000 for n in range(1200)]
    assert len({pid for pid, _ in found}) == 2  # both processes did some


def test_the_same_results_with_any_number_of_processes():
    items = [f"item {n}" for n in range(3000)]
    results = [parallel.map_in_order(str.upper, items, processes, worth=10) for processes in (1, 2, 3, 5)]
    assert all(result == results[0] for result in results)


def test_a_failing_item_in_a_worker_fails_map_in_order_naming_it(tmp_path):
    parent, failed = os.getpid(), tmp_path / "a worker failed"

    def item(n):
        if os.getpid() != parent:
            failed.touch()
            raise ValueError(f"unreadable file {n}")
        wait_for(failed)  # this process goes on only once a worker has failed
        return n

    with pytest.raises(parallel.JobFailed) as raised:
        parallel.map_in_order(item, list(range(2000)), 2, worth=10)
    number = raised.value.number
    assert str(raised.value) == f"working out item {number} failed: ValueError: unreadable file {number}"
    # The worker's traceback comes with it, naming the line that raised.
    told = "".join(traceback.format_exception(raised.value))
    assert 'raise ValueError(f"unreadable file {n}")' in told


def test_a_failing_job_here_fails_the_run_with_its_own_exception():
    def boom():
        raise ValueError("broken template")

    jobs = [("pages", (lambda: None)) for _ in range(parallel.WORTH_FORKING)] + [("pages", boom)]
    for processes in (1, 2):
        with pytest.raises(parallel.JobFailed) as raised:
            parallel.run(jobs, processes)
        assert str(raised.value) == "a job writing pages failed: ValueError: broken template"
        assert raised.value.number == len(jobs) - 1


def test_a_failing_job_in_a_worker_fails_the_run_and_nothing_more_is_started(tmp_path):
    parent, failed = os.getpid(), tmp_path / "a worker failed"

    def job(number):
        if os.getpid() != parent:
            failed.touch()
            raise OSError(f"disk full writing page {number}")
        wait_for(failed)
        (tmp_path / f"{number}.txt").touch()

    jobs = [("pages", lambda n=n: job(n)) for n in range(20 * parallel.WORTH_FORKING)]
    with pytest.raises(parallel.JobFailed) as raised:
        parallel.run(jobs, 2)
    assert str(raised.value) == f"a job writing pages failed: OSError: disk full writing page {raised.value.number}"
    assert "raise OSError" in "".join(traceback.format_exception(raised.value))
    assert len(list(tmp_path.glob("*.txt"))) < len(jobs) / 2  # the work stopped: this process did not go on


def test_a_worker_killed_by_a_signal_is_reported_in_words(tmp_path):
    parent, killed = os.getpid(), tmp_path / "a worker was killed"

    def job():
        if os.getpid() != parent:
            killed.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        wait_for(killed)

    with pytest.raises(parallel.JobFailed) as raised:
        parallel.run([("pages", job) for _ in range(parallel.WORTH_FORKING)], 2)
    assert str(raised.value) == ("a build process failed: it stopped before it finished its work (killed by a "
                                 "signal, or out of memory?)")


def test_a_free_process_takes_the_next_jobs_so_a_slow_job_holds_nothing_up(tmp_path):
    total = parallel.WORTH_FORKING

    def job(number):
        # The slow job holds its process until every job outside its own slice is done, however
        # busy the machine is: only the other process can do them (a deadline keeps a wrong
        # split from hanging; the count below then fails).
        deadline = time.monotonic() + MINUTE
        while number == 0 and len(list(tmp_path.glob("*.txt"))) < total - parallel.CHUNK \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        (tmp_path / f"{number}.txt").write_text(str(os.getpid()))

    parallel.run([("test", lambda n=n: job(n)) for n in range(total)], 2)
    slow = (tmp_path / "0.txt").read_text()
    ran_by_slow = sum(1 for p in tmp_path.glob("*.txt") if p.read_text() == slow)
    assert ran_by_slow <= parallel.CHUNK  # the other process took everything after the slow job's slice


def test_meanwhile_runs_here_while_the_workers_start(tmp_path):
    def job(number):
        (tmp_path / f"{number}.txt").write_text(str(os.getpid()))

    def meanwhile():
        wait_for(tmp_path / "0.txt")  # a worker writes while this process is busy with something else
        (tmp_path / "meanwhile").write_text(f"{os.getpid()} {len(list(tmp_path.glob('*.txt')))}")

    jobs = [("test", lambda n=n: job(n)) for n in range(parallel.WORTH_FORKING)]
    parallel.run(jobs, 2, meanwhile)
    pid, written_by_then = (tmp_path / "meanwhile").read_text().split()
    assert int(pid) == os.getpid()
    assert int(written_by_then) > 0  # the other process was writing already
    assert len(list(tmp_path.glob("*.txt"))) == len(jobs)


@pytest.mark.parametrize("count", [parallel.WORTH_FORKING, 8192 * parallel.CHUNK + 5, 300_001])
def test_the_slices_handed_out_cover_every_job_once(count):
    done = parallel.map_in_order(lambda n: n, range(count), 2, worth=10)
    assert done == list(range(count))
