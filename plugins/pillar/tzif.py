"""When a zone's clock may change: the instants a tzdata (TZif, RFC 8536) file gives, read as zoneinfo reads them.

A TZif file lists its transitions up to some year and ends with a POSIX TZ rule (``EST5EDT,M3.2.0,M11.1.0``)
for every year after. zoneinfo looks the rule up by the UTC year of the moment asked about, so besides each
year's two rule transitions the clock may also change at midnight UTC on 1 January (only with odd rules) and a
second after the last listed transition. :func:`moments` gives all of these: a superset of the instants at which
``ZoneInfo`` can answer differently, never a guess at what it answers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import struct
import zoneinfo
from importlib import resources

HEADER = struct.Struct(">4sc15x6l")
"""Magic, version, then the counts: UT/local indicators, standard/wall indicators, leap seconds, transitions,
local time types, abbreviation characters."""
DAY = 86400
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
OFFSET = r"[+-]?\d{1,3}(?::\d{2}){0,2}"
ABBREVIATION = r"(?:<[A-Za-z0-9+-]*>|[A-Za-z]*)"
WHEN = rf"(?:M(\d{{1,2}})\.(\d)\.(\d)|(J?)(\d{{1,3}}))(?:/({OFFSET}))?"
RULE = re.compile(rf"{ABBREVIATION}({OFFSET})(?:{ABBREVIATION}({OFFSET})?,{WHEN},{WHEN})?", re.ASCII)
"""std offset [dst [offset] ,start[/time],end[/time]]: the groups are the two offsets, then each date's."""


def read(name: str) -> bytes:
    """The zone's TZif file, found where ``ZoneInfo(name)`` finds it: on ``zoneinfo.TZPATH``, else in tzdata.

    Like zoneinfo, a name that is not a plain relative path (``/etc/passwd``, ``../x``) is refused."""
    if os.path.isabs(name) or os.path.normpath(name) != name or name.startswith(".."):
        raise ValueError(f"not a time zone name: {name!r}")
    for folder in zoneinfo.TZPATH:  # looked up each time: zoneinfo.reset_tzpath() replaces it
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, "rb") as file:
                return file.read()
    *package, resource = name.split("/")
    try:
        return resources.files(".".join(["tzdata.zoneinfo", *package])).joinpath(resource).read_bytes()
    except (ImportError, FileNotFoundError, IsADirectoryError, UnicodeEncodeError) as error:
        raise zoneinfo.ZoneInfoNotFoundError(f"No time zone found with key {name}") from error


def _transitions(data: bytes) -> tuple[list[int], str]:
    """The UTC seconds of the listed transitions, and the TZ rule after them ('' if none)."""
    magic, version, _, _, _, count, _, _ = HEADER.unpack_from(data)
    if magic != b"TZif":
        raise ValueError("not a TZif file")
    if version == b"\x00":
        return list(struct.unpack_from(f">{count}l", data, HEADER.size)), ""
    _, _, utc_flags, std_flags, leaps, count, types, chars = HEADER.unpack_from(data)
    second = HEADER.size + count * 5 + types * 6 + chars + leaps * 8 + std_flags + utc_flags
    _, _, utc_flags, std_flags, leaps, count, types, chars = HEADER.unpack_from(data, second)
    times = HEADER.size + second
    footer = times + count * 9 + types * 6 + chars + leaps * 12 + std_flags + utc_flags
    return list(struct.unpack_from(f">{count}q", data, times)), data[footer:].strip(b"\n").decode("ascii")


def _duration(text: str | None, default: int = 0) -> int:
    """``[+-]hh[:mm[:ss]]`` as seconds, the sign applying to the whole."""
    if not text:
        return default
    sign = -1 if text.startswith("-") else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _local(when: tuple, year: int) -> int:
    """Local seconds since 1970 at which a rule's date (``Mm.w.d``, ``Jn`` or ``n``, and time) falls in ``year``."""
    month, week, weekday, julian, number, time = when
    if month:
        month, week, weekday = int(month), int(week), int(weekday)
        first, days = calendar.monthrange(year, month)  # first: Monday is 0; the rule's weekday: Sunday is 0
        day = (weekday - (first + 1)) % 7 + 1 + (week - 1) * 7
        ordinal = dt.date(year, month, day if day <= days else day - 7).toordinal()
    else:
        number = int(number) - (1 if julian else 0)
        if julian and number >= 59 and calendar.isleap(year):
            number += 1
        ordinal = dt.date(year, 1, 1).toordinal() + number
    return (ordinal - EPOCH_ORDINAL) * DAY + _duration(time, 7200)


def _rule_moments(rule: str, first: int, last: int) -> list[int]:
    """Where a TZ rule may change the clock between UTC seconds ``first`` and ``last``, both included."""
    match = RULE.fullmatch(rule)
    if match is None:
        raise ValueError(f"unreadable TZ rule {rule!r}")
    if "," not in rule:
        return []  # no daylight saving time: one offset for good
    standard = -_duration(match.group(1))
    daylight = -_duration(match.group(2), -standard - 3600)
    start, end = match.groups()[2:8], match.groups()[8:14]
    moments = []
    for year in range(_year(first) - 1, _year(last) + 2):
        january = (dt.date(year, 1, 1).toordinal() - EPOCH_ORDINAL) * DAY
        moments += [january, _local(start, year) - standard, _local(end, year) - daylight]
    return [moment for moment in moments if first <= moment <= last]


def _year(seconds: int) -> int:
    """The UTC year of a moment given in seconds since 1970."""
    return dt.date.fromordinal(EPOCH_ORDINAL + seconds // DAY).year


def moments(data: bytes, first: int, last: int) -> list[int]:
    """Sorted UTC seconds in ``first`` to ``last`` (both included) at which the zone in ``data`` may change.

    Only there can ``ZoneInfo.from_file`` of the same data give another offset, DST or name than just before."""
    listed, rule = _transitions(data)
    found = {moment for moment in listed if first <= moment <= last}
    after = listed[-1] + 1 if listed else first  # zoneinfo goes by the rule only after the last listed transition
    if listed and first <= after <= last:
        found.add(after)
    if rule and after <= last:
        found.update(_rule_moments(rule, max(first, after), last))
    return sorted(found)
