"""A big directory in shards: the finder loads only the area it looks at, and still finds the nearest.

A synthetic worldwide directory (1,500 listings over real cities, from the Antarctic to Svalbard and on
both sides of the antimeridian) is built with small shards (40 listings) and served on loopback. In
the page, shards.js gets the nearest listings to many points; every answer is checked against the
nearest over all listings worked out here by brute force. Then the finder itself, from its address.
"""

from __future__ import annotations

import json
import math
import random
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from helpers import run_pillar
from pillar_bench.synth import write_site
from shard_files import all_listings, manifest, page_size, shard

SIZE = 40
NEAREST = 25
EARTH_KM = 6371.0088
SLACK_KM = 1e-6


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def is_located(listing: dict) -> bool:
    online = listing["kind"] == "online" or listing.get("attendance") == "online"
    return not online and "lat" in listing and "lon" in listing


def wrap(lon: float) -> float:
    return (lon + 180) % 360 - 180


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    """The synthetic directory, built with small shards; its output folder."""
    root = tmp_path_factory.mktemp("world")
    write_site(root, 1500, seed=1)
    result = run_pillar("build", "-s", root / "pelicanconf.py", "-o", root / "output",
                        "-e", f"FINDER_SHARD_SIZE={SIZE}")
    assert result.code == 0, result.err
    return root / "output"


@pytest.fixture(scope="module")
def world_url(world, serve) -> str:
    return serve(world)


@pytest.fixture(scope="module")
def shards(world) -> list[dict]:
    return manifest(world)["shards"]


@pytest.fixture(scope="module")
def listings(world) -> list[dict]:
    return all_listings(world)


@pytest.fixture(scope="module")
def located(listings) -> list[dict]:
    return [listing for listing in listings if is_located(listing)]


def brute_nearest(located: list[dict], lat: float, lon: float, count: int) -> list[tuple[str, float]]:
    found = sorted(((l["slug"], haversine_km(lat, lon, l["lat"], l["lon"])) for l in located),
                   key=lambda pair: (pair[1], pair[0]))
    return found[:count]


def test_the_world_is_sharded_as_the_finder_expects(world, shards, listings):
    geo = [entry for entry in shards if "box" in entry]
    placeless = [entry for entry in shards if "box" not in entry]
    assert len(geo) > 50
    assert {"meeting", "online"} <= {entry["kind"] for entry in placeless} <= {"meeting", "service", "online"}
    assert len(listings) == len({l["slug"] for l in listings}) == 1500
    for entry in geo:
        south, west, north, east = entry["box"]
        assert south <= north and west <= east
        for listing in shard(world, entry["name"])["listings"]:
            assert south <= listing["lat"] <= north and west <= listing["lon"] <= east


# --- shards.js, in the page, against brute force ---------------------------------------------------

NEAREST_JS = """async ([points, count]) => {
  const { openShards } = await import('/theme/js/shards.js');
  const { distanceKm } = await import('/theme/js/geo.js');
  const { isLocated } = await import('/theme/js/filter.js');
  const answers = [];
  for (const point of points) {
    const store = openShards('/search/shards.json'); // a cold start for every point
    await store.start();
    const area = await store.around(point, { count });
    const near = store.records().filter(isLocated).map((l) => [l.slug, distanceKm(point, l)])
      .sort((a, b) => a[1] - b[1]).slice(0, count);
    answers.push({ near, reach: area.reach === Infinity ? null : area.reach, capped: area.capped,
                   loaded: store.indexes().length });
  }
  return answers;
}"""


