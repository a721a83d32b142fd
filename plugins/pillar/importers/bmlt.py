"""BMLT (Basic Meeting List Toolbox, NA) ``GetSearchResults`` JSON → meeting records.

The answer is a list of meeting objects, or ``{"meetings": [...], "formats": [...]}`` when asked with
``get_used_formats``. Every value is a string: ``weekday_tinyint`` 1 = Sunday … 7 = Saturday,
``start_time`` "19:30:00", ``duration_time`` "01:30:00", ``venue_type`` 1 in person, 2 virtual,
3 hybrid, ``published`` "0" or "1".

Formats. With the server's ``GetFormats`` answer (``--formats FILE``, or the ``formats`` the search
answer carries), each of a meeting's formats (by id from ``format_shared_id_list``, else by
``key_string`` from ``formats``) is mapped through its ``world_id`` — the NA World Services code —
to a code of our NA table (OPEN, CLOSED, DISC, JFT …) or the Meeting Guide table (M, W, Y);
a language format (``format_type_enum`` or ``world_id`` LANG) whose key is a language code becomes
one of the meeting's ``languages``. Without a formats table the key strings go through
:data:`KEY_CODES`, the keys of BMLT's standard English format set; a two-letter lowercase key
("es", "ru") or "ES" is taken as a language. ``VM`` (virtual), ``HY``
(hybrid) and ``TC`` (temporarily closed) say how to attend, not what the meeting is. Anything
else is left out with a note, and the meeting still imported.
"""

from __future__ import annotations

import json

from pillar.directory.model import WEEKDAYS
from pillar.directory.type_codes import type_table
from pillar.importers import ImportFailed, Note, Record, clean, each_record

FELLOWSHIP = "NA"
KEY_CODES = {
    "O": ["OPEN"], "C": ["CLOSED"], "D": ["DISC"], "B": ["BEG"], "BT": ["BT"], "JT": ["JFT"], "JFT": ["JFT"],
    "SD": ["SPK", "DISC"], "So": ["SPK"], "Sp": ["SPK"], "SPK": ["SPK"], "St": ["STEP"], "S": ["STEP"],
    "SG": ["SWG"], "SWG": ["SWG"], "Tr": ["TRAD"], "TW": ["TRAD"], "To": ["TOP"], "T": ["TOP"],
    "WC": ["WCHR"], "CL": ["CAN"], "CAN": ["CAN"], "CW": ["CW"], "NC": ["NC"], "NS": ["NS"], "IP": ["IP"],
    "IW": ["IW"], "QA": ["QA"], "AB": ["QA"], "ME": ["MED"], "Med": ["MED"], "MED": ["MED"], "CP": ["CPT"],
    "CPT": ["CPT"], "LC": ["LC"], "BK": ["LIT"], "Lit": ["LIT"], "LIT": ["LIT"], "RF": ["VAR"],
    "VAR": ["VAR"], "GL": ["GL"], "M": ["M"], "W": ["W"], "YP": ["Y"], "Y": ["Y"], "GP": ["GP"],
}
"""BMLT's standard English format keys → our codes (used when no GetFormats table is given).
Keys are matched exactly first, then ignoring case."""
ATTENDANCE_FORMATS = {"VM": "online", "HY": "hybrid", "TC": "closed"}
VENUE_TYPES = {"1": "in_person", "2": "online", "3": "hybrid"}
PLACEHOLDER = (34.235918, -118.563659)
"""The coordinates a BMLT server fills in when nobody set them (its default map centre)."""
FIELD_SEPARATOR = "#@-@#"
"""BMLT stores "prompt#@-@#value" in some text fields: only the value is wanted."""


def formats_table(text_or_list) -> list[dict]:
    """The format objects of a GetFormats answer: a list, or {"formats": [...]}; JSON text or parsed."""
    data = text_or_list
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as error:
            raise ImportFailed(f"--formats: not valid JSON ({error.msg} at line {error.lineno}, "
                               f"column {error.colno})") from None
        except RecursionError:
            raise ImportFailed("--formats: not a GetFormats answer (nested too deeply)") from None
    if isinstance(data, dict):
        data = data.get("formats")
    if not isinstance(data, list):
        raise ImportFailed("--formats: a BMLT GetFormats answer is a JSON list of formats")
    return [item for item in data if isinstance(item, dict)]


