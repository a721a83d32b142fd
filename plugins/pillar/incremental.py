"""Rebuilding only what changed.

``pillar build`` remembers, beside the output folder, a *fingerprint* of everything a build reads
(settings, listing and content files, theme, Pillar's own code) and a *key* for each file-writing
job (a digest of everything that job's files depend on). Next time:

- if the fingerprint is the same, nothing is built at all (the places it covers are kept with it, so
  this is told without reading the settings with Pelican: see :func:`last_build`);
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
import runpy
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

STATE_VERSION = 2


def digest(*parts) -> str:
    """A short, stable digest of values (reprs of frozen dataclasses, strings, numbers)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _tree(root: Path) -> list[tuple[str, int, int]]:
    """(path, size, modification time) of every file under ``root``, in a stable order: each folder's
    files by name, then its folders'. Linked folders are not followed, nor are links to nothing."""
    found: list[tuple[str, int, int]] = []
    _scan(str(root), "", found)
    return found


def _scan(folder: str, prefix: str, found: list) -> None:
    folders = []
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        try:
            if entry.is_dir():
                if not entry.is_symlink() and entry.name not in ("__pycache__", ".git"):
                    folders.append(entry)
                continue
            info = entry.stat()
        except OSError:  # gone, or a link to nothing
            continue
        found.append((prefix + entry.name, info.st_size, info.st_mtime_ns))
    for entry in folders:
        _scan(entry.path, f"{prefix}{entry.name}{os.sep}", found)


def code_and_theme(settings: dict, code_only: bool = False) -> str:
    """What every output depends on besides the listings: settings, theme, content pages, code
    (or with ``code_only``, just Pillar's code: what loading a listing file depends on)."""
    from pelican import __version__ as pelican_version

    if code_only:
        return digest(sys.version, STATE_VERSION, [(str(Path(__file__).parent), _tree(Path(__file__).parent))])
    return digest(sys.version, pelican_version, STATE_VERSION, *_settings_and_folders(
        settings.get("PILLAR_SETTINGS_FILE", ""), settings.get("PILLAR_OVERRIDES", {}), _folders(settings)))


def _folders(settings: dict) -> list[str]:
    """The folders every page depends on: Pillar's code, the theme and the content folder."""
    return [str(Path(__file__).parent), str(Path(settings["THEME"])), str(Path(settings["PATH"]))]


def _settings_and_folders(settings_file: str, overrides: dict, folders: list[str]) -> list:
    """The settings file's bytes, the overrides and each folder's files, for a digest."""
    path = Path(settings_file)
    return [path.read_bytes() if path.is_file() else b"", sorted(overrides.items()),
            [(folder, _tree(Path(folder))) for folder in folders if os.path.isdir(folder)]]


@dataclass(frozen=True)
class Inputs:
    """Where a build reads from, as the settings resolved them. The state file keeps them, so the
    next ``pillar build`` can tell that nothing changed without reading the settings with Pelican
    (which takes longer than the check itself): same settings file, overrides and working folder
    resolve to the same places."""

    settings_file: str
    overrides: dict[str, str]
    """Each override but the output folder, as ``repr`` of its value."""
    cwd: str
    folders: list[str]
    """Pillar's code, the theme and the content folder."""
    directory: str
    files: list[str]
    """Single files read: the geocode cache, npm's files, Pelican's own code."""

    @classmethod
    def of(cls, settings: dict, directory: Path, files: list[Path]) -> Inputs:
        import pelican

        overrides = dict(sorted(settings.get("PILLAR_OVERRIDES", {}).items()))
        return cls(settings.get("PILLAR_SETTINGS_FILE", ""), overrides, os.getcwd(), _folders(settings),
                   str(directory), [*map(str, files), pelican.__file__])


def override_reprs(overrides: dict) -> dict[str, str]:
    """The overrides as :class:`Inputs` keeps them (by name, so their order does not count)."""
    return {key: repr(value) for key, value in sorted(overrides.items()) if key != "OUTPUT_PATH"}


class Survey(NamedTuple):
    fingerprint: str
    """Everything a build reads: if this is unchanged, so is the site."""
    directory_files: dict[str, tuple[int, int]]
    """Each file in the directory (its path), with the size and modification time the fingerprint saw:
    loading the listings need not look at them again."""


def survey(inputs: Inputs) -> Survey:
    """The fingerprint of what a build reads, and the directory's files. (Not the working folder, which
    only says whether :class:`Inputs` can be trusted without reading the settings again.)"""
    directory = Path(inputs.directory)
    tree = _tree(directory) if directory.is_dir() else []
    fingerprint = digest(sys.version, STATE_VERSION, dt.date.today().isoformat(), inputs.settings_file,
                         *_settings_and_folders(inputs.settings_file, inputs.overrides, inputs.folders),
                         inputs.directory, tree, [(file, stamp(Path(file))) for file in inputs.files])
    return Survey(fingerprint, {os.path.join(inputs.directory, path): (size, modified)
                                for path, size, modified in tree})


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
    inputs: Inputs | None = None

    @classmethod
    def read(cls, path: Path) -> State:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == STATE_VERSION:
                return cls(data["fingerprint"], data["jobs"], Inputs(**data["inputs"]) if data["inputs"] else None)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return cls()

    def write(self, path: Path) -> None:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps({"version": STATE_VERSION, "fingerprint": self.fingerprint,
                                         "jobs": self.jobs, "inputs": asdict(self.inputs) if self.inputs else None},
                                        sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)


class LastBuild(NamedTuple):
    output: Path
    inputs: Inputs
    """Where the last build read from."""
    now: Survey
    """Those places now."""
    then: str
    """The fingerprint the last build left."""


def last_build(settings_file: Path, overrides: dict) -> LastBuild | None:
    """What the last build of this site read, and its fingerprint now and then, told without Pelican.

    The state names the places it read; the settings file, the overrides and the working folder being
    the same, they are the places this build would read too. None whenever in doubt: then the
    settings are read with Pelican, which also says what is wrong with them."""
    if not settings_file.is_file():
        return None
    try:
        output = Path(overrides["OUTPUT_PATH"]) if "OUTPUT_PATH" in overrides else output_path(settings_file)
    except Exception:  # a broken settings file, left to Pelican to explain
        return None
    state = State.read(state_path(output))
    inputs = state.inputs
    if (inputs is None or not output.is_dir() or inputs.settings_file != str(settings_file.resolve())
            or inputs.overrides != override_reprs(overrides) or inputs.cwd != os.getcwd()):
        return None
    return LastBuild(output, inputs, survey(inputs), state.fingerprint)


def output_path(settings_file: Path) -> Path:
    """OUTPUT_PATH as Pelican resolves it: from the settings file (default "output"), relative to the
    file's folder."""
    value = runpy.run_path(str(settings_file)).get("OUTPUT_PATH", "output")
    return Path(os.path.abspath(os.path.join(os.path.dirname(settings_file), value)))


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
