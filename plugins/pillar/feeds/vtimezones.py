"""Each time zone's VTIMEZONE block, written by icalendar, once per zone and build.

The calendars (:mod:`ical`) hold weekly events counted from :data:`FIRST_WEEK`; a zone's block
describes its offsets for :data:`ZONE_YEARS` from then.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

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


def zones(meetings) -> dict[str, bytes]:
    """The VTIMEZONE of every zone the meetings' events use, by zone name: worked out once for the whole
    build (see :mod:`precompile`) and handed to :func:`calendar`."""
    used = sorted({meeting.timezone for meeting in meetings if meeting.time and not meeting.by_appointment})
    return {zone: zone_text(zone) for zone in used}
