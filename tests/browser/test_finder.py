"""The meeting finder on the home page, driven in a real Chromium against the built sample site.

Expected answers are worked out here, in plain Python, from the site's own built data (the
listings in ``search/shards/`` and the places in ``search/places.json``), never from hard-coded
slugs, so the tests keep working when the sample directory changes. The sample directory is small:
one shard, ``all``, which the finder loads at start (``test_shards.py`` tries a big directory).

The finder marks its result list ``aria-busy`` while it works; ``settle`` waits for that to clear.
Many cases move through the finder's history (``pushState`` + ``popstate``, exactly what Back and
Forward do) instead of reloading the page, which keeps the many filter cases fast.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest

from pillar.directory import vocab
from axe_playwright_python.sync_playwright import Axe
from babel.dates import get_timezone_name
from playwright.sync_api import expect

from shard_files import all_listings, manifest, page_size

DENVER = {"latitude": 39.74, "longitude": -104.99}
# A Monday in June: no daylight-saving change within a week either side.
JUNE = datetime(2026, 6, 15, tzinfo=timezone.utc)
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
LIVE = {"now": "In progress", "soon": "Starts soon"}
TIMES = {"morning": (300, 720), "afternoon": (720, 1020), "evening": (1020, 1260), "night": (1260, 300)}
ATTENDANCE = {"in_person": {"in_person", "hybrid"}, "online": {"online", "hybrid"}, "hybrid": {"hybrid"}}
AXE = Axe()


# --- Data, and the answers worked out in Python -----------------------------------------------

@pytest.fixture(scope="module")
def data(sample_site: Path) -> dict:
    """The sample's one shard: {"version": 1, "listings": [...]}."""
    assert [entry["name"] for entry in manifest(sample_site)["shards"]] == ["all"]
    return {"version": 1, "listings": all_listings(sample_site)}


@pytest.fixture(scope="module")
def listings(data) -> list[dict]:
    return data["listings"]


@pytest.fixture(scope="module")
def places(sample_site: Path) -> list[dict]:
    return json.loads((sample_site / "search/places.json").read_text(encoding="utf-8"))["places"]


@pytest.fixture(scope="module")
def by_slug(listings) -> dict[str, dict]:
    return {listing["slug"]: listing for listing in listings}


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def miles(listing: dict, lat: float, lon: float) -> float:
    return haversine_km(lat, lon, listing["lat"], listing["lon"]) / 1.609344


def is_online(listing: dict) -> bool:
    return listing["kind"] == "online" or listing.get("attendance") == "online"


def is_located(listing: dict) -> bool:
    return not is_online(listing) and "lat" in listing and "lon" in listing


def minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def at_time(hhmm: str, name: str) -> bool:
    if not hhmm:
        return False
    start, end = TIMES[name]
    t = minutes(hhmm)
    return start <= t < end if start < end else (t >= start or t < end)


def expected(listings, kind="meeting", *, day=None, time=None, fellowship=None, attendance=None,
             types=(), region=None, language=None, service_type=None, cost=None, serves=None,
             platform=None, always=False) -> set[str]:
    """The slugs the finder should list for these filters, worked out one listing at a time."""
    found = set()
    for listing in listings:
        if listing["kind"] != kind:
            continue
        path = " › ".join(listing["regions"])
        if region and not (path == region or path.startswith(region + " › ")):
            continue
        if language and language not in listing["languages"]:
            continue
        if kind == "meeting":
            if day is not None and day not in listing["days"]:
                continue
            if time and not at_time(listing["time"], time):
                continue
            if fellowship and listing["fellowship"] != fellowship:
                continue
            if attendance and listing["attendance"] not in ATTENDANCE[attendance]:
                continue
            if not set(types) <= set(listing["types"]):
                continue
        else:
            if serves and serves not in listing["serves"]:
                continue
            if cost and cost not in listing["cost"]:
                continue
            if kind == "service" and service_type and service_type not in listing["service_types"]:
                continue
            if kind == "online" and platform and platform not in listing["platform"]:
                continue
            if kind == "online" and always and not listing["always_open"]:
                continue
        found.add(listing["slug"])
    return found


