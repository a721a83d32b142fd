"""Geocode every address the cache lacks, saving as it goes, and count what happened.

Used by ``pillar geocode`` and by builds with ``DIRECTORY_GEOCODE_ON_BUILD``. The cache is saved
every few seconds and at the end — also when the run is interrupted — and each save is atomic. A run
stops asking when its time limit (``DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES``) is up, whatever the
service does; the addresses left are asked about next time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from pillar.directory.model import Problem
from pillar.geo import geocache
from pillar.geo.geocode import OutOfTime, Service, geocode
from pillar.geo.locate import Wanted, zone_at
from pillar.setting_values import Bounds

SAVE_EVERY_SECONDS = 2.0


class Progress(Protocol):
    """What shows how far a run is (``pillar geocode`` gives its progress bar, :mod:`pillar.cli.progress`)."""

    def update(self, done: int, detail: str = "") -> None: ...


@dataclass
class Tally:
    asked: int = 0
    found: int = 0
    approximate: int = 0
    cached: int = 0
    not_found: int = 0
    suspect: int = 0
    left_for_later: int = 0
    out_of_time: int = 0
    """Addresses not asked about because the run's time limit was up."""
    zones_added: int = 0
    failures: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def summary(self) -> str:
        parts = [f"{self.found} found ({self.approximate} approximate)", f"{self.cached} already cached",
                 f"{self.not_found} not found", f"{self.suspect} outside DIRECTORY_BOUNDS", f"{self.failed} failed"]
        text = f"pillar geocode: {self.asked + self.cached + self.left_for_later + self.out_of_time} addresses: " + ", ".join(parts)
        if self.zones_added:
            text += f", {self.zones_added} older answers given their time zone"
        if self.left_for_later:
            text += f", {self.left_for_later} left for the next run (--limit)"
        if self.out_of_time:
            text += (f", {self.out_of_time} left for the next run (the run's time limit, "
                     "DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES, was up)")
        if self.failures:
            text += "\n  why: " + "; ".join(f"{reason}: {n}" for reason, n in sorted(self.failures.items()))
        return text


def _record(tally: Tally, item: Wanted, outcome) -> None:
    entry = outcome.entry
    if entry is not None and entry.usable:
        tally.found += 1
        tally.approximate += entry.approximate
        return
    if entry is not None and not entry.found:
        tally.not_found += 1
    elif entry is not None:
        tally.suspect += 1
    else:
        tally.failures[outcome.failure] += 1
    for listing in item.listings:
        tally.problems.append(Problem(listing.source, *listing.at("address"),
                                      f'could not geocode "{item.query}": {outcome.failure}'))


def _add_zones(cache: dict) -> int:
    """Store its time zone with each usable answer that has none (answers stored before Pillar kept
    zones), so builds need not look them up; how many were given one."""
    added = 0
    for key, entry in cache.items():
        if entry.usable and not entry.timezone:
            zone = zone_at(entry.latitude, entry.longitude)
            if zone:
                cache[key] = replace(entry, timezone=zone)
                added += 1
    return added


def run(items: list[Wanted], cache: dict, cache_path: Path, service: Service, bounds: Bounds,
        limit: int | None = None, progress: Progress | None = None, sleep=time.sleep,
        today: dt.date | None = None, time_limit: float | None = None, clock=time.monotonic) -> Tally:
    """Ask the service about each address the cache lacks; the cache is updated in place and saved.
    ``time_limit``: seconds (on ``clock``) after which no more is asked."""
    today = today or dt.date.today()
    until = clock() + time_limit if time_limit is not None else None
    tally = Tally()
    to_ask = [item for item in items if item.key not in cache]
    tally.cached = len(items) - len(to_ask)
    if limit is not None:
        tally.left_for_later = max(0, len(to_ask) - limit)
        to_ask = to_ask[:limit]
    tally.zones_added = _add_zones(cache)
    saved_at, dirty = time.monotonic(), bool(tally.zones_added)
    try:
        for done, item in enumerate(to_ask, 1):
            try:
                if until is not None and clock() >= until:
                    raise OutOfTime
                outcome = geocode(service, item.query, item.city, bounds, today, sleep, until, clock)
            except OutOfTime:
                tally.out_of_time = len(to_ask) - done + 1
                break
            tally.asked += 1
            if outcome.entry is not None:
                cache[item.key] = outcome.entry
                dirty = True
            _record(tally, item, outcome)
            if progress:
                progress.update(done, f"{tally.found} found · {tally.failed + tally.not_found} not placed")
            if dirty and time.monotonic() - saved_at >= SAVE_EVERY_SECONDS:
                geocache.save(cache_path, cache)
                saved_at, dirty = time.monotonic(), False
    finally:
        if dirty:
            geocache.save(cache_path, cache)
    return tally