class FormatMap:
    """Turns a meeting's format ids or keys into (type codes, languages, attendance words, unknown)."""

    def __init__(self, table: list[dict] | None):
        self.table = table
        self.by_id = {str(f.get("id", "")).strip(): f for f in table or [] if str(f.get("id", "")).strip()}
        self.by_key: dict[str, dict] = {}
        for item in table or []:
            self.by_key.setdefault(str(item.get("key_string", "")).strip(), item)
        self.known = type_table().codes(FELLOWSHIP)
        self.upper_keys = {key.upper(): codes for key, codes in KEY_CODES.items()}

    def _from_default(self, key: str, out: dict) -> None:
        if key in ATTENDANCE_FORMATS or key.upper() in ATTENDANCE_FORMATS:
            out["attend"].append(ATTENDANCE_FORMATS[key.upper()])
        elif key in KEY_CODES or key.upper() in self.upper_keys:
            out["codes"].extend(KEY_CODES.get(key) or self.upper_keys[key.upper()])
        elif key.upper() in self.known:
            out["codes"].append(key.upper())
        elif (key == "ES" or (key.islower() and len(key) == 2)) and clean.language(key):
            out["languages"].append(clean.language(key))
        else:
            out["unknown"].append(key)

    def _from_format(self, item: dict, out: dict) -> None:
        key = clean.text_of(item.get("key_string")).strip()
        world = clean.text_of(item.get("world_id")).strip().upper()
        kind = clean.text_of(item.get("format_type_enum")).strip().upper()
        if world in ATTENDANCE_FORMATS:
            out["attend"].append(ATTENDANCE_FORMATS[world])
        elif world == "LANG" or kind == "LANG":
            code = clean.language(key)
            if code:
                out["languages"].append(code)
            elif world == "LANG":
                out["codes"].append("LANG")
            else:
                out["unknown"].append(self._label(key, item))
        elif world in self.known:
            out["codes"].append(world)
        else:
            out["unknown"].append(self._label(key, item))

    @staticmethod
    def _label(key: str, item: dict) -> str:
        name = clean.plain_text(item.get("name_string"))
        return f"{key} ({name})" if name and name != key else key or str(item.get("id"))

    def convert(self, ids: str, keys: str) -> dict:
        out: dict[str, list] = {"codes": [], "languages": [], "attend": [], "unknown": []}
        id_list = [part.strip() for part in clean.text_of(ids).split(",") if part.strip()]
        key_list = [part.strip() for part in clean.text_of(keys).split(",") if part.strip()]
        if self.table is None:
            for key in key_list:
                self._from_default(key, out)
        elif id_list and all(i in self.by_id for i in id_list):
            for ident in id_list:
                self._from_format(self.by_id[ident], out)
        else:
            for key in key_list:
                if key in self.by_key:
                    self._from_format(self.by_key[key], out)
                else:
                    self._from_default(key, out)
        for name in ("codes", "languages", "attend", "unknown"):
            out[name] = list(dict.fromkeys(out[name]))
        return out


def _text(value) -> str:
    text = clean.text_of(value)
    if FIELD_SEPARATOR in text:
        text = text.split(FIELD_SEPARATOR, 1)[1]
    return clean.plain_text(text)


def _join(*parts: str) -> str:
    return "\n\n".join(dict.fromkeys(part for part in parts if part))


def _address(item: dict) -> dict | None:
    parts = {"street": _text(item.get("location_street")),
             "city": _text(item.get("location_municipality")) or _text(item.get("location_city_subsection")),
             "state": _text(item.get("location_province")),
             "postal_code": _text(item.get("location_postal_code_1")),
             "country": _text(item.get("location_nation"))}
    parts = {key: value for key, value in parts.items() if value}
    return parts or None


def _regions(item: dict) -> list[str]:
    city = _text(item.get("location_municipality"))
    area = _text(item.get("location_city_subsection")) or _text(item.get("location_neighborhood"))
    return list(dict.fromkeys(part for part in (city, area) if part))


