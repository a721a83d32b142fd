"""NA World Services' meeting export/import CSV layout (as BMLT's NAWS export writes it) → meetings.

Columns (matched ignoring case, spaces and underscores): Committee (the group's NAWS id, e.g.
G00097171), CommitteeName, AddDate, AreaRegion, ParentName, ComemID, CompanyName, MeetingID, Room,
Closed (OPEN/CLOSED), WheelChr (TRUE/FALSE), Day (weekday name), Time ("HHMM"), Language1-3,
LocationId, Place, Address, City, LocBorough, State, Zip, Country, Directions, Institutional,
Format1..Format5 (NA world format codes), Delete ("D" = deleted), LastChanged (M/D/YY), Longitude,
Latitude, and in newer files VirtualMeetingLink, VirtualMeetingInfo, TimeZone; then bmlt_id and
unpublished ("1").

One group (Committee) often holds several meetings, so the slug is the name, the committee id, the
day and the time: "falmouth-g00097171-sun-0730". Format VM (virtual) and HY (hybrid) say how to
attend; TC marks the location temporarily closed.
"""

from __future__ import annotations

from pillar.directory.model import WEEKDAYS
from pillar.directory.type_codes import type_table
from pillar.importers import Note, Record, clean, each_record
from pillar.importers.tsml_csv import date_of, read_rows

FELLOWSHIP = "NA"
COLUMNS = {
    "committee": "committee", "committeename": "name", "room": "room", "closed": "closed",
    "wheelchr": "wheelchair", "day": "day", "time": "time", "language1": "language1",
    "language2": "language2", "language3": "language3", "place": "place", "address": "address",
    "city": "city", "locborough": "borough", "state": "state", "zip": "zip", "country": "country",
    "directions": "directions", "institutional": "institutional", "format1": "format1",
    "format2": "format2", "format3": "format3", "format4": "format4", "format5": "format5",
    "delete": "delete", "lastchanged": "last_changed", "longitude": "longitude", "latitude": "latitude",
    "virtualmeetinglink": "conference_url", "virtualmeetinginfo": "conference_info",
    "virtualmeetingadditionalinfo": "conference_info", "phonemeetingnumber": "conference_phone",
    "timezone": "timezone", "bmltid": "bmlt_id", "unpublished": "unpublished",
    # bookkeeping columns: read, and left out without a note
    "adddate": "-", "arearegion": "-", "parentname": "-", "comemid": "-", "companyname": "-",
    "meetingid": "-", "locationid": "-",
}
ATTENDANCE_FORMATS = {"VM": "online", "HY": "hybrid", "TC": "closed"}


def _join(*parts: str) -> str:
    return "\n\n".join(dict.fromkeys(part for part in parts if part))


