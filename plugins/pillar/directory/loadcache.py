"""Remembering what each listing file loaded as, between builds.

Loading (YAML, schema, checks) is the slowest part of a rebuild after a small change, and its
result depends only on the file and on Pillar itself. ``pillar build`` keeps every file's result —
the listing, its problems and where its slug is — beside the output folder, by path, size and
modification time; the next build loads only the files that changed. The cache is written whole
to a temporary file and renamed, so it is never half written; an unreadable cache is ignored.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

VERSION = 1


@dataclass
class LoadCache:
    path: Path | None
    key: str
    """Digest of Pillar's code and the loading options: a different key empties the cache."""
    entries: dict[str, tuple] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def read(cls, path: Path | None, key: str) -> LoadCache:
        cache = cls(path, key)
        if path is None:
            return cache
        try:
            with open(path, "rb") as source:
                version, stored_key, entries = pickle.load(source)
            if version == VERSION and stored_key == key:
                cache.entries = entries
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            pass
        return cache

    @staticmethod
    def stamp(file: Path) -> tuple[int, int]:
        info = os.stat(file)
        return info.st_size, info.st_mtime_ns

    def get(self, file: Path, stamp: tuple[int, int]):
        entry = self.entries.get(str(file))
        return entry[1] if entry and entry[0] == stamp else None

    def put(self, file: Path, stamp: tuple[int, int], result) -> None:
        self.entries[str(file)] = (stamp, result)
        self.changed = True

    def keep_only(self, files) -> None:
        """Forget files that are gone."""
        wanted = {str(file) for file in files}
        if set(self.entries) - wanted:
            self.entries = {name: entry for name, entry in self.entries.items() if name in wanted}
            self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        temporary = self.path.with_name(self.path.name + ".tmp")
        with open(temporary, "wb") as out:
            pickle.dump((VERSION, self.key, self.entries), out, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