def _points(shards: list[dict], located: list[dict]) -> list[tuple[str, float, float]]:
    rng = random.Random(20261125)
    points = []
    for i in range(30):  # anywhere on the sphere, evenly
        points.append((f"random {i}", math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)))
    for i in range(30):  # near places with listings
        l = rng.choice(located)
        points.append((f"near {l['slug']}", max(-90, min(90, l["lat"] + rng.gauss(0, 2))),
                       wrap(l["lon"] + rng.gauss(0, 2))))
    geo = [entry for entry in shards if "box" in entry]
    boxes = sorted(geo, key=lambda e: (e["box"][3] - e["box"][1]) * (e["box"][2] - e["box"][0]))
    chosen = boxes[-3:] + boxes[len(boxes) // 2: len(boxes) // 2 + 2] + rng.sample(boxes, 3)
    for entry in chosen:  # just either side of each edge
        south, west, north, east = entry["box"]
        mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
        for step in (-1e-4, 1e-4):
            points += [(f"{entry['name']} south {step}", max(-90, south + step), mid_lon),
                       (f"{entry['name']} north {step}", min(90, north + step), mid_lon),
                       (f"{entry['name']} west {step}", mid_lat, wrap(west + step)),
                       (f"{entry['name']} east {step}", mid_lat, wrap(east + step))]
    points += [("north pole", 89.9, 0.0), ("north pole, far side", 89.9, 179.9), ("the pole itself", 90.0, 0.0),
               ("south pole", -89.9, 0.0), ("south pole, far side", -89.9, -179.9), ("Svalbard", 78.3, 15.6)]
    points += [("east of Anadyr", 64.7, 179.9), ("west of Anadyr", 64.7, -179.9), ("Anadyr", 64.73, 177.5),
               ("east of Apia", -13.8, 179.9), ("west of Apia", -13.8, -179.9), ("Nuku'alofa, far side", -21.1, 179.9),
               ("McMurdo", -77.85, 166.67), ("Ushuaia", -54.8, -68.3)]
    return points


def test_the_nearest_listings_it_loads_are_the_nearest_of_all(page, world_url, shards, located):
    page.goto(world_url + "/")
    points = _points(shards, located)
    assert len(points) > 100
    answers = page.evaluate(NEAREST_JS, [[{"lat": lat, "lon": lon} for _, lat, lon in points], NEAREST])
    geo = sum(1 for entry in shards if "box" in entry)
    loaded = []
    for (label, lat, lon), answer in zip(points, answers):
        want = brute_nearest(located, lat, lon, NEAREST)
        got = [(slug, distance) for slug, distance in answer["near"]]
        assert not answer["capped"], label
        assert len(got) == NEAREST, label
        for (_, mine), (_, theirs) in zip(got, want):
            assert abs(mine - theirs) < SLACK_KM, f"{label}: {got} != {want}"
        # Where distances differ, so must the listings: the same ones, except ties at the last place.
        last = want[-1][1]
        assert ({slug for slug, d in got if d < last - SLACK_KM}
                == {slug for slug, d in want if d < last - SLACK_KM}), label
        if answer["reach"] is not None:
            assert answer["reach"] >= last - SLACK_KM, f"{label}: stopped at {answer['reach']} km"
        loaded.append(answer["loaded"])
    # It loads a few shards, not the world (the poles are lonely: they need more).
    assert sorted(loaded)[len(loaded) // 2] <= 6, sorted(loaded)
    assert max(loaded) < geo, sorted(loaded)


BOUND_JS = """async (cases) => {
  const { lowerBoundKm } = await import('/theme/js/shards.js');
  return cases.map(([point, box]) => lowerBoundKm(point, box));
}"""


def test_the_lower_bound_never_exceeds_the_distance_to_any_point_of_the_box(page, world_url):
    """Boxes of every size and place, and points near the poles and the antimeridian; each bound is
    checked against points spread over its box (edges densely, corners exactly)."""
    page.goto(world_url + "/")
    rng = random.Random(7)
    cases = []
    for _ in range(400):
        south, north = sorted(rng.uniform(-90, 90) for _ in range(2))
        west, east = sorted(rng.uniform(-180, 180) for _ in range(2))
        if rng.random() < 0.4:
            north = min(90, south + rng.uniform(0, 3))
            east = min(180, west + rng.uniform(0, 3))
        if rng.random() < 0.15:
            west, east = rng.choice([(170, 180), (-180, -170), (177.4, 177.6)])
        lat = rng.choice([rng.uniform(-90, 90), 89.9, -89.9, 90.0])
        lon = rng.choice([rng.uniform(-180, 180), 179.9, -179.9, 180.0])
        cases.append(({"lat": lat, "lon": lon}, [south, west, north, east]))
    bounds = page.evaluate(BOUND_JS, cases)
    for (point, (south, west, north, east)), bound in zip(cases, bounds):
        steps = 60
        samples = [(south + (north - south) * i / steps, west + (east - west) * j / steps)
                   for i in range(steps + 1) for j in (0, steps)]
        samples += [(south + (north - south) * i / steps, west + (east - west) * j / steps)
                    for i in (0, steps) for j in range(steps + 1)]
        samples += [(south + (north - south) * rng.random(), west + (east - west) * rng.random()) for _ in range(60)]
        nearest = min(haversine_km(point["lat"], point["lon"], lat, lon) for lat, lon in samples)
        assert 0 <= bound <= nearest + SLACK_KM, (point, [south, west, north, east], bound, nearest)
        inside = south <= point["lat"] <= north and west <= wrap(point["lon"]) <= east
        assert (bound == 0) == inside or nearest < 1e-3, (point, [south, west, north, east], bound)


AROUND_JS = """async ([point, count]) => {
  const { openShards } = await import('/theme/js/shards.js');
  const store = openShards('/search/shards.json');
  await store.start();
  return store.around(point, { count });
}"""


def test_a_location_query_fetches_only_the_shards_that_may_hold_an_answer(page, world_url, shards, located, city):
    page.goto(world_url + "/")
    page.wait_for_load_state("networkidle")
    asked = _shard_requests(page)
    page.evaluate(AROUND_JS, [{"lat": city["lat"], "lon": city["lon"]}, NEAREST])
    farthest = brute_nearest(located, city["lat"], city["lon"], NEAREST)[-1][1]
    needed = {name for name, bound in _bounds(page, city, shards).items() if bound < farthest}
    fetched = {path.rsplit("/", 1)[-1].removesuffix(".json") for path in asked}
    assert len(asked) == len(fetched) and needed <= fetched, sorted(needed - fetched)
    assert len(fetched) <= len(needed) + 8 and len(fetched) < len(shards) / 4, (len(needed), len(fetched))


# --- The finder, from its address -------------------------------------------------------------------

def _settle(page) -> None:
    page.wait_for_selector("#finder-results:not([aria-busy])", state="attached", timeout=20_000)


def _shard_requests(page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(urlsplit(r.url).path) if "/search/shards/" in r.url else None)
    return asked


BOUNDS_JS = """async ([point, boxes]) => {
  const { lowerBoundKm } = await import('/theme/js/shards.js');
  return boxes.map((box) => lowerBoundKm(point, box));
}"""


def _bounds(page, place: dict, shards: list[dict]) -> dict[str, float]:
    """{geo shard → lower bound of its distance from the place}, worked out by shards.js."""
    geo = [entry for entry in shards if "box" in entry]
    point = {"lat": place["lat"], "lon": place["lon"]}
    return dict(zip((e["name"] for e in geo), page.evaluate(BOUNDS_JS, [point, [e["box"] for e in geo]])))


@pytest.fixture(scope="module")
def city(world) -> dict:
    """The place in places.json that is a city (within a country) with the most listings."""
    places = json.loads((world / "search" / "places.json").read_text(encoding="utf-8"))["places"]
    return max((p for p in places if p["within"] and "," not in p["within"]), key=lambda p: (p["listings"], p["name"]))


def test_a_place_in_the_address_lists_its_nearest_meetings_first_and_loads_only_its_area(
        page, world_url, shards, listings, city):
    asked = _shard_requests(page)
    page.goto(f"{world_url}/?near={quote(city['name'])}&sort=distance")
    _settle(page)
    expect(page.locator("#finder-place")).to_have_text(f"Near {city['name']}, {city['within']}")
    rows = page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)")
    meetings = [l for l in listings if l["kind"] == "meeting" and is_located(l) and l["status"] == "active"]
    want = brute_nearest(meetings, city["lat"], city["lon"], len(rows))
    by_slug = {l["slug"]: l for l in listings}
    distances = [haversine_km(city["lat"], city["lon"], by_slug[s]["lat"], by_slug[s]["lon"]) for s in rows]
    assert len(rows) == page_size()  # a full page, and more to come
    assert [round(d, 6) for d in distances] == [round(d, 6) for _, d in want]
    assert city["name"] in by_slug[rows[0]]["regions"]
    expect(page.locator("#finder-more")).to_be_visible()
    status = re.compile(r"^\d+ meetings found\. Searched up to [\d,.]+ mi away\.$")
    expect(page.locator("#finder-status")).to_have_text(status)
    # Only the shards that may hold one of the nearest page + 1 (a page shown, and one to know there are
    # more), give or take one batch; no listing without a place (no online meeting was asked for).
    data = [path for path in asked if not path.endswith(".index.json")]
    assert len(data) == len(set(data)), "a shard was fetched twice"
    bounds = _bounds(page, city, shards)
    farthest = brute_nearest(meetings, city["lat"], city["lon"], page_size() + 1)[-1][1]
    needed = sum(1 for bound in bounds.values() if bound < farthest)
    assert needed <= len(data) <= needed + 8 and len(data) < len(shards) / 2, (needed, len(data), len(shards))
    assert not [path for path in asked if "unplaced" in path or path.endswith(".index.json")]

    # Show more: farther shards load, the rows shown stay, the next ones are the next nearest.
    before = len(asked)
    page.click("#finder-more button")
    _settle(page)
    expect(page.locator("#finder-results > li")).to_have_count(2 * page_size())
    more = page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)")
    assert more[:page_size()] == rows
    want = brute_nearest(meetings, city["lat"], city["lon"], 2 * page_size())
    got = [haversine_km(city["lat"], city["lon"], by_slug[s]["lat"], by_slug[s]["lon"]) for s in more]
    assert [round(d, 6) for d in got] == [round(d, 6) for _, d in want]
    assert len(asked) > before


