"""Checks a schema cannot express: type codes, time zones, real dates, how to attend.

Each check takes one listing's loaded data (already checked against its schema) and returns
:class:`Finding`s: the path to the value, the message with its fix, and whether it is an error.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from functools import cache

from pillar.directory.safetext import UNSAFE, clip
from pillar.directory.suggest import did_you_mean
from pillar.directory.type_codes import type_table

LINK_FIELDS = ("website", "conference_url", "url", "email")

@dataclass(frozen=True)
class Finding:
    path: tuple
    message: str
    severity: str = "error"
    at_key: bool = False


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def _canonical_zones() -> list[str]:
    """Zones to suggest: the Area/Location names, not old aliases such as US/Central."""
    legacy = ("US/", "Etc/", "SystemV/", "Canada/", "Mexico/", "Brazil/", "Chile/")
    return sorted(zone for zone in _zones() if "/" in zone and not zone.startswith(legacy))


def valid_zone(name: str) -> bool:
    return name in _zones()


def _check_timezone(data) -> list[Finding]:
    zone = data.get("timezone")
    if isinstance(zone, str) and not valid_zone(zone):
        hint = did_you_mean(zone, _canonical_zones(), 0.7) or " — use a name such as America/Chicago"
        return [Finding(("timezone",), f'timezone: "{clip(zone)}" is not a known IANA time zone{hint}')]
    return []


def _check_date(data, today: dt.date) -> list[Finding]:
    value = data.get("last_verified")
    if not isinstance(value, str):
        return []
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return [Finding(("last_verified",), f'last_verified: "{clip(value)}" is not a real date — write YYYY-MM-DD')]
    if day > today:
        return [Finding(("last_verified",),
                        f'last_verified: {value} is in the future — write the date it was last checked',
                        "warning")]
    return []


def _check_coordinates(data) -> list[Finding]:
    has_lat, has_lon = "latitude" in data, "longitude" in data
    if has_lat != has_lon:
        given, missing = ("latitude", "longitude") if has_lat else ("longitude", "latitude")
        return [Finding((given,), f"{given} is given without {missing} — add {missing}, or remove both")]
    return []


def _check_links(data) -> list[Finding]:
    """A link or address holding a character that changes how it looks (U+202E shows the rest of
    it backwards, so ``evil.example/moc.elgoog`` reads as a trusted name) or cannot be seen."""
    findings = []
    for name in LINK_FIELDS:
        value = data.get(name)
        found = UNSAFE.search(value) if value.__class__ is str and not value.isprintable() else None
        if found:  # (every character UNSAFE names is one Python calls unprintable: most links skip the search)
            findings.append(Finding((name,), f"{name}: the address holds an invisible or direction-changing "
                                             f"character (U+{ord(found[0]):04X}) — type the address again by hand"))
    return findings


def _check_types(data) -> list[Finding]:
    codes = data.get("types")
    if not isinstance(codes, list):
        return []
    fellowship = data.get("fellowship") if isinstance(data.get("fellowship"), str) else ""
    table = type_table()
    known = table.codes(fellowship)
    findings = []
    for index, code in enumerate(codes):
        if not isinstance(code, str) or code in known:
            continue
        hint = table.suggestion(code, fellowship) or " — see the type codes in the README"
        findings.append(Finding(("types", index), f'types: unknown type code "{clip(code)}"{hint}'))
    return findings


def _check_meeting_time(data) -> list[Finding]:
    day, time = data.get("day"), data.get("time")
    if day == "appointment":
        if time is not None:
            return [Finding(("time",), "time: a meeting by appointment has no set time — remove time, or give a day")]
        return []
    if time is None and day is not None:
        return [Finding(("day",), 'missing "time" — add a line such as time: "19:30" (24-hour), '
                                  "or write day: appointment")]
    if data.get("end_time") is not None and time is None:
        return [Finding(("end_time",), 'end_time is given without time — add time: "HH:MM"')]
    return []


def attendance(data) -> str:
    """How people attend, from the attendance field or the address and conference fields."""
    place = any(key in data for key in ("address", "latitude"))
    online = any(key in data for key in ("conference_url", "conference_phone"))
    derived = "hybrid" if place and online else "online" if online else "in_person"
    return data.get("attendance") or derived


def _check_meeting_place(data) -> list[Finding]:
    how = attendance(data)
    place = any(key in data for key in ("address", "latitude"))
    online = any(key in data for key in ("conference_url", "conference_phone"))
    if data.get("status") == "temporarily_closed":
        return []
    where = ("attendance",) if "attendance" in data else ()
    if how in ("online", "hybrid") and not online:
        return [Finding(where, f"an {how.replace('_', ' ')} meeting needs a conference_url or a conference_phone "
                               "— add the link or dial-in number people use to join")]
    if how in ("in_person", "hybrid") and not place:
        what = "an in-person" if how == "in_person" else "a hybrid"
        return [Finding(where, f"{what} meeting needs an address — add address: (or latitude and longitude), "
                               "or a conference_url if it meets online")]
    return []


def _check_service_reach(data) -> list[Finding]:
    if any(key in data for key in ("address", "service_area", "phone", "website", "email")):
        return []
    return [Finding((), "say where or how to reach this service — add an address, service_area, phone or website")]


def _check_community_hours(data) -> list[Finding]:
    if data.get("availability") == "scheduled" and "hours" not in data:
        return [Finding(("availability",), "a scheduled community needs hours — add hours:, or write availability: always")]
    return []


CHECKS = {
    "meetings": (_check_meeting_time, _check_types, _check_meeting_place),
    "services": (_check_service_reach,),
    "online": (_check_community_hours,),
}


def check(data, folder: str, today: dt.date) -> list[Finding]:
    """Every finding for one listing's data, errors and warnings alike."""
    findings = _check_timezone(data) + _check_date(data, today) + _check_coordinates(data) + _check_links(data)
    for one_check in CHECKS[folder]:
        findings.extend(one_check(data))
    return findings
