"""iCalendar (RFC 5545) files for meetings: a weekly recurring event in the meeting's own time zone.

Output is deterministic: the first occurrence is counted from a fixed week, and the timestamp is
the listing's last verified date (or that same week), so rebuilding changes nothing.

The icalendar package writes each zone's VTIMEZONE (:mod:`vtimezones`) and is the reference for the
events. An event is written here rather than by icalendar, which takes many times as long (measured
in BENCHMARKS.md, under issue 18): :func:`event` gives exactly the bytes icalendar gives for the
same event (:func:`reference_event`; the tests compare them byte for byte, on the sample and on
generated text). Each meeting's VEVENT is worked out once and
reused by every calendar that holds it (its own page's, the all-meetings feed and its regions' feeds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from zoneinfo import ZoneInfo

from pillar.directory.model import Meeting, minutes_of
from pillar.feeds.vtimezones import FIRST_WEEK, zone_text

ICAL_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
PRODID = "-//Pillar//Recovery directory//EN"
LINE_OCTETS = 74
"""Octets of content on one physical line. A continuation line adds its leading space, making 75."""
CRLF = b"\r\n"
FOLD = b"\r\n "
KEPT_WITH_NEXT = frozenset(b"\\^")
"""A line never ends in these when it is folded (icalendar keeps an escape's two characters together)."""
EVENTS_KEPT = 1 << 16
"""How many worked-out events to keep; far more than any directory, but not without bound."""
START_DATES = tuple(f"{FIRST_WEEK + dt.timedelta(days=day):%Y%m%d}" for day in range(7))
"""Each weekday's date in the first week (0 = Sunday), as a DTSTART writes it."""
STAMPS_KEPT = 1 << 12
"""How many DTSTAMP dates to keep written out: listings share few last verified dates."""


def escape(text: str) -> str:
    """A TEXT value escaped as icalendar escapes it: backslash, semicolon and comma escaped, every line
    break written as ``\\n`` (and a ``\\N`` already in the text taken as one)."""
    return (text.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold_point(data: bytes, start: int) -> int:
    """Where the physical line starting at ``start`` ends, as icalendar folds: after at most 74 octets,
    never inside a UTF-8 character, and not just after a backslash or caret (that character starts the
    next line instead, unless it is the line's only one)."""
    cut = start + LINE_OCTETS
    while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: still inside a character
        cut -= 1
    if data[cut - 1] in KEPT_WITH_NEXT and cut - 1 > start:
        cut -= 1
    return cut


def _folded(data: bytes) -> bytes:
    """An encoded content line cut into physical lines of at most 75 octets (without the final CRLF)."""
    if len(data) <= LINE_OCTETS:
        return data
    pieces, start = [], 0
    while len(data) - start > LINE_OCTETS:
        cut = _fold_point(data, start)
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return FOLD.join(pieces)


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so that no physical line is longer than 75 octets, ending in CRLF."""
    return _folded(line.encode()) + CRLF


def fold_all(lines) -> bytes:
    """Content lines folded as :func:`fold` does and written one after another (one call for a block
    of lines; most need no folding)."""
    encoded = [line.encode() for line in lines]
    if not encoded:
        return b""
    return CRLF.join([data if len(data) <= LINE_OCTETS else _folded(data) for data in encoded]) + CRLF


def duration(minutes: int) -> str:
    """An RFC 5545 DURATION for a meeting's length in minutes (more than 0, at most a day)."""
    if minutes >= 24 * 60:
        return "P1D"
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


UTC_ZONES = frozenset({
    "Africa/Abidjan", "Africa/Accra", "Africa/Bamako", "Africa/Banjul", "Africa/Conakry", "Africa/Dakar",
    "Africa/Freetown", "Africa/Lome", "Africa/Nouakchott", "Africa/Ouagadougou", "Africa/Timbuktu",
    "Atlantic/Reykjavik", "Atlantic/St_Helena", "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "Etc/Greenwich",
    "Etc/UCT", "Etc/UTC", "Etc/Universal", "Etc/Zulu", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich", "Iceland",
    "UCT", "UTC", "Universal", "Zulu",
})
"""Zones whose meetings start in UTC (``DTSTART:…Z``): the ones the icalendar package counts as UTC,
which calendars were first written with. Every other zone is named with a TZID parameter.
``tests/unit/feeds/test_ical.py`` checks the list against icalendar for every zone."""


def _start_prefix(zone: str) -> tuple[str, str]:
    """How a DTSTART in this zone is written: the text before the value and after it."""
    return ("DTSTART:", "Z") if zone in UTC_ZONES else (f"DTSTART;TZID={zone}:", "")


def _start(meeting: Meeting) -> str:
    """The DTSTART line: the first occurrence, in the first week, as a local time in the meeting's zone."""
    hours, minutes = divmod(minutes_of(meeting.time), 60)
    before, after = _start_prefix(meeting.timezone)
    return f"{before}{START_DATES[meeting.days[0]]}T{hours:02d}{minutes:02d}00{after}"


@lru_cache(maxsize=STAMPS_KEPT)
def _stamp(day: dt.date) -> str:
    """The DTSTAMP line for a date (at midnight UTC)."""
    return f"DTSTAMP:{day:%Y%m%d}T000000Z"


def _length(meeting: Meeting) -> int:
    """Minutes from start to end; an end at or before the start is on the next day."""
    return (minutes_of(meeting.end) - minutes_of(meeting.time) - 1) % (24 * 60) + 1


def _description(meeting: Meeting, page: str) -> str:
    """The notes, how to join, and a link to the meeting's page, as paragraphs."""
    parts = [meeting.notes, meeting.location_notes]
    if meeting.conference_url:
        parts.append(f"Join online: {meeting.conference_url}")
    if meeting.conference_phone:
        parts.append(f"Join by phone: {meeting.conference_phone}")
    parts.append(f"Details: {page}")
    return "\n\n".join(part for part in parts if part)


def _location(meeting: Meeting) -> str:
    """Where to go: the place and address for an in-person meeting, else the link to join."""
    if meeting.in_person:
        location, address = meeting.location, meeting.address.text if meeting.address else ""
        place = f"{location}, {address}" if location and address else location or address
        if place:
            return place
    return meeting.conference_url


def _host(site_url: str) -> str:
    """The site's host name, which makes event UIDs unique; a placeholder when the site has no address."""
    return site_url.split("://", 1)[-1].split("/", 1)[0] or "pillar.invalid"


def _event_lines(meeting: Meeting, site_url: str) -> list[str]:
    """The VEVENT's content lines, unfolded, in the order the icalendar package wrote them."""
    page = f"{site_url}/{meeting.page_url}"
    location = _location(meeting)
    lines = ["BEGIN:VEVENT",
             "SUMMARY:" + escape(meeting.name),
             _start(meeting),
             "DURATION:" + duration(_length(meeting)),
             _stamp(meeting.last_verified or FIRST_WEEK),
             "UID:" + escape(f"{meeting.slug}@{_host(site_url)}"),
             "RRULE:FREQ=WEEKLY;BYDAY=" + ",".join([ICAL_DAYS[day] for day in meeting.days]),
             "DESCRIPTION:" + escape(_description(meeting, page))]
    if meeting.located and meeting.in_person:
        lines.append(f"GEO:{float(meeting.latitude)};{float(meeting.longitude)}")
    if location:
        lines.append("LOCATION:" + escape(location))
    if not meeting.active:
        lines.append("STATUS:CANCELLED")
    if "://" in page:
        lines.append("URL:" + page)
    lines.append("END:VEVENT")
    return lines


class _Same:
    """A meeting as a cache key equal only to itself.

    Hashing a frozen dataclass hashes every field, which costs more than a region calendar's other
    work on the meeting; the id is enough, since the cache entry keeps the meeting (and so its id)
    alive. An equal meeting loaded again is another key, worked out again."""

    __slots__ = ("meeting",)

    def __init__(self, meeting: Meeting):
        self.meeting = meeting

    def __hash__(self) -> int:
        return id(self.meeting)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Same) and other.meeting is self.meeting


def event(meeting: Meeting, site_url: str) -> bytes:
    """A meeting's VEVENT, folded and encoded; worked out once per meeting and site address."""
    return _event(_Same(meeting), site_url)


@lru_cache(maxsize=EVENTS_KEPT)
def _event(key: _Same, site_url: str) -> bytes:
    return fold_all(_event_lines(key.meeting, site_url))


def events(meetings, site_url: str) -> dict[str, bytes]:
    """Every meeting's event that a calendar would hold, by slug: worked out once for the whole build
    (see :mod:`precompile`) and handed to :func:`calendar`."""
    return {meeting.slug: event(meeting, site_url) for meeting in meetings
            if meeting.time and not meeting.by_appointment}


def reference_event(meeting: Meeting, site_url: str) -> bytes:
    """The same event as :func:`event`, written by the icalendar package (what the tests compare with)."""
    import icalendar

    hours, minutes = divmod(minutes_of(meeting.time), 60)
    first = FIRST_WEEK + dt.timedelta(days=meeting.days[0])
    stamp = meeting.last_verified or FIRST_WEEK
    page = f"{site_url}/{meeting.page_url}"
    item = icalendar.Event()
    item.add("summary", meeting.name)
    item.add("dtstart", dt.datetime.combine(first, dt.time(hours, minutes), ZoneInfo(meeting.timezone)))
    item.add("duration", dt.timedelta(minutes=_length(meeting)))
    item.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc))
    item.add("uid", f"{meeting.slug}@{_host(site_url)}")
    item.add("rrule", {"freq": "weekly", "byday": [ICAL_DAYS[day] for day in meeting.days]})
    item.add("description", _description(meeting, page))
    if meeting.located and meeting.in_person:
        item.add("geo", (float(meeting.latitude), float(meeting.longitude)))
    if location := _location(meeting):
        item.add("location", location)
    if not meeting.active:
        item.add("status", "CANCELLED")
    if "://" in page:
        item.add("url", page)
    return item.to_ical()


def _header(name: str) -> bytes:
    """The calendar's opening lines; its name is written as TEXT, escaped like any other."""
    lines = ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + PRODID, "X-WR-CALNAME:" + escape(name))
    return fold_all(lines)


def calendar(meetings, site_url: str, name: str, zones: Mapping[str, bytes] | None = None,
             events: Mapping[str, bytes] | None = None) -> bytes:
    """One calendar holding a weekly event for each meeting that has a day and time.

    ``zones`` maps zone names to VTIMEZONE text already worked out (see :func:`zone_text`), and
    ``events`` meetings' slugs to their events (see :func:`events`)."""
    parts, used = [_header(name)], set()
    known = events or {}
    for meeting in meetings:
        if meeting.by_appointment or not meeting.time:
            continue
        parts.append(known.get(meeting.slug) or event(meeting, site_url))
        used.add(meeting.timezone)
    parts.extend((zones or {}).get(zone) or zone_text(zone) for zone in sorted(used))
    parts.append(b"END:VCALENDAR" + CRLF)
    return b"".join(parts)
