"""Fixtures shared by every test: the repository, a runner for the real ``pillar`` command,
and the sample site built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample directory, built by ``pillar build`` into a temporary folder."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result = run_pillar("build", "-o", output)
    assert result.code == 0, result.err
    return output


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
