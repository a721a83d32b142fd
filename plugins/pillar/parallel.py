"""Sharing the build's work among forked copies of it, one per core.

Every forked process already holds the loaded directory and the templates, so only results come
back (pickled): for writing jobs, just how long each kind took; for :func:`map_in_order`, the
values. Writing jobs are handed out a few at a time to whichever process is free, so the processes
finish together however long each job takes. A file's bytes never depend on which process wrote
it, so the site is the same however many processes build it.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import BinaryIO

Job = tuple[str, Callable[[], None]]
"""(what it is — "pages", "index"… — and the function that writes its files)."""
WORTH_FORKING = 400
"""Below this many jobs, starting processes costs more than it saves."""
CHUNK = 16
"""Jobs a process takes at a time (more when there are very many jobs: see :class:`_Chunks`)."""


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class JobFailed(RuntimeError):
    """A forked process failed; its traceback is on stderr."""


def _work(share: Iterable[Job]) -> Counter:
    """Run the jobs; the seconds spent on each kind of job."""
    spent: Counter = Counter()
    for what, job in share:
        started = time.perf_counter()
        job()
        spent[what] += time.perf_counter() - started
    return spent


def _worth_forking(processes: int, count: int, worth: int) -> bool:
    return processes > 1 and count >= worth and hasattr(os, "fork")


class _Chunks:
    """The jobs in numbered slices, handed out through a pipe that is filled before the processes
    start: a free process reads the next number. A read of 4 bytes is never split between readers,
    and at most 8,192 numbers (32 KiB) fit in the pipe before anyone reads."""

    MOST = 8192

    def __init__(self, jobs: int):
        self.size = max(CHUNK, -(-jobs // self.MOST))
        self.reader, writer = os.pipe()
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(b"".join(number.to_bytes(4, "little") for number in range(-(-jobs // self.size))))

    def slices(self, count: int):
        """(start, end) of each slice this process gets, until none is left."""
        while number := os.read(self.reader, 4):
            start = int.from_bytes(number, "little") * self.size
            yield start, min(start + self.size, count)

    def take(self, jobs: Sequence[Job]):
        """The jobs of each slice this process gets, until none is left."""
        for start, end in self.slices(len(jobs)):
            yield from jobs[start:end]


def run(jobs: Sequence[Job], processes: int, meanwhile: Callable[[], None] | None = None) -> dict[str, float]:
    """Run every job, in ``processes`` processes when there are enough jobs to pay for it, and
    ``meanwhile`` (if given) in this process while the others start on the jobs.

    Returns the seconds each kind of job took, summed over the processes (CPU-like time).
    """
    if not _worth_forking(processes, len(jobs), WORTH_FORKING):
        if meanwhile is not None:
            meanwhile()
        return dict(_work(jobs))
    chunks = _Chunks(len(jobs))
    try:
        spent = _in_processes(lambda _: _work(chunks.take(jobs)), [None] * processes, meanwhile)
    finally:
        os.close(chunks.reader)
    return dict(sum(spent, Counter()))


def map_in_order(function: Callable, items: Sequence, processes: int, worth: int = WORTH_FORKING) -> list:
    """``[function(item) for item in items]``, worked out in ``processes`` forked processes when
    there are at least ``worth`` items. Slices of items go to whichever process is free; a forked
    process sends each slice's results back (pickled) as soon as it has them, and this process takes
    them in between its own slices, so little is left to take in once the last slice is done."""
    if not _worth_forking(processes, len(items), worth):
        return [function(item) for item in items]
    sys.stdout.flush()
    sys.stderr.flush()
    chunks = _Chunks(len(items))
    results: list = [None] * len(items)
    senders: list[_Sender] = []
    try:
        senders = [_Sender.start(function, items, chunks) for _ in range(processes - 1)]
        for start, end in chunks.slices(len(items)):
            results[start:end] = [function(item) for item in items[start:end]]
            for sender in senders:
                sender.receive(results, wait=False)
    finally:
        os.close(chunks.reader)
        failed = sum(not sender.finish(results) for sender in senders)
    if failed:
        raise JobFailed(f"{failed} of {processes} processes failed (see above)")
    return results


class _Sender:
    """A forked process working through slices of the items, and what has come back from it: each
    slice's results as a message — where the slice starts and how long its pickle is, then the pickle."""

    HEAD = struct.Struct("<QQ")

    def __init__(self, pid: int, reader: int):
        self.pid, self.reader, self.pending = pid, reader, bytearray()
        os.set_blocking(reader, False)

    @classmethod
    def start(cls, function: Callable, items: Sequence, chunks: _Chunks) -> _Sender:
        def send(pipe) -> None:
            for start, end in chunks.slices(len(items)):
                data = pickle.dumps([function(item) for item in items[start:end]], pickle.HIGHEST_PROTOCOL)
                pipe.write(cls.HEAD.pack(start, len(data)))
                pipe.write(data)
                pipe.flush()

        return cls(*_fork(send))

    def receive(self, results: list, wait: bool) -> bool:
        """Put the results that have arrived in their places; with ``wait``, every one until the
        process is done. False once the process has closed its end."""
        while True:
            try:
                data = os.read(self.reader, 1 << 20)
            except BlockingIOError:
                if not wait:
                    return True
                select.select([self.reader], [], [])
                continue
            if not data:
                return False
            self.pending += data
            self._unpack(results)

    def _unpack(self, results: list) -> None:
        head, taken = self.HEAD.size, 0
        while len(self.pending) - taken >= head:
            start, size = self.HEAD.unpack_from(self.pending, taken)
            if len(self.pending) - taken - head < size:
                break
            with memoryview(self.pending) as view:  # (released before the bytearray is cut below)
                part = pickle.loads(view[taken + head:taken + head + size])
            results[start:start + len(part)] = part
            taken += head + size
        del self.pending[:taken]

    def finish(self, results: list) -> bool:
        """Take in the rest and wait for the process; whether it did all it was given."""
        try:
            self.receive(results, wait=True)
        finally:
            os.close(self.reader)
            status = os.waitpid(self.pid, 0)[1]
        return os.waitstatus_to_exitcode(status) == 0 and not self.pending


