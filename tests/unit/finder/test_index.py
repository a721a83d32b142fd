"""The lunr index: built by lunr.py, answering what visitors type."""

import json

from lunr.index import Index

from pillar.directory.model import Address, Directory, Meeting, Service
from pillar.finder.index import index_json


def directory():
    return Directory(
        meetings=(Meeting(slug="sunrise", name="Sample Sunrise Group", source="x", location="Sample Hall",
                          address=Address(formatted="1 Sample St, Austin"), notes="Coffee after."),
                  Meeting(slug="vida", name="Grupo Nueva Vida", source="x", group="Nueva Vida", regions=("Texas",))),
        services=(Service(slug="coach", name="Peer Coaching", source="x", organization="Sample Recovery Center"),),
    )


def search(text):
    index = Index.load(json.loads(index_json(directory().listings)))
    return [hit["ref"] for hit in index.search(text)]


def test_names_places_groups_and_notes_are_found():
    assert search("sunrise") == ["sunrise"]
    assert search("hall") == ["sunrise"]
    assert search("coffee") == ["sunrise"]
    assert search("texas") == ["vida"]
    assert search("recovery center") == ["coach"]


def test_the_index_is_deterministic_and_lunr_js_compatible():
    text = index_json(directory().listings)
    assert text == index_json(directory().listings)
    data = json.loads(text)
    assert data["version"] == "2.3.9"
    assert [field for field in data["fields"]] == ["name", "place", "group", "notes"]