def occurrence(meeting: dict, now: datetime):
    """(start, end) in UTC of the meeting's current or next occurrence, or None (by appointment)."""
    if not meeting["time"] or not meeting["days"]:
        return None
    zone = ZoneInfo(meeting["tz"])
    local = now.astimezone(zone)
    start = minutes(meeting["time"])
    length = ((minutes(meeting["end"]) - start) % 1440 if meeting["end"] else 0) or 60
    weekday = (local.weekday() + 1) % 7  # Sunday = 0, as in the data
    for k in range(-1, 8):
        if (weekday + k) % 7 not in meeting["days"]:
            continue
        date = local.date() + timedelta(days=k)
        begins = datetime(date.year, date.month, date.day, start // 60, start % 60, tzinfo=zone)
        begins = begins.astimezone(timezone.utc)
        ends = begins + timedelta(minutes=length)
        if ends > now:
            return begins, ends
    return None


def live_state(meeting: dict, now: datetime) -> str:
    found = occurrence(meeting, now) if meeting["status"] == "active" else None
    if not found:
        return ""
    begins, ends = found
    if begins <= now < ends:
        return LIVE["now"]
    return LIVE["soon"] if begins - now <= timedelta(minutes=60) else ""


# --- Driving the page ---------------------------------------------------------------------------

SLUGS_JS = "els => els.map(el => el.dataset.slug)"
TEXT_OF_JS = "rows => rows.map(r => [r.dataset.slug, (r.querySelector('%s') || {}).textContent || ''])"
VISIT_JS = """async query => {
  history.pushState(null, "", location.pathname + (query ? "?" + query : ""));
  dispatchEvent(new PopStateEvent("popstate"));
  const list = document.getElementById("finder-results");
  while (list.hasAttribute("aria-busy")) await new Promise(done => setTimeout(done, 5));
  return { slugs: [...list.children].map(li => li.dataset.slug), search: location.search,
           status: document.getElementById("finder-status").textContent };
}"""
LAST_VISIT: dict = {}


def settle(page) -> None:
    """Waits until the finder has drawn its results (it clears aria-busy on the list)."""
    page.wait_for_selector("#finder-results:not([aria-busy])", state="attached")


def shown(page) -> list[str]:
    settle(page)
    return page.eval_on_selector_all("#finder-results > li", SLUGS_JS)


def open_finder(page, site_url: str, query: str = "") -> list[str]:
    response = page.goto(f"{site_url}/" + (f"?{query}" if query else ""))
    assert response is not None and response.ok
    return shown(page)


def visit(page, query: str) -> list[str]:
    """Moves the finder to another address the way Back/Forward do, without reloading, and
    returns what it lists (its address and status line are left in LAST_VISIT)."""
    LAST_VISIT.clear()
    LAST_VISIT.update(page.evaluate(VISIT_JS, query))
    return LAST_VISIT["slugs"]


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def option_values(page, selector: str) -> list[str]:
    return [v for v in page.eval_on_selector_all(f"{selector} option", "os => os.map(o => o.value)") if v]


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on("console", lambda message: errors.append(f"console {message.type}: {message.text}")
            if message.type == "error" and "favicon" not in (message.location or {}).get("url", "")
            else None)
    return errors


# --- Loading, and what is requested ---------------------------------------------------------------

def test_the_form_appears_and_lists_every_meeting(page, site_url, listings):
    errors = watch_errors(page)
    slugs = open_finder(page, site_url)
    expect(page.locator("#finder-form")).to_be_visible()
    expect(page.locator("#finder-map-toggle")).to_be_visible()
    meetings = expected(listings, "meeting")
    assert set(slugs) == meetings
    assert len(slugs) == len(meetings), "a listing is shown twice"
    status = page.locator("#finder-status")
    assert status.get_attribute("role") == "status"
    expect(status).to_have_text(f"{len(meetings)} meetings found.")
    assert not [e for e in errors if "favicon" not in e], errors


WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def clock_text(moment: datetime) -> str:
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def when_start(meeting: dict, now: datetime) -> str:
    """How a result row starts to say when: "Today 8:00 PM", "Tomorrow 6:30 AM", "Friday 7:00 AM" —
    the meeting's next start, on its own clock and calendar."""
    zone = ZoneInfo(meeting["tz"])
    begins = occurrence(meeting, now)[0].astimezone(zone)
    days = (begins.date() - now.astimezone(zone).date()).days
    label = {0: "Today", 1: "Tomorrow"}.get(days, WEEKDAYS[(begins.weekday() + 1) % 7])
    return f"{label} {clock_text(begins)}"


def test_each_result_links_to_its_listing_and_has_no_empty_parts(new_context, site_url, by_slug, data):
    page = new_context(timezone_id="America/Chicago").new_page()
    now = JUNE + timedelta(hours=15)
    page.clock.set_fixed_time(now)
    slugs = open_finder(page, site_url)
    rows = page.eval_on_selector_all("#finder-results > li", """rows => rows.map(row => ({
        slug: row.dataset.slug,
        href: row.querySelector("a").getAttribute("href"),
        name: row.querySelector("a").textContent,
        empty: [...row.querySelectorAll("span")].filter(s => !s.textContent.trim()).map(s => s.className),
        badge: [...row.querySelectorAll(".badge")].map(b => [b.className, b.textContent]),
        when: (row.querySelector(".when") || {}).textContent || "",
      }))""")
    assert [row["slug"] for row in rows] == slugs
    seen_zone = False
    for row in rows:
        listing = by_slug[row["slug"]]
        assert row["href"] == listing["url"] and row["name"] == listing["name"]
        assert not row["empty"], f"{row['slug']} shows empty parts: {row['empty']}"
        attendance = vocab.ATTENDANCE[listing["attendance"]]
        assert [f"badge badge-{listing['attendance']}", attendance] in row["badge"], row
        if not listing["time"]:
            assert row["when"] == "By appointment"
            continue
        # The next start first; the zone, as people name it, only for meetings online or in
        # another zone than the visitor's (Chicago here).
        assert row["when"].startswith(when_start(listing, now)), f"{row['slug']}: {row['when']!r}"
        zone = get_timezone_name(listing["tz"], width="long", zone_variant="generic", locale="en")
        begins = occurrence(listing, now)[0]
        differs = begins.astimezone(ZoneInfo(listing["tz"])).utcoffset() != begins.astimezone(
            ZoneInfo("America/Chicago")).utcoffset()
        wants_zone = differs or listing["attendance"] in ("online", "hybrid")
        assert row["when"].endswith(f", {zone}") == wants_zone, f"{row['slug']}: {row['when']!r}"
        assert not row["when"].endswith(" time"), f"a city's name for a zone: {row['when']!r}"
        seen_zone |= wants_zone
        if len(listing["days"]) == 7:
            assert " · Every day" in row["when"], row["when"]
    assert seen_zone, "no row named a time zone"


def test_page_load_asks_only_this_site_and_loads_nothing_it_does_not_need(page, site_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "/", wait_until="networkidle")
    settle(page)
    foreign = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert not foreign, f"requests to other hosts on load: {foreign}"
    lazy = [url for url in requests if re.search(r"/vendor/|\.index\.json", url)]
    assert not lazy, f"loaded before it was needed: {lazy}"
    # A search loads lunr and the index, still from this site only.
    page.fill("#f-q", "group")
    page.wait_for_url(re.compile(r"q=group"))
    settle(page)
    page.wait_for_load_state("networkidle")
    assert any("/search/shards/all.index.json" in url for url in requests)
    assert [url for url in requests if urlsplit(url).hostname != "127.0.0.1"] == []
    assert not [url for url in requests if "/vendor/leaflet" in url or "/vendor/markercluster" in url]


def _module_graph(js_folder: Path, entry: str = "finder.js", lazy: bool = False) -> set[str]:
    """The modules `entry` imports (with import() too when `lazy`), following imports."""
    pattern = r"""(?:from\s+|import\()['"]\./([\w-]+\.js)['"]""" if lazy else r"""from\s+['"]\./([\w-]+\.js)['"]"""
    seen, todo = set(), [entry]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += re.findall(pattern, (js_folder / name).read_text())
    return seen


def test_the_finder_page_is_light(page, site_url, sample_site):
    responses: dict = {}
    page.on("response", lambda r: responses.__setitem__(r.url, r) if r.ok else None)
    page.goto(site_url + "/", wait_until="networkidle")
    settle(page)
    # What had come by then: a response that comes while the bodies are read (Playwright hands events
    # over during each call) would otherwise change the dict being read.
    sizes = {url: len(gzip.compress(response.body(), 9)) for url, response in list(responses.items())}
    total = sum(sizes.values())
    assert total < 100_000, f"the home page with the finder weighs {total} bytes gzipped: {sizes}"

    folder = sample_site / "theme" / "js"
    gz = lambda names: {n: len(gzip.compress((folder / n).read_bytes(), 9)) for n in names}  # noqa: E731
    first, everything = _module_graph(folder), _module_graph(folder, lazy=True)
    # The first view's modules come as one file, joined and minified by esbuild (see bundle.py).
    assert sum(gz(["finder.bundle.js"]).values()) < 11_000, f"the finder's first file: {gz(['finder.bundle.js'])}"
    # Later, from their own files: the map, the full-text search, matching a typed place, and keeping the
    # site for use offline.
    assert sum(gz(everything - first).values()) < 9_000, f"the lazy scripts: {gz(everything - first)}"
    loaded = {urlsplit(url).path.rsplit("/", 1)[-1] for url in responses if "/theme/js/" in url}
    # The finder's code is inside the home page; after it, only the language switch, and (once the first
    # results are in) what keeps the site for use offline.
    after_results = _module_graph(folder, "offline.js")
    assert "lang.js" in loaded and loaded <= {"lang.js", *after_results}, f"scripts loaded at first: {loaded}"
    for name in everything:
        source = (folder / name).read_text()
        assert not re.search(r"innerHTML|insertAdjacentHTML|document\.write|localStorage|document\.cookie",
                             source), f"{name} uses something the finder must not"


# --- Near me --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["meeting", "service"])
def test_near_me_sorts_by_distance_and_keeps_the_position_out_of_the_address(
        new_context, site_url, listings, by_slug, kind):
    context = new_context(geolocation=DENVER, permissions=["geolocation"])
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_finder(page, site_url, "" if kind == "meeting" else f"kind={kind}")
    page.click("#f-near-me")
    page.wait_for_url(re.compile(r"near=me"))
    slugs = shown(page)
    assert "sort" not in params(page)  # meetings stay soonest first; services are nearest first
    expect(page.locator("#finder-place")).to_contain_text("Near you")
    if kind == "meeting":
        page.select_option("#f-sort", "distance")
        page.wait_for_url(re.compile(r"sort=distance"))
        slugs = shown(page)

    located = [l for l in listings if l["kind"] == kind and is_located(l) and l["status"] == "active"]
    distance = {l["slug"]: miles(l, DENVER["latitude"], DENVER["longitude"]) for l in located}
    nearest = min(distance.values())
    assert slugs[0] in {slug for slug, d in distance.items() if abs(d - nearest) < 1e-9}, (
        f"first is {slugs[0]} at {distance.get(slugs[0])} mi; nearest is {nearest} mi")
    active = [slug for slug in slugs if slug in distance]
    assert [distance[slug] for slug in active] == sorted(distance[slug] for slug in active)
    assert set(active) == set(distance)
    # Listings with no place (or closed) come after the located, active ones.
    assert slugs[: len(active)] == active
    first_distance = page.locator("#finder-results > li").first.locator(".distance").inner_text()
    assert re.fullmatch(r"(about )?\d+(\.\d)? mi", first_distance), first_distance
    # The position stays in the browser: not in the address, not in any request, not stored.
    for url in requests + [page.url]:
        assert "39.74" not in url and "104.99" not in url, f"the position leaked into {url}"
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("document.cookie") == "" and context.cookies() == []


def test_a_restored_near_me_asks_the_browser_again(new_context, site_url, listings):
    page = new_context(geolocation=DENVER, permissions=["geolocation"]).new_page()
    slugs = open_finder(page, site_url, "near=me&sort=distance")
    expect(page.locator("#finder-place")).to_contain_text("Near you")
    located = [l for l in listings if l["kind"] == "meeting" and is_located(l) and l["status"] == "active"]
    nearest = min(miles(l, DENVER["latitude"], DENVER["longitude"]) for l in located)
    first = next(l for l in listings if l["slug"] == slugs[0])
    assert abs(miles(first, DENVER["latitude"], DENVER["longitude"]) - nearest) < 1e-9


def test_while_the_browser_asks_for_the_position_the_list_is_already_there(new_context, site_url, listings):
    page = new_context().new_page()
    page.add_init_script("""Object.defineProperty(Navigator.prototype, "geolocation", { value: {
        getCurrentPosition() {} } });""")  # the visitor has not answered the browser's question yet
    page.goto(site_url + "/?near=me&sort=distance")
    expect(page.locator("#finder-place")).to_have_text("Finding your location…")
    expect(page.locator("#finder-results > li")).to_have_count(len(expected(listings)))
    expect(page.locator("#finder-results")).to_have_attribute("aria-busy", "true")  # more to come


def test_refused_permission_says_so(page, site_url):
    before = open_finder(page, site_url)
    page.click("#f-near-me")
    expect(page.locator("#finder-place")).to_contain_text("did not share your location")
    assert "near=" not in page.url
    assert shown(page) == before


@pytest.mark.parametrize("failure, message", [
    ("code 2", "could not tell where you are"),
    ("code 3", "took too long"),
    ("unsupported", "cannot share your location"),
])
def test_other_location_failures_say_so_plainly(new_context, site_url, failure, message):
    page = new_context().new_page()
    if failure == "unsupported":
        page.add_init_script("delete Navigator.prototype.geolocation;")
    else:
        code = failure.split()[1]
        page.add_init_script("""Object.defineProperty(Navigator.prototype, "geolocation", { value: {
            getCurrentPosition(ok, fail) { setTimeout(() => fail({ code: %s, message: "test" }), 10); } } });""" % code)
    open_finder(page, site_url)
    page.click("#f-near-me")
    expect(page.locator("#finder-place")).to_contain_text(message)


# --- Near a place ---------------------------------------------------------------------------------

def test_typing_portland_finds_portland_meetings(page, site_url, listings, places):
    portland = max((p for p in places if p["name"] == "Portland"), key=lambda p: p["listings"])
    open_finder(page, site_url)
    radius = option_values(page, "#f-radius")[2]  # a middle choice (10 in the sample settings)
    page.fill("#f-near", "Portland")
    page.press("#f-near", "Enter")
    page.wait_for_url(re.compile(r"near=Portland"))
    page.select_option("#f-radius", radius)
    slugs = shown(page)
    label = f"{portland['name']}, {portland['within']}" if portland["within"] else portland["name"]
    expect(page.locator("#finder-place")).to_have_text(f"Near {label}")
    page.select_option("#f-sort", "distance")
    slugs = shown(page)

    meetings = [l for l in listings if l["kind"] == "meeting"]
    near = {l["slug"] for l in meetings if is_located(l)
            and miles(l, portland["lat"], portland["lon"]) <= float(radius)}
    online = {l["slug"] for l in meetings if is_online(l)}
    assert set(slugs) == near | online
    assert near, "no Portland meeting within the radius"
    for slug in near:
        listing = next(l for l in meetings if l["slug"] == slug)
        assert "Portland" in listing["regions"], f"{slug} is not in Portland: {listing['regions']}"
    # Online meetings have no place: they stay, after the located ones, with their badge and no distance.
    open_near = {slug for slug in near if next(l for l in meetings if l["slug"] == slug)["status"] == "active"}
    assert set(slugs[: len(open_near)]) == open_near
    for slug in online:
        row = page.locator(f'#finder-results > li[data-slug="{slug}"]')
        expect(row.locator(".distance")).to_have_count(0)
        expect(row.locator(".badge-online, .badge-hybrid")).to_have_count(1)


def test_a_postal_code_and_coordinates_work_as_places(page, site_url, listings, places):
    code = max((p for p in places if p["kind"] == "postal_code"), key=lambda p: (p["listings"], p["name"]))
    open_finder(page, site_url, "kind=service")
    page.fill("#f-near", code["name"])
    page.keyboard.press("Tab")
    page.wait_for_url(re.compile(f"near={code['name']}"))
    slugs = shown(page)
    expect(page.locator("#finder-place")).to_have_text(f"Near postal code {code['name']}")
    services = [l for l in listings if l["kind"] == "service" and is_located(l) and l["status"] == "active"]
    distance = {l["slug"]: miles(l, code["lat"], code["lon"]) for l in services}
    assert distance[slugs[0]] == pytest.approx(min(distance.values()))

    page.fill("#f-near", f"{code['lat']:.2f},{code['lon']:.2f}")
    page.keyboard.press("Tab")
    page.wait_for_url(re.compile(r"near=-?\d+\.\d+%2C"))
    slugs = shown(page)
    lat, lon = round(code["lat"], 2), round(code["lon"], 2)
    distance = {l["slug"]: miles(l, lat, lon) for l in services}
    assert distance[slugs[0]] == pytest.approx(min(distance.values()))


def test_places_match_without_accents_case_or_the_whole_name(page, site_url, places):
    open_finder(page, site_url)
    region = max((p for p in places if p["kind"] == "region" and p["within"]), key=lambda p: p["listings"])
    label = f"Near {region['name']}, {region['within']}"
    squash = lambda text: re.sub(r"\W+", "", text.lower())  # noqa: E731
    others = [squash(n) for p in places if p is not region for n in (p["name"], f"{p['name']}, {p['within']}")]
    prefix = next(region["name"][:k] for k in range(3, len(region["name"]) + 1)
                  if not any(o.startswith(squash(region["name"][:k])) for o in others))
    for typed in (f"  {region['name'].upper()} ", prefix.lower(),
                  f"{region['name']}, {region['within']}"):
        page.fill("#f-near", typed)
        page.keyboard.press("Tab")
        expect(page.locator("#finder-place")).to_have_text(label)
    page.fill("#f-near", "Atlantis Nowhere")
    page.keyboard.press("Tab")
    expect(page.locator("#finder-place")).to_contain_text("No place called “Atlantis Nowhere” in this directory")
    # The datalist offers the directory's places.
    options = page.eval_on_selector_all("#f-near-list option", "os => os.map(o => o.value)")
    assert f"{region['name']}, {region['within']}" in options


def test_the_geocoder_is_asked_only_on_enter_and_only_for_the_typed_text(page, site_url):
    asked: list = []

    def home(route):
        response = route.fetch()
        body = response.text().replace('data-geocoder=""', 'data-geocoder="https://geocoder.test/search"')
        assert "geocoder.test" in body
        route.fulfill(response=response, body=body)

    def geocoder(route):
        asked.append(route.request)
        route.fulfill(json=[{"lat": "39.70", "lon": "-105.00", "display_name": "Testville, Colorado"}])

    page.route(site_url + "/", home)
    page.route("https://geocoder.test/**", geocoder)
    open_finder(page, site_url)
    page.fill("#f-near", "Testville")
    page.keyboard.press("Tab")
    expect(page.locator("#finder-place")).to_contain_text("Press Enter to look it up with geocoder.test")
    assert not asked
    page.focus("#f-near")
    page.keyboard.press("Enter")
    expect(page.locator("#finder-place")).to_have_text("Near Testville, Colorado")
    assert len(asked) == 1
    query = parse_qs(urlsplit(asked[0].url).query)
    assert query == {"q": ["Testville"], "format": ["json"], "limit": ["1"]}
    assert "referer" not in {name.lower() for name in asked[0].headers}
    assert shown(page)[0]  # sorted by distance from Testville


# --- Filters ----------------------------------------------------------------------------------------

def _filter_cases(page) -> list[tuple[str, dict, dict]]:
    """(query, expected() arguments) for every choice every filter offers, read from the form."""
    cases = []
    meeting, service, online = "meeting", "service", "online"
    for day in range(7):
        cases.append(({"day": day}, {"kind": meeting, "day": day}))
    for name in ("morning", "afternoon", "evening", "night"):
        cases.append(({"time": name}, {"kind": meeting, "time": name}))
    for value in option_values(page, "#f-fellowship"):
        cases.append(({"fellowship": value}, {"kind": meeting, "fellowship": value}))
    for value in option_values(page, "#f-attendance"):
        cases.append(({"attendance": value}, {"kind": meeting, "attendance": value}))
    types = page.eval_on_selector_all('input[name="type"]', "els => els.map(e => e.value)")
    for value in types:
        cases.append(({"type": [value]}, {"kind": meeting, "types": [value]}))
    for pair in (types[:2], types[-2:], [types[0], types[-1]]):
        cases.append(({"type": pair}, {"kind": meeting, "types": pair}))
    for kind in (meeting, service, online):
        for value in option_values(page, "#f-region"):
            cases.append(({"kind": kind, "region": value}, {"kind": kind, "region": value}))
        for value in option_values(page, "#f-language"):
            cases.append(({"kind": kind, "language": value}, {"kind": kind, "language": value}))
    for value in option_values(page, "#f-service-type"):
        cases.append(({"kind": service, "service_type": value}, {"kind": service, "service_type": value}))
    for value in option_values(page, "#f-service-cost"):
        cases.append(({"kind": service, "cost": value}, {"kind": service, "cost": value}))
    for value in option_values(page, "#f-community-cost"):
        cases.append(({"kind": online, "cost": value}, {"kind": online, "cost": value}))
    for value in option_values(page, "#f-platform"):
        cases.append(({"kind": online, "platform": value}, {"kind": online, "platform": value}))
    for value in option_values(page, "#f-serves"):
        for kind in (service, online):
            cases.append(({"kind": kind, "serves": value}, {"kind": kind, "serves": value}))
    cases.append(({"kind": online, "always": "1"}, {"kind": online, "always": True}))
    # Several at once combine with AND.
    cases.append(({"day": 1, "time": "evening", "attendance": "in_person", "type": types[:1]},
                  {"kind": meeting, "day": 1, "time": "evening", "attendance": "in_person", "types": types[:1]}))
    return cases


def test_every_filter_choice_narrows_to_exactly_the_matching_listings(page, site_url, listings):
    open_finder(page, site_url)
    cases = _filter_cases(page)
    assert len(cases) > 60
    narrowed = 0
    for query, arguments in cases:
        query = {k: v for k, v in query.items() if not (k == "kind" and v == "meeting")}
        text = urlencode(query, doseq=True)
        slugs = visit(page, text)
        want = expected(listings, **arguments)
        assert set(slugs) == want and len(slugs) == len(want), (
            f"?{text}: extra {sorted(set(slugs) - want)}, missing {sorted(want - set(slugs))}")
        assert parse_qs(LAST_VISIT["search"].lstrip("?")) == {
            k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in query.items()
        }, f"?{text} was not kept in the address"
        kind = arguments["kind"]
        noun = {"meeting": "meeting", "service": "peer service", "online": "online communit"}[kind]
        status = LAST_VISIT["status"]
        assert (str(len(want)) in status and noun in status) if want else status.startswith("No "), status
        narrowed += len(want) < len(expected(listings, kind))
    assert narrowed > len(cases) // 2, "most filters did not narrow anything: is the sample data too small?"


def test_filters_of_other_kinds_do_not_count(page, site_url, listings):
    slugs = open_finder(page, site_url, "kind=service&type=O&day=1&platform=chat")
    assert set(slugs) == expected(listings, "service")
    assert params(page) == {"kind": ["service"]}
    # Two selects are both called "cost": only the one for the chosen kind counts.
    cost = option_values(page, "#f-community-cost")[0]
    slugs = visit(page, f"kind=online&cost={cost}")
    assert set(slugs) == expected(listings, "online", cost=cost)
    expect(page.locator("#f-community-cost")).to_be_visible()
    expect(page.locator("#f-service-cost")).to_be_hidden()


def test_choosing_a_kind_shows_its_filters(page, site_url, listings):
    open_finder(page, site_url)
    expect(page.locator('fieldset.filters[data-kind="meeting"]').first).to_be_attached()
    page.click("#finder-filters > summary")
    for kind in ("service", "online", "meeting"):
        page.check(f'input[name="kind"][value="{kind}"]')
        assert set(shown(page)) == expected(listings, kind)
        for fieldset in page.query_selector_all("fieldset.filters[data-kind]"):
            visible = kind in fieldset.get_attribute("data-kind").split()
            assert fieldset.is_visible() == visible, fieldset.get_attribute("data-kind")


def test_today_is_the_visitors_today(new_context, site_url, listings):
    context = new_context(timezone_id="America/Denver")
    page = context.new_page()
    now = JUNE + timedelta(hours=3)  # Sunday evening in Denver, already Monday in UTC
    page.clock.set_fixed_time(now)
    slugs = open_finder(page, site_url, "day=today")
    today = (now.astimezone(ZoneInfo("America/Denver")).weekday() + 1) % 7
    assert set(slugs) == expected(listings, day=today)


def test_a_radius_keeps_online_meetings_and_drops_listings_with_no_place(page, site_url, listings, places):
    denver = next(p for p in places if p["name"] == "Denver")
    open_finder(page, site_url)
    radius = option_values(page, "#f-radius")[1]
    for kind in ("meeting", "service", "online"):
        query = urlencode({"kind": kind, "near": "Denver", "radius": radius, "sort": "distance"})
        slugs = visit(page, query)
        want = {l["slug"] for l in listings if l["kind"] == kind and (
            is_online(l) or (is_located(l) and miles(l, denver["lat"], denver["lon"]) <= float(radius)))}
        assert set(slugs) == want, kind


def test_a_site_in_kilometres_measures_in_kilometres(page, site_url, listings, places):
    def home(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace('data-units="mi"', 'data-units="km"'))

    page.route(re.compile(re.escape(site_url) + r"/(\?.*)?$"), home)
    denver = next(p for p in places if p["name"] == "Denver")
    km = {l["slug"]: haversine_km(denver["lat"], denver["lon"], l["lat"], l["lon"])
          for l in listings if l["kind"] == "meeting" and is_located(l)}
    online = {l["slug"] for l in listings if l["kind"] == "meeting" and is_online(l)}
    within = lambda r, per: {slug for slug, d in km.items() if d / per <= r}  # noqa: E731
    open_finder(page, site_url)
    # A radius that keeps different meetings in km and in miles, so the units really are tested.
    radius = next(r for r in map(int, option_values(page, "#f-radius")) if within(r, 1) != within(r, 1.609344))
    slugs = visit(page, f"near=Denver&radius={radius}&sort=distance")
    assert set(slugs) == within(radius, 1) | online
    slugs = visit(page, "near=Denver&sort=distance")
    texts = page.eval_on_selector_all("#finder-results .distance", "els => els.map(e => e.textContent)")
    assert all(re.fullmatch(r"(about )?[\d,]+(\.\d)? km|Online", text) for text in texts), texts
    assert texts[0].endswith(" km")


def test_temporarily_closed_listings_stay_but_come_last(page, site_url, listings):
    slugs = open_finder(page, site_url)
    closed = {l["slug"] for l in listings if l["kind"] == "meeting" and l["status"] != "active"}
    assert closed, "the sample has no closed meeting to test with"
    assert set(slugs[-len(closed):]) == closed
    for slug in closed:
        expect(page.locator(f'li[data-slug="{slug}"] .status')).to_have_text("Temporarily closed")
        expect(page.locator(f'li[data-slug="{slug}"] .live')).to_have_count(0)


# --- Time ------------------------------------------------------------------------------------------

def _busy_moment(listings) -> datetime:
    """A moment, from the data, when some meeting is in progress and another starts soon."""
    meetings = [l for l in listings if l["kind"] == "meeting"]
    for step in range(0, 7 * 24 * 4):
        now = JUNE + timedelta(minutes=15 * step)
        states = {live_state(m, now) for m in meetings}
        if {LIVE["now"], LIVE["soon"]} <= states:
            return now
    pytest.fail("no moment in the week has a meeting in progress and one starting soon")


@pytest.fixture(scope="module")
def busy_moment(listings) -> datetime:
    return _busy_moment(listings)


def test_sorting_by_time_and_live_badges(new_context, site_url, listings, busy_moment):
    page = new_context(timezone_id="America/Chicago").new_page()
    now = busy_moment
    page.clock.set_fixed_time(now)
    slugs = open_finder(page, site_url, "sort=time")
    meetings = {l["slug"]: l for l in listings if l["kind"] == "meeting"}
    active = [slug for slug in slugs if meetings[slug]["status"] == "active"]
    starts = [occurrence(meetings[slug], now) for slug in active]
    timed = [s[0] for s in starts if s]
    assert timed == sorted(timed), "meetings are not in order of their next start"
    assert all(starts[: len(timed)]), "a meeting by appointment came before a timed one"
    assert slugs[: len(active)] == active, "a closed meeting came before an open one"

    badges = dict(page.eval_on_selector_all("#finder-results > li", TEXT_OF_JS % ".live"))
    want = {slug: live_state(m, now) for slug, m in meetings.items()}
    assert badges == want
    # The default order, with no search words, is also by next start.
    default = visit(page, "")
    assert default == slugs


def test_a_meeting_that_runs_past_midnight_is_in_progress_after_midnight(page, site_url, data):
    data = json.loads(json.dumps(data))
    template = next(l for l in data["listings"] if l["kind"] == "meeting" and l["status"] == "active")
    late = {**template, "slug": "late-night", "name": "Late Night Test", "days": [1], "time": "23:30",
            "end": "00:30", "tz": "America/Chicago"}
    data["listings"].append(late)
    page.route("**/search/shards/all.json", lambda route: route.fulfill(json=data))
    # Tuesday 00:10 in Chicago: Monday's 23:30 meeting has not ended yet.
    now = datetime(2026, 6, 16, 0, 10, tzinfo=ZoneInfo("America/Chicago")).astimezone(timezone.utc)
    assert live_state(late, now) == LIVE["now"]
    page.clock.set_fixed_time(now)
    slugs = open_finder(page, site_url, "sort=time")
    assert slugs[0] == "late-night"
    expect(page.locator('li[data-slug="late-night"] .live')).to_have_text(LIVE["now"])
    when = re.compile(r"^Monday 11:30\sPM, Central Time$")  # the visitor's clock (UTC here) differs
    expect(page.locator('li[data-slug="late-night"] .when')).to_have_text(when)


@pytest.mark.parametrize("zone", ["America/New_York", "America/Chicago"])
def test_online_and_hybrid_meetings_also_show_the_visitors_time(new_context, site_url, listings, zone):
    page = new_context(timezone_id=zone).new_page()
    now = JUNE + timedelta(hours=15)
    page.clock.set_fixed_time(now)
    open_finder(page, site_url)
    texts = dict(page.eval_on_selector_all("#finder-results > li", TEXT_OF_JS % ".your-time"))
    want = {}
    for l in listings:
        if l["kind"] != "meeting":
            continue
        found = occurrence(l, now)
        text = ""
        if found and l["status"] == "active" and l["attendance"] in ("online", "hybrid"):
            theirs = found[0].astimezone(ZoneInfo(l["tz"]))
            mine = found[0].astimezone(ZoneInfo(zone))
            if (mine.weekday(), mine.hour, mine.minute) != (theirs.weekday(), theirs.hour, theirs.minute):
                shift = {1: ", the next day", 6: ", the day before"}.get((mine.weekday() - theirs.weekday()) % 7, "")
                text = f"{mine.hour % 12 or 12}:{mine.minute:02d} {'AM' if mine.hour < 12 else 'PM'} your time{shift}"
        want[l["slug"]] = text
    assert texts == want
    if zone == "America/Chicago":
        assert not any(texts[l["slug"]] for l in listings if l["kind"] == "meeting" and l["tz"] == zone)
    assert any(texts.values()), "no meeting showed the visitor's time"


# --- Full-text search ---------------------------------------------------------------------------

def test_a_listings_exact_name_puts_it_first(page, site_url, listings):
    open_finder(page, site_url)
    for listing in listings:
        query = urlencode({"kind": listing["kind"], "q": listing["name"]}).replace("kind=meeting&", "")
        slugs = visit(page, query)
        assert slugs and slugs[0] == listing["slug"], f"searching {listing['name']!r} listed {slugs[:3]}"


def test_a_prefix_finds_every_listing_with_a_word_starting_with_it(page, site_url, listings):
    meetings = [l for l in listings if l["kind"] == "meeting"]
    words = {}
    for meeting in meetings:
        for word in re.findall(r"\w+", meeting["name"].lower()):
            words.setdefault(word, set()).add(meeting["slug"])
    word = max((w for w in words if len(w) >= 7 and w != "sample"), key=lambda w: (len(words[w]), w))
    prefix = word[:4]
    want = {m["slug"] for m in meetings
            if any(w.startswith(prefix) for w in re.findall(r"\w+", m["name"].lower()))}
    open_finder(page, site_url)
    page.fill("#f-q", prefix)
    page.wait_for_url(re.compile(f"q={prefix}"))
    slugs = shown(page)
    assert want <= set(slugs), f"{prefix!r} missed {sorted(want - set(slugs))}"
    # Every word must match: a real word with a made-up one finds nothing.
    page.fill("#f-q", f"{word} zzqxv")
    page.wait_for_url(re.compile(r"zzqxv"))
    assert shown(page) == []
    expect(page.locator("#finder-status")).to_have_text("No meetings match — try removing a filter.")


def test_search_ignores_accents_both_ways(page, site_url, listings):
    def fold(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))

    accented = [(l, w) for l in listings for w in re.findall(r"\w+", l["name"]) if fold(w) != w]
    assert accented, "no listing name with an accent to test with"
    open_finder(page, site_url)
    for listing, word in accented:
        for typed in (fold(word), word):
            slugs = visit(page, urlencode({"kind": listing["kind"], "q": typed}).replace("kind=meeting&", ""))
            assert listing["slug"] in slugs, f"{typed!r} did not find {listing['name']!r}"


