"""Running the build's writing jobs on every core.

Each job writes its own files and returns nothing, so the jobs can be shared among forked copies of
the build: every process already holds the loaded directory and the templates, and nothing is sent
back. A file's bytes never depend on which process wrote it, so the site is the same however many
processes build it.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence

Job = tuple[str, Callable[[], None]]
"""(what it is — "pages", "index"… — and the function that writes its files)."""
WORTH_FORKING = 400
"""Below this many jobs, starting processes costs more than it saves."""


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class JobFailed(RuntimeError):
    """A forked process failed; its traceback is on stderr."""


def _work(share: Sequence[Job]) -> Counter:
    """Run the jobs; the seconds spent on each kind of job."""
    spent: Counter = Counter()
    for what, job in share:
        started = time.perf_counter()
        job()
        spent[what] += time.perf_counter() - started
    return spent


def run(jobs: Sequence[Job], processes: int) -> dict[str, float]:
    """Run every job, in ``processes`` processes when there are enough jobs to pay for it.

    Returns the seconds each kind of job took, summed over the processes (CPU-like time).
    """
    if processes <= 1 or len(jobs) < WORTH_FORKING or not hasattr(os, "fork"):
        return dict(_work(jobs))
    shares = [jobs[start::processes] for start in range(processes)]
    sys.stdout.flush()
    sys.stderr.flush()
    children = [_fork(share) for share in shares[1:]]
    spent = Counter()
    try:
        spent += _work(shares[0])
    finally:
        failed = 0
        for pid, reader in children:
            with os.fdopen(reader) as pipe:
                report = pipe.read()
            failed += os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0
            spent += Counter(json.loads(report or "{}"))
    if failed:
        raise JobFailed(f"{failed} of {processes} build processes failed (see above)")
    return dict(spent)


def _fork(share: Sequence[Job]) -> tuple[int, int]:
    """Start a process for ``share``; (its pid, a pipe it reports its times on)."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    os.close(reader)
    code = 0
    try:
        spent = _work(share)
        os.write(writer, json.dumps(spent).encode())
    except BaseException:  # report it, then leave without running the parent's cleanup
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def map_in_order(function: Callable, items: Sequence, processes: int, worth: int = WORTH_FORKING) -> list:
    """``[function(item) for item in items]``, worked out in ``processes`` forked processes when
    there are at least ``worth`` items. Results come back pickled, in the items' order."""
    if processes <= 1 or len(items) < worth or not hasattr(os, "fork"):
        return [function(item) for item in items]
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for start in range(1, processes):
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            code = 0
            try:
                with os.fdopen(writer, "wb") as pipe:
                    pickle.dump([function(item) for item in items[start::processes]], pipe, pickle.HIGHEST_PROTOCOL)
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stderr.flush()
                os._exit(code)
        os.close(writer)
        children.append((start, pid, reader))
    results = [None] * len(items)
    results[0::processes] = [function(item) for item in items[0::processes]]
    failed = 0
    for start, pid, reader in children:
        with os.fdopen(reader, "rb") as pipe:
            data = pipe.read()
        failed += os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0
        if data and not failed:
            results[start::processes] = pickle.loads(data)
    if failed:
        raise JobFailed(f"{failed} of {processes} processes failed (see above)")
    return results
