"""Typing a place: places.js, in a real Chromium, against the built sample's own ``search/places.json``.

The module is imported into a page of the built site, and each test sends many texts in one round trip.
What each text should find is worked out here in Python from places.json: a place's names are its
``name`` and its ``aka`` (short names from the gazetteer), and what it is in is its ``within``.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pillar.directory.model import Address, Directory, Meeting
from pillar.geo.gazetteer import places_json

RUN = """async ([module, places, calls]) => {
  const { findPlace, suggestPlaces, placeLabel } = await import(module);
  const at = (place) => (place ? places.indexOf(place) : null);
  return calls.map(([what, text, limit]) => {
    try {
      if (what === 'find') return at(findPlace(places, text));
      if (what === 'suggest') return suggestPlaces(places, text, limit).map(at);
      return placeLabel(places[text]);
    } catch (error) {
      return `threw ${error}`;
    }
  });
}"""

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def squash(text: str) -> str:
    """As the finder compares names: lower case, no accents, letters and digits only."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in bare.lower() if c.isalnum())


def label(place: dict) -> str:
    return f"{place['name']}, {place['within']}" if place["within"] else place["name"]


def forms(place: dict) -> set[str]:
    return {squash(name) for name in (place["name"], *place.get("aka", ()))}


def inside(place: dict, area: dict) -> bool:
    return f", {place['within']}".endswith(f", {label(area)}")


def most_listings(found: list[dict]) -> int | None:
    return max((place["listings"] for place in found), default=None)


# --- The page, and the sample's places ----------------------------------------------------------

@pytest.fixture(scope="module")
def places(sample_site: Path) -> list[dict]:
    return json.loads((sample_site / "search/places.json").read_text(encoding="utf-8"))["places"]


@pytest.fixture(scope="module")
def named(places) -> list[dict]:
    """The places that are not postal codes."""
    return [place for place in places if place["kind"] != "postal_code"]


@pytest.fixture(scope="module")
def module_url(sample_site: Path, site_url: str) -> str:
    assert (sample_site / "theme/js/places.js").is_file()
    return f"{site_url}/theme/js/places.js"