def test_typing_in_the_search_box_makes_one_history_entry(page, site_url):
    before = open_finder(page, site_url)
    page.type("#f-q", "grou", delay=40)
    page.wait_for_url(re.compile(r"q=grou$"))
    settle(page)
    page.type("#f-q", "p", delay=40)
    page.wait_for_url(re.compile(r"q=group$"))
    settle(page)
    page.go_back()
    page.wait_for_url(site_url + "/")
    assert shown(page) == before
    expect(page.locator("#f-q")).to_have_value("")


ODD_QUERIES = ["a:", "^", '"quoted"', "~", "~2", "*", "+-", "日本", "العربية", "Ελληνικά", "name:foo^10",
               "\\", "-", "(", "[a-z]", "recovery*", "  ", "a" * 300]


def test_odd_queries_never_break_the_finder(page, site_url):
    errors = watch_errors(page)
    open_finder(page, site_url)
    for text in ODD_QUERIES:
        page.fill("#f-q", text)
        page.press("#f-q", "Enter")  # searches at once, without waiting for typing to pause
        settle(page)
        status = page.inner_text("#finder-status")
        assert re.match(r"^(\d+ meetings? found|No meetings match)", status), f"{text!r}: {status!r}"
        assert page.input_value("#f-q") == text
    page.wait_for_load_state("networkidle")
    assert not [e for e in errors if "favicon" not in e], errors


