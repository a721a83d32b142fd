"""schema.org JSON-LD for listing pages, so search engines and assistants read listings right."""

from __future__ import annotations

import json

from pillar.directory.model import Community, Listing, Meeting, Service, WEEKDAYS

ATTENDANCE_MODE = {"in_person": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
                   "hybrid": "MixedEventAttendanceMode"}


def _place(listing: Listing) -> dict | None:
    if listing.address is None:
        return None
    address = listing.address
    postal = {"@type": "PostalAddress"}
    if address.formatted:
        postal["streetAddress"] = address.formatted
    else:
        postal.update({key: value for key, value in (
            ("streetAddress", address.street), ("addressLocality", address.city), ("addressRegion", address.state),
            ("postalCode", address.postal_code), ("addressCountry", address.country)) if value})
    place = {"@type": "Place", "name": getattr(listing, "location", "") or listing.name, "address": postal}
    if listing.located:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": listing.latitude, "longitude": listing.longitude}
    return place


def _meeting(meeting: Meeting, page: str) -> dict:
    data = {"@type": "Event", "name": meeting.name, "url": page,
            "eventAttendanceMode": f"https://schema.org/{ATTENDANCE_MODE[meeting.attendance]}",
            "eventStatus": "https://schema.org/EventScheduled" if meeting.active else
                           "https://schema.org/EventPostponed",
            "isAccessibleForFree": True}
    if meeting.days and meeting.time:
        data["eventSchedule"] = {"@type": "Schedule", "repeatFrequency": "P1W",
                                 "byDay": [f"https://schema.org/{WEEKDAYS[d].capitalize()}" for d in meeting.days],
                                 "startTime": meeting.time, "endTime": meeting.end,
                                 "scheduleTimezone": meeting.timezone}
    locations = []
    place = _place(meeting) if meeting.in_person else None
    if place:
        locations.append(place)
    if meeting.online and meeting.conference_url:
        locations.append({"@type": "VirtualLocation", "url": meeting.conference_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if meeting.group:
        data["organizer"] = {"@type": "Organization", "name": meeting.group}
    if meeting.notes:
        data["description"] = meeting.notes
    return data


def _service(service: Service, page: str) -> dict:
    data = {"@type": "Service", "name": service.name, "url": page,
            "provider": {"@type": "Organization", "name": service.organization}}
    if service.service_area:
        data["areaServed"] = service.service_area
    place = _place(service)
    if place:
        data["availableChannel"] = {"@type": "ServiceChannel", "serviceLocation": place}
    if service.phone:
        data["provider"]["telephone"] = service.phone
    return data


def _community(community: Community, page: str) -> dict:
    return {"@type": "Organization", "name": community.name, "url": community.url, "mainEntityOfPage": page}


ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
"""``json.dumps`` with these options, without making an encoder for every listing."""


def json_ld(listing: Listing, site_url: str) -> str:
    """The JSON-LD text, safe inside a <script> element (no "</" can close it early)."""
    page = f"{site_url}/{listing.page_url}"
    build = _meeting if isinstance(listing, Meeting) else _service if isinstance(listing, Service) else _community
    data = {"@context": "https://schema.org", **build(listing, page)}
    text = ENCODE(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