def test_a_search_near_a_place_looks_in_what_is_loaded(page, world_url, listings, city):
    asked = _shard_requests(page)
    page.goto(f"{world_url}/?near={quote(city['name'])}&sort=distance&q=nooner")
    _settle(page)
    rows = page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)")
    by_slug = {l["slug"]: l for l in listings}
    assert rows and all("nooner" in by_slug[slug]["name"].lower() for slug in rows)
    nooners = [l for l in listings if l["kind"] == "meeting" and is_located(l) and "nooner" in l["name"].lower()]
    assert rows[0] == brute_nearest(nooners, city["lat"], city["lon"], 1)[0][0]
    data = {p.removesuffix(".json") for p in asked if not p.endswith(".index.json")}
    indexes = {p.removesuffix(".index.json") for p in asked if p.endswith(".index.json")}
    assert indexes and indexes <= data, "an index was fetched for a shard that is not loaded"
    assert len(asked) == len(set(asked)), "a file was fetched twice"


def test_with_no_place_it_asks_for_one_and_lists_what_has_no_place(page, world_url, listings):
    asked = _shard_requests(page)
    page.goto(world_url + "/")
    _settle(page)
    expect(page.locator("#finder-status")).to_have_text("Type a place or press “Near me” to see meetings nearby.")
    expect(page.locator("#finder-results > li")).to_have_count(0)
    assert asked == []
    # Online communities have no place: all of them, at once.
    page.check('input[name="kind"][value="online"]')
    _settle(page)
    communities = {l["slug"] for l in listings if l["kind"] == "online"}
    shown = set(page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)"))
    assert shown == communities
    expect(page.locator("#finder-status")).to_have_text(f"{len(communities)} online communities found.")
    assert asked and all("/unplaced-online-" in path for path in asked)
    # Online meetings when asked for; meetings with a place still wait for one.
    page.goto(world_url + "/?attendance=online")
    _settle(page)
    online = {l["slug"] for l in listings if l["kind"] == "meeting" and l["attendance"] == "online"}
    shown = set(page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)"))
    assert len(shown) == min(len(online), page_size()) and shown <= online
    expect(page.locator("#finder-status")).to_have_text(
        f"{len(online)} meetings found. Type a place or press “Near me” to see those nearby too.")
    assert not [path for path in asked if "/search/shards/g" in path], "a place was loaded with none asked for"


