"""pillar_bench: where the bench works (its measurements are tested in tests/cli/test_bench.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

import pillar_bench as bench


@pytest.mark.parametrize(("folder", "kind"), [("/proc", "proc"), ("/proc/self", "proc"), ("/dev/shm", "tmpfs")])
def test_filesystem_names_the_mount_a_folder_is_on(folder, kind):
    assert bench.filesystem(Path(folder)) == kind


def test_the_work_folder_is_in_memory_when_there_is_room():
    folder = bench.work_folder(10)
    try:
        assert folder.parent == bench.MEMORY and bench.filesystem(folder) == "tmpfs"
    finally:
        folder.rmdir()


def test_the_work_folder_is_the_usual_temporary_one_when_memory_has_no_room():
    folder = bench.work_folder(10**12)  # 80 petabytes
    try:
        assert folder.parent == Path(tempfile.gettempdir())
    finally:
        folder.rmdir()
