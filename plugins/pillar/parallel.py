"""Sharing the build's work among processes, one per core, through :mod:`concurrent.futures`.

The work is closures over the loaded directory and the templates, far too much to pickle. So the
workers of a :class:`~concurrent.futures.ProcessPoolExecutor` are forked (multiprocessing's "fork"
start method) and are handed the work as the pool's initializer's argument, which a forked process
inherits rather than receives pickled. The work is cut in slices of a few jobs; each process — the
workers and this one, once ``meanwhile`` is done — takes the next slice whenever it is free, from a
number they share, so they all finish together however long each job takes. Only small things are
pickled: a worker's tasks, and what comes back: for :func:`run`, how long each kind of job took;
for :func:`map_in_order`, each slice's values, as soon as the slice is done.

Where processes cannot be forked (Windows), or there are too few jobs to pay for starting
processes, the work is done here, in order. A file's bytes never depend on which process wrote it,
so the site is the same however many processes build it.

A job that raises stops the work (no process starts another slice): :class:`JobFailed` names it,
with the job's own exception as its cause (for one raised in a worker, with its traceback as text).
A worker that dies (killed by a signal, out of memory) is a :class:`JobFailed` too, saying so.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

Job = tuple[str, Callable[[], None]]
"""(what it is — "pages", "index"… — and the function that writes its files)."""
WORTH_FORKING = 400
"""Below this many jobs, starting processes costs more than it saves."""
CHUNK = 16
"""Jobs in a slice, at least (more when there are very many: see :class:`_Share`)."""
STREAMED_CHUNK = 64
"""Items in a slice of :func:`map_in_order`, at least: each is a task of the pool, handed to a worker
by the pool's thread, which waits for this process to let go of the interpreter, so a worker given
too small a slice waits for the next (loading 10,000 files on two busy cores, medians of six runs:
1.27 s in slices of 16, 1.20 s in slices of 64)."""
SLICES_EACH = 256
"""Slices per process, at most: each slice handed out costs a little."""


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be forked here (they cannot on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


class JobFailed(RuntimeError):
    """A job raised, or a worker process died: "``doing`` failed: ``reason``". ``number`` is the job's
    (or item's) place in the sequence given, when known; the cause is the job's own exception."""

    def __init__(self, doing: str, reason: str, number: int | None = None):
        super().__init__(doing, reason, number)  # all three, so that it comes back whole from a worker
        self.doing, self.reason, self.number = doing, reason, number

    def __str__(self) -> str:
        return f"{self.doing} failed: {self.reason}"


def run(jobs: Sequence[Job], processes: int, meanwhile: Callable[[], None] | None = None) -> dict[str, float]:
    """Run every job, in ``processes`` processes when there are enough jobs to pay for it, and
    ``meanwhile`` (if given) in this process while the workers start on the jobs.

    Returns the seconds each kind of job took, summed over the processes (CPU-like time)."""
    work = partial(_run_slice, jobs)
    if not _worth_sharing(processes, len(jobs), WORTH_FORKING):
        if meanwhile is not None:
            meanwhile()
        return dict(work(0, len(jobs)))
    return dict(sum(_shared(work, len(jobs), processes, meanwhile), Counter()))


def map_in_order(function: Callable, items: Sequence, processes: int, worth: int = WORTH_FORKING) -> list:
    """``[function(item) for item in items]``, worked out in ``processes`` processes when there are
    at least ``worth`` items; each worker's values come back (pickled) slice by slice."""
    work = partial(_map_slice, function, items)
    if not _worth_sharing(processes, len(items), worth):
        return work(0, len(items))
    return [value for part in _shared(work, len(items), processes, streamed=True) for value in part]


def _run_slice(jobs: Sequence[Job], start: int, end: int) -> Counter:
    """Run jobs ``start`` to ``end``; the seconds spent on each kind of job."""
    spent: Counter = Counter()
    for number in range(start, end):
        what, job = jobs[number]
        started = time.perf_counter()
        try:
            job()
        except Exception as error:
            raise JobFailed(f"a job writing {what}", f"{type(error).__name__}: {error}", number) from error
        spent[what] += time.perf_counter() - started
    return spent


def _map_slice(function: Callable, items: Sequence, start: int, end: int) -> list:
    values = []
    for number in range(start, end):
        try:
            values.append(function(items[number]))
        except Exception as error:
            raise JobFailed(f"working out item {number}", f"{type(error).__name__}: {error}", number) from error
    return values


def _worth_sharing(processes: int, count: int, worth: int) -> bool:
    return processes > 1 and count >= worth and can_fork()


class _Share:
    """The work cut in slices, and which slice is next: a number in shared memory that each process
    (the workers, forked with it, and this one) takes the next slice from when it is free."""

    def __init__(self, work: Callable[[int, int], object], count: int, processes: int, least: int = CHUNK):
        size = max(least, -(-count // (processes * SLICES_EACH)))
        self.work = work
        self.slices = [(start, min(start + size, count)) for start in range(0, count, size)]
        self.next = multiprocessing.get_context("fork").Value("q", 0)

    def take(self, most: int | None = None) -> list[tuple[int, object]]:
        """Do the next slices until none is left (or ``most`` are done); (number, result) of each."""
        done = []
        while most is None or len(done) < most:
            with self.next.get_lock():
                number = self.next.value
                self.next.value = number + 1
            if number >= len(self.slices):
                break
            try:
                done.append((number, self.work(*self.slices[number])))
            except BaseException:
                self.next.value = len(self.slices)  # nobody starts another: the work has failed
                raise
        return done


def _shared(work: Callable[[int, int], object], count: int, processes: int,
            meanwhile: Callable[[], None] | None = None, streamed: bool = False) -> list:
    """``[work(start, end) for each slice]``, in forked workers and (after ``meanwhile()``) here, each
    taking the next slice when it is free. With ``streamed``, each slice a worker does comes back as
    soon as it is done (else a worker's results come back when nothing is left)."""
    sys.stdout.flush()  # (what is buffered would be written again by each worker)
    sys.stderr.flush()
    share = _Share(work, count, processes, STREAMED_CHUNK if streamed else CHUNK)
    workers = processes - 1
    results: list = [None] * len(share.slices)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_adopt, initargs=(share,))
    try:
        # Each task takes the next slice when a worker starts it: one task per slice when the slices'
        # values should come back one by one, else one task per worker, doing slices until none is left.
        most, tasks = (1, len(share.slices)) if streamed else (None, workers)
        futures = [pool.submit(_work_here, most) for _ in range(tasks)]  # the workers fork now
        if meanwhile is not None:
            meanwhile()
        done = share.take()
        for future in futures:
            done += future.result()
    except BrokenProcessPool as error:
        raise JobFailed("a build process", "it stopped before it finished its work (killed by a signal, "
                        "or out of memory?)") from error
    except BaseException:
        share.next.value = len(share.slices)  # the workers start no other slice
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for number, result in done:
        results[number] = result
    return results


def _adopt(share: _Share) -> None:
    """The pool's initializer, run in each worker as it starts: keep the work it was forked with."""
    FORKED_WITH[:] = [share]


def _work_here(most: int | None) -> list[tuple[int, object]]:
    """What a worker is asked to do: the next slices of the work it was forked with."""
    return FORKED_WITH[0].take(most)


FORKED_WITH: list[_Share] = []
"""Only in a worker process: the work it was forked with (set by :func:`_adopt`, as it starts). Empty
in the process that shares the work out; the one module-level state, as a worker needs a way to
reach what it inherited."""
