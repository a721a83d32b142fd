"""The full-text index: lunr.py builds it at build time, lunr.js 2.3.9 reads it in the browser."""

from __future__ import annotations

import json

from lunr import lunr

from .model import Directory, Listing

FIELDS = (
    {"field_name": "name", "boost": 10},
    {"field_name": "place", "boost": 3},
    {"field_name": "group", "boost": 2},
    {"field_name": "notes"},
)


def document(listing: Listing) -> dict:
    place = [getattr(listing, "location", ""), listing.address.text if listing.address else "", *listing.regions]
    group = [getattr(listing, "group", ""), getattr(listing, "organization", ""), getattr(listing, "fellowship", "")]
    notes = [listing.notes, getattr(listing, "location_notes", ""), getattr(listing, "how_to_start", ""),
             getattr(listing, "approach", "")]
    return {"slug": listing.slug, "name": listing.name, "place": " ".join(filter(None, place)),
            "group": " ".join(filter(None, group)), "notes": " ".join(filter(None, notes))}


def index_json(directory: Directory) -> str:
    """The serialized lunr index, with sorted keys so the same directory gives the same bytes."""
    index = lunr(ref="slug", fields=list(FIELDS), documents=[document(l) for l in directory.listings])
    return json.dumps(index.serialize(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
