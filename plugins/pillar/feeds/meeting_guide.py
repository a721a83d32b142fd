"""The Meeting Guide JSON feed (Code4Recovery's spec), read by the Meeting Guide app, TSML UI and
12 Step Meeting List: one object per meeting and day, so a meeting held on several days appears once
per day with its own slug."""

from __future__ import annotations

import json
from operator import itemgetter

from pillar.directory.model import Meeting, WEEKDAYS
from pillar.directory.type_codes import type_table

SLUG_LIMIT = 64
ATTENDANCE_OPTION = {"in_person": "in_person", "online": "online", "hybrid": "hybrid"}
OPTIONAL_TEXT = ("location", "location_notes", "conference_url", "conference_url_notes", "conference_phone",
                 "conference_phone_notes", "group", "group_notes", "notes", "email", "website")
"""Meeting fields written under their own name when they are not empty."""


def day_slug(meeting: Meeting, day: int) -> str:
    """The meeting's slug, or for a meeting on several days, the slug with the day (at most 64 characters)."""
    if len(meeting.days) < 2:
        return meeting.slug
    suffix = f"-{WEEKDAYS[day]}"
    return meeting.slug[: SLUG_LIMIT - len(suffix)].rstrip("-") + suffix


def spec_types(meeting: Meeting) -> list[str]:
    """The meeting's Meeting Guide codes (a fellowship's own format codes are not in the spec), plus TC
    (location temporarily closed) when the meeting is not active."""
    known = type_table().meeting_guide
    codes = [code for code in meeting.types if code in known]
    if not meeting.active and "TC" not in codes:
        codes.append("TC")
    return codes


def _address(meeting: Meeting) -> dict:
    address = meeting.address
    if address is None or not meeting.in_person:
        return {}
    fields = {"formatted_address": address.text}
    for key, value in (("address", address.street), ("city", address.city), ("state", address.state),
                       ("postal_code", address.postal_code), ("country", address.country)):
        if value:
            fields[key] = value
    return fields


def _fields(meeting: Meeting, site_url: str) -> dict:
    """What each of a meeting's objects says, save its slug and day."""
    fields = {
        "name": meeting.name,
        "timezone": meeting.timezone,
        "types": spec_types(meeting),
        "attendance_option": ATTENDANCE_OPTION[meeting.attendance] if meeting.active else "inactive",
        "url": f"{site_url}/{meeting.page_url}",
        **_address(meeting),
    }
    if meeting.time:
        fields.update(time=meeting.time, end_time=meeting.end)
    for key in OPTIONAL_TEXT:
        value = getattr(meeting, key)
        if value:
            fields[key] = value
    if meeting.located:
        fields.update(latitude=meeting.latitude, longitude=meeting.longitude,
                      approximate="yes" if meeting.approximate else "no")
    if meeting.regions:
        fields["regions"] = list(meeting.regions)
    if meeting.languages:
        fields["languages"] = list(meeting.languages)
    if meeting.last_verified:
        fields["updated"] = f"{meeting.last_verified.isoformat()} 00:00:00"
    return fields


def entries(meeting: Meeting, site_url: str) -> list[dict]:
    """The feed's objects for one meeting: one per day, or one without a day for "by appointment"."""
    fields = _fields(meeting, site_url)
    if not meeting.days:
        return [{"slug": meeting.slug, **fields}]
    return [{"slug": day_slug(meeting, day), "day": day, **fields} for day in meeting.days]


def _numbered(slug: str, taken: set[str]) -> str:
    """A day slug that another meeting already has, with the first number that makes it free."""
    base, number = slug[: SLUG_LIMIT - 3], 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def feed(meetings, site_url: str) -> str:
    """The whole feed, sorted by slug; a day slug that another meeting already has gets a number.

    One object per line, each written by ``json``: a changed meeting is a one-line diff."""
    taken = {meeting.slug for meeting in meetings}
    encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
    lines = []
    for meeting in meetings:
        for item in entries(meeting, site_url):
            slug = item["slug"]
            if slug in taken and slug != meeting.slug:
                item["slug"] = slug = _numbered(slug, taken)
            taken.add(slug)
            lines.append((slug, encode(item)))
    lines.sort(key=itemgetter(0))
    return "[\n" + ",\n".join([line for _, line in lines]) + "\n]\n"
