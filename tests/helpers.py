"""Helpers shared by the tests: the repository, the real ``pillar`` command, and small sites."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_pillar(*args, cwd: Path = REPO) -> Run:
    """Run the installed ``pillar`` command the way a volunteer would."""
    done = subprocess.run([sys.executable, "-m", "pillar.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
    return Run(done.returncode, done.stdout, done.stderr)


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
