"""VTIMEZONE blocks: the same lines as looking at the offset every three days, and the tzdata instants behind them."""

import datetime as dt
import zoneinfo
from zoneinfo import ZoneInfo

import pytest

from pillar import tzif, vtimezone


def scanned(name: str, first: dt.date, last: dt.date) -> list[tuple]:
    """The changes seen by asking zoneinfo every three days and halving to the minute where the answer differs."""
    zone, step, minute = ZoneInfo(name), dt.timedelta(days=3), dt.timedelta(minutes=1)

    def state(moment):
        local = moment.astimezone(zone)
        return local.utcoffset(), local.dst(), local.tzname()

    moment = dt.datetime(first.year, first.month, first.day, tzinfo=dt.timezone.utc)
    end = dt.datetime(last.year, last.month, last.day, tzinfo=dt.timezone.utc)
    before, changes = state(moment), []
    while moment < end:
        later = min(moment + step, end)
        if (after := state(later)) != before:
            low, high = moment, later
            while high - low > minute:
                middle = low + (high - low) / 2
                middle -= dt.timedelta(seconds=middle.second, microseconds=middle.microsecond)
                low, high = (middle, high) if state(middle) == before else (low, middle)
            changes.append((high, before, after))
            before = after
        moment = later
    return changes


def seconds(*when) -> int:
    return int(dt.datetime(*when, tzinfo=dt.timezone.utc).timestamp())


@pytest.mark.parametrize(("name", "first", "last"), [
    ("America/Denver", dt.date(2026, 1, 4), dt.date(2036, 1, 1)),  # the build's span
    ("Europe/London", dt.date(2026, 1, 4), dt.date(2036, 1, 1)),
    ("Australia/Lord_Howe", dt.date(2026, 1, 4), dt.date(2036, 1, 1)),  # half-hour daylight saving time
    ("America/Santiago", dt.date(2026, 1, 4), dt.date(2036, 1, 1)),  # southern: daylight time spans 1 January
    ("America/Nuuk", dt.date(2026, 1, 4), dt.date(2036, 1, 1)),  # rule times -1 and 0 in local time
    ("Africa/Casablanca", dt.date(2026, 1, 4), dt.date(2036, 1, 1)),  # listed yearly up to 2087, no rule
    ("Asia/Tokyo", dt.date(2026, 1, 4), dt.date(2036, 1, 1)),  # no change at all
    ("Asia/Manila", dt.date(1990, 1, 1), dt.date(2000, 1, 1)),  # two instants within one three-day step
    ("Europe/Moscow", dt.date(1990, 1, 1), dt.date(2000, 1, 1)),
    ("America/Sao_Paulo", dt.date(2015, 1, 1), dt.date(2025, 1, 1)),  # daylight saving time abolished in 2019
    ("Pacific/Apia", dt.date(2010, 1, 1), dt.date(2020, 1, 1)),  # skipped 30 December 2011
    ("America/New_York", dt.date(2030, 1, 1), dt.date(2040, 1, 1)),  # after 2037, from the rule alone
    ("Europe/Dublin", dt.date(2030, 1, 1), dt.date(2040, 1, 1)),  # negative daylight saving time in tzdata
    ("America/New_York", dt.date(2026, 3, 8), dt.date(2026, 3, 8)),  # an empty span
])
def test_changes_are_those_a_three_day_scan_sees(name, first, last):
    data = tzif.read(name)
    zone = ZoneInfo(name)
    start, end = vtimezone._seconds(first), vtimezone._seconds(last)
    found = list(vtimezone._changes(zone, start, end, tzif.moments(data, start + 1, end)))
    assert found == scanned(name, first, last)


@pytest.mark.parametrize(("name", "first", "last", "expected"), [
    ("America/New_York", seconds(2026, 2, 1), seconds(2026, 12, 1),
     [seconds(2026, 3, 8, 7), seconds(2026, 11, 1, 6)]),  # 2 a.m. EST, then 2 a.m. EDT
    ("Europe/Berlin", seconds(2026, 2, 1), seconds(2026, 12, 1), [seconds(2026, 3, 29, 1), seconds(2026, 10, 25, 1)]),
    ("Asia/Tokyo", seconds(2026, 1, 1), seconds(2036, 1, 1), []),
    ("UTC", seconds(2026, 1, 1), seconds(2036, 1, 1), []),
])
def test_moments_from_the_tzdata_file(name, first, last, expected):
    assert tzif.moments(tzif.read(name), first, last) == expected


@pytest.mark.parametrize("name", ["/etc/passwd", "../zoneinfo/UTC", "America/../UTC", "America//Denver", ""])
def test_only_plain_zone_names_are_read(name):
    with pytest.raises(ValueError):
        tzif.read(name)


def test_zones_are_read_from_the_tzdata_package_when_not_on_the_path():
    pytest.importorskip("tzdata")
    path = zoneinfo.TZPATH
    zoneinfo.reset_tzpath(to=[])
    try:
        assert tzif.read("America/Denver").startswith(b"TZif")
        with pytest.raises(zoneinfo.ZoneInfoNotFoundError):
            tzif.read("Nowhere/Atlantis")
    finally:
        zoneinfo.reset_tzpath(to=path)
