"""Peer recovery support services as Open Referral HSDS 3.0 JSON, one file per table, so 211 systems
and referral tools can take them. Ids are UUIDv5s made from the site and the slug: stable across builds."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from zoneinfo import ZoneInfo

from pillar.directory.model import Service
from pillar.directory.vocab import SERVICE_COST, SERVICE_TYPES, language_name
from pillar.feeds.ical import ICAL_DAYS

TABLES = ("organizations", "services", "locations", "addresses", "service_at_locations", "schedules", "phones",
          "languages")
STATUS = {"active": "active", "temporarily_closed": "temporarily closed"}
OFFSET_DAY = dt.datetime(2026, 1, 15, 12)
"""HSDS schedules give a numeric UTC offset, not a named zone: the offset in mid-January is used."""


def make_id(site: str, *parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join((site or "pillar", *parts))))


def _offset(zone: str) -> float:
    return OFFSET_DAY.replace(tzinfo=ZoneInfo(zone)).utcoffset().total_seconds() / 3600


def _description(service: Service) -> str:
    offers = ", ".join(SERVICE_TYPES[code] for code in service.service_types)
    return " ".join(part for part in (f"Peer recovery support: {offers}.", service.notes) if part)


def tables(services, site_url: str) -> dict[str, list[dict]]:
    found = {name: [] for name in TABLES}
    organizations = {}
    for service in services:
        org_id = make_id(site_url, "organization", service.organization)
        if org_id not in organizations:
            organizations[org_id] = {"id": org_id, "name": service.organization,
                                     "description": f"Runs {service.name}."}
        service_id = make_id(site_url, "service", service.slug)
        found["services"].append({
            "id": service_id, "organization_id": org_id, "name": service.name,
            "description": _description(service), "url": f"{site_url}/{service.page_url}",
            "email": service.email or None, "status": STATUS[service.status],
            "application_process": service.how_to_start or None,
            "fees_description": ", ".join(SERVICE_COST[code] for code in service.cost) or None,
            "eligibility_description": ", ".join(service.serves) or None,
            "last_modified": f"{service.last_verified.isoformat()}T00:00:00Z" if service.last_verified else None,
        })
        if service.address or service.located:
            location_id = make_id(site_url, "location", service.slug)
            found["locations"].append({"id": location_id, "location_type": "physical", "name": service.name,
                                       "latitude": service.latitude, "longitude": service.longitude})
            if service.address:
                address = service.address
                found["addresses"].append({
                    "id": make_id(site_url, "address", service.slug), "location_id": location_id,
                    "address_1": address.street or address.formatted, "city": address.city or None,
                    "state_province": address.state or None, "postal_code": address.postal_code or None,
                    "country": address.country or None, "address_type": "physical"})
            found["service_at_locations"].append({"id": make_id(site_url, "service_at_location", service.slug),
                                                  "service_id": service_id, "location_id": location_id})
        for number, hours in enumerate(service.hours):
            found["schedules"].append({
                "id": make_id(site_url, "schedule", service.slug, str(number)), "service_id": service_id,
                "freq": "WEEKLY", "byday": ",".join(ICAL_DAYS[day] for day in hours.days),
                "opens_at": hours.opens, "closes_at": hours.closes, "timezone": _offset(service.timezone),
                "notes": f"Times are in {service.timezone}."})
        if service.phone:
            found["phones"].append({"id": make_id(site_url, "phone", service.slug), "service_id": service_id,
                                    "number": service.phone, "type": "voice"})
        for code in service.languages:
            found["languages"].append({"id": make_id(site_url, "language", service.slug, code),
                                       "service_id": service_id, "name": language_name(code), "code": code})
    found["organizations"] = sorted(organizations.values(), key=lambda row: row["id"])
    return {name: sorted(rows, key=lambda row: row["id"]) for name, rows in found.items()}


def files(services, site_url: str) -> dict[str, str]:
    """File name → JSON text, for feeds/hsds/."""
    return {f"{name}.json": json.dumps(rows, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
            for name, rows in tables(services, site_url).items()}