# --- The address bar --------------------------------------------------------------------------------

def _choose_several(page):
    page.click("#finder-filters > summary")
    page.select_option("#f-time", "evening")
    page.check('input[name="type"][value="O"]')
    page.select_option("#f-attendance", "in_person")
    page.select_option("#f-sort", "distance")
    page.select_option("#f-day", "tomorrow")
    settle(page)


def test_an_address_restores_the_same_view_in_a_new_page(new_context, site_url):
    now = JUNE + timedelta(hours=20)
    first = new_context().new_page()
    first.clock.set_fixed_time(now)
    open_finder(first, site_url)
    _choose_several(first)
    expected_slugs = shown(first)
    address = first.url
    assert {"time", "type", "attendance", "sort", "day"} <= set(params(first))

    second = new_context().new_page()
    second.clock.set_fixed_time(now)
    second.goto(address)
    assert shown(second) == expected_slugs
    expect(second.locator("#f-time")).to_have_value("evening")
    expect(second.locator('input[name="type"][value="O"]')).to_be_checked()
    expect(second.locator("#finder-filters")).to_have_attribute("open", "")
    expect(second.locator("#finder-filter-count")).to_contain_text("3 chosen")


def test_back_restores_the_previous_view(page, site_url, listings):
    everything = open_finder(page, site_url)
    page.click("#finder-filters > summary")
    page.select_option("#f-fellowship", option_values(page, "#f-fellowship")[0])
    first = shown(page)
    page.check('input[name="kind"][value="online"]')
    second = shown(page)
    assert first != second
    page.go_back()
    assert shown(page) == first
    expect(page.locator('input[name="kind"][value="meeting"]')).to_be_checked()
    page.go_back()
    assert shown(page) == everything
    expect(page.locator("#f-fellowship")).to_have_value("")
    page.go_forward()
    assert shown(page) == first


