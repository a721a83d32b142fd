"""Each time zone's VTIMEZONE block, written by icalendar, once per zone and build.

The calendars (:mod:`ical`) hold weekly events counted from :data:`FIRST_WEEK`; a zone's block
describes its offsets for :data:`ZONE_YEARS` from then.

A block depends only on the zone's data, icalendar and this module, so a build may keep each one for
the next (:func:`zones`): icalendar takes a few milliseconds a zone, and a directory of meetings
around the world uses a hundred zones.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Callable, Iterable
from functools import cache, partial
from importlib import metadata, resources
from pathlib import Path
from zoneinfo import ZoneInfo

Keep = Callable[[str, Iterable[bytes], Callable[[], bytes]], bytes]
"""``keep(kind, depends_on, make)``: ``make()``, or what it gave before for the same ``depends_on``
(see :func:`pillar.site.kept.remembered`)."""

FIRST_WEEK = dt.date(2026, 1, 4)
"""A Sunday. Every event's first occurrence falls in this week; calendars repeat it weekly from there."""
ZONE_YEARS = 10


@cache
def zone_text(zone: str) -> bytes:
    """The zone's VTIMEZONE for ten years from the first week, written by icalendar (once per zone)."""
    from icalendar import Timezone  # only where calendars are made: importing icalendar is slow

    last = dt.date(FIRST_WEEK.year + ZONE_YEARS, 1, 1)
    ends = dt.datetime(last.year + 1, 1, 1)
    return Timezone.from_tzinfo(ZoneUntil(ZoneInfo(zone), ends), zone, first_date=FIRST_WEEK, last_date=last).to_ical()


class ZoneUntil(dt.tzinfo):
    """A time zone that ends at ``ends`` (a naive local time): past it, asking its offset raises
    ``OverflowError``, as Python's own zones do after the year 9999.

    icalendar looks for a zone's changes until the last date it is given, and for the change after
    it until the zone ends: for a zone that keeps one offset (Tokyo, Lagos, most of the world's), that
    is 64 days at a time to the year 9999. Ended a year after the calendars' last date, a zone gives
    the same VTIMEZONE, byte for byte (all 599 of tzdata's, compared when this was written; the tests
    compare a sample), in far less time (BENCHMARKS.md)."""

    def __init__(self, zone: dt.tzinfo, ends: dt.datetime):
        self.zone, self.ends = zone, ends

    def _within(self, when: dt.datetime | None) -> dt.datetime | None:
        if when is not None and when.replace(tzinfo=None) > self.ends:
            raise OverflowError(f"the zone is only used until {self.ends:%Y-%m-%d}")
        return when

    def utcoffset(self, when):
        return self.zone.utcoffset(self._within(when))

    def dst(self, when):
        return self.zone.dst(self._within(when))

    def tzname(self, when):
        return self.zone.tzname(self._within(when))


def zone_data(zone: str) -> bytes | None:
    """The zone's file, where :mod:`zoneinfo` reads it: the first folder of ``zoneinfo.TZPATH`` that has
    it, else the ``tzdata`` package; None if neither has it."""
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, zone)
        if os.path.isfile(path):
            return Path(path).read_bytes()
    try:
        return resources.files("tzdata").joinpath("zoneinfo", *zone.split("/")).read_bytes()
    except (ImportError, OSError):
        return None


def zones(meetings, keep: Keep | None = None) -> dict[str, bytes]:
    """The VTIMEZONE of every zone the meetings' events use, by zone name: worked out once for the whole
    build (see :mod:`precompile`) and handed to :func:`calendar`. With ``keep``, each is kept under
    the zone's name and data, icalendar's version and this module's code."""
    used = sorted({meeting.timezone for meeting in meetings if meeting.time and not meeting.by_appointment})
    try:
        version = metadata.version("icalendar") if keep is not None else None
    except metadata.PackageNotFoundError:  # installed without its metadata: nothing to key on
        version = None
    if version is None:
        return {zone: zone_text(zone) for zone in used}
    same = [version.encode(), Path(__file__).read_bytes()]
    found = {}
    for zone in used:
        data = zone_data(zone)
        found[zone] = (zone_text(zone) if data is None else
                       keep("vtimezone", [zone.encode(), data, *same], partial(zone_text, zone)))
    return found
