"""The finder's data in shards, so a visitor downloads only the listings near them.

A small directory is one shard, ``all``, and the finder loads it whole. A bigger one is split:

- listings with a place go into *geo shards* named by geohash prefix (``g9v6``): a prefix whose
  listings do not fit in ``FINDER_SHARD_SIZE`` is split into its 32 longer prefixes, so shards are
  small where listings are dense and wide where they are sparse. Each shard records the box its
  listings lie in; the finder loads shards in order of their distance from the visitor until it
  knows the nearest listings for sure.
- listings with no place (online meetings, online communities) go into shards of one kind each
  (``unplaced-meeting-0``, ``unplaced-online-0``…), loaded only when the visitor asks for them.

Each shard is written as ``search/shards/<name>.json`` (the finder's records, as
:mod:`finder_data` makes them) and ``<name>.index.json`` (its lunr index); ``search/shards.json``
lists the shards. Shards hold listings in directory order, so the same directory gives the same bytes.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from pillar.directory.model import Directory, Listing

BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"
MAX_PRECISION = 12
MANIFEST = "search/shards.json"
FOLDER = "search/shards"
BOX_STEPS = 1000
"""A shard's box is given in thousandths of a degree."""


def _spread(value: int) -> int:
    """The bits of a 30-bit number with a zero between each (so two numbers can be interleaved)."""
    value = (value | value << 16) & 0x0000FFFF0000FFFF
    value = (value | value << 8) & 0x00FF00FF00FF00FF
    value = (value | value << 4) & 0x0F0F0F0F0F0F0F0F
    value = (value | value << 2) & 0x3333333333333333
    return (value | value << 1) & 0x5555555555555555


def geohash(latitude: float, longitude: float, precision: int = MAX_PRECISION) -> str:
    """The geohash of a point: longitude and latitude halved in turn, longitude first, 5 bits a
    character. Worked out as interleaved 30-bit fractions of each range (the same bits)."""
    top = (1 << 30) - 1
    lat = min(top, int((latitude + 90) / 180 * (1 << 30)))
    lon = min(top, int((longitude + 180) / 360 * (1 << 30)))
    bits = _spread(lon) << 1 | _spread(lat)  # 60 bits: two characters in each 10
    text = (_PAIRS[bits >> 50] + _PAIRS[bits >> 40 & 1023] + _PAIRS[bits >> 30 & 1023]
            + _PAIRS[bits >> 20 & 1023] + _PAIRS[bits >> 10 & 1023] + _PAIRS[bits & 1023])
    return text[:precision]


_PAIRS = [BASE32[number >> 5] + BASE32[number & 31] for number in range(1024)]
"""The two characters for each 10 bits of a geohash."""


def _outward(degrees: float, direction) -> float:
    """``degrees`` to the thousandth, rounded by ``direction`` (math.floor or math.ceil)."""
    return direction(round(degrees * BOX_STEPS, 6)) / BOX_STEPS


@dataclass(frozen=True)
class Shard:
    name: str
    listings: tuple[Listing, ...]
    kind: str = ""
    """For a shard of listings with no place: the kind they all are."""

    @property
    def box(self) -> list[float] | None:
        """[south, west, north, east] around the shard's listings that have a place, widened to the
        thousandth of a degree (about 100 m): still around them all, and a fifth fewer bytes in the
        manifest every first visit downloads."""
        points = [(l.latitude, l.longitude) for l in self.listings if l.located]
        if not points:
            return None
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        return [max(-90.0, _outward(min(lats), math.floor)), max(-180.0, _outward(min(lons), math.floor)),
                min(90.0, _outward(max(lats), math.ceil)), min(180.0, _outward(max(lons), math.ceil))]

    def entry(self) -> dict:
        entry = {"name": self.name, "count": len(self.listings)}
        box = self.box
        if box:
            entry["box"] = box
        if self.kind:
            entry["kind"] = self.kind
        if self.kind == "meeting":  # in-person meetings still waiting for a map location
            entry["in_person"] = sum(1 for listing in self.listings if listing.in_person)
        return entry


def split(directory: Directory, size: int) -> list[Shard]:
    """The directory's shards: one when it fits in ``size``, else geo shards and placeless ones."""
    listings = directory.listings
    if len(listings) <= size:
        return [Shard("all", listings)]
    order = {listing.slug: number for number, listing in enumerate(listings)}
    placed = [listing for listing in listings if listing.located]
    hashes = {listing.slug: geohash(listing.latitude, listing.longitude) for listing in placed}
    shards = [Shard(f"g{prefix}", tuple(sorted(group, key=lambda l: order[l.slug])))
              for prefix, group in _cells(sorted(placed, key=lambda l: hashes[l.slug]), hashes, "", size)]
    for kind in ("meeting", "service", "online"):
        unplaced = [listing for listing in listings if not listing.located and listing.kind == kind]
        for start in range(0, len(unplaced), size):
            shards.append(Shard(f"unplaced-{kind}-{start // size}", tuple(unplaced[start:start + size]), kind))
    return shards


def _cells(listings: list[Listing], hashes: dict[str, str], prefix: str, size: int):
    """(prefix, listings) for each cell small enough, splitting the crowded ones (sorted by geohash)."""
    if len(listings) <= size or len(prefix) == MAX_PRECISION:
        if listings:
            yield prefix, listings
        return
    groups: dict[str, list[Listing]] = {}
    for listing in listings:
        groups.setdefault(hashes[listing.slug][len(prefix)], []).append(listing)
    for char in BASE32:
        if char in groups:
            yield from _cells(groups[char], hashes, prefix + char, size)


def manifest_json(shards: list[Shard], size: int) -> str:
    data = {"version": 2, "size": size, "shards": [shard.entry() for shard in shards]}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
