"""Shards: geohashes, and splitting a directory so every listing is in exactly one small shard."""

from __future__ import annotations

import json
import random

import pytest

from pillar.directory.model import Community, Directory, Meeting
from pillar.finder.shards import geohash, manifest_json, split


@pytest.mark.parametrize("latitude, longitude, precision, expected", [
    (57.64911, 10.40744, 11, "u4pruydqqvj"),
    (42.605, -5.603, 5, "ezs42"),
    (-89.99, -179.99, 3, "000"),
    (89.99, 179.99, 3, "zzz"),
    (0.0, 0.0, 2, "s0"),
])
def test_geohash(latitude, longitude, precision, expected):
    assert geohash(latitude, longitude, precision) == expected


def meeting(number: int, latitude: float | None, longitude: float | None) -> Meeting:
    place = {} if latitude is None else {"latitude": latitude, "longitude": longitude}
    return Meeting(slug=f"m{number:05d}", name=f"Meeting {number}", source="x", days=(1,), time="19:00", **place)


def directory(count: int, seed: int = 3) -> Directory:
    rng = random.Random(seed)
    cities = [(40.7, -74.0), (51.5, -0.1), (-33.9, 151.2), (64.7, 177.5), (-13.8, -171.8), (78.2, 15.6)]
    meetings = []
    for number in range(count):
        if number % 10 == 0:
            meetings.append(meeting(number, None, None))  # online
        else:
            lat, lon = rng.choice(cities)
            meetings.append(meeting(number, lat + rng.gauss(0, 0.3), max(-180, min(180, lon + rng.gauss(0, 0.3)))))
    communities = tuple(Community(slug=f"c{n}", name=f"C {n}", source="x", platform=("chat",)) for n in range(7))
    return Directory(meetings=tuple(meetings), communities=communities)


def test_a_small_directory_is_one_shard():
    small = directory(40)
    shards = split(small, 250)
    assert [shard.name for shard in shards] == ["all"]
    assert shards[0].listings == small.listings


def test_a_big_directory_is_split_so_each_listing_is_in_one_shard_of_its_kind_and_place():
    big = directory(3000)
    shards = split(big, 100)
    assert sum(len(shard.listings) for shard in shards) == len(big.listings)
    assert {l.slug for shard in shards for l in shard.listings} == {l.slug for l in big.listings}
    for shard in shards:
        assert 0 < len(shard.listings) <= 100
        if shard.name.startswith("g"):
            prefix = shard.name[1:]
            assert all(geohash(l.latitude, l.longitude).startswith(prefix) for l in shard.listings)
            south, west, north, east = shard.box
            assert all(south <= l.latitude <= north and west <= l.longitude <= east for l in shard.listings)
            # Widened to the thousandth of a degree (short in the manifest), by less than one.
            assert all(edge == round(edge, 3) for edge in shard.box)
            lats, lons = [l.latitude for l in shard.listings], [l.longitude for l in shard.listings]
            assert max(min(lats) - south, min(lons) - west, north - max(lats), east - max(lons)) <= 0.001
        else:
            kinds = {l.kind for l in shard.listings}
            assert kinds == {shard.kind} and not any(l.located for l in shard.listings)
    # Shards keep directory order, and the manifest is stable text.
    order = {l.slug: n for n, l in enumerate(big.listings)}
    assert all([order[l.slug] for l in s.listings] == sorted(order[l.slug] for l in s.listings) for s in shards)
    assert manifest_json(shards, 100) == manifest_json(split(big, 100), 100)
    entries = json.loads(manifest_json(shards, 100))["shards"]
    assert {"name", "count"} <= set(entries[0]) and any(e.get("kind") == "online" for e in entries)


def test_many_listings_at_one_point_stop_splitting_at_full_precision():
    crowd = Directory(meetings=tuple(meeting(n, 30.0, -97.0) for n in range(30)))
    shards = split(crowd, 10)
    assert [len(s.listings) for s in shards] == [30] and len(shards[0].name) == 13
