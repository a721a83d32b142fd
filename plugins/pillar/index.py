"""The full-text index: lunr.py builds it at build time, lunr.js 2.3.9 reads it in the browser."""

from __future__ import annotations

import json
from functools import lru_cache

from lunr import lunr
from lunr.builder import Builder
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from .model import Listing

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


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return porter_stemmer.stem(word)


def _stemmer(token, i=None, tokens=None):
    """lunr's Porter stemmer, remembering each word's stem: a directory repeats its words a lot."""
    return token.update(lambda word, metadata=None: _stem(word))


_stemmer.label = "stemmer"  # the same step as lunr's own, so the index says "stemmer" as lunr.js expects


def _builder() -> Builder:
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, _stemmer)
    builder.search_pipeline.add(_stemmer)
    return builder


def index_json(listings: tuple[Listing, ...]) -> str:
    """The serialized lunr index of these listings, with sorted keys so the same listings give the same bytes."""
    index = lunr(ref="slug", fields=list(FIELDS), documents=[document(l) for l in listings], builder=_builder())
    return json.dumps(index.serialize(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
