"""A few thousand listings over the whole world: the build succeeds, is the same on one core or
two, and every listing is published once in the finder's shards. (Speed is `pillar bench`'s job.)"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from helpers import run_pillar
from pillar_bench.synth import write_site

LISTINGS = 3000


def digests(folder: Path) -> dict[str, str]:
    return {os.path.relpath(os.path.join(d, n), folder): hashlib.sha256(open(os.path.join(d, n), "rb").read()).hexdigest()
            for d, _, names in os.walk(folder) for n in names}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("world")
    counts = write_site(root, LISTINGS, seed=7)
    return root, counts


def test_a_worldwide_directory_builds_the_same_on_one_core_or_two(world):
    root, counts = world
    one = run_pillar("build", "--full", "-o", root / "one", "-e", "BUILD_JOBS=1", cwd=root)
    two = run_pillar("build", "--full", "-o", root / "two", "-e", "BUILD_JOBS=2", cwd=root)
    assert one.code == 0, one.err[-2000:]
    assert two.code == 0, two.err[-2000:]
    assert digests(root / "one") == digests(root / "two")
    pages = list((root / "two" / "meetings").glob("*/index.html"))
    assert len(pages) == counts["meetings"]


def test_every_listing_is_in_exactly_one_shard(world):
    root, counts = world
    output = root / "two"
    manifest = json.loads((output / "search" / "shards.json").read_text())
    seen = []
    for entry in manifest["shards"]:
        records = json.loads((output / "search" / "shards" / f"{entry['name']}.json").read_text())["listings"]
        assert len(records) == entry["count"] <= manifest["size"]
        index = json.loads((output / "search" / "shards" / f"{entry['name']}.index.json").read_text())
        assert {ref.split("/", 1)[1] for ref, _ in index["fieldVectors"]} == {r["slug"] for r in records}
        if "box" in entry:
            south, west, north, east = entry["box"]
            assert all(south <= r["lat"] <= north and west <= r["lon"] <= east for r in records)
        else:
            assert all("lat" not in r and r["kind"] == entry["kind"] for r in records)
        seen += [r["slug"] for r in records]
    assert len(seen) == len(set(seen)) == sum(counts.values())
