"""What a build reads, and the one way Pillar makes a digest of values.

A *digest* (:func:`digest`) covers explicit values only — text, bytes, numbers, dates, lists, and
frozen dataclasses of these, field by field — written out as canonical JSON and hashed with BLAKE2b: the
same values give the same digest in any process and any Python, and a value with no such writing
(an open file, a function, an object whose ``repr`` holds its address) is refused rather than
digested by accident.

The *survey* (:func:`survey`) looks at every place a build reads, as :class:`Inputs` names them, by
size and modification time, as ``make`` does: the settings file (its bytes), Pillar's code, the theme
and the content folder, the directory, and single files (the geocode cache, npm's files, Pelican).
What a rebuild does with these digests is in :mod:`incremental`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from pathlib import Path, PurePath

VERSION = 3
"""Changed whenever what a digest covers changes, so that nothing of an older build is reused."""


def digest(*values) -> str:
    """A short, stable digest of explicit values (see the module's docstring)."""
    return hashlib.blake2b(_canonical(values).encode(), digest_size=16).hexdigest()


def _explicit(value) -> object:
    """How a value JSON has no writing for goes into a digest."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind, values = _fields_of(type(value))
        return [kind, values(value)]
    if isinstance(value, dt.date):  # (a datetime too)
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": hashlib.blake2b(value, digest_size=16).hexdigest()}
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"a {type(value).__name__} has no place in a digest: give its values instead")


_canonical = json.JSONEncoder(default=_explicit, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
"""``json.dumps`` with these options, without making an encoder for every digest (a build makes tens
of thousands)."""


@cache
def _fields_of(kind: type) -> tuple[str, Callable[[object], tuple]]:
    """A dataclass's name with its fields' ("Hours(days,opens,closes)"), and what gives their values."""
    names = tuple(field.name for field in dataclasses.fields(kind))
    values = attrgetter(*names) if len(names) > 1 else lambda value: tuple(getattr(value, name) for name in names)
    return f"{kind.__qualname__}({','.join(names)})", values


def tree(root: Path) -> list[tuple[str, int, int]]:
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


def stamp(path: Path | str) -> tuple[int, int] | None:
    """A file's size and modification time, or None when it does not exist."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


CODE = str(Path(__file__).parent)
"""Pillar's own code: the first of :attr:`Inputs.folders`."""


@dataclass(frozen=True)
class Inputs:
    """Where a build reads from, as the settings resolved them. The state file keeps them, so the
    next ``pillar build`` can tell that nothing changed without reading the settings with Pelican
    (which takes longer than the check itself): same settings file, overrides and working folder
    resolve to the same places."""

    settings_file: str
    overrides: Mapping[str, str]
    """Each override but the output folder, as JSON text (see :func:`overrides_text`)."""
    cwd: str
    folders: tuple[str, ...]
    """Pillar's code, the theme and the content folder (and the translations, when not in the theme)."""
    directory: str
    files: tuple[str, ...]
    """Single files read: the geocode cache, npm's files, Pelican's own code."""

    @classmethod
    def of(cls, settings_file: Path, overrides: Mapping, settings: Mapping, directory: Path,
           files: list[Path], more_folders: Sequence[Path] = ()) -> Inputs:
        import pelican

        folders = (CODE, str(Path(settings["THEME"])), str(Path(settings["PATH"])))
        folders += tuple(str(folder) for folder in more_folders  # (counted with the theme when inside it)
                         if not str(folder).startswith(folders[1] + os.sep))
        return cls(str(settings_file.resolve()), overrides_text(overrides), os.getcwd(), folders, str(directory),
                   (*map(str, files), pelican.__file__))

    @classmethod
    def from_json(cls, data: dict) -> Inputs:
        return cls(data["settings_file"], dict(data["overrides"]), data["cwd"], tuple(data["folders"]),
                   data["directory"], tuple(data["files"]))

    def to_json(self) -> dict:
        return {**dataclasses.asdict(self), "overrides": dict(self.overrides)}


def overrides_text(overrides: Mapping) -> dict[str, str]:
    """``-e`` overrides as :class:`Inputs` keeps them: each as JSON text, by name (so their order does
    not count), the output folder left out (the state file is beside it)."""
    return {key: json.dumps(value, sort_keys=True) for key, value in sorted(overrides.items()) if key != "OUTPUT_PATH"}


@dataclass(frozen=True)
class Survey:
    """The places :class:`Inputs` names, looked at now."""

    fingerprint: str
    """Everything a build reads, and today's date: if this is unchanged, so is the site."""
    settings: str
    """Digest of the settings file's bytes and the overrides."""
    folders: Mapping[str, str]
    """Each of :attr:`Inputs.folders`, with a digest of its files (names, sizes, modification times)."""
    directory_files: Mapping[str, tuple[int, int]]
    """Each file in the directory (its path), with the size and modification time seen: loading the
    listings need not look at them again."""


def survey(inputs: Inputs) -> Survey:
    """The places a build reads, now. (Not the working folder, which only says whether ``inputs`` can
    be trusted without reading the settings again.)"""
    path = Path(inputs.settings_file)
    settings = digest(hashlib.blake2b(path.read_bytes() if path.is_file() else b"").hexdigest(),
                      inputs.overrides)
    folders = {folder: digest(tree(Path(folder))) for folder in inputs.folders if os.path.isdir(folder)}
    directory = Path(inputs.directory)
    files = tree(directory) if directory.is_dir() else []
    fingerprint = digest(VERSION, sys.version, dt.date.today(), inputs.settings_file, settings, folders,
                         inputs.directory, files, [(file, stamp(file)) for file in inputs.files])
    under = os.path.join(inputs.directory, "")  # (joined as os.path.join would, without a call for each file)
    return Survey(fingerprint, settings, folders, {under + name: (size, modified) for name, size, modified in files})
