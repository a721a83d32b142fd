"""Work every page-writing process needs, done once per build on a core that would otherwise wait.

Every process that writes pages needs the theme's templates compiled (about 0.1 s) and, for the
calendars, each meeting's event text (about 0.2 s at 10,000 meetings) and each time zone's VTIMEZONE
(icalendar's, about 8 ms a zone); the next build needs each listing's key (about 0.1 s). While the
build locates the listings and then works out the browse views and the jobs, all on one core, forked
helpers do that work — first the templates, then the zones, and the events and keys, which need the
listings located — and send it back through a pipe: the templates
as Jinja's bytecode. The writing processes, forked after that, start with it in memory. Whatever a
helper manages to do, the site is the same: what it did not do is done where it is needed, as it
would be without it.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterable

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class _Memory(BytecodeCache):
    """Jinja's bytecode cache, in a dict. Its keys are the template's name and file: each language's
    environment gets its own part (see :meth:`Precompiled.cache`), as each keeps its own templates."""

    def __init__(self, store: dict[str, bytes], part: str):
        self.store, self.part = store, part

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(f"{self.part}/{bucket.key}")
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[f"{self.part}/{bucket.key}"] = bucket.bytecode_to_string()


class Precompiled:
    """The forked process, and what it sends back."""

    def __init__(self):
        self.bytecode: dict[str, bytes] = {}
        self.pid, self.reader = 0, -1

    def cache(self, lang: str) -> BytecodeCache:
        """The bytecode cache of one language's environment."""
        return _Memory(self.bytecode, lang)

    def start(self, tasks: dict[str, Callable[[], object]]) -> None:
        """Fork a process that does each task and sends back what each gave (with the bytecode of
        the templates it compiled). A task that fails leaves its part undone."""
        if not hasattr(os, "fork"):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        reader, writer = os.pipe()
        self.pid = os.fork()
        if self.pid:
            os.close(writer)
            self.reader = reader
            return
        os.close(reader)
        try:
            results = {}
            for name, task in tasks.items():
                try:
                    results[name] = task()
                except Exception:  # noqa: BLE001 - done again, with its message, where it is needed
                    pass
            with os.fdopen(writer, "wb") as pipe:
                pickle.dump((self.bytecode, results), pipe, pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)

    def wait(self) -> dict[str, object]:
        """What the tasks gave, once the process is done (the templates' bytecode goes into the caches)."""
        if not self.pid:
            return {}
        with os.fdopen(self.reader, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            bytecode, results = pickle.loads(data)
        except Exception:  # noqa: BLE001 - the process failed: everything is done where it is needed
            return {}
        self.bytecode.update(bytecode)
        return results


class Helpers:
    """Every helper a build started, to wait for together."""

    def __init__(self):
        self.started: list[Precompiled] = []

    def start(self, tasks: dict[str, Callable[[], object]], helper: Precompiled | None = None) -> Precompiled:
        """Start ``helper`` (a new one if not given) on the tasks."""
        helper = helper or Precompiled()
        self.started.append(helper)
        helper.start(tasks)
        return helper

    def wait(self) -> dict[str, object]:
        """What they all worked out (nothing of a helper that failed, or was waited for already)."""
        done: dict[str, object] = {}
        for helper in self.started:
            done.update(helper.wait())
        return done

    def __bool__(self) -> bool:
        return bool(self.started)


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
