"""Pillar writes lunr indexes itself; they must be exactly what lunr.py's Builder makes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from helpers import REPO
from pillar.directory.loader import LoadOptions, load_directory
from pillar.finder import index
from pillar_bench.synth import write_directory


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


# index.py is kept beside lunr.py because lunr.py's own builder (its tokenizer and pipeline too) takes
# about three times as long: 3.6 s against 1.25 s of CPU for 10,000 listings in shards of 250, measured
# in BENCHMARKS.md. So its output is compared with that builder's, not only with the one above (which
# shares index.py's per-word pipeline).

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from lunr import lunr

from pillar.directory.model import Meeting


def lunr_py_alone(listings) -> str:
    """The index as lunr.py makes it with nothing of Pillar's but the documents and fields."""
    built = lunr(ref="slug", fields=list(index.FIELDS), documents=[index.document(l) for l in listings])
    return json.dumps(built.serialize(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_the_index_is_byte_for_byte_what_lunr_py_makes_on_its_own(tmp_path):
    root = tmp_path / "directory"
    write_directory(root, 300, seed=7)
    for listings in (load_directory(REPO / "directory", LoadOptions()).listings,
                     load_directory(Path(root), LoadOptions()).listings):
        assert index.index_json(listings) == lunr_py_alone(listings)


WORDS = st.text(st.sampled_from("aeiouystrnlhgk -\t\xa0'’.,!?ÉéÑñ日本\u2003\u200b0123"), max_size=60)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.tuples(WORDS.filter(str.strip), WORDS, WORDS), min_size=1, max_size=6))
def test_any_text_is_indexed_byte_for_byte_as_lunr_py_does(texts):
    meetings = tuple(Meeting(slug=f"m{number}", name=name, source="x.yaml", notes=notes, location=place)
                     for number, (name, notes, place) in enumerate(texts))
    assert index.index_json(meetings) == lunr_py_alone(meetings)
