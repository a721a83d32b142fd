"""The load cache: unchanged files come from it, changed ones are loaded again, a bad cache is ignored."""

from __future__ import annotations

import os
from pathlib import Path

from pillar.directory.loadcache import LoadCache
from pillar.directory.loader import LoadOptions, load_directory

MEETING = 'name: {name}\nday: monday\ntime: "07:00"\nconference_url: https://example.org/m\n'


def write(root: Path, name: str, text: str) -> Path:
    path = root / "meetings" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_only_changed_files_are_loaded_again(tmp_path):
    root = tmp_path / "directory"
    write(root, "a", MEETING.format(name="Sample A"))
    b = write(root, "b", MEETING.format(name="Sample B"))
    cache = LoadCache.read(tmp_path / "cache.pickle", "k")
    first = load_directory(root, LoadOptions(), cache=cache)
    cache.save()
    cache = LoadCache.read(tmp_path / "cache.pickle", "k")
    assert len(cache.entries) == 2
    b.write_text(MEETING.format(name="Sample B Changed") + "\n", encoding="utf-8")
    second = load_directory(root, LoadOptions(), cache=cache)
    assert [m.name for m in second.meetings] == ["Sample A", "Sample B Changed"]
    assert second.meetings[0] == first.meetings[0]
    os.remove(b)
    third = load_directory(root, LoadOptions(), cache=cache)
    assert [m.name for m in third.meetings] == ["Sample A"] and len(cache.entries) == 1


def test_another_key_or_a_broken_file_starts_empty(tmp_path):
    path = tmp_path / "cache.pickle"
    cache = LoadCache(path, "k")
    cache.put(Path("x.yaml"), (1, 2), (None, [], None))
    cache.save()
    assert LoadCache.read(path, "k").entries and not LoadCache.read(path, "other").entries
    path.write_bytes(b"not a pickle")
    assert LoadCache.read(path, "k").entries == {}
