"""The full-text index: lunr.py builds it at build time, lunr.js 2.3.9 reads it in the browser."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from lunr import lunr
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.trimmer import full_re as TRIM

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


SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")
"""Where lunr's tokenizer splits words (whitespace and hyphens)."""


def _words(text: str) -> list[str]:
    """lunr's tokenizer, in one regular expression rather than a loop over characters."""
    return [word for word in SEPARATORS.split(text.lower()) if word]


@lru_cache(maxsize=200_000)
def _term(word: str) -> str | None:
    """lunr's indexing pipeline for one word — trimmer, stop words, Porter stemmer — or None for a
    stop word. Remembered: a directory repeats its words a lot."""
    trimmed = TRIM.match(word)
    word = trimmed.group(1) if trimmed else word
    return None if word in STOP_WORDS else porter_stemmer.stem(word)


def _terms(token, i=None, tokens=None):
    term = _term(str(token))
    if term is None:
        return None
    token.string = term
    return token


Pipeline.register_function(_terms, "pillarTerms")  # used only while building; never in the saved index


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return porter_stemmer.stem(word)


def _stemmer(token, i=None, tokens=None):
    return token.update(lambda word, metadata=None: _stem(word))


_stemmer.label = "stemmer"  # lunr's own step, so the index names "stemmer" as lunr.js expects


def _builder() -> Builder:
    builder = Builder()
    builder.pipeline.add(_terms)
    builder.search_pipeline.add(_stemmer)
    return builder


def index_json(listings: tuple[Listing, ...]) -> str:
    """The serialized lunr index of these listings, with sorted keys so the same listings give the same bytes."""
    documents = [{key: _words(value) if key != "slug" else value for key, value in document(l).items()}
                 for l in listings]
    index = lunr(ref="slug", fields=list(FIELDS), documents=documents, builder=_builder())
    return json.dumps(index.serialize(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
