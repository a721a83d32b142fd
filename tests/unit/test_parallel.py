"""Sharing work among forked processes: every job runs once, results come back in order, failures
stop the build."""

from __future__ import annotations

import os
import time

import pytest

from pillar import parallel


def test_every_job_runs_once_in_some_process(tmp_path):
    def job(number):
        time.sleep(0.001)  # long enough that neither process can take every job before the other starts
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


def test_map_in_order_takes_results_that_do_not_fit_in_a_pipe_while_it_works():
    def big(n):
        time.sleep(0.0002)
        return (os.getpid(), str(n) * 3000)  # a slice's results are far more than a pipe holds

    found = parallel.map_in_order(big, list(range(1200)), 2, worth=10)
    assert [text for _, text in found] == [str(n) * 3000 for n in range(1200)]
    assert len({pid for pid, _ in found}) == 2  # both processes did some


def test_a_failing_item_in_a_child_fails_map_in_order(capfd):
    parent = os.getpid()

    def item(n):
        if os.getpid() != parent and n % 7 == 0:
            raise ValueError("unreadable file")
        time.sleep(0.0002)
        return n

    with pytest.raises(parallel.JobFailed):
        parallel.map_in_order(item, list(range(2000)), 2, worth=10)
    assert "unreadable file" in capfd.readouterr().err


def test_a_failing_job_in_a_child_fails_the_run(capfd):
    def boom():
        raise ValueError("broken template")

    jobs = [("test", (lambda: None)) for _ in range(parallel.WORTH_FORKING)] + [("test", boom)]
    with pytest.raises((parallel.JobFailed, ValueError)):
        parallel.run(jobs, 2)


def test_a_free_process_takes_the_next_jobs_so_a_slow_job_holds_nothing_up(tmp_path):
    total = parallel.WORTH_FORKING

    def job(number):
        # The slow job holds its process until every job outside its own slice is done, however
        # busy the machine is: only the other process can do them (a deadline keeps a wrong
        # split from hanging; the count below then fails).
        deadline = time.monotonic() + 60
        while number == 0 and len(list(tmp_path.glob("*.txt"))) < total - parallel.CHUNK \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        (tmp_path / f"{number}.txt").write_text(str(os.getpid()))

    parallel.run([("test", lambda n=n: job(n)) for n in range(total)], 2)
    slow = (tmp_path / "0.txt").read_text()
    ran_by_slow = sum(1 for p in tmp_path.glob("*.txt") if p.read_text() == slow)
    assert ran_by_slow <= parallel.CHUNK  # the other process took everything after the slow job's slice


def test_meanwhile_runs_here_while_the_others_start(tmp_path):
    def job(number):
        time.sleep(0.001)
        (tmp_path / f"{number}.txt").write_text(str(os.getpid()))

    def meanwhile():
        time.sleep(0.3)
        (tmp_path / "meanwhile").write_text(f"{os.getpid()} {len(list(tmp_path.glob('*.txt')))}")

    jobs = [("test", lambda n=n: job(n)) for n in range(parallel.WORTH_FORKING)]
    parallel.run(jobs, 2, meanwhile)
    pid, written_by_then = (tmp_path / "meanwhile").read_text().split()
    assert int(pid) == os.getpid()
    assert int(written_by_then) > 0  # the other process was writing already
    assert len(list(tmp_path.glob("*.txt"))) == len(jobs)


@pytest.mark.parametrize("count", [1, parallel.CHUNK, parallel.CHUNK + 1, 8192 * parallel.CHUNK + 5, 300_001])
def test_the_slices_handed_out_cover_every_job_once(count):
    jobs = list(range(count))
    chunks = parallel._Chunks(count)  # filling the pipe must not wait for a reader, however many jobs
    try:
        assert list(chunks.take(jobs)) == jobs
    finally:
        os.close(chunks.reader)
