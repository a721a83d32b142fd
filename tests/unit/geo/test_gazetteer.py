import json

import pytest

from pillar.directory.model import Address, Directory, Meeting
from pillar.geo.gazetteer import places, places_json, postal_code


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


# --- Other names: the short forms a place carries in places.json ------------------------------

from hypothesis import given, strategies as st  # noqa: E402

from pillar.geo.gazetteer import postal_area  # noqa: E402
from pillar.geo.place_names import COUNTRIES, GROUPS, coded_countries, country_of, other_names, squash  # noqa: E402

SUBDIVISIONS = [(country, name, short) for country, groups in GROUPS.items() for name, short in groups]


@pytest.mark.parametrize("name, kind, within, aka", [
    ("Texas", "region", "", ("TX",)),
    ("TX", "region", "", ("Texas",)),
    ("texas", "region", "United States", ("TX",)),
    ("Texas", "region", "USA", ("TX",)),
    ("Oregon", "region", "Estados Unidos", ("OR",)),
    ("Québec", "region", "Canada", ("QC",)),
    ("Quebec", "region", "", ("QC",)),
    ("Texas", "region", "Canada", ()),           # not a Canadian province
    ("Victoria", "region", "Texas", ()),         # a county in Texas, not the Australian state
    ("Victoria", "region", "Australia", ("VIC",)),
    ("Victoria", "city", "", ()),                # a city is never a state
    ("WA", "region", "", ("Washington", "Western Australia")),
    ("United States", "region", "", ("US", "USA", "United States of America", "Estados Unidos", "EEUU")),
    ("USA", "region", "", ("United States", "US", "United States of America", "Estados Unidos", "EEUU")),
    ("United States", "region", "North America", ()),
    ("St. Paul", "region", "Minnesota", ("Saint Paul",)),
    ("Saint Paul", "city", "Minnesota", ("St Paul",)),
    ("Mount Saint Helens", "region", "", ("Mt St Helens",)),
    ("Northeast Portland", "region", "Portland, Oregon", ("NE Portland",)),
    ("Northeast", "region", "Minneapolis, Minnesota", ()),  # one word: "NE" would be Nebraska
    ("Austin", "region", "Texas", ()),
    ("78701", "postal_code", "", ()),
])
def test_other_names(name, kind, within, aka):
    assert other_names(name, kind, within) == aka


def test_places_json_carries_other_names_only_where_needed():
    directory = Directory(meetings=(
        meeting("a", 30.0, -97.0, ("Texas", "Austin")),
        meeting("b", 45.5, -122.6, ("Oregon", "Portland", "Northeast Portland")),
    ))
    found = {place["name"]: place for place in json.loads(places_json(directory))["places"]}
    assert {name: place.get("aka") for name, place in found.items()} == {
        "Texas": ["TX"], "Austin": None, "Oregon": ["OR"], "Portland": None,
        "Northeast Portland": ["NE Portland"]}
    assert {name: place.get("country") for name, place in found.items()} == {
        "Texas": ["United States", "US", "USA"], "Austin": None, "Oregon": ["United States", "US", "USA"],
        "Portland": None, "Northeast Portland": None}


@pytest.mark.parametrize("name, within, coded, country", [
    ("Texas", "", set(GROUPS), ("United States", "US", "USA")),
    ("TX", "", {"United States"}, ("United States", "US", "USA")),
    ("TX", "", set(), ()),                        # "TX" beside country codes is no state
    ("Texas", "", set(), ("United States", "US", "USA")),
    ("Texas", "United States", set(GROUPS), ()),  # the directory names the country itself
    ("Québec", "", set(GROUPS), ("Canada",)),
    ("WA", "", {"United States", "Australia"}, ()),  # Washington or Western Australia
    ("Austin", "", set(GROUPS), ()),
])
def test_a_state_at_the_top_knows_its_country(name, within, coded, country):
    assert country_of(name, within, frozenset(coded)) == country


@pytest.mark.parametrize("tops, coded", [
    ({"TX", "OR"}, {"United States"}),
    ({"TX", "Oregon", "Canada"}, {"United States"}),
    ({"TX", "FR"}, set()),                      # country codes: "CA" there is Canada, not California
    ({"Texas", "Oregon"}, set()),
    ({"NSW", "VIC"}, {"Australia"}),
    ({"WA"}, {"United States", "Australia"}),
    (set(), set()),
])
def test_coded_countries(tops, coded):
    assert coded_countries(tops) == coded


def test_a_code_at_the_top_is_a_state_only_where_the_tops_are_states():
    def aka(tops):
        directory = Directory(meetings=tuple(meeting(top, 1, 1, (top,)) for top in tops))
        return {place.name: place.aka for place in places(directory)}
    assert aka(["CA", "FR", "Texas"]) == {"CA": (), "FR": (), "Texas": ("TX",)}
    assert aka(["CA", "TX"]) == {"CA": ("California",), "TX": ("Texas",)}
    assert aka(["US"])["US"][0] == "United States"


@pytest.mark.parametrize("code, area", [
    ("78702-1234", "78702"), ("78702", "78702"), ("m5v2t6", "M5V 2T6"), ("M5V 2T6", "M5V 2T6"),
    ("SW1A 1AA", "SW1A 1AA"), ("", ""),
])
def test_postal_area(code, area):
    assert postal_area(code) == area


def test_one_place_per_postal_area():
    directory = Directory(meetings=(
        meeting("a", 30.0, -97.0, postal_code="78702-1234"), meeting("b", 30.2, -97.2, postal_code="78702"),
    ))
    codes = [p for p in places(directory) if p.kind == "postal_code"]
    assert [(p.name, p.listings) for p in codes] == [("78702", 2)]


@given(st.sampled_from(SUBDIVISIONS), st.sampled_from([""] + [form for country, short in COUNTRIES.items()
                                                              for form in (country, *short)]))
def test_a_state_and_its_abbreviation_name_each_other(subdivision, within):
    """At the top, or just inside its own country, a state carries its abbreviation and back;
    inside another country it carries none."""
    country, name, short = subdivision
    home = not within or squash(within) in {squash(form) for form in (country, *COUNTRIES[country])}
    assert (squash(short) in map(squash, other_names(name, "region", within))) == home
    assert (squash(name) in map(squash, other_names(short.lower(), "region", within))) == home


@given(st.text(max_size=40), st.sampled_from(["region", "city", "postal_code"]), st.text(max_size=40))
def test_other_names_are_new_distinct_and_never_blank(name, kind, within):
    found = other_names(name, kind, within)
    keys = [squash(form) for form in found]
    assert all(keys) and len(set(keys)) == len(keys) and squash(name) not in keys


@given(st.from_regex(r"\d{5}", fullmatch=True), st.from_regex(r"\d{4}", fullmatch=True))
def test_a_zip_plus_four_is_its_zip(zip5, four):
    assert postal_area(f"{zip5}-{four}") == zip5 == postal_area(zip5)


@given(st.from_regex(r"[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d", fullmatch=True))
def test_a_canadian_code_is_written_one_way(code):
    area = postal_area(code)
    assert area == postal_area(area) == postal_area(area.replace(" ", "").lower())
    assert squash(area) == squash(code) and area[3] == " "
