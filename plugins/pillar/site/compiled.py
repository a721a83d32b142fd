"""The theme's templates, compiled once and kept for the next builds, as Python keeps ``.pyc`` files.

Compiling the templates is about a third of what a small site's build costs (BENCHMARKS.md), and
they seldom change. Jinja's own :class:`~jinja2.FileSystemBytecodeCache` keeps the compiled code in
the folder where Pillar keeps what it works out from the theme (:mod:`kept`).

Jinja keeps each template's code with a digest of its text and Python's version, and compiles it
again when either changed. What Jinja does not see is the environment the code was compiled in: a
filter given constant arguments runs while the template compiles (and each language's environment
has its own filters), and the extensions and options shape the code. So each language's code is
kept under file names of its own, from a digest of the language and its translations (they are
compiled in: see :class:`i18n.TranslatedWhenCompiled`), Jinja's version, Pillar's code and the
settings (where other plugins' filters come from): a change to any of them compiles afresh.

A file that is missing, unreadable or damaged (each starts with a digest of the code in it) is
compiled again, and one that cannot be written is left out: the site is the same either way.
Whenever a build compiles a template, it first deletes every file kept (by :mod:`kept`) that no build
wrote for :data:`KEPT_DAYS` days (a changed Pillar or settings file makes new keys, and the old ones
are never read again).
"""

from __future__ import annotations

import os
import sys
import time

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from pillar.fingerprint import VERSION, digest
from pillar.site import kept as keeping

KEPT_DAYS = 2
"""Kept files older than this are deleted when a build compiles anything (a kept file is written once,
when first compiled, and then only read)."""


class Kept(FileSystemBytecodeCache):
    """Jinja's bytecode cache in Jinja's folder, for one environment (``key``), each file sealed with
    a digest of the code it holds."""

    def __init__(self, key: str):
        super().__init__(pattern=f"__pillar_{key}_%s.cache")
        self.pruned = False

    def prune(self, now: float | None = None) -> None:
        """Delete every kept file (of any key) written more than :data:`KEPT_DAYS` days before ``now``."""
        limit = (time.time() if now is None else now) - KEPT_DAYS * 86400
        try:
            entries = list(os.scandir(self.directory))
        except OSError:  # the folder is gone: nothing to delete, and nothing will be kept
            return
        for entry in entries:
            try:
                if entry.name.startswith("__pillar_") and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:  # gone already (another build), or not ours to delete
                pass

    def _file(self, bucket: Bucket) -> str:
        return os.path.join(self.directory, self.pattern % bucket.key)

    def load_bytecode(self, bucket: Bucket) -> None:
        """The kept code, if its file is whole: a digest of the code comes first, so damage anywhere in
        it (which Jinja's own files would load, and run) means compiling again."""
        code = keeping.read(self._file(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)  # (as Jinja wrote it: the key holds Python's and Jinja's versions)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not self.pruned:
            self.pruned = True
            self.prune()
        keeping.write(self._file(bucket), bucket.bytecode_to_string())


def kept(language: str, *digests: str | None) -> BytecodeCache | None:
    """The kept code of one language's environment, whose compiled code depends on ``digests`` too,
    or None where the temporary folder cannot be used safely (Jinja refuses a folder another user
    owns or could write to)."""
    key = digest(VERSION, sys.version, jinja2.__version__, language, *digests)
    try:
        return Kept(key)
    except (OSError, RuntimeError):
        return None
