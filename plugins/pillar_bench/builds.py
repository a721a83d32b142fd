"""Timing builds for the benchmark: Pillar's (full, nothing changed, one listing changed) and bare
Pelican's over the same number of one-line pages, each in its own process so memory is its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BASELINE_SETTINGS = 'PATH = "content"\nDISPLAY_PAGES_ON_MENU = False\nSITEURL = ""\nTIMEZONE = "UTC"\n'


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    stderr: str

    @property
    def timings(self) -> dict:
        """The phases ``pillar build --timings`` reported."""
        for line in self.stderr.splitlines():
            if line.startswith("pillar timings: "):
                return json.loads(line.removeprefix("pillar timings: "))
        return {}


class BuildFailed(RuntimeError):
    pass


def timed(command: list[str], cwd: Path) -> Run:
    """Run a command: its wall time, CPU time and peak memory (its own and its waited-for children's).

    Files written earlier are flushed to disk first, so no run pays for the one before it."""
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        raise BuildFailed(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr)


def pillar_build(site: Path, output: Path, *extra: str) -> Run:
    return timed([sys.executable, "-m", "pillar.cli", "build", "-s", str(site / "pelicanconf.py"),
                  "-o", str(output), "--timings", *extra], site)


def write_baseline(root: Path, pages: int) -> None:
    """``pages`` one-line Markdown pages and a settings file, for a plain Pelican build."""
    folder = root / "content" / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(pages):
        (folder / f"page-{number}.md").write_text(f"Title: Page {number}\n\nThis is page {number}.\n",
                                                  encoding="utf-8")
    (root / "pelicanconf.py").write_text(BASELINE_SETTINGS, encoding="utf-8")


def pelican_build(root: Path, output: str = "output") -> Run:
    return timed([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", output, "-q"], root)


def folder_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under a folder."""
    files = total = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            files += 1
            total += os.path.getsize(os.path.join(dirpath, name))
    return files, total
