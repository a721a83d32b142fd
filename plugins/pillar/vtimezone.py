"""VTIMEZONE blocks (RFC 5545 §3.6.5): a zone's clock changes over a span of years, from tzdata.

What is written is what looking at the zone's offset every three days shows, each change narrowed down to
the minute (a change undone within three days is not seen). Python's zoneinfo does not list a zone's
transitions, so :mod:`tzif` reads from the zone's file the instants at which the clock may change; only the
three-day steps holding one of those are looked at, and only there is the change narrowed down. Each distinct
observance (standard or daylight time, its name and offsets) becomes one STANDARD or DAYLIGHT component: its
first change is DTSTART, the others RDATE, all in local time before the change (RFC 5545).
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
from zoneinfo import ZoneInfo

from . import tzif

STEP = 3 * 86400
"""Seconds between looks at the offset. It decides what is written (a change undone within one step is not seen),
so it stays what it has always been."""
MINUTE = 60
UTC_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _offset(value: dt.timedelta) -> str:
    sign = "-" if value < dt.timedelta(0) else "+"
    minutes = abs(int(value.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def _seconds(day: dt.date) -> int:
    """Midnight UTC at the start of ``day``, in seconds since 1970."""
    return (day.toordinal() - UTC_EPOCH.toordinal()) * 86400


def _state(zone: ZoneInfo, seconds: int) -> tuple:
    """Offset, DST and name of the zone's clock at a moment given in UTC seconds since 1970."""
    local = (UTC_EPOCH + dt.timedelta(seconds=seconds)).astimezone(zone)
    return local.utcoffset(), local.dst(), local.tzname()


def _narrow(zone: ZoneInfo, low: int, high: int, state: tuple, moments: list[int], after: tuple) -> int:
    """The whole minute found by halving ``low``-``high``: the clock has left ``state`` by it, not a minute before.

    ``moments`` are where the clock may change between them; ``after`` is the state from the last of them on.
    With one such moment, halving ends on the first whole minute at or after it, so that is given at once."""
    if len(moments) == 1:
        return -(-moments[0] // MINUTE) * MINUTE
    states = [_state(zone, moment) for moment in moments[:-1]] + [after]
    while high - low > MINUTE:
        middle = low + (high - low) // 2
        middle -= middle % MINUTE
        index = bisect.bisect_right(moments, middle)
        low, high = (middle, high) if (states[index - 1] if index else state) == state else (low, middle)
    return high


def _changes(zone: ZoneInfo, start: int, end: int, moments: list[int]):
    """(UTC instant, state before, state after) for each change the three-day looks see from ``start`` to ``end``.

    ``moments`` (sorted, UTC seconds) must hold every instant in the span at which the clock may change: the
    steps without one are skipped, as the clock reads the same at both their ends."""
    state, index = _state(zone, start), 0
    while index < len(moments):
        steps = -(-(moments[index] - start) // STEP)  # the step (low, high] holding this moment
        low, high = start + (steps - 1) * STEP, min(start + steps * STEP, end)
        inside = bisect.bisect_right(moments, high, index)
        after = _state(zone, high)
        if after != state:
            moment = _narrow(zone, low, high, state, moments[index:inside], after)
            yield UTC_EPOCH + dt.timedelta(seconds=moment), state, after
            state = after
        index = inside


def lines(name: str, first: dt.date, last: dt.date) -> list[str]:
    """The VTIMEZONE's lines (unfolded) for zone ``name`` from ``first`` to ``last``."""
    data = tzif.read(name)
    zone = ZoneInfo.from_file(io.BytesIO(data), key=name)
    start, end = _seconds(first), _seconds(last)
    offset, dst, tzname = _state(zone, start)
    observances: dict[tuple, list[dt.datetime]] = {
        (bool(dst), tzname, offset, offset): [dt.datetime(first.year, first.month, first.day)]}
    for moment, before, after in _changes(zone, start, end, tzif.moments(data, start + 1, end)):
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
