"""12 Step Meeting List's CSV import layout → meeting records.

One row per meeting under a header row: Time, End Time, Day, Name, Location, Address, Region,
Sub Region, Types, Notes, Location Notes, Timezone, Group, District, Sub District, Website,
Website 2, Mailing Address, Venmo, Group Notes, Conference URL, Author, Slug, Updated, and sometimes
Conference URL Notes, Conference Phone, Conference Phone Notes, Email, Phone, Latitude, Longitude,
City, State, Postal Code, Country. Column names are matched ignoring case, spaces, underscores and
hyphens. Times are 12-hour ("6:00 PM") or 24-hour; Day is a weekday name (blank: by appointment);
Types are the type names written out ("Open, Wheelchair Access"), matched to Meeting Guide codes by
their English labels, ignoring case, plus the older names 12 Step Meeting List writes
(:data:`TYPE_NAMES`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from pillar.importers import ImportFailed, Note, Record, clean, each_record

TYPE_NAMES = {
    "step meeting": "ST", "temporary closure": "TC", "location temporarily closed": "TC",
    "online meeting": "ONLINE", "online": "ONLINE", "hybrid": "HYBRID", "wheelchair accessible": "X",
    "wheelchair access": "X", "big book": "B", "birthday": "H", "newcomer": "BE", "beginner": "BE",
    "traditions": "TR", "tradition study": "TR", "speaker": "SP", "men": "M", "women": "W",
    "young people": "Y", "spanish": "S", "meditation": "MED", "literature": "LIT",
}
"""Type names 12 Step Meeting List has written over the years → codes (ONLINE/HYBRID say how to attend)."""
COLUMNS = {
    "time": "time", "starttime": "time", "endtime": "end_time", "day": "day", "name": "name",
    "meetingname": "name", "location": "location", "locationname": "location", "address": "address",
    "formattedaddress": "address", "city": "city", "state": "state", "postalcode": "postal_code",
    "zip": "postal_code", "zipcode": "postal_code", "country": "country", "region": "region",
    "subregion": "sub_region", "types": "types", "type": "types", "notes": "notes",
    "meetingnotes": "notes", "locationnotes": "location_notes", "timezone": "timezone", "group": "group",
    "groupname": "group", "groupnotes": "group_notes", "website": "website", "url": "website",
    "conferenceurl": "conference_url", "conferenceurlnotes": "conference_url_notes",
    "conferencephone": "conference_phone", "conferencephonenotes": "conference_phone_notes",
    "email": "email", "latitude": "latitude", "longitude": "longitude", "slug": "slug",
    "updated": "updated", "lastupdated": "updated",
}
"""Comparable header (see clean.column_key) → the field it fills."""
QUIET = {"author", "district", "subdistrict", "id"}
"""Columns about the source's own bookkeeping: left out without a note."""


