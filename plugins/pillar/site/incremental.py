"""Rebuilding only what changed: everything ``pillar build`` reuses from the last build, and why.

| reused | kept beside the output folder in | while this is unchanged |
|---|---|---|
| the whole site: nothing is built | ``.output.pillar-state.json``: the fingerprint | the *fingerprint*: the settings file's bytes and the ``-e`` overrides, every file (name, size, modification time) of Pillar's code, the theme, the translations, the content folder and the directory, the geocode cache, npm's files and Pelican; Python's version; today's date |
| a listing file's loaded listing | ``.output.pillar-load.pickle`` (see :mod:`loadcache`) | the file's size and modification time, and the *load key*: Pillar's code and the loading options (today's date, slug rules, passcodes) |
| a job's files, linked into the new output | the state file: each job's *key* | the job's key: the *site key* (settings, overrides, code, theme, content, Python and Pelican) and the values of the listings its files show (every field, located) |
| a template's compiled code, also with ``--full`` | Jinja's bytecode cache in the system's temporary folder, shared by every site (see :mod:`compiled`) | the template's text and Python's version (Jinja checks them), Jinja's version, Pillar's code, the settings and overrides, the language and its translations (they are compiled in) |
| the messages the theme's scripts translate, and the scripts they load only when asked, also with ``--full`` | the same folder (see :mod:`kept`) | every script's name and bytes, the Pillar code that finds them, and Babel's version |

Files are compared by size and modification time, as ``make`` does, and every digest is of explicit
values (see :func:`fingerprint.digest`). ``--full`` reuses nothing but what is kept in the temporary folder. The new
site is still put together in a staging folder and swapped in whole, so a failed build changes
nothing.

``pillar build`` makes one :class:`Build` and hands it to the generator as the setting
``PILLAR_BUILD``; plain ``pelican`` has none, so it writes everything and keeps nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import runpy
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pillar.directory.loadcache import LoadCache
from pillar.fingerprint import CODE, Inputs, Survey, VERSION, digest, overrides_text, survey
from pillar.site import compiled


def state_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.pillar-state.json")


@dataclass(frozen=True)
class State:
    """What a build leaves for the next: its fingerprint, each job's key (by the job's first file), and
    where it read from."""

    fingerprint: str = ""
    jobs: Mapping[str, str] = field(default_factory=dict)
    inputs: Inputs | None = None

    @classmethod
    def read(cls, path: Path) -> State:
        """The state in ``path``; an empty one if it is missing, unreadable or of another version."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION:
                inputs = Inputs.from_json(data["inputs"]) if data["inputs"] else None
                return cls(data["fingerprint"], data["jobs"], inputs)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return cls()

    def write(self, path: Path) -> None:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps({"version": VERSION, "fingerprint": self.fingerprint, "jobs": self.jobs,
                                         "inputs": self.inputs.to_json() if self.inputs else None},
                                        sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)