@pytest.fixture(scope="module")
def site_page(browser, site_url):
    """A page of the built site (its home page), for the module to be imported into."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/")
    yield page
    context.close()


@pytest.fixture(scope="module")
def run(site_page, module_url, places):
    """run(calls, among=places) → one answer per call, in one round trip: ("find", text) → the index
    of the place found or None; ("suggest", text, limit) → indexes; ("label", index) → its label."""
    return lambda calls, among=places: site_page.evaluate(RUN, [module_url, among, [list(c) for c in calls]])


def find_all(run, places, texts):
    answers = run([("find", text) for text in texts], places)
    return {text: (None if i is None else places[i]) for text, i in zip(texts, answers)}


# --- Finding a place ------------------------------------------------------------------------------

def test_a_name_alone_finds_the_place_of_that_name_with_most_listings(run, places):
    texts = {}
    for place in places:
        for text in (place["name"], place["name"].upper(), place["name"].lower(), *place.get("aka", ())):
            texts[text] = [other for other in places if squash(text) in forms(other)]
    found = find_all(run, places, list(texts))
    for text, expected in texts.items():
        assert found[text] in expected, text
        assert found[text]["listings"] == most_listings(expected), text


def test_a_name_with_what_it_is_in_finds_that_place(run, places, named):
    """"Austin, Texas", "austin tx", "Austin TX", "Downtown, Austin": the qualifier picks the place."""
    by_label = {label(place): place for place in named}
    texts = {}
    for place in named:
        parts = place["within"].split(", ") if place["within"] else []
        for i in range(len(parts)):
            area = by_label[", ".join(parts[i:])]
            for name in (area["name"], *area.get("aka", ())):
                for sep in (", ", " ", ","):
                    text = f"{place['name']}{sep}{name}"
                    texts[text] = [other for other in named if squash(place["name"]) in forms(other)
                                   and inside(other, area)]
        texts[label(place)] = [other for other in named if label(other) == label(place)]
        top = by_label[parts[-1]] if parts else place
        for country in top.get("country", ()):                      # "Austin, TX, USA"
            for state in (top["name"], *top.get("aka", ())):
                text = f"{place['name']}, {state}, {country}" if parts else f"{place['name']}, {country}"
                texts[text] = [other for other in named if label(other) == label(place)]
    assert any(" " in text and len(text.split()[-1]) == 2 for text in texts), "the sample has a state abbreviation"
    assert any(text.endswith(", USA") for text in texts), "the sample's states are in the United States"
    found = find_all(run, places, list(texts))
    for text, expected in texts.items():
        assert found[text] in expected, text
        assert found[text]["listings"] == most_listings(expected), text


def test_a_name_in_the_wrong_state_finds_nothing(run, places, named):
    """"Austin, Oregon" is not Austin, Texas: nothing near it is pretended."""
    tops = [place for place in named if not place["within"]]
    texts = []
    for place in named:
        for top in tops:
            if place is not top and not inside(place, top) and not any(inside(other, top) and any(
                    form.startswith(squash(place["name"])) for form in forms(other)) for other in named):
                texts += [f"{place['name']}, {top['name']}", f"{place['name']} {top.get('aka', [top['name']])[0]}"]
    assert texts
    found = find_all(run, places, texts)
    assert {text: place for text, place in found.items() if place} == {}


def test_the_first_letters_find_the_place_with_most_listings(run, places, named):
    texts = {}
    for place in named:
        letters = place["name"]
        for end in range(3, len(letters)):
            text = letters[:end]
            exact = [other for other in places if squash(text) in forms(other)]
            texts[text] = exact or [other for other in places
                                    if any(form.startswith(squash(text)) for form in forms(other))]
    found = find_all(run, places, list(texts))
    for text, expected in texts.items():
        assert found[text] in expected, text
        assert found[text]["listings"] == most_listings(expected), text


def test_postal_codes_are_found_alone_with_four_more_digits_or_in_an_address(run, places):
    codes = [place for place in places if place["kind"] == "postal_code"]
    texts = {place["name"]: place for place in codes}
    texts |= {f"{place['name']}-0042": place for place in codes if place["name"].isdigit()}
    texts |= {f" {place['name']} ": place for place in codes}
    texts |= {f"12 Elm St, {place['name']}, USA": place for place in codes}          # an address
    assert codes
    found = find_all(run, places, list(texts))
    assert {text: label(place) for text, place in found.items()} == {text: label(p) for text, p in texts.items()}


def test_names_the_directory_does_not_know_find_nothing(run, places):
    texts = [text for text in ("Dallas", "Dallas, TX", "Portland, Maine", "zzz", "", "   ", ",,,", "99999")
             if not any(squash(text) and form.startswith(squash(text)) for p in places for form in forms(p))]
    assert "Dallas" in texts
    assert find_all(run, places, texts) == dict.fromkeys(texts)


def meeting(slug, lat, lon, regions):
    return Meeting(slug=slug, name=slug, source="x", latitude=lat, longitude=lon, regions=regions,
                   address=Address(formatted=f"1 Sample St, {regions[-1]}"))


def test_the_qualifier_picks_between_places_of_the_same_name(run):
    """Two Portlands and two Austins, and a directory that starts at the country: the gazetteer's own
    places.json for it, as the finder would load it."""
    directory = Directory(meetings=(
        *(meeting(f"me{i}", 43.66, -70.26, ("Maine", "Portland")) for i in range(3)),
        *(meeting(f"or{i}", 45.52, -122.68, ("Oregon", "Portland", "Northeast Portland")) for i in range(2)),
        meeting("mn", 43.67, -92.97, ("Minnesota", "Austin")),
        *(meeting(f"tx{i}", 30.27, -97.74, ("United States", "Texas", "Austin")) for i in range(2)),
        meeting("sp", 44.95, -93.09, ("Minnesota", "Saint Paul")),
        meeting("qc", 46.81, -71.21, ("Canada", "Québec", "Québec City")),
        meeting("ny", 40.71, -74.0, ("United States", "New York")),
    ))
    places = json.loads(places_json(directory))["places"]
    texts = {
        "Portland": "Portland, Maine", "Portland, OR": "Portland, Oregon", "portland oregon": "Portland, Oregon",
        "Portland, ME": "Portland, Maine", "PORTLAND MAINE": "Portland, Maine", "port, or": "Portland, Oregon",
        "NE Portland": "Northeast Portland, Portland, Oregon", "Austin": "Austin, Texas, United States",
        "Austin, MN": "Austin, Minnesota", "austin tx": "Austin, Texas, United States",
        "Austin, TX, USA": "Austin, Texas, United States", "austin usa": "Austin, Texas, United States",
        "St. Paul, MN": "Saint Paul, Minnesota", "st paul": "Saint Paul, Minnesota",
        "Quebec City, QC": "Québec City, Québec, Canada", "québec": "Québec, Canada",
        "New York, NY": "New York, United States", "new york ny usa": "New York, United States",
    }
    found = find_all(run, places, list(texts))
    assert {text: label(place) if place else None for text, place in found.items()} == texts
    assert find_all(run, places, ["Portland, WA", "Austin, Oregon"]) == {"Portland, WA": None, "Austin, Oregon": None}


# --- Suggestions for a place the directory does not know -------------------------------------------

def test_a_misspelt_name_suggests_the_place(run, places, named):
    texts = {}
    for place in named:
        name = place["name"]
        if len(squash(name)) >= 5:
            texts[name[:2] + name[3:]] = place                         # a letter left out
            texts[name[:2] + name[3] + name[2] + name[4:]] = place     # two letters swapped
    answers = run([("suggest", text, 5) for text in texts])
    for (text, place), suggested in zip(texts.items(), answers):
        shown = [places[i] for i in suggested]
        assert any(squash(p["name"]) == squash(place["name"]) or
                   (p["lat"], p["lon"], p["listings"]) == (place["lat"], place["lon"], place["listings"])
                   for p in shown), (text, [label(p) for p in shown])


def test_an_unknown_name_suggests_the_biggest_places_different_from_each_other(run, places, named):
    answers = run([("suggest", text, 5) for text in ("Dallas", "", "zzz")] + [("suggest", "Dallas", 2)])
    for suggested in answers[:3]:
        shown = [places[i] for i in suggested]
        assert 1 <= len(shown) <= 5
        assert shown[0]["listings"] == most_listings(named)
        assert [p["listings"] for p in shown] == sorted((p["listings"] for p in shown), reverse=True)
        assert all(p["kind"] != "postal_code" for p in shown)
        assert len({label(p) for p in shown}) == len({(p["lat"], p["lon"]) for p in shown}) == len(shown)
        assert not any(inside(p, q) for p in shown for q in shown), "a place and a part of it"
    assert len(answers[3]) == 2


def test_an_unknown_name_in_a_known_state_suggests_places_in_that_state(run, places, named):
    tops = [place for place in named if not place["within"] and place.get("aka")]
    assert tops
    texts = {f"Dallas, {top['aka'][0]}": top for top in tops} | {f"Springfield {top['name']}": top for top in tops}
    answers = run([("suggest", text, 5) for text in texts])
    for (text, top), suggested in zip(texts.items(), answers):
        first = places[suggested[0]]
        assert inside(first, top), (text, label(first))
        assert first["listings"] == most_listings([p for p in named if inside(p, top)])


def test_an_unknown_postal_code_suggests_codes_that_start_alike(run, places):
    codes = {place["name"] for place in places if place["kind"] == "postal_code" and place["name"].isdigit()}
    texts = {}
    for code in codes:
        unknown = next(code[:3] + f"{n:02d}" for n in range(99, -1, -1) if code[:3] + f"{n:02d}" not in codes)
        texts[unknown] = code[:3]
    answers = run([("suggest", text, 5) for text in texts])
    for (text, start), suggested in zip(texts.items(), answers):
        first = places[suggested[0]]
        assert first["kind"] == "postal_code" and first["name"].startswith(start), (text, first["name"])


def test_labels_are_a_name_and_what_it_is_in(run, places):
    assert run([("label", i) for i in range(len(places))]) == [label(place) for place in places]


NEAR = """async ([module, places, texts]) => {
  const { nearFinder } = await import(module.replace(/places[.]js$/, 'near.js')); // loads places.js itself
  const said = [];
  const near = nearFinder(places, '', (text) => said.push(text));
  const answers = [];
  for (const text of texts) {
    said.length = 0;
    const place = await near.point(text, true);
    answers.push([place ? places.indexOf(place) : null, said.join(' ')]);
  }
  return answers;
}"""


def test_the_finder_says_which_place_it_found_or_that_there_is_none(site_page, module_url, places, named):
    top = next(place for place in named if not place["within"] and place.get("aka"))
    child = max((place for place in named if place["within"] == top["name"]), key=lambda place: place["listings"])
    code = next(place for place in places if place["kind"] == "postal_code")
    texts = [f"{child['name'].lower()} {top['aka'][0].lower()}", code["name"], "Dallas"]
    answers = site_page.evaluate(NEAR, [module_url, places, texts])
    assert answers == [[places.index(child), f"Near {label(child)}"],
                       [places.index(code), f"Near postal code {code['name']}"],
                       [None, "No place called “Dallas” in this directory. Try a nearby city or a postal code."]]


# --- Spellings of real names, and junk ----------------------------------------------------------------

ACCENTS = "\u0301\u0300\u0308\u0303"


@st.composite
def spelling(draw, named):
    """(text, the name part as typed, full name or first letters, the area named or None)."""
    place = draw(st.sampled_from(named))
    name = place["name"]
    if draw(st.booleans()) and len(squash(name)) > 3:
        letters = [i for i, c in enumerate(name) if c.isalnum()]
        name = name[:letters[draw(st.integers(2, len(letters) - 1))] + 1].rstrip()  # 3 letters or more
        whole = False
    else:
        whole = True
    chars = []
    for c in name:
        c = c.upper() if draw(st.booleans()) else c.lower()
        chars.append(c + (draw(st.sampled_from(ACCENTS)) if c.isalpha() and draw(st.integers(0, 5)) == 0 else ""))
    typed = "".join(chars).replace(" ", draw(st.sampled_from([" ", "  ", "-", " "])))
    if draw(st.integers(0, 5)) == 0:  # typed on a keyboard that writes full-width letters
        typed = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in typed)
    area = None
    parts = place["within"].split(", ") if place["within"] else []
    if parts and draw(st.booleans()):
        i = draw(st.integers(0, len(parts) - 1))
        area = next(p for p in named if label(p) == ", ".join(parts[i:]))
        qualifier = draw(st.sampled_from([area["name"], *area.get("aka", ())]))
        qualifier = draw(st.sampled_from([qualifier, qualifier.lower(), qualifier.upper()]))
        typed += draw(st.sampled_from([", ", " ", ",", " , "])) + qualifier
    typed = draw(st.sampled_from(["", " "])) + unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), typed)
    return typed, name, whole, area


@SETTINGS
@given(data=st.data())
def test_spellings_of_real_names_find_a_place_of_that_name(run, places, named, data):
    cases = data.draw(st.lists(spelling(named), min_size=30, max_size=30))
    found = run([("find", typed) for typed, *_ in cases])
    for (typed, name, whole, area), i in zip(cases, found):
        assert isinstance(i, int), (typed, i)
        place = places[i]
        match = any(form == squash(name) if whole else form.startswith(squash(name)) for form in forms(place))
        assert match or any(squash(typed).startswith(form) for form in forms(place)), (typed, label(place))
        if match and area:
            assert inside(place, area), (typed, label(place))


@SETTINGS
@given(texts=st.lists(st.text(max_size=60) | st.from_regex(r"[\w ,.\-]{0,30}", fullmatch=True),
                      min_size=20, max_size=20))
def test_junk_never_breaks_finding_or_suggesting(run, places, texts):
    answers = run([("find", text) for text in texts] + [("suggest", text, 5) for text in texts])
    for text, answer in zip(texts, answers[:len(texts)]):
        assert answer is None or isinstance(answer, int), (text, answer)
    for text, answer in zip(texts, answers[len(texts):]):
        assert isinstance(answer, list) and 1 <= len(answer) <= 5 and len(set(answer)) == len(answer), (text, answer)
        assert all(isinstance(i, int) and i >= 0 for i in answer), (text, answer)