def read_rows(text: str, source: str, columns: dict[str, str], required: tuple[str, ...]):
    """(line number, {field: value}, [unmapped non-empty headers]) for each non-blank row.

    Raises ImportFailed when the header lacks a required field."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportFailed(f"{source}: the file is empty")
    first = next(line for line in text.splitlines() if line.strip())
    delimiter = max(",;\t", key=first.count)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a huge cell is one record's problem
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header, header_line = None, 0
    for row in reader:
        if any(cell.strip() for cell in row):
            header, header_line = row, reader.line_num
            break
    keys = [clean.column_key(cell) for cell in header or []]
    fields = [columns.get(key) for key in keys]
    missing = [name for name in required if name not in fields]
    if missing:
        raise ImportFailed(f"{source}: line {header_line or 1}: the header row has no "
                           f"{' or '.join(missing)} column (found: {', '.join(c for c in header or [] if c)})")
    try:
        previous = reader.line_num
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            values: dict[str, str] = {}
            unmapped: list[str] = []
            for index, cell in enumerate(row):
                cell = cell.strip()
                if index >= len(fields):
                    if cell:
                        unmapped.append(f"column {index + 1}")
                    continue
                if fields[index] is None:
                    if cell and keys[index] not in QUIET:
                        unmapped.append(header[index].strip().lstrip("\ufeff"))
                elif cell and not values.get(fields[index]):
                    values[fields[index]] = cell
            yield start, values, unmapped
    except csv.Error as error:
        raise ImportFailed(f"{source}: line {reader.line_num}: not readable as CSV ({error})") from None


def date_of(value) -> str | None:
    """ "2020-04-04 16:50:58", "2020-04-0416:50:58", "12/22/18", "12/22/2018" → "YYYY-MM-DD"."""
    text = clean.text_of(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:\s.*)?", text)
    if match:
        month, day, year = map(int, match.groups())
        year += 2000 if year < 100 else 0
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _types(value: str) -> tuple[list[str], set[str], list[str]]:
    """(codes, {"online", "hybrid", "closed"} words, unknown names) from a Types cell."""
    codes, said, unknown = [], set(), []
    for name in [part.strip() for part in re.split(r"[,;]", value or "") if part.strip()]:
        alias = TYPE_NAMES.get(name.casefold())
        if alias in ("ONLINE", "HYBRID"):
            said.add(alias.lower())
            continue
        found, online, missing = clean.type_codes([alias or name])
        if online:
            said.add("online")
        unknown.extend(missing)
        for code in found:
            if code == "TC":
                said.add("closed")
            elif code not in codes:
                codes.append(code)
    return codes, said, unknown


def _address(row: dict) -> dict | str | None:
    street = clean.plain_text(row.get("address"))
    parts = {key: clean.plain_text(row.get(key)) for key in ("city", "state", "postal_code", "country")}
    parts = {key: value for key, value in parts.items() if value}
    if not parts:
        return street if len(street) >= 3 else None
    return {"street": street, **parts} if street else parts


def convert_row(row: dict, position: str, unmapped: list[str], notes: list[Note],
                days: str = "sunday0") -> Record | None:
    name = clean.plain_text(row.get("name"))
    wanted = clean.plain_text(row.get("slug")) or name
    slug = clean.slug(wanted) if wanted else ""
    note = lambda reason, skipped=False: notes.append(Note(position, slug, reason, skipped))  # noqa: E731
    if not name:
        note("it has no name", skipped=True)
        return None
    data: dict = {"name": name, "slug": slug}
    raw_day = row.get("day", "")
    found_days = clean.days([part for part in re.split(r"[,;/]", raw_day) if part.strip()], days) if raw_day else []
    if found_days is None:
        note(f"day {raw_day!r} is not a weekday", skipped=True)
        return None
    when = clean.schedule(found_days, row.get("time", ""), row.get("end_time"), note, end_name="end time")
    if when is None:
        return None
    data.update(when)
    codes, said, unknown = _types(row.get("types", ""))
    if unknown:
        note(f"unknown types left out: {', '.join(unknown)}")
    data["types"] = codes
    for key in ("location", "location_notes", "group", "group_notes", "notes", "conference_url_notes",
                "conference_phone_notes"):
        data[key] = clean.plain_text(row.get(key))
    conference = clean.url(row.get("conference_url"))
    if conference and not conference.lower().startswith("https://"):
        note(f"conference URL {conference} is not https: left out")
        conference = None
    elif row.get("conference_url") and not conference:
        note("conference URL is not a web address: left out")
    data["conference_url"] = conference
    data["conference_phone"] = clean.phone(row.get("conference_phone"))
    if row.get("conference_phone") and not data["conference_phone"]:
        note("conference phone is not a phone number: left out")
    online_link = bool(data["conference_url"] or data["conference_phone"])
    closed = "closed" in said
    address = _address(row)
    latitude, longitude = clean.coordinate(row.get("latitude"), 90), clean.coordinate(row.get("longitude"), 180)
    if latitude is None or longitude is None:
        latitude = longitude = None
    place = bool(address or latitude is not None)
    if closed and online_link:
        note("location temporarily closed, meets online: imported as online")
        attendance, closed, place = "online", False, False
    elif "online" in said and not place:
        attendance = "online"
    elif place and online_link:
        attendance = "hybrid"
    elif online_link and not place:
        attendance = "online"
    else:
        attendance = "in_person"
    if attendance == "online" and not online_link:
        note("an online meeting with no link or phone", skipped=True)
        return None
    data["status"] = "temporarily_closed" if closed else None
    if attendance != "online":
        data["address"], data["latitude"], data["longitude"] = address, latitude, longitude
        if not place and not closed:
            note("no address, coordinates, link or phone: nowhere to go", skipped=True)
            return None
    data["attendance"] = attendance
    data["regions"] = [clean.plain_text(row.get(key)) for key in ("region", "sub_region")
                       if clean.plain_text(row.get(key))]
    data["timezone"] = clean.zone(row.get("timezone"))
    if row.get("timezone") and not data["timezone"]:
        note(f"timezone {row['timezone']!r} is not an IANA time zone: left out")
    data["website"] = clean.url(row.get("website"))
    if row.get("website") and not data["website"]:
        note("website is not a web address: left out")
    email = clean.text_of(row.get("email")).strip()
    data["email"] = email if len(email) <= 254 and re.fullmatch(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+", email) else None
    if email and not data["email"]:
        note("email is not an email address: left out")
    data["last_verified"] = date_of(row.get("updated"))
    if unmapped:
        note(f"columns with no Pillar field left out: {', '.join(unmapped)}")
    return Record(position, data)


def convert(text: str, source: str, days: str | None = None) -> tuple[list[Record], list[Note]]:
    """``days``: how numbered days count ("sunday0" or "iso"); None tells from the file, as the Meeting
    Guide importer does (a 7 and no 0: 1 = Monday … 7 = Sunday). Weekday names are read either way."""
    from pillar.importers.meeting_guide import ISO_NOTE

    notes: list[Note] = []
    rows = [(f"{source}:{line}", (row, unmapped))
            for line, row, unmapped in read_rows(text, source, COLUMNS, ("name", "day"))]
    if days is None:
        days = clean.day_convention(part for _, (row, _) in rows for part in re.split(r"[,;/]", row.get("day", "")))
        if days == "iso":
            notes.append(Note(source, "", ISO_NOTE, about_feed=True))
    records = list(each_record(rows, lambda item, position: convert_row(item[0], position, item[1], notes, days),
                               notes, "row"))
    return records, notes