def convert_one(item: dict, position: str, notes: list[Note], formats: FormatMap) -> Record | None:
    name = _text(item.get("meeting_name"))
    ident = clean.text_of(item.get("id_bigint")).strip()
    slug = clean.slug_with_id(clean.slug(name), ident) if name else clean.slug_with_id("", ident)
    note = lambda reason, skipped=False: notes.append(Note(position, slug, reason, skipped))  # noqa: E731
    if str(item.get("published", "1")).strip() == "0":
        note("not published on the BMLT server", skipped=True)
        return None
    if not name:
        note("it has no name", skipped=True)
        return None
    data: dict = {"name": name, "slug": slug, "fellowship": FELLOWSHIP}
    weekday = clean.text_of(item.get("weekday_tinyint")).strip()
    if not (weekday.isdigit() and 1 <= int(weekday) <= 7):
        note(f"weekday_tinyint {item.get('weekday_tinyint')!r} is not a day 1-7", skipped=True)
        return None
    data["day"] = WEEKDAYS[int(weekday) - 1]
    time = clean.time_of_day(item.get("start_time"))
    if time is None:
        note(f"start_time {item.get('start_time')!r} is not a time of day", skipped=True)
        return None
    data["time"] = time
    data["end_time"] = clean.duration_end(time, item.get("duration_time"))
    if item.get("duration_time") not in (None, "") and data["end_time"] is None \
            and str(item.get("duration_time")).strip() not in ("00:00:00", "00:00", "0"):
        note(f"duration_time {item.get('duration_time')!r} is not a duration: end_time left out")
    found = formats.convert(item.get("format_shared_id_list"), item.get("formats"))
    if found["unknown"]:
        note(f"unknown formats left out: {', '.join(found['unknown'])}")
    data["types"] = found["codes"]
    data["languages"] = found["languages"]
    closed = "closed" in found["attend"]
    data["status"] = "temporarily_closed" if closed else None
    data["location"] = _text(item.get("location_text"))
    data["location_notes"] = _join(_text(item.get("location_info")), _text(item.get("public_transport")))
    data["notes"] = _join(_text(item.get("comments")), _text(item.get("format_comments")))
    link = clean.text_of(item.get("virtual_meeting_link")).strip()
    conference = clean.url(link)
    extra_info = _text(item.get("virtual_meeting_additional_info"))
    if conference and not conference.lower().startswith("https://"):
        note(f"virtual_meeting_link {conference} is not https: left out")
        conference = None
    elif link and not conference:
        note("virtual_meeting_link is not a web address: kept in conference_url_notes")
        extra_info = _join(_text(link), extra_info)
    data["conference_url"] = conference
    dial = clean.text_of(item.get("phone_meeting_number")).strip()
    data["conference_phone"] = clean.phone(dial)
    if dial and not data["conference_phone"]:
        note("phone_meeting_number is not a phone number: kept in conference_phone_notes")
        data["conference_phone_notes"] = _text(dial)
    data["conference_url_notes"] = extra_info
    online_link = bool(data["conference_url"] or data["conference_phone"])
    venue = clean.text_of(item.get("venue_type")).strip()
    attendance = VENUE_TYPES.get(venue)
    if attendance is None:
        if "online" in found["attend"]:
            attendance = "online"
        elif "hybrid" in found["attend"]:
            attendance = "hybrid"
        elif online_link:
            attendance = "hybrid" if _text(item.get("location_street")) else "online"
        else:
            attendance = "in_person"
    attendance = clean.settle_attendance(attendance, online_link, closed, note, online_word="a virtual")
    if attendance is None:
        return None
    if attendance != "online":
        data["address"] = _address(item)
        data["latitude"] = clean.coordinate(item.get("latitude"), 90)
        data["longitude"] = clean.coordinate(item.get("longitude"), 180)
        if (data["latitude"], data["longitude"]) == PLACEHOLDER:
            note("the coordinates are the BMLT server's default placeholder: left out")
            data["latitude"] = data["longitude"] = None
        if data["latitude"] is None or data["longitude"] is None:
            data["latitude"] = data["longitude"] = None
        if not data["address"] and data["latitude"] is None and not closed:
            if online_link:
                note("no address or coordinates for the room: imported as online")
                attendance = "online"
            else:
                note("no address, coordinates, link or phone: nowhere to go", skipped=True)
                return None
    data["attendance"] = attendance
    data["regions"] = _regions(item)
    data["timezone"] = clean.zone(item.get("time_zone"))
    if clean.text_of(item.get("time_zone")).strip() and not data["timezone"]:
        note(f"time_zone {item.get('time_zone')!r} is not an IANA time zone: left out")
    return Record(position, data)


def convert(text: str, source: str, formats: str | None = None) -> tuple[list[Record], list[Note]]:
    try:
        answer = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{source}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})")
    except RecursionError:
        raise ImportFailed(f"{source}: not a BMLT answer (nested too deeply)") from None
    table = formats_table(formats) if formats is not None else None
    if isinstance(answer, dict):
        if table is None and isinstance(answer.get("formats"), list):
            table = formats_table(answer["formats"])
        answer = answer.get("meetings")
    if not isinstance(answer, list):
        raise ImportFailed(f"{source}: a BMLT GetSearchResults answer is a JSON list of meetings")
    format_map = FormatMap(table)
    notes: list[Note] = []

    def one(item, position):
        if not isinstance(item, dict):
            notes.append(Note(position, "", "not a meeting object", skipped=True))
            return None
        return convert_one(item, position, notes, format_map)

    records = list(each_record(((f"{source}[{index}]", item) for index, item in enumerate(answer)), one, notes,
                               "meeting"))
    return records, notes
