"""Meeting Guide JSON (as served by 12 Step Meeting List and TSML UI sites) → meeting records.

``day`` is 0 = Sunday … 6 = Saturday, as the spec says; a feed whose days include 7 and never 0
numbers them 1 = Monday … 7 = Sunday instead (some online intergroups' exports), and is read so,
with a note in the summary. ``days="iso"`` or ``"sunday0"`` (``--days``) says which, whatever the feed.
A feed followed by stray text (a trailing ``}``) is read up to the end of its list, with a note.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from pillar.importers import ImportFailed, Note, Record, clean, each_record

ISO_NOTE = ("days read as 1 = Monday … 7 = Sunday: the feed has day 7 and no day 0 "
            "(--days sunday0 reads them as 0 = Sunday … 6 = Saturday)")


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
        return list(dict.fromkeys(clean.plain_text(r) for r in regions if clean.plain_text(r)))
    return [clean.plain_text(item.get(key)) for key in ("region", "sub_region") if clean.plain_text(item.get(key))]


def _attendance(item: dict, said_online: bool) -> str:
    option = clean.text_of(item.get("attendance_option")).strip().lower()
    if option in ("online", "hybrid", "in_person"):
        return option
    return "online" if said_online else ""


def convert_one(item: dict, position: str, notes: list[Note], days: str = "sunday0") -> Record | None:
    name = clean.plain_text(item.get("name"))
    wanted = clean.plain_text(item.get("slug")) or name
    slug = clean.slug(wanted) if wanted else ""
    note = lambda reason, skipped=False: notes.append(Note(position, slug, reason, skipped))  # noqa: E731
    if not name:
        note("it has no name", skipped=True)
        return None
    data: dict = {"name": name, "slug": slug}
    raw_day = item.get("day")
    found_days = [] if raw_day in (None, "", []) else clean.days(raw_day, days)
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
    closed = "TC" in codes or clean.text_of(item.get("attendance_option")).lower() == "inactive"
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
        approximate = clean.text_of(item.get("approximate")).strip().lower() in ("yes", "true", "1")
        data["approximate"] = True if approximate and data["latitude"] is not None else None
    data["attendance"] = attendance or None
    if attendance in ("in_person", "hybrid", "") and not data.get("address") and data.get("latitude") is None:
        if not online_link and not closed:
            note("no address, coordinates, link or phone: nowhere to go", skipped=True)
            return None
    data["regions"] = _regions(item)
    data["timezone"] = clean.zone(item.get("timezone"))
    data["website"] = clean.url(item.get("website"))
    email = clean.text_of(item.get("email")).strip()
    data["email"] = email if len(email) <= 254 and re.fullmatch(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+", email) else None
    updated = clean.text_of(item.get("updated"))[:10]
    try:
        data["last_verified"] = dt.date.fromisoformat(updated).isoformat()
    except ValueError:
        data["last_verified"] = None
    return Record(position, data)


def _items(text: str, source: str, notes: list[Note]):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        failed = error
    except RecursionError:
        raise ImportFailed(f"{source}: not a Meeting Guide feed (nested too deeply)") from None
    try:  # a whole list, then stray text ("}" left by an editor): the list is the feed
        items, end = json.JSONDecoder().raw_decode(text.lstrip())
    except (json.JSONDecodeError, RecursionError):
        items = None
    if failed.msg != "Extra data" or not isinstance(items, (list, dict)):
        raise ImportFailed(f"{source}: not valid JSON ({failed.msg} at line {failed.lineno}, column {failed.colno})")
    notes.append(Note(source, "", f"text after the feed (line {failed.lineno}, column {failed.colno}) "
                                  "left out", about_feed=True))
    return items


def convert(text: str, source: str, days: str | None = None) -> tuple[list[Record], list[Note]]:
    """``days``: "sunday0", "iso", or None to tell from the feed (see the module's text)."""
    records, notes = [], []
    items = _items(text, source, notes)
    if isinstance(items, dict):
        items = next((value for value in items.values() if isinstance(value, list)), None)
    if not isinstance(items, list):
        raise ImportFailed(f"{source}: a Meeting Guide feed is a JSON list of meetings")
    meetings = [item for item in items if isinstance(item, dict)]
    if days is None:
        days = clean.day_convention(item.get("day") for item in meetings)
        if days == "iso":
            notes.append(Note(source, "", ISO_NOTE, about_feed=True))

    def one(item, position):
        if not isinstance(item, dict):
            notes.append(Note(position, "", "not a meeting object", skipped=True))
            return None
        return convert_one(item, position, notes, days)

    records = list(each_record(((f"{source}[{index}]", item) for index, item in enumerate(items)), one, notes,
                               "meeting"))
    return records, notes
