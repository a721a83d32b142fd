"""Rebuilding only what changed.

``pillar build`` remembers, beside the output folder, a *fingerprint* of everything a build reads
(settings, listing and content files, theme, Pillar's own code) and a *key* for each file-writing
job (a digest of everything that job's files depend on). Next time:

- if the fingerprint is the same, nothing is built at all;
- otherwise every job whose key is unchanged links its files from the last output into the new one
  instead of writing them again, so a changed listing rewrites only its own pages, calendars and data
  shard, the pages and feeds that list it, and the few site-wide pages.

The new site is still put together in a staging folder and swapped in whole, so a failed build
changes nothing. Files are compared by size and modification time, as ``make`` does; ``--full``
ignores the last build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

STATE_VERSION = 1


def digest(*parts) -> str:
    """A short, stable digest of values (reprs of frozen dataclasses, strings, numbers)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _tree(root: Path) -> list[tuple[str, int, int]]:
    """(path, size, modification time) of every file under ``root``, in a stable order."""
    found = []
    for dirpath, dirnames, names in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", ".git"))
        folder = os.path.relpath(dirpath, root)  # once per folder: relpath is slow
        for name in sorted(names):
            info = os.stat(os.path.join(dirpath, name))
            found.append((os.path.normpath(os.path.join(folder, name)), info.st_size, info.st_mtime_ns))
    return found


def code_and_theme(settings: dict, code_only: bool = False) -> str:
    """What every output depends on besides the listings: settings, theme, content pages, code
    (or with ``code_only``, just Pillar's code: what loading a listing file depends on)."""
    from pelican import __version__ as pelican_version

    folders = [Path(__file__).parent] + ([] if code_only else [Path(settings["THEME"]), Path(settings["PATH"])])
    if code_only:
        return digest(sys.version, STATE_VERSION, [(str(folder), _tree(folder)) for folder in folders])
    settings_file = Path(settings.get("PILLAR_SETTINGS_FILE", ""))
    return digest(sys.version, pelican_version, STATE_VERSION,
                  settings_file.read_bytes() if settings_file.is_file() else b"",
                  sorted(settings.get("PILLAR_OVERRIDES", {}).items()),
                  [(str(folder), _tree(folder)) for folder in folders if folder.is_dir()])


def fingerprint(settings: dict, directory: Path) -> str:
    """Everything a build reads: if this is unchanged, so is the site."""
    return digest(code_and_theme(settings), dt.date.today().isoformat(), _tree(directory) if directory.is_dir() else [])


def stamp(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time, or None when it does not exist."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def state_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.pillar-state.json")


@dataclass
class State:
    """What the last build left: its fingerprint and each job's key, by the job's first output."""

    fingerprint: str = ""
    jobs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> State:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == STATE_VERSION:
                return cls(data["fingerprint"], data["jobs"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return cls()

    def write(self, path: Path) -> None:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps({"version": STATE_VERSION, "fingerprint": self.fingerprint,
                                         "jobs": self.jobs}, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)


def reuse(old_output: Path, new_output: Path, outputs: tuple[str, ...]) -> bool:
    """Link a job's files from the last output into the new one; False (linking none) if any is missing."""
    made = []
    for name in outputs:
        source, target = os.path.join(old_output, name), os.path.join(new_output, name)
        try:
            os.link(source, target)
        except FileNotFoundError:
            if not os.path.isfile(source):
                for path in made:
                    os.unlink(path)
                return False
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        made.append(target)
    return True