def _in_processes(work: Callable, shares: list, meanwhile: Callable[[], None] | None = None) -> list:
    """``[work(share) for share in shares]``: the first share here (after ``meanwhile()``), each other
    one in a forked process that sends its result back pickled. A failure anywhere fails the whole."""
    sys.stdout.flush()
    sys.stderr.flush()
    children = [_start(work, share) for share in shares[1:]]
    results, failed = [None] * len(shares), 0
    try:
        if meanwhile is not None:
            meanwhile()
        results[0] = work(shares[0])
    finally:
        for number, (pid, reader) in enumerate(children, 1):
            with os.fdopen(reader, "rb") as pipe:
                data = pipe.read()
            if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
                failed += 1
            elif data:
                results[number] = pickle.loads(data)
    if failed:
        raise JobFailed(f"{failed} of {len(shares)} build processes failed (see above)")
    return results


def _start(work: Callable, share) -> tuple[int, int]:
    """Fork a process that runs ``work(share)``; (its pid, the pipe its result comes back on)."""
    return _fork(lambda pipe: pickle.dump(work(share), pipe, pickle.HIGHEST_PROTOCOL))


def _fork(child: Callable[[BinaryIO], None]) -> tuple[int, int]:
    """Fork a process that runs ``child`` with the writing end of a new pipe, reports on stderr if it
    fails, and leaves; (its pid, the reading end)."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    os.close(reader)
    code = 0
    try:
        with os.fdopen(writer, "wb") as pipe:
            child(pipe)
    except BaseException:  # report it, then leave without running the parent's cleanup
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