def test_a_shard_that_does_not_load_says_so(page, world_url, city):
    page.route(re.compile(r".*/search/shards/g[^/]*\.json$"), lambda route: route.abort())
    page.goto(f"{world_url}/?near={quote(city['name'])}")
    _settle(page)
    expect(page.locator("#finder-status")).to_have_text(
        "The finder could not load. The lists of meetings below still work.")
    expect(page.locator("#finder-results > li")).to_have_count(0)
    expect(page.locator("#finder-form")).to_be_visible()


def test_a_radius_lists_every_meeting_within_it_and_loads_only_the_shards_it_reaches(
        page, world_url, shards, listings, city):
    asked = _shard_requests(page)
    page.goto(f"{world_url}/?near={quote(city['name'])}&radius=50&sort=distance")
    _settle(page)
    reached = {name for name, bound in _bounds(page, city, shards).items() if bound <= 50 * 1.609344}
    assert sorted(asked) == sorted(f"/search/shards/{name}.json" for name in reached)
    want = {l["slug"] for l in listings if l["kind"] == "meeting" and is_located(l)
            and haversine_km(city["lat"], city["lon"], l["lat"], l["lon"]) / 1.609344 <= 50}
    expect(page.locator("#finder-status")).to_have_text(f"{len(want)} meetings found.")
    while page.locator("#finder-more").is_visible():  # every page of them, with no more shards
        page.click("#finder-more button")
        _settle(page)
    rows = page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)")
    assert want and set(rows) == want
    assert sorted(asked) == sorted(f"/search/shards/{name}.json" for name in reached)