@dataclass(frozen=True)
class Build:
    """One ``pillar build``: where it reads, what it found there, and what the last build left."""

    output: Path
    """Where the site goes (it is built beside it, in :attr:`staging`)."""
    inputs: Inputs
    now: Survey
    previous: State
    """What the last build left; empty with ``--full``."""
    full: bool = False
    """Whether to reuse nothing (``--full``)."""

    @classmethod
    def plan(cls, output: Path, inputs: Inputs, now: Survey | None = None, full: bool = False) -> Build:
        """The build of ``inputs`` into ``output`` (``now``: the survey of them, if just made)."""
        previous = State() if full or not output.is_dir() else State.read(state_path(output))
        return cls(output, inputs, now or survey(inputs), previous, full)

    @property
    def unchanged(self) -> bool:
        """Whether everything is as the last build found it: nothing to build."""
        return self.previous.fingerprint == self.now.fingerprint

    @property
    def staging(self) -> Path:
        return self.output.with_name(f".{self.output.name}.building")

    def _beside(self, what: str) -> Path:
        return self.output.with_name(f".{self.output.name}.pillar-{what}")

    def start(self) -> None:
        """Clear what a stopped build left; with ``--full``, forget the loaded listings too."""
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.full:
            self._beside("load.pickle").unlink(missing_ok=True)

    # Reused listings

    def load_cache(self, options) -> LoadCache:
        """The listings the last builds loaded, while Pillar's code and the loading ``options`` are the same."""
        return LoadCache.read(self._beside("load.pickle"), digest(VERSION, sys.version, self.now.folders.get(CODE),
                                                                   options))

    def directory_files(self, directory: Path) -> Mapping[str, tuple[int, int]] | None:
        """The directory's files with their sizes and times as the survey saw them, if it looked there."""
        return self.now.directory_files if str(directory) == self.inputs.directory else None

    def compiled_templates(self, language: str, catalog: Path):
        """Where the templates of one language's pages are kept compiled, from build to build
        (``catalog``: that language's translations, which are compiled in)."""
        translations = hashlib.blake2b(catalog.read_bytes()).hexdigest() if catalog.is_file() else None
        return compiled.kept(language, self.now.settings, self.now.folders.get(CODE), translations)

    # Reused files

    def site_key(self, pelican_version: str) -> str:
        """What every file depends on besides the listings: settings, overrides, code, theme, content."""
        return digest(VERSION, sys.version, pelican_version, self.now.settings, self.now.folders)

    def reuse(self, jobs: Sequence, into: Path) -> tuple[list, dict[str, str]]:
        """Link the files of each job whose key the last build had too from the last output into
        ``into``; the jobs still to run, and every job's key. (In one process: linking waits on the
        disk, not the CPU.) A job has ``outputs`` (file names) and ``key`` (None, or gives its key)."""
        keys, to_run = {}, []
        for job in jobs:
            key = job.key() if job.key is not None else None
            if key is not None:
                keys[job.outputs[0]] = key
            if not (key and self.previous.jobs.get(job.outputs[0]) == key
                    and link(self.output, into, job.outputs)):
                to_run.append(job)
        return to_run, keys

    def save(self, keys: dict[str, str] | None = None, jobs: Sequence = ()) -> None:
        """Write what the next build compares with: the fingerprint and each job's key (``keys``, or
        worked out from ``jobs``). It takes the last state's place once the site is swapped in."""
        keys = dict(keys or {})
        keys.update((job.outputs[0], job.key()) for job in jobs if job.key is not None)
        State(self.now.fingerprint, keys, self.inputs).write(self._beside("state.next"))

    def forget(self) -> None:
        """Drop the last build's state, before its site is replaced (a crash then means a full build)."""
        state_path(self.output).unlink(missing_ok=True)

    def remember(self) -> None:
        """Keep this build's state for the next, once its site is in place."""
        if self._beside("state.next").exists():
            self._beside("state.next").replace(state_path(self.output))


def link(old_output: Path, new_output: Path, outputs: tuple[str, ...]) -> bool:
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


class LastBuild(NamedTuple):
    output: Path
    inputs: Inputs
    """Where the last build read from."""
    now: Survey
    """Those places now."""
    then: str
    """The fingerprint the last build left."""


def last_build(settings_file: Path, overrides: Mapping) -> LastBuild | None:
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
            or inputs.overrides != overrides_text(overrides) or inputs.cwd != os.getcwd()):
        return None
    return LastBuild(output, inputs, survey(inputs), state.fingerprint)


def output_path(settings_file: Path) -> Path:
    """OUTPUT_PATH as Pelican resolves it: from the settings file (default "output"), relative to the
    file's folder."""
    value = runpy.run_path(str(settings_file)).get("OUTPUT_PATH", "output")
    return Path(os.path.abspath(os.path.join(os.path.dirname(settings_file), value)))
