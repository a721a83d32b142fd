"""Work every page-writing process needs, done once per build on a core that would otherwise wait.

Every process that writes pages needs the theme's templates compiled (about 0.1 s) and, for the
calendars, each meeting's event text (about 0.1 s at 10,000 meetings). While the build works out the
browse views and the jobs, all on one core, a forked process does both: it compiles the templates of
each language into a bytecode cache in a temporary folder, and writes the events into a file there.
The writing processes then load them, in a few milliseconds. The folder lasts only as long as the
build, so code compiled from an older template or catalog is never used. Whatever the forked
process manages to do, the site is the same: what it did not do is done where it is needed, as it
would be without it.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable

from jinja2 import Environment, FileSystemBytecodeCache


class Precompiled:
    """The temporary folder and the process filling it."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="pillar-build-")
        self.pid = 0

    def cache(self, lang: str) -> FileSystemBytecodeCache:
        """The cache for one language's environment: the cache knows templates by name and source
        alone, and each language's compiled code holds its own translations."""
        folder = os.path.join(self.folder, lang)
        os.makedirs(folder, exist_ok=True)
        return FileSystemBytecodeCache(folder)

    def path(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def start(self, *tasks: Callable[[], None]) -> None:
        """Fork a process that does each task (a task that fails leaves its part undone)."""
        if not hasattr(os, "fork"):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid:
            return
        try:
            for task in tasks:
                try:
                    task()
                except Exception:  # noqa: BLE001 - done again, with its message, where it is needed
                    pass
        finally:
            os._exit(0)

    def wait(self) -> None:
        """Wait until the tasks are done (before pages are written)."""
        if self.pid:
            os.waitpid(self.pid, 0)
            self.pid = 0

    def close(self) -> None:
        self.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def compile_templates(environment_for: Callable[[str], Environment], languages: Iterable[str]) -> None:
    """Compile every HTML template of the environment ``environment_for`` gives for each language (into
    the bytecode cache that environment has: see :meth:`Precompiled.cache`)."""
    for lang in languages:
        env = environment_for(lang)
        for name in env.list_templates(extensions=["html"]):
            try:
                env.get_template(name)
            except Exception:  # noqa: BLE001 - a template that fails fails again where a page needs it
                pass


def save(value, path: str) -> None:
    """Pickle ``value`` to ``path``, whole or not at all."""
    with open(path + ".tmp", "wb") as out:
        pickle.dump(value, out, pickle.HIGHEST_PROTOCOL)
    os.replace(path + ".tmp", path)


def saved(path: str, default):
    """What :func:`save` left at ``path``, or ``default`` when it left nothing."""
    try:
        with open(path, "rb") as source:
            return pickle.load(source)
    except (OSError, pickle.UnpicklingError, EOFError):
        return default