def test_clear_all_resets_the_form_and_the_address(page, site_url):
    everything = open_finder(page, site_url)
    visit(page, "kind=service&serves=veterans&near=Denver&sort=distance")
    page.click("#f-reset")
    page.wait_for_url(site_url + "/")
    assert shown(page) == everything
    expect(page.locator("#f-near")).to_have_value("")
    expect(page.locator("#finder-place")).to_have_text("")


# --- Show more ---------------------------------------------------------------------------------------

def test_long_result_lists_show_a_page_at_a_time(page, site_url, data):
    rows = page_size()
    big = json.loads(json.dumps(data))
    template = next(l for l in big["listings"] if l["kind"] == "meeting" and l["status"] == "active")
    for i in range(450):
        big["listings"].append({**template, "slug": f"copy-{i:03d}", "name": f"Copy {i:03d}"})
    total = sum(1 for l in big["listings"] if l["kind"] == "meeting")
    page.route("**/search/shards/all.json", lambda route: route.fulfill(json=big))
    open_finder(page, site_url)
    expect(page.locator("#finder-status")).to_have_text(f"{total} meetings found.")
    expect(page.locator("#finder-results > li")).to_have_count(rows)
    page.click("#finder-more button")
    expect(page.locator("#finder-results > li")).to_have_count(2 * rows)
    focused = page.evaluate("document.activeElement.closest('li').dataset.slug")
    assert focused == page.eval_on_selector_all("#finder-results > li", SLUGS_JS)[rows]
    while page.locator("#finder-more").is_visible():
        page.click("#finder-more button")
    expect(page.locator("#finder-results > li")).to_have_count(total)


