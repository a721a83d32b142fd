"""Pillar's page templates, compiled once per build on a core that would otherwise wait.

Every process that writes pages needs the theme's templates compiled, which takes it about 0.1 s.
While the build locates the listings and works out the browse views, all on one core, a forked
process compiles the templates of each language into a bytecode cache in a temporary folder. The
processes that write the pages then load them from there, in a few milliseconds. The folder lasts
only as long as the build, so code compiled from an older template or catalog is never used.
Whatever the forked process manages to compile, the pages are the same: a template missing from
the cache is compiled by whichever process needs it, as it would be without one.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable

from jinja2 import Environment, FileSystemBytecodeCache


class Precompiled:
    """The cache folder and the process filling it."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="pillar-templates-")
        self.pid = 0

    def cache(self, lang: str) -> FileSystemBytecodeCache:
        """The cache for one language's environment: the cache knows templates by name and source
        alone, and each language's compiled code holds its own translations."""
        folder = os.path.join(self.folder, lang)
        os.makedirs(folder, exist_ok=True)
        return FileSystemBytecodeCache(folder)

    def start(self, environment_for: Callable[[str], Environment], languages: Iterable[str]) -> None:
        """Fork a process that compiles every HTML template of the environment ``environment_for`` gives
        for each language (environments that use :meth:`cache`)."""
        if not hasattr(os, "fork"):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid:
            return
        try:  # a template that fails to compile fails again, with its message, where a page needs it
            for lang in languages:
                env = environment_for(lang)
                for name in env.list_templates(extensions=["html"]):
                    try:
                        env.get_template(name)
                    except Exception:  # noqa: BLE001
                        pass
        finally:
            os._exit(0)

    def wait(self) -> None:
        """Wait until the templates are compiled (before pages are written)."""
        if self.pid:
            os.waitpid(self.pid, 0)
            self.pid = 0

    def close(self) -> None:
        self.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
