"""Pillar writes lunr indexes itself; they must be exactly what lunr.py's Builder makes."""

from __future__ import annotations

from dataclasses import replace
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



def test_a_field_no_listing_fills_is_indexed_as_lunr_py_does(tmp_path):
    root = tmp_path / "directory"
    write_directory(root, 60, seed=2)
    loaded = load_directory(Path(root), LoadOptions()).meetings[:5]
    meetings = tuple(replace(m, group="", fellowship="") for m in loaded)
    assert not any(index.document(m)["group"] for m in meetings)
    assert index.index_json(meetings) == index.lunr_py_index_json(meetings)