# --- The map -----------------------------------------------------------------------------------------

MARKERS_JS = """() => {
  const clusters = [...document.querySelectorAll("#finder-map .marker-cluster [data-count]")]
    .reduce((sum, el) => sum + Number(el.dataset.count), 0);
  return clusters + document.querySelectorAll("#finder-map .leaflet-marker-icon:not(.marker-cluster)").length;
}"""


def _offline_tiles(context) -> list[str]:
    """Answers every request to another host with a tiny PNG, and records them."""
    asked: list[str] = []

    def answer(route):
        asked.append(route.request.url)
        route.fulfill(body=TINY_PNG, content_type="image/png")

    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), answer)
    return asked


def test_the_map_loads_only_when_opened_and_shows_every_located_result(new_context, site_url, by_slug):
    context = new_context()
    tiles = _offline_tiles(context)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "/", wait_until="networkidle")
    slugs = shown(page)
    tile_host = urlsplit(page.get_attribute("#finder", "data-tiles").replace("{s}.", "")).hostname
    assert not tiles
    assert not [u for u in requests if "/vendor/leaflet" in u or "/vendor/markercluster" in u or tile_host in u]
    expect(page.locator("#finder-map-note")).to_contain_text(tile_host)

    toggle = page.locator("#finder-map-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#finder-map")).to_be_visible()
    page.wait_for_url(re.compile(r"map=1"))
    located = sum(1 for slug in slugs if is_located(by_slug[slug]))
    page.wait_for_function(f"({MARKERS_JS})() === {located}", timeout=10_000)
    assert any("/vendor/leaflet/leaflet.js" in u for u in requests)
    assert any("/vendor/markercluster/leaflet.markercluster.js" in u for u in requests)
    for _ in range(50):  # tiles are asked for once the map has its view
        if tiles:
            break
        page.wait_for_timeout(100)
    assert tiles and all(urlsplit(u).hostname.endswith(tile_host) for u in tiles)

    # Clusters open up to markers whose popups link to the listing.
    single = page.locator("#finder-map .leaflet-marker-icon:not(.marker-cluster)")
    for _ in range(8):
        if single.count():
            break
        page.locator("#finder-map .marker-cluster").first.click()
        page.wait_for_timeout(300)
    single.first.click()
    link = page.locator("#finder-map .leaflet-popup-content a")
    expect(link).to_be_visible()
    slug = next(s for s, l in by_slug.items() if l["url"] == link.get_attribute("href"))
    assert link.inner_text() == by_slug[slug]["name"] and slug in slugs

    # The map follows the results.
    page.click("#finder-filters > summary")
    region = option_values(page, "#f-region")[0]
    page.select_option("#f-region", region)
    slugs = shown(page)
    located = sum(1 for slug in slugs if is_located(by_slug[slug]))
    page.wait_for_function(f"({MARKERS_JS})() === {located}", timeout=10_000)

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#finder-map")).to_be_hidden()
    assert "map=1" not in page.url


