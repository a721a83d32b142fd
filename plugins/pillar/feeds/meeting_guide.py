"""The Meeting Guide JSON feed (Code4Recovery's spec), read by the Meeting Guide app, TSML UI and
12 Step Meeting List: one object per meeting and day, so a meeting held on several days appears once
per day with its own slug."""

from __future__ import annotations

import json

from ..model import WEEKDAYS, Meeting
from ..types import type_table

SLUG_LIMIT = 64
ATTENDANCE_OPTION = {"in_person": "in_person", "online": "online", "hybrid": "hybrid"}


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


def entries(meeting: Meeting, site_url: str) -> list[dict]:
    """The feed's objects for one meeting: one per day, or one without a day for "by appointment"."""
    base = {
        "name": meeting.name,
        "timezone": meeting.timezone,
        "types": spec_types(meeting),
        "attendance_option": ATTENDANCE_OPTION[meeting.attendance] if meeting.active else "inactive",
        "url": f"{site_url}/{meeting.page_url}",
        **_address(meeting),
    }
    if meeting.time:
        base.update(time=meeting.time, end_time=meeting.end)
    for key in ("location", "location_notes", "conference_url", "conference_url_notes", "conference_phone",
                "conference_phone_notes", "group", "group_notes", "notes", "email", "website"):
        value = getattr(meeting, key)
        if value:
            base[key] = value
    if meeting.located:
        base.update(latitude=meeting.latitude, longitude=meeting.longitude, approximate="yes" if meeting.approximate
                    else "no")
    if meeting.regions:
        base["regions"] = list(meeting.regions)
    if meeting.languages:
        base["languages"] = list(meeting.languages)
    if meeting.last_verified:
        base["updated"] = f"{meeting.last_verified.isoformat()} 00:00:00"
    if not meeting.days:
        return [{"slug": meeting.slug, **base}]
    return [{"slug": day_slug(meeting, day), "day": day, **base} for day in meeting.days]


def feed(meetings, site_url: str) -> str:
    """The whole feed, sorted by slug; a day slug that another meeting already has gets a number."""
    taken = {meeting.slug for meeting in meetings}
    items = []
    for meeting in meetings:
        for item in entries(meeting, site_url):
            if item["slug"] != meeting.slug and item["slug"] in taken:
                base, number = item["slug"][: SLUG_LIMIT - 3], 2
                while f"{base}-{number}" in taken:
                    number += 1
                item["slug"] = f"{base}-{number}"
            taken.add(item["slug"])
            items.append(item)
    items.sort(key=lambda item: item["slug"])
    # One object per line: a changed meeting is a one-line diff, and json's fast encoder writes it.
    encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
    lines = map(encode, items)
    return "[\n" + ",\n".join(lines) + "\n]\n"
