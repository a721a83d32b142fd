"""The gazetteer: places a visitor may type — regions, cities, postal codes — with coordinates.

Built from the directory's own geocoded listings, so "near a place" is answered in the browser
with no request to anyone. A place's point is the middle of the listings in it. A place people also
call by a short name ("TX" for Texas, "St Paul") carries those names as ``aka``; a state at the top of
the directory carries its country's names as ``country``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from pillar.directory.model import Directory, Listing
from pillar.geo.place_names import coded_countries, country_of, other_names

POSTAL_CODE = re.compile(r"\b(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b")
"""Postal codes inside a one-line address: US ZIP (and other five-digit codes), Canadian."""


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    within: str
    latitude: float
    longitude: float
    listings: int
    aka: tuple[str, ...] = ()
    country: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        found = {"name": self.name, "kind": self.kind, "within": self.within,
                 "lat": round(self.latitude, 5), "lon": round(self.longitude, 5), "listings": self.listings}
        extra = {"aka": list(self.aka), "country": list(self.country)}
        return found | {key: value for key, value in extra.items() if value}


def postal_code(listing: Listing) -> str:
    address = listing.address
    if address is None:
        return ""
    if address.postal_code:
        return address.postal_code.upper()
    for part in address.formatted.split(",")[1:]:
        match = POSTAL_CODE.search(part.upper())
        if match:
            return match.group(1)
    return ""


def postal_area(code: str) -> str:
    """The place a postal code names, written one way: "78702-1234" → "78702", "m5v2t6" → "M5V 2T6"."""
    code = code.strip().upper()
    if re.fullmatch(r"\d{5}-\d{4}", code):
        return code[:5]
    if re.fullmatch(r"[A-Z]\d[A-Z] ?\d[A-Z]\d", code):
        return f"{code[:3]} {code[-3:]}"
    return code


def _names(listing: Listing):
    """(name, kind, within) for each place the listing is in."""
    regions = listing.regions
    for depth, name in enumerate(regions):
        yield name, "region", ", ".join(reversed(regions[:depth]))
    city = listing.address.city if listing.address else ""
    if city and city not in regions:
        yield city, "city", ", ".join(reversed(regions[:1]))
    code = postal_area(postal_code(listing))
    if code:
        yield code, "postal_code", ""


def places(directory: Directory) -> list[Place]:
    points: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for listing in directory.listings:
        if listing.located:
            for key in dict.fromkeys(_names(listing)):
                points[key].append((listing.latitude, listing.longitude))
    coded = coded_countries(name for name, kind, within in points if kind == "region" and not within)
    return [Place(name, kind, within, sum(p[0] for p in found) / len(found), sum(p[1] for p in found) / len(found),
                  len(found), other_names(name, kind, within, coded),
                  country_of(name, within, coded) if kind == "region" else ())
            for (name, kind, within), found in sorted(points.items())]


def places_json(directory: Directory) -> str:
    return json.dumps({"version": 1, "places": [place.as_dict() for place in places(directory)]},
                      sort_keys=True, separators=(",", ":"), ensure_ascii=False)
