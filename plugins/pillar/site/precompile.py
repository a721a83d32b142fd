"""Work every page-writing process needs, done once per build on a core that would otherwise wait.

Every process that writes pages needs the theme's templates compiled (about 0.1 s, unless an
earlier build kept them: see :mod:`compiled`) and, for the calendars, each meeting's event text
(about 0.2 s at 10,000 meetings) and each time zone's VTIMEZONE (icalendar's, unless an earlier build
kept it: see vtimezones). While the build locates the listings and then works out the browse views
and the jobs, all on one core, helper processes do that work — first the templates (and saving the
load cache), then the zones and the events, which need the listings located — and send it back
through a pipe: the templates as Jinja's bytecode. The writing processes, forked after that, start
with it in memory. A rebuild that may reuse the last build's files needs each listing's key first:
another helper works them out (a full build does so while it writes).

A helper is a :class:`multiprocessing.Process` forked with its tasks (never pickled), which sends
back, pickled, what each task gave, or the traceback of the one that failed: a task that fails
fails the build (:class:`parallel.JobFailed`, with the helper's traceback), as it would where the
work is needed without a helper; so does a helper that dies. Only a template that does not compile
is left for later (see :func:`compile_templates`). Where processes cannot be forked, nothing is
done beforehand: everything is done where it is needed, and the site is the same.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import signal
import sys
import traceback
from collections.abc import Callable, Iterable

from jinja2 import BytecodeCache, Environment, TemplateError
from jinja2.bccache import Bucket

from pillar.parallel import JobFailed, can_fork


class HelperTraceback(Exception):
    """The traceback of a task that failed in a helper, as the helper wrote it (the cause of the
    :class:`~pillar.parallel.JobFailed` it becomes here)."""


class _Memory(BytecodeCache):
    """Jinja's bytecode cache, in a dict. Its keys are the template's name and file: each language's
    environment gets its own part (see :meth:`Precompiled.cache`), as each keeps its own templates.
    Code found in ``kept`` (the code kept from earlier builds: see :mod:`compiled`) goes into the dict
    too, and code compiled here into both."""

    def __init__(self, store: dict[str, bytes], part: str, kept: BytecodeCache | None = None):
        self.store, self.part, self.kept = store, part, kept

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(f"{self.part}/{bucket.key}")
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.kept is not None:
            self.kept.load_bytecode(bucket)
            if bucket.code is not None:
                self.store[f"{self.part}/{bucket.key}"] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[f"{self.part}/{bucket.key}"] = bucket.bytecode_to_string()
        if self.kept is not None:
            self.kept.dump_bytecode(bucket)


class Precompiled:
    """A helper process, and what it sends back."""

    def __init__(self):
        self.bytecode: dict[str, bytes] = {}
        self.process: multiprocessing.Process | None = None
        self.receiver = None
        self.tasks = ""

    def cache(self, lang: str, kept: BytecodeCache | None = None) -> BytecodeCache:
        """The bytecode cache of one language's environment (in front of ``kept``, if given)."""
        return _Memory(self.bytecode, lang, kept)

    def start(self, tasks: dict[str, Callable[[], object]]) -> None:
        """Fork a process that does each task and sends back what each gave (with the bytecode of
        the templates it compiled), or how the first one to fail failed."""
        if not can_fork():
            return
        sys.stdout.flush()  # (what is buffered would be written again by the helper)
        sys.stderr.flush()
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.tasks = ", ".join(tasks)
        self.process = context.Process(target=self._work, args=(tasks, sender), name=f"pillar: {self.tasks}",
                                       daemon=True)
        self.process.start()
        sender.close()

    def _work(self, tasks: dict[str, Callable[[], object]], sender) -> None:
        """In the helper: do the tasks, and send back what they gave, or the first failure."""
        self.receiver.close()  # (this process's copy: with it open, a send to a parent gone would wait forever)
        results = {}
        for name, task in tasks.items():
            try:
                results[name] = task()
            except Exception as error:  # sent back: the build fails with it
                sender.send(("failed", name, f"{type(error).__name__}: {error}",
                             "".join(traceback.format_exception(error))))
                return
        sender.send(("done", self.bytecode, results))

    def wait(self) -> dict[str, object]:
        """What the tasks gave, once the process is done (the templates' bytecode goes into the
        caches); raises :class:`~pillar.parallel.JobFailed` if a task failed or the process died."""
        if self.process is None:
            return {}
        process, self.process = self.process, None
        try:
            answer = self.receiver.recv()
        except EOFError:  # it sent nothing
            answer = None
        finally:
            self.receiver.close()
            process.join()
        if answer is None:
            code = process.exitcode
            how = (f"was killed by signal {-code} ({signal.strsignal(-code)})" if code < 0
                   else f"ended with exit code {code}")
            raise JobFailed(f"the helper working out {self.tasks}", f"it {how} before it finished (out of memory?)")
        if answer[0] == "failed":
            _, name, reason, told = answer
            raise JobFailed(f"working out {name} beforehand", reason) from HelperTraceback(told)
        _, bytecode, results = answer
        self.bytecode.update(bytecode)
        return results

    def stop(self) -> None:
        """Stop the process, if it is still working, without taking what it did (the build has failed)."""
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.receiver.close()
            self.process = None


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
        """What they all worked out (nothing of a helper waited for already); raises
        :class:`~pillar.parallel.JobFailed` if one failed (the others are stopped)."""
        done: dict[str, object] = {}
        waiting = {helper.receiver: helper for helper in self.started if helper.process is not None}
        try:
            while waiting:  # each as it finishes, so that one that fails is told at once
                for ready in multiprocessing.connection.wait(list(waiting)):
                    done.update(waiting.pop(ready).wait())
        finally:
            self.stop()
        return done

    def stop(self) -> None:
        """Stop every helper still working (the build has failed)."""
        for helper in self.started:
            helper.stop()

    def __bool__(self) -> bool:
        return bool(self.started)


def compile_templates(environment_for: Callable[[str], Environment], languages: Iterable[str]) -> None:
    """Compile every HTML template of the environment ``environment_for`` gives for each language (into
    the bytecode cache that environment has: see :meth:`Precompiled.cache`).

    A template that does not compile is left out: it fails where a page uses it, with Jinja's
    message, as it would without a helper (and one that no page uses fails nothing)."""
    for lang in languages:
        env = environment_for(lang)
        for name in env.list_templates(extensions=["html"]):
            try:
                env.get_template(name)
            except TemplateError:  # raised again where a page needs it
                continue
