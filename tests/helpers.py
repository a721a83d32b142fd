"""Helpers shared by the tests: the repository, the real ``pillar`` command, and small sites."""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import sys
import tempfile
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


PRELOADED = ("pelican", "pillar.cli.main", "pillar.site.generator", "pillar.cli.validate", "pillar.cli.geocode",
             "pillar.cli.import_listings", "pillar.cli.scaffold", "pillar.cli.report", "timezonefinder")
"""What every ``pillar`` process of the tests has imported before it starts (see :func:`run_pillar`)."""
TIMEOUT = 300
"""Seconds a run of ``pillar`` may take before it is stopped."""


def run_pillar(*args, cwd: Path = REPO) -> Run:
    """Run the ``pillar`` command as a volunteer would, in a new process of its own, in ``cwd``, with
    this process's environment: its exit code and what it printed.

    The process is forked from a server (``multiprocessing``'s forkserver) that imported Pelican and
    Pillar once, for every run of this test process: importing them is about 0.6 s of CPU, which
    the suite's 200 runs of ``pillar`` paid again and again as ``python -m pillar.cli``. Each run
    still has a process of its own, forked before any command ran, so nothing one run leaves
    behind is seen by another. What only a real ``python -m pillar.cli`` shows (what it imports,
    being interrupted, answering a terminal) is tested with one (test_incremental, test_new_and_report,
    test_geocode_cli)."""
    processes = _pillar_processes()
    run = processes.submit(_pillar_here, [str(arg) for arg in args], str(cwd), dict(os.environ), TIMEOUT)
    try:
        return run.result()
    except BrokenProcessPool as broken:  # the process died, or was stopped for taking too long
        _pillar_processes.cache_clear()  # the next run gets a new pool (from the same server)
        processes.shutdown(wait=False)
        raise RuntimeError(f"pillar {' '.join(map(str, args))} was stopped after {TIMEOUT} s, or its process "
                           "died") from broken


@cache
def _pillar_processes() -> ProcessPoolExecutor:
    """This test process's server of ``pillar`` processes: one at a time, each used once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["helpers", *PRELOADED])
    return ProcessPoolExecutor(max_workers=1, mp_context=context, max_tasks_per_child=1)


def _pillar_here(args: list[str], cwd: str, environ: dict[str, str], timeout: float) -> Run:
    """In the new process: ``pillar *args`` as ``python -m pillar.cli`` runs it, with its output
    going to files of its own (so does the output of any program it starts), read back at the end."""
    from pillar.cli.main import main

    faulthandler.dump_traceback_later(timeout, exit=True)  # a run that hangs fails its test, not the suite
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(environ, PYTHONUNBUFFERED="1")
    files = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]
    for number, file in zip((1, 2), files):
        os.dup2(file.fileno(), number)
    sys.stdout, sys.stderr = (open(number, "w", encoding="utf-8", errors="backslashreplace", closefd=False,
                                   buffering=1) for number in (1, 2))
    try:
        code = main(args)
    except SystemExit as leaving:  # as Python does: None is 0, a number is the code, anything else is said
        code = leaving.code
        if not (code is None or isinstance(code, int)):
            print(code, file=sys.stderr)
            code = 1
    except BaseException:  # noqa: BLE001 — as Python does with an exception nothing caught
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    said = []
    for file in files:
        file.seek(0)
        said.append(file.read().decode("utf-8", errors="replace"))
    return Run(code or 0, *said)


def make_site(root: Path, listings: dict[str, str], settings: str = "") -> Path:
    """A minimal site folder: pelicanconf.py using the repo's theme and plugin, and listing files.

    ``listings`` maps paths under ``directory/`` (e.g. ``meetings/a.yaml``) to YAML text.
    """
    (root / "content").mkdir(parents=True, exist_ok=True)
    for name, text in listings.items():
        path = root / "directory" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "directory").mkdir(exist_ok=True)
    base = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    conf = base.replace('THEME = "theme"', f'THEME = {str(REPO / "theme")!r}').replace(
        'PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = [{str(REPO / "plugins")!r}]')
    (root / "pelicanconf.py").write_text(conf + "\n" + settings, encoding="utf-8")
    return root


def damaged(whole: bytes, damage: bytes, where: str) -> bytes:
    """A kept file's bytes damaged by ``damage``: written over its ``start`` or ``middle``, or, at its
    ``end``, the file cut to as many bytes as the damage has and the damage added (no damage: emptied)."""
    half = len(whole) // 2
    return {"end": whole[:len(damage)] + damage if damage else b"",
            "start": damage + whole[len(damage):],
            "middle": whole[:half] + damage + whole[half + len(damage):]}[where]


@contextlib.contextmanager
def temporary_folder(folder: Path):
    """The system's temporary folder moved to ``folder`` inside the block (for a Hypothesis example, which
    a test's fixtures do not set again), and put back after."""
    old, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = old