def convert_row(row: dict, position: str, unmapped: list[str], notes: list[Note]) -> Record | None:
    name = clean.plain_text(row.get("name"))
    committee = clean.text_of(row.get("committee")).strip()
    found_days = clean.days(row["day"]) if row.get("day") else None
    time = clean.time_of_day(row.get("time"))
    when = " ".join(part for part in (WEEKDAYS[found_days[0]][:3] if found_days else "",
                                      time.replace(":", "") if time else "") if part)
    slug = clean.slug_with_id(clean.slug(name) if name else "", f"{committee} {when}".strip())
    note = lambda reason, skipped=False: notes.append(Note(position, slug, reason, skipped))  # noqa: E731
    if clean.text_of(row.get("delete")).strip().upper() == "D":
        note("marked for deletion (Delete = D)", skipped=True)
        return None
    if clean.text_of(row.get("unpublished")).strip() == "1":
        note("unpublished (unpublished = 1)", skipped=True)
        return None
    if not name:
        note("it has no name", skipped=True)
        return None
    if not found_days or len(found_days) != 1:
        note(f"day {row.get('day', '')!r} is not a weekday", skipped=True)
        return None
    if time is None:
        note(f"time {row.get('time', '')!r} is not a time of day", skipped=True)
        return None
    data: dict = {"name": name, "slug": slug, "fellowship": FELLOWSHIP, "day": WEEKDAYS[found_days[0]],
                  "time": time}
    known = type_table().codes(FELLOWSHIP)
    codes, said, unknown = [], set(), []
    closed_column = clean.text_of(row.get("closed")).strip().upper()
    if closed_column in ("OPEN", "CLOSED"):
        codes.append(closed_column)
    elif closed_column:
        unknown.append(f"Closed = {row['closed']}")
    if clean.truthy(row.get("wheelchair")):
        codes.append("WCHR")
    for key in ("format1", "format2", "format3", "format4", "format5"):
        code = clean.text_of(row.get(key)).strip().upper()
        if not code:
            continue
        if code in ATTENDANCE_FORMATS:
            said.add(ATTENDANCE_FORMATS[code])
        elif code in known:
            codes.append(code)
        else:
            unknown.append(row[key].strip())
    if unknown:
        note(f"unknown formats left out: {', '.join(unknown)}")
    data["types"] = list(dict.fromkeys(codes))
    languages, odd = [], []
    for key in ("language1", "language2", "language3"):
        if row.get(key):
            code = clean.language(row[key])
            (languages if code else odd).append(code or row[key])
    if odd:
        note(f"unknown languages left out: {', '.join(odd)}")
    data["languages"] = list(dict.fromkeys(languages))
    data["location"] = clean.plain_text(row.get("place"))
    data["location_notes"] = _join(clean.plain_text(row.get("room")), clean.plain_text(row.get("directions")))
    conference = clean.url(row.get("conference_url"))
    if conference and not conference.lower().startswith("https://"):
        note(f"VirtualMeetingLink {conference} is not https: left out")
        conference = None
    elif row.get("conference_url") and not conference:
        note("VirtualMeetingLink is not a web address: left out")
    data["conference_url"] = conference
    data["conference_phone"] = clean.phone(row.get("conference_phone"))
    data["conference_url_notes"] = clean.plain_text(row.get("conference_info"))
    online_link = bool(conference or data["conference_phone"])
    closed = "closed" in said
    address = {key: clean.plain_text(row.get(column)) for key, column in (
        ("street", "address"), ("city", "city"), ("state", "state"), ("postal_code", "zip"),
        ("country", "country"))}
    address = {key: value for key, value in address.items() if value}
    latitude, longitude = clean.coordinate(row.get("latitude"), 90), clean.coordinate(row.get("longitude"), 180)
    if latitude is None or longitude is None:
        latitude = longitude = None
    if "online" in said:
        attendance = "online"
    elif "hybrid" in said or (online_link and address.get("street")):
        attendance = "hybrid"
    elif online_link and not address.get("street"):
        attendance = "online"
    else:
        attendance = "in_person"
    if attendance in ("online", "hybrid") and not online_link and not closed:
        if attendance == "online":
            note("a virtual meeting with no link or phone", skipped=True)
            return None
        note("said hybrid but gives no link or phone: imported as in person")
        attendance = "in_person"
    data["status"] = "temporarily_closed" if closed else None
    if attendance != "online":
        data["address"], data["latitude"], data["longitude"] = address or None, latitude, longitude
        if not address and latitude is None and not closed:
            note("no address, coordinates, link or phone: nowhere to go", skipped=True)
            return None
    data["attendance"] = attendance
    data["regions"] = list(dict.fromkeys(part for part in (clean.plain_text(row.get("city")),
                                                           clean.plain_text(row.get("borough"))) if part))
    data["timezone"] = clean.zone(row.get("timezone"))
    if row.get("timezone") and not data["timezone"]:
        note(f"TimeZone {row['timezone']!r} is not an IANA time zone: left out")
    data["last_verified"] = date_of(row.get("last_changed"))
    if clean.truthy(row.get("institutional")):
        note("an institutional meeting (Institutional = TRUE): check that it is open to visitors")
    if unmapped:
        note(f"columns with no Pillar field left out: {', '.join(unmapped)}")
    return Record(position, data)


def convert(text: str, source: str) -> tuple[list[Record], list[Note]]:
    notes: list[Note] = []

    def one(item, position):
        row, unmapped = item
        row.pop("-", None)
        return convert_row(row, position, unmapped, notes)

    rows = ((f"{source}:{line}", (row, unmapped)) for line, row, unmapped in read_rows(text, source, COLUMNS,
                                                                                      ("name", "day", "time")))
    return list(each_record(rows, one, notes, "row")), notes
