"""What the finder in the browser reads: every listing as a small record, and the labels it shows.

Written into the shards (see :mod:`shards`): sorted keys, no whitespace, so the same directory gives the
same bytes. Records carry only what the finder filters, sorts and shows on; each listing's page has
the rest.
"""

from __future__ import annotations

import json

from pillar.directory import vocab
from pillar.directory.model import Community, Directory, Listing, Meeting, Service
from pillar.directory.type_codes import type_table

ACCESSIBILITY_TYPES = ("X", "XB", "XT", "ASL", "LS")
"""Meeting Guide codes the finder offers under "Accessibility" rather than with the other types."""


def _common(listing: Listing, site_url: str) -> dict:
    record = {
        "slug": listing.slug,
        "kind": listing.kind,
        "name": listing.name,
        "url": f"{site_url}/{listing.page_url}",
        "tz": listing.timezone,
        "regions": list(listing.regions),
        "languages": list(listing.languages),
        "status": listing.status,
    }
    if listing.located:
        record.update(lat=listing.latitude, lon=listing.longitude)
        if listing.approximate:
            record["approximate"] = True
    if listing.address:
        record["address"] = listing.address.text
    return record


def _meeting(meeting: Meeting) -> dict:
    return {
        "days": list(meeting.days),
        "time": meeting.time,
        "end": meeting.end,
        "attendance": meeting.attendance,
        "fellowship": meeting.fellowship,
        "types": list(meeting.types),
        "location": meeting.location,
    }


def _service(service: Service) -> dict:
    return {
        "organization": service.organization,
        "service_types": list(service.service_types),
        "serves": list(service.serves),
        "cost": list(service.cost),
    }


def _community(community: Community) -> dict:
    return {
        "platform": list(community.platform),
        "always_open": community.availability == "always",
        "serves": list(community.serves),
        "cost": [community.cost] if community.cost else [],
        "fellowship": community.fellowship,
    }


def record(listing: Listing, site_url: str = "") -> dict:
    extra = (_meeting if isinstance(listing, Meeting) else _service if isinstance(listing, Service)
             else _community)(listing)
    return {**_common(listing, site_url), **extra}


def facets(directory: Directory) -> dict:
    """The choices each finder filter offers: only values the directory uses, with their labels."""
    meetings, services, communities = directory.meetings, directory.services, directory.communities
    table = type_table()
    types = sorted({(code, m.fellowship) for m in meetings for code in m.types if code not in ACCESSIBILITY_TYPES},
                   key=lambda pair: (table.label(*pair).casefold(), pair))
    used = lambda values: sorted(set(values))  # noqa: E731
    return {
        "fellowships": used(m.fellowship for m in meetings if m.fellowship),
        "types": list({code: (code, table.codes(fellowship)[code]) for code, fellowship in types}.values()),
        "accessibility": [(code, table.codes()[code]) for code in ACCESSIBILITY_TYPES
                          if any(code in m.types for m in meetings)],
        "regions": used(" › ".join(l.regions[: depth + 1]) for l in directory.listings
                        for depth in range(min(2, len(l.regions)))),
        "languages": [(code, vocab.language_name(code)) for code in used(c for l in directory.listings
                                                                           for c in l.languages)],
        "service_types": [(code, vocab.SERVICE_TYPES[code]) for code in used(c for s in services
                                                                             for c in s.service_types)],
        "serves": [(code, vocab.SERVES[code]) for code in used(c for l in services + communities for c in l.serves)],
        "service_cost": [(code, vocab.SERVICE_COST[code]) for code in used(c for s in services for c in s.cost)],
        "community_cost": [(code, vocab.COMMUNITY_COST[code]) for code in used(c.cost for c in communities if c.cost)],
        "platforms": [(code, vocab.PLATFORM[code]) for code in used(p for c in communities for p in c.platform)],
    }


def records_json(listings: tuple[Listing, ...], site_url: str = "") -> str:
    data = {"version": 1, "listings": [record(listing, site_url) for listing in listings]}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