# --- Accessibility, keyboard, small screens -------------------------------------------------------

def _violations(page) -> list[str]:
    return [f"{v['id']}: {v['help']} — " + ", ".join(str(n["target"]) for n in v["nodes"])
            for v in AXE.run(page).response["violations"]]


def test_axe_finds_no_violations_on_the_finder_light_and_dark_with_and_without_the_map(
        new_context, site_url, busy_moment):
    context = new_context()
    _offline_tiles(context)
    page = context.new_page()
    page.clock.set_fixed_time(busy_moment)
    open_finder(page, site_url, "near=Denver&sort=distance")
    page.click("#finder-filters > summary")
    expect(page.locator("#finder-filters")).to_have_attribute("open", "")
    expect(page.locator("#finder-results .live").first).to_be_visible()  # its colours are checked too
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert not _violations(page), f"{scheme}, without the map"
    page.click("#finder-map-toggle")
    page.wait_for_selector("#finder-map .leaflet-marker-icon")
    page.wait_for_timeout(300)  # let the markers settle
    for scheme in ("dark", "light"):
        page.emulate_media(color_scheme=scheme)
        assert not _violations(page), f"{scheme}, with the map open"


def _tab_to(page, selector: str, limit: int = 80, key: str = "Tab") -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} never got focus with {key}")


