"""Pillar writes lunr indexes itself; they must be exactly what lunr.py's Builder makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO
from pillar import index
from pillar.bench.synth import write_directory
from pillar.loader import LoadOptions, load_directory


@pytest.mark.parametrize("source", ["sample", "synthetic"])
def test_the_index_is_byte_for_byte_lunr_pys(tmp_path, source):
    if source == "sample":
        root = REPO / "directory"
    else:
        root = tmp_path / "directory"
        write_directory(root, 600, seed=5)
    listings = load_directory(Path(root), LoadOptions()).listings
    for start in range(0, len(listings), 250):
        chunk = listings[start:start + 250]
        assert index.index_json(chunk) == index.lunr_py_index_json(chunk)
