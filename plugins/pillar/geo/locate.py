"""Give listings their coordinates and time zones, offline.

Coordinates a volunteer wrote win; otherwise the geocode cache answers; otherwise the listing is
published without a map pin or distance, with a warning that says how to fix it. A listing with
no stated time zone takes the zone of its coordinates (the one the geocode cache stored with them,
else found with timezonefinder, offline), or the site's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, partial
from zoneinfo import ZoneInfo

from pillar import parallel
from pillar.directory.model import Directory, Listing, Meeting, Problem
from pillar.geo.geocache import Entry, normalize
from pillar.setting_values import Bounds

REFERENCE_DAYS = (dt.datetime(2026, 1, 15, 12), dt.datetime(2026, 7, 15, 12))
"""Two fixed days, winter and summer: zones that agree on both keep the same clocks."""


@dataclass(frozen=True)
class Wanted:
    """An address that needs coordinates."""

    key: str
    query: str
    city: str
    listings: tuple[Listing, ...]


def needs_place(listing: Listing) -> bool:
    """Whether the listing has an address that should be on the map."""
    if listing.address is None or listing.located:
        return False
    return not isinstance(listing, Meeting) or listing.in_person


def cache_key(listing: Listing, bounds: Bounds) -> str:
    return normalize(listing.address.text, bounds.countries)


def wanted(directory: Directory, bounds: Bounds) -> list[Wanted]:
    """Every distinct address without written coordinates, in a stable order."""
    by_key: dict[str, list[Listing]] = {}
    for listing in directory.listings:
        if needs_place(listing):
            by_key.setdefault(cache_key(listing, bounds), []).append(listing)
    return [Wanted(key, group[0].address.text, group[0].address.city, tuple(group))
            for key, group in sorted(by_key.items())]


@cache
def _zone_finder():
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def zone_at(latitude: float, longitude: float) -> str:
    return _zone_finder().timezone_at(lat=latitude, lng=longitude) or ""


def same_clock(zone: str, other: str) -> bool:
    return all(day.replace(tzinfo=ZoneInfo(zone)).utcoffset() == day.replace(tzinfo=ZoneInfo(other)).utcoffset()
               for day in REFERENCE_DAYS)


def _missing(listing: Listing, entry: Entry | None) -> Problem:
    address = listing.address.text
    if entry is None:
        message = f'no coordinates for "{address}" — run pillar geocode or add latitude/longitude'
    elif not entry.found:
        message = f'the geocoder found no place for "{address}" — check the address, or add latitude/longitude'
    else:
        message = (f'the geocoder placed "{address}" outside DIRECTORY_BOUNDS ({entry.display_name}) — '
                   "check the address, or add latitude/longitude")
    return Problem(listing.source, *listing.at("address"), message, "warning")


def _place(listing: Listing, cache: dict[str, Entry], bounds: Bounds) -> tuple[dict, str, list[Problem]]:
    """The coordinates to fill in from the cache (as changes to the listing) and the zone stored with
    them, or a warning."""
    if not needs_place(listing):
        return {}, "", []
    entry = cache.get(cache_key(listing, bounds))
    if entry is None or not entry.usable:
        return {}, "", [_missing(listing, entry)]
    return {"latitude": entry.latitude, "longitude": entry.longitude,
            "approximate": listing.approximate or entry.approximate}, entry.timezone, []


def _zone(listing: Listing, latitude, longitude, site_zone: str, known: str = "") -> tuple[dict, list[Problem]]:
    """The time zone to fill in (as changes to the listing), or a warning if the written one is off.
    ``known`` is the zone the geocode cache stored with the coordinates, if any."""
    found = known or (zone_at(latitude, longitude) if latitude is not None and longitude is not None else "")
    if not listing.timezone:
        return {"timezone": found or site_zone}, []
    if found and not same_clock(listing.timezone, found):
        return {}, [Problem(
            listing.source, *listing.at("timezone"),
            f"timezone: {listing.timezone} does not keep the same time as the listing's place ({found}) — "
            "fix the time zone or the coordinates", "warning")]
    return {}, []


def _amended(listing: Listing, changes: dict) -> Listing:
    """``dataclasses.replace(listing, **changes)`` for fields that need no checking (coordinates and a
    time zone): a copy of the frozen listing, without running its constructor again for every listing."""
    copy = object.__new__(type(listing))
    copy.__dict__.update(listing.__dict__)
    copy.__dict__.update(changes)
    return copy


WORTH_SHARING = 25_000
"""Listings below which locating on one core is quicker: each process first loads the time zone
finder, which costs as much as locating thousands of listings (see BENCHMARKS.md)."""


def _changes(listing: Listing, cache: dict[str, Entry], bounds: Bounds, site_zone: str) -> tuple[dict, list]:
    """What locating changes in one listing (coordinates, time zone), and its warnings."""
    changes, known, found = _place(listing, cache, bounds)
    latitude, longitude = changes.get("latitude", listing.latitude), changes.get("longitude", listing.longitude)
    zone, more = _zone(listing, latitude, longitude, site_zone, known)
    changes.update(zone)
    return changes, found + more


def locate(directory: Directory, cache: dict[str, Entry], bounds: Bounds, site_zone: str,
           processes: int = 1) -> Directory:
    """The directory with coordinates and time zones filled in, and a warning for each gap.
    Worked out on ``processes`` cores when there are many listings; only the changes come back."""
    listings = directory.listings
    found = parallel.map_in_order(partial(_changes, cache=cache, bounds=bounds, site_zone=site_zone),
                                  listings, processes, worth=WORTH_SHARING)
    problems = list(directory.problems)
    located = []
    for listing, (changes, more) in zip(listings, found):
        problems.extend(more)
        located.append(_amended(listing, changes) if changes else listing)
    meetings, services = len(directory.meetings), len(directory.services)
    return Directory(
        meetings=tuple(located[:meetings]),
        services=tuple(located[meetings:meetings + services]),
        communities=tuple(located[meetings + services:]),
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.line, p.col))),
    )
