"""iCalendar (RFC 5545) files for meetings: a weekly recurring event in the meeting's own time zone.

Output is deterministic: the first occurrence is counted from a fixed week, and the timestamp is
the listing's last verified date (or that same week), so rebuilding changes nothing.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

import icalendar

from .model import Meeting

FIRST_WEEK = dt.date(2026, 1, 4)
"""A Sunday. Every event's first occurrence falls in this week; calendars repeat it weekly from there."""
ZONE_YEARS = 10
ICAL_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


def _first(meeting: Meeting) -> dt.datetime:
    hours, minutes = map(int, meeting.time.split(":"))
    day = FIRST_WEEK + dt.timedelta(days=meeting.days[0])
    return dt.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=ZoneInfo(meeting.timezone))


def _description(meeting: Meeting, page: str) -> str:
    parts = [meeting.notes, meeting.location_notes]
    if meeting.conference_url:
        parts.append(f"Join online: {meeting.conference_url}")
    if meeting.conference_phone:
        parts.append(f"Join by phone: {meeting.conference_phone}")
    parts.append(f"Details: {page}")
    return "\n\n".join(part for part in parts if part)


def event(meeting: Meeting, page: str, host: str) -> icalendar.Event:
    start = _first(meeting)
    duration = (dt.datetime.combine(start.date(), dt.time(*map(int, meeting.end.split(":"))), start.tzinfo) - start)
    if duration <= dt.timedelta(0):
        duration += dt.timedelta(days=1)
    stamp = meeting.last_verified or FIRST_WEEK
    item = icalendar.Event()
    item.add("uid", f"{meeting.slug}@{host}")
    item.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc))
    item.add("dtstart", start)
    item.add("duration", duration)
    item.add("rrule", {"freq": "weekly", "byday": [ICAL_DAYS[day] for day in meeting.days]})
    item.add("summary", meeting.name)
    location = ", ".join(part for part in (meeting.location, meeting.address.text if meeting.address else "") if part)
    if location and meeting.in_person:
        item.add("location", location)
    elif meeting.conference_url:
        item.add("location", meeting.conference_url)
    if meeting.located and meeting.in_person:
        item.add("geo", (meeting.latitude, meeting.longitude))
    item.add("description", _description(meeting, page))
    if "://" in page:
        item.add("url", page)
    if not meeting.active:
        item.add("status", "CANCELLED")
    return item


@cache
def _zone(zone: str) -> icalendar.Timezone:
    """A VTIMEZONE for ten years from the first week (worked out once per zone)."""
    return icalendar.Timezone.from_tzid(zone, first_date=FIRST_WEEK, last_date=dt.date(FIRST_WEEK.year + ZONE_YEARS, 1, 1))


def calendar(meetings, site_url: str, name: str) -> bytes:
    """One calendar holding a weekly event for each meeting that has a day and time."""
    host = site_url.split("://", 1)[-1].split("/", 1)[0] or "pillar.invalid"
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Pillar//Recovery directory//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    zones = set()
    for meeting in meetings:
        if meeting.by_appointment or not meeting.time:
            continue
        cal.add_component(event(meeting, f"{site_url}/{meeting.page_url}", host))
        zones.add(meeting.timezone)
    for zone in sorted(zones):
        cal.add_component(_zone(zone))
    return cal.to_ical()