def test_the_finder_works_from_the_keyboard(new_context, site_url, listings):
    context = new_context(geolocation=DENVER, permissions=["geolocation"])
    _offline_tiles(context)
    page = context.new_page()
    open_finder(page, site_url)

    _tab_to(page, 'input[name="kind"]')
    page.keyboard.press("ArrowRight")  # radios move with the arrow keys
    page.wait_for_url(re.compile(r"kind=service"))
    assert set(shown(page)) == expected(listings, "service")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"/$"))
    settle(page)

    _tab_to(page, "#f-near-me", key="Shift+Tab")  # the first control, above the others
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"near=me"))
    settle(page)
    expect(page.locator("#finder-place")).to_contain_text("Near you")
    # Focus moved to the results, which came into view.
    assert page.evaluate("document.activeElement.id") == "finder-results"

    _tab_to(page, "#finder-filters > summary", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#finder-filters")).to_have_attribute("open", "")
    _tab_to(page, 'input[name="type"]')
    value = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(f"type={value}"))
    assert set(shown(page)) == expected(listings, types=[value])

    _tab_to(page, "#finder-map-toggle")
    page.keyboard.press("Space")
    expect(page.locator("#finder-map-toggle")).to_have_attribute("aria-expanded", "true")
    page.wait_for_selector("#finder-map .leaflet-marker-icon")

    _tab_to(page, "#f-reset", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/")
    assert set(shown(page)) == expected(listings)
    expect(page.locator("#finder-map")).to_be_hidden()


def test_no_horizontal_overflow_at_360px_with_everything_open(new_context, site_url):
    context = new_context(viewport={"width": 360, "height": 640})
    _offline_tiles(context)
    page = context.new_page()
    open_finder(page, site_url, "near=Denver&sort=distance&type=O&map=1")
    page.wait_for_selector("#finder-map .leaflet-marker-icon")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"the page is {width[0]}px wide in a 360px window"


# --- Other languages ----------------------------------------------------------------------------

def test_a_translated_home_page_links_results_to_pages_in_its_language(page, site_url):
    page.goto(site_url + "/")
    alternates = page.eval_on_selector_all('link[rel="alternate"][hreflang]', "ls => ls.map(l => l.href)")
    if not alternates:
        pytest.skip("the sample site is in one language")
    errors = watch_errors(page)
    page.goto(alternates[0])
    assert shown(page)
    root = page.get_attribute("#finder", "data-language-root")
    assert root and root != page.get_attribute("#finder", "data-site-root")
    hrefs = page.eval_on_selector_all("#finder-results a", "as => as.map(a => a.getAttribute('href'))")
    assert all(href.startswith(root) for href in hrefs), hrefs[:3]
    response = page.goto(urljoin(page.url, hrefs[0]))
    assert response is not None and response.ok, hrefs[0]
    assert not [e for e in errors if "favicon" not in e], errors


@pytest.mark.parametrize("zone, differs", [("Asia/Tokyo", True), (None, False)])
def test_an_online_meeting_page_also_gives_the_visitors_time(new_context, site_url, listings, zone, differs):
    meeting = next(l for l in listings if l["kind"] == "meeting" and l["attendance"] == "online" and l["time"])
    context = new_context(timezone_id=zone or meeting["tz"])
    page = context.new_page()
    page.goto(urljoin(site_url + "/", meeting["url"].lstrip("/")))
    note = page.locator(".your-time")
    if differs:
        expect(note).to_be_visible()
        assert re.fullmatch(r"\d{1,2}:\d\d (AM|PM) your time(, the (next day|day before))?", note.text_content())
    else:
        expect(note).to_be_hidden()


def test_the_spanish_finder_speaks_spanish(page, site_url):
    page.goto(site_url + "/es/")
    expect(page.locator("#finder-form")).to_be_visible()
    expect(page.locator("#finder-status")).to_contain_text("reuniones")
    assert page.locator("label[for=f-q]").text_content().strip() != "Name, place or group"
    badges = page.locator("#finder-results .badge-in_person").all_text_contents()
    assert badges and set(badges) == {"En persona"}
    assert page.locator("html").get_attribute("lang") == "es"


def test_the_browser_language_picks_the_default_and_the_switch_changes_it(new_context, site_url):
    spanish = new_context(locale="es-MX").new_page()
    spanish.goto(site_url + "/meetings/?x=1")
    spanish.wait_for_url(re.compile(r"/es/meetings/\?x=1$"))
    assert spanish.locator("html").get_attribute("lang") == "es"
    spanish.click("[data-language-switch=en]")
    spanish.wait_for_url(re.compile(r"/meetings/$"))
    spanish.goto(site_url + "/")  # the choice is remembered on this device
    spanish.wait_for_load_state("networkidle")
    assert spanish.locator("html").get_attribute("lang") == "en"
    english = new_context(locale="en-US").new_page()
    english.goto(site_url + "/")
    english.wait_for_load_state("networkidle")
    assert english.url == site_url + "/"
    shared = new_context(locale="en-US").new_page()
    shared.goto(site_url + "/es/")  # a Spanish link stays Spanish
    shared.wait_for_load_state("networkidle")
    assert shared.url == site_url + "/es/"