def test_a_rare_filter_stops_at_the_cap_says_how_far_it_looked_and_looks_farther_on_request(
        page, world_url, shards, listings):
    asked = _shard_requests(page)
    mcmurdo = {"lat": -77.85, "lon": 166.67}
    page.goto(f"{world_url}/?near=-77.85,166.67&fellowship=CA&day=1&sort=distance")
    _settle(page)
    wanted = [l for l in listings if l["kind"] == "meeting" and is_located(l) and l["fellowship"] == "CA"
              and 1 in l["days"] and l["status"] == "active"]
    assert len(wanted) < page_size() + 1  # so the finder cannot be sure of a page without loading everything
    by_slug = {l["slug"]: l for l in listings}

    def distance(slug: str) -> float:
        return haversine_km(mcmurdo["lat"], mcmurdo["lon"], by_slug[slug]["lat"], by_slug[slug]["lon"])

    for presses in range(5):
        rows = page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)")
        want = brute_nearest(wanted, mcmurdo["lat"], mcmurdo["lon"], len(rows))
        assert rows and [round(distance(s), 6) for s in rows] == [round(d, 6) for _, d in want]
        assert len(asked) == len(set(asked)) and len(asked) <= 48 * (presses + 1)
        status = page.inner_text("#finder-status")
        found = re.fullmatch(r"(\d+) meetings? found\. Searched up to ([\d,.]+) mi away\.", status)
        if not found:  # everything is loaded now
            break
        assert int(found[1]) == len(rows)
        assert distance(rows[-1]) / 1.609344 <= float(found[2].replace(",", "")) + 1
        page.click("#finder-more button")
        _settle(page)
        assert len(page.eval_on_selector_all("#finder-results > li", "rows => rows")) > len(rows)
    assert presses > 0 and status == f"{len(wanted)} meetings found."
    assert sorted(asked) == sorted(f"/search/shards/{e['name']}.json" for e in shards if "box" in e)
    expect(page.locator("#finder-more")).to_be_hidden()


