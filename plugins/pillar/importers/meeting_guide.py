"""Meeting Guide JSON (as served by 12 Step Meeting List and TSML UI sites) → meeting records."""

from __future__ import annotations

import datetime as dt
import json
import re

from ..loader import make_slug
from . import ImportFailed, Note, Record, clean


def _address(item: dict) -> dict | str | None:
    parts = {key: clean.plain_text(item.get(source)) for key, source in (
        ("street", "address"), ("city", "city"), ("state", "state"), ("postal_code", "postal_code"),
        ("country", "country"))}
    formatted = clean.plain_text(item.get("formatted_address"))
    if formatted:
        return formatted
    parts = {key: value for key, value in parts.items() if value}
    return parts or None


def _regions(item: dict) -> list[str]:
    regions = item.get("regions")
    if isinstance(regions, list):
        return [clean.plain_text(r) for r in regions if clean.plain_text(r)]
    return [clean.plain_text(item.get(key)) for key in ("region", "sub_region") if clean.plain_text(item.get(key))]


def _attendance(item: dict, said_online: bool) -> str:
    option = str(item.get("attendance_option") or "").strip().lower()
    if option in ("online", "hybrid", "in_person"):
        return option
    return "online" if said_online else ""


def convert_one(item: dict, position: str, notes: list[Note]) -> Record | None:
    name = clean.plain_text(item.get("name"))
    slug = make_slug(str(item.get("slug") or name), ()) if (item.get("slug") or name) else ""
    note = lambda reason, skipped=False: notes.append(Note(position, slug, reason, skipped))  # noqa: E731
    if not name:
        note("it has no name", skipped=True)
        return None
    data: dict = {"name": name, "slug": slug}
    raw_day = item.get("day")
    found_days = [] if raw_day in (None, "", []) else clean.days(raw_day)
    if found_days is None:
        note(f"day {raw_day!r} is not a weekday", skipped=True)
        return None
    when = clean.schedule(found_days, item.get("time"), item.get("end_time"), note)
    if when is None:
        return None
    data.update(when)
    codes, said_online, unknown = clean.type_codes(item.get("types"))
    if unknown:
        note(f"unknown type codes left out: {', '.join(unknown)}")
    data["types"] = [code for code in codes if code != "TC"]
    closed = "TC" in codes or str(item.get("attendance_option") or "").lower() == "inactive"
    data["status"] = "temporarily_closed" if closed else None
    for key in ("location", "group"):
        data[key] = clean.plain_text(item.get(key))
    for key in ("location_notes", "group_notes", "notes", "conference_url_notes", "conference_phone_notes"):
        data[key] = clean.plain_text(item.get(key))
    conference = clean.url(item.get("conference_url"))
    if conference and not conference.lower().startswith("https://"):
        note(f"conference_url {conference} is not https: left out")
        conference = None
    elif item.get("conference_url") and not conference:
        note("conference_url is not a web address: left out")
    data["conference_url"] = conference
    data["conference_phone"] = clean.phone(item.get("conference_phone"))
    online_link = bool(data["conference_url"] or data["conference_phone"])
    attendance = clean.settle_attendance(_attendance(item, said_online), online_link, closed, note)
    if attendance is None:
        return None
    if attendance != "online":
        data["address"] = _address(item)
        data["latitude"] = clean.coordinate(item.get("latitude"), 90)
        data["longitude"] = clean.coordinate(item.get("longitude"), 180)
        if data["latitude"] is None or data["longitude"] is None:
            data["latitude"] = data["longitude"] = None
        approximate = str(item.get("approximate") or "").strip().lower() in ("yes", "true", "1")
        data["approximate"] = True if approximate and data["latitude"] is not None else None
    data["attendance"] = attendance or None
    if attendance in ("in_person", "hybrid", "") and not data.get("address") and data.get("latitude") is None:
        if not online_link and not closed:
            note("no address, coordinates, link or phone: nowhere to go", skipped=True)
            return None
    data["regions"] = _regions(item)
    data["timezone"] = clean.zone(item.get("timezone"))
    data["website"] = clean.url(item.get("website"))
    email = str(item.get("email") or "").strip()
    data["email"] = email if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email) else None
    updated = str(item.get("updated") or "")[:10]
    try:
        data["last_verified"] = dt.date.fromisoformat(updated).isoformat()
    except ValueError:
        data["last_verified"] = None
    return Record(position, data)


def convert(text: str, source: str) -> tuple[list[Record], list[Note]]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{source}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})")
    if isinstance(items, dict):
        items = next((value for value in items.values() if isinstance(value, list)), None)
    if not isinstance(items, list):
        raise ImportFailed(f"{source}: a Meeting Guide feed is a JSON list of meetings")
    records, notes = [], []
    for index, item in enumerate(items):
        position = f"{source}[{index}]"
        if not isinstance(item, dict):
            notes.append(Note(position, "", "not a meeting object", skipped=True))
            continue
        record = convert_one(item, position, notes)
        if record:
            records.append(record)
    return records, notes
