import json

import pytest

from pillar.gazetteer import places, places_json, postal_code
from pillar.model import Address, Directory, Meeting


def meeting(slug, lat, lon, regions=("Texas", "Austin"), **address):
    return Meeting(slug=slug, name=slug, source="x", latitude=lat, longitude=lon, regions=regions,
                   address=Address(**address) if address else None)


@pytest.mark.parametrize("address, code", [
    ({"formatted": "1 Sample St, Austin, TX 78701, US"}, "78701"),
    ({"formatted": "12345 Sample Rd, Austin, TX"}, ""),  # a street number is not a postal code
    ({"formatted": "1 Sample St, Toronto, ON M5V 2T6"}, "M5V 2T6"),
    ({"postal_code": "78702-1234", "city": "Austin"}, "78702-1234"),
])
def test_postal_code(address, code):
    assert postal_code(meeting("a", 1, 1, **address)) == code


def test_places_are_the_middle_of_their_listings():
    directory = Directory(meetings=(
        meeting("a", 30.0, -97.0, formatted="1 Sample St, Austin, TX 78701"),
        meeting("b", 30.2, -97.2, ("Texas", "Austin", "East Austin"), city="Austin", postal_code="78702"),
        meeting("c", 0, 0, ()),
        Meeting(slug="d", name="d", source="x", regions=("Texas",)),
    ))
    found = {(p.name, p.kind): p for p in places(directory)}
    assert sorted(found) == [("78701", "postal_code"), ("78702", "postal_code"), ("Austin", "region"),
                             ("East Austin", "region"), ("Texas", "region")]
    austin = found[("Austin", "region")]
    assert (round(austin.latitude, 4), round(austin.longitude, 4), austin.listings, austin.within) == \
        (30.1, -97.1, 2, "Texas")
    assert found[("East Austin", "region")].within == "Austin, Texas"
    data = json.loads(places_json(directory))
    assert data["places"][0] == {"kind": "postal_code", "lat": 30.0, "listings": 1, "lon": -97.0, "name": "78701",
                                 "within": ""}