def test_near_me_across_the_antimeridian_finds_the_nearest_and_keeps_the_position_in_the_page(
        browser, world_url, listings):
    here = {"latitude": 64.8, "longitude": -179.95}  # in the sea east of Anadyr (177.5° E)
    context = browser.new_context(geolocation=here, permissions=["geolocation"])
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(world_url + "/")
        _settle(page)
        page.click("#f-near-me")
        page.wait_for_url(re.compile(r"near=me"))
        _settle(page)
        rows = page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)")
        meetings = [l for l in listings if l["kind"] == "meeting" and is_located(l) and l["status"] == "active"]
        want = brute_nearest(meetings, here["latitude"], here["longitude"], 30)
        by_slug = {l["slug"]: l for l in listings}
        # Soonest first among the nearest (here, far from any city, the ten nearest meetings).
        assert rows[0] in {slug for slug, _ in want[:10]}
        page.select_option("#f-sort", "distance")
        page.wait_for_url(re.compile(r"sort=distance"))
        _settle(page)
        rows = page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)")
        assert "Anadyr" in by_slug[rows[0]]["regions"]
        got = [haversine_km(here["latitude"], here["longitude"], by_slug[slug]["lat"], by_slug[slug]["lon"])
               for slug in rows[:30]]
        assert [round(d, 6) for d in got] == [round(d, 6) for _, d in want]
        for url in requests + [page.url]:
            assert "179.95" not in url and "64.8" not in url, f"the position leaked into {url}"
    finally:
        context.close()


def test_with_a_radius_meetings_with_no_map_location_yet_are_counted_and_shown(
        page, world, world_url, shards, listings, city):
    """In-person meetings still waiting for coordinates live in the shards of listings with no place;
    the manifest counts them, and a radius search loads them to say how many there are."""
    entry = next(e for e in shards if e.get("kind") == "meeting" and "box" not in e)
    assert entry["in_person"] == sum(1 for l in shard(world, entry["name"])["listings"]
                                     if l.get("attendance") != "online")
    template = next(l for l in listings if l["kind"] == "meeting" and is_located(l) and city["name"] in l["regions"])
    waiting = {key: value for key, value in template.items() if key not in ("lat", "lon")}
    waiting.update(slug="waiting-for-a-pin", name="Waiting For A Pin", attendance="in_person")
    manifest_data = manifest(world)
    for e in manifest_data["shards"]:
        if e["name"] == entry["name"]:
            e["in_person"] = entry["in_person"] + 1
    data = shard(world, entry["name"])
    data["listings"].append(waiting)
    page.route("**/search/shards.json", lambda route: route.fulfill(json=manifest_data))
    page.route(f"**/search/shards/{entry['name']}.json", lambda route: route.fulfill(json=data))
    page.goto(f"{world_url}/?near={quote(city['name'])}&radius=50")
    _settle(page)
    button = page.locator("#finder-unplaced button")
    expect(button).to_have_text(re.compile(r"^\d+ meetings? (has|have) no map location yet — show (it|them)$"))
    count = int(button.inner_text().split()[0])
    assert count == entry["in_person"] + 1
    button.click()
    expect(page.locator('#finder-results > li[data-slug="waiting-for-a-pin"] .distance')).to_have_text(
        "No map location yet")
