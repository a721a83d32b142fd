"""VTIMEZONE blocks (RFC 5545 §3.6.5): a zone's clock changes over a span of years, from tzdata.

Python's zoneinfo does not list a zone's transitions, so they are found by asking for the offset
every few days and, where it changed, narrowing down to the minute. Each distinct observance (standard
or daylight time, its name and offsets) becomes one STANDARD or DAYLIGHT component: its first
change is DTSTART, the others RDATE, all in local time before the change (RFC 5545).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

STEP = dt.timedelta(days=3)
"""How often the offset is looked at; tzdata never changes a clock twice within three days."""
MINUTE = dt.timedelta(minutes=1)


def _offset(value: dt.timedelta) -> str:
    sign = "-" if value < dt.timedelta(0) else "+"
    minutes = abs(int(value.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def _state(zone: ZoneInfo, moment: dt.datetime) -> tuple:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.dst(), local.tzname()


def _changes(zone: ZoneInfo, start: dt.datetime, end: dt.datetime):
    """(UTC instant, state before, state after) for each change of offset, name or DST in the span."""
    moment, state = start, _state(zone, start)
    while moment < end:
        later = min(moment + STEP, end)
        after = _state(zone, later)
        if after != state:
            low, high = moment, later  # state at low is the old one, at high the new one
            while high - low > MINUTE:
                middle = low + (high - low) / 2
                middle -= dt.timedelta(seconds=middle.second, microseconds=middle.microsecond)
                if middle <= low:
                    break
                low, high = (middle, high) if _state(zone, middle) == state else (low, middle)
            yield high, state, after
            state = after
        moment = later


def lines(name: str, first: dt.date, last: dt.date) -> list[str]:
    """The VTIMEZONE's lines (unfolded) for zone ``name`` from ``first`` to ``last``."""
    zone = ZoneInfo(name)
    start = dt.datetime(first.year, first.month, first.day, tzinfo=dt.timezone.utc)
    end = dt.datetime(last.year, last.month, last.day, tzinfo=dt.timezone.utc)
    offset, dst, tzname = _state(zone, start)
    observances: dict[tuple, list[dt.datetime]] = {
        (bool(dst), tzname, offset, offset): [dt.datetime(first.year, first.month, first.day)]}
    for moment, before, after in _changes(zone, start, end):
        key = (bool(after[1]), after[2], before[0], after[0])
        observances.setdefault(key, []).append((moment + before[0]).replace(tzinfo=None))
    out = ["BEGIN:VTIMEZONE", f"TZID:{name}", f"COMMENT:Clock changes from {first} to {last}."]
    for (daylight, tzname, before, after), starts in sorted(observances.items(), key=lambda item: item[1][0]):
        kind = "DAYLIGHT" if daylight else "STANDARD"
        out += [f"BEGIN:{kind}", f"DTSTART:{starts[0]:%Y%m%dT%H%M%S}"]
        if starts[1:]:
            out.append("RDATE:" + ",".join(f"{moment:%Y%m%dT%H%M%S}" for moment in starts[1:]))
        if tzname:
            out.append(f"TZNAME:{tzname}")
        out += [f"TZOFFSETFROM:{_offset(before)}", f"TZOFFSETTO:{_offset(after)}", f"END:{kind}"]
    out.append("END:VTIMEZONE")
    return out
