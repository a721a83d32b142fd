"""Every located listing as an RFC 7946 GeoJSON Feature, for map tools (uMap, QGIS, Felt …)."""

from __future__ import annotations

import json

from pillar.directory.model import Community, Listing, Meeting, Service


def properties(listing: Listing, site_url: str) -> dict:
    found = {"kind": listing.kind, "slug": listing.slug, "name": listing.name,
             "url": f"{site_url}/{listing.page_url}", "approximate": listing.approximate, "status": listing.status}
    if listing.address:
        found["address"] = listing.address.text
    if listing.regions:
        found["regions"] = list(listing.regions)
    if isinstance(listing, Meeting):
        found.update(fellowship=listing.fellowship, days=list(listing.days), time=listing.time,
                     end_time=listing.end, timezone=listing.timezone, types=list(listing.types),
                     attendance=listing.attendance, location=listing.location)
    elif isinstance(listing, Service):
        found.update(organization=listing.organization, service_types=list(listing.service_types),
                     phone=listing.phone)
    elif isinstance(listing, Community):
        found.update(platform=list(listing.platform))
    return found


def feature(listing: Listing, site_url: str) -> dict:
    return {"type": "Feature", "id": f"{listing.kind}/{listing.slug}",
            "geometry": {"type": "Point", "coordinates": [listing.longitude, listing.latitude]},
            "properties": properties(listing, site_url)}


def feed(listings, site_url: str) -> str:
    features = [feature(listing, site_url) for listing in listings if listing.located]
    return json.dumps({"type": "FeatureCollection", "features": features}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")) + "\n"
