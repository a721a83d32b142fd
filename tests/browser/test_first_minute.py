"""A first-time visitor's first minute, on a cheap phone (360×640) and a laptop (1280×900): the help
line, Near me and the place box without scrolling; one tap on Near me brings the meetings they can
get to next into view; an unknown place never pretends; no meeting silently drops out; the map frames
what is near; and without JavaScript the home page leads straight to the lists.

Expected answers are worked out here from the built site's own data (``search/``), never hard-coded.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from shard_files import all_listings

VIEWPORTS = [(360, 640), (1280, 900)]
CHICAGO = ZoneInfo("America/Chicago")
AXE = Axe()


@pytest.fixture(scope="module")
def listings(sample_site):
    return all_listings(sample_site)


@pytest.fixture(scope="module")
def places(sample_site):
    return json.loads((sample_site / "search/places.json").read_text(encoding="utf-8"))["places"]


@pytest.fixture
def make_page(browser):
    contexts = []

    def make(width=360, height=640, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        # No request leaves the site: tiles (only asked for once the map opens) fail here.
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def settle(page):
    page.wait_for_selector("#finder-results:not([aria-busy])", state="attached")


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def next_start(meeting: dict, now: datetime):
    """The UTC instant of the meeting's current or next start (None: by appointment)."""
    if not meeting["time"] or not meeting["days"]:
        return None
    zone = ZoneInfo(meeting["tz"])
    local = now.astimezone(zone)
    hours, minutes = map(int, meeting["time"].split(":"))
    length = 60
    if meeting["end"]:
        end_h, end_m = map(int, meeting["end"].split(":"))
        length = ((end_h * 60 + end_m) - (hours * 60 + minutes)) % 1440 or 60
    for k in range(-1, 8):
        date = local.date() + timedelta(days=k)
        if (date.weekday() + 1) % 7 not in meeting["days"]:
            continue
        begins = datetime(date.year, date.month, date.day, hours, minutes, tzinfo=zone).astimezone(timezone.utc)
        if begins + timedelta(minutes=length) > now:
            return begins
    return None


# --- The first screen ------------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_the_first_screen_has_the_help_line_near_me_and_the_place_box(make_page, site_url, listings, width, height):
    page = make_page(width, height)
    meeting = next(l for l in listings if l["kind"] == "meeting" and l.get("attendance") == "in_person")
    for path in ("/", meeting["url"], "/meetings/", "/es/", "/regions/"):
        page.goto(site_url + path)
        call = page.locator("header.site .helpline a[href^='tel:']")
        text = page.locator("header.site .helpline a[href^='sms:']")
        expect(call).to_have_count(1)
        expect(text).to_have_count(1)
        assert call.get_attribute("href") == "tel:988" and text.get_attribute("href") == "sms:988"
        assert in_view(page, call) and in_view(page, text), f"{path}: the help line is not on the first screen"
        assert in_view(page, page.locator(".brand")), f"{path}: the site's name is not on the first screen"
        assert page.locator(".helpline").bounding_box()["height"] < 56, f"{path}: the help line wraps"
        notice = page.locator(".notice[role=note]")  # the sample notice
        if notice.count():
            line = float(notice.evaluate("n => parseFloat(getComputedStyle(n).lineHeight)"))
            padding = float(notice.evaluate("n => parseFloat(getComputedStyle(n).paddingTop) * 2"))
            assert notice.bounding_box()["height"] <= line + padding + 1, f"{path}: the sample notice wraps"
    for path, words in (("/", ("Call 988", "Text 988")), ("/es/", ("Llama al 988", "SMS al 988"))):
        page.goto(site_url + path)
        expect(page.locator(".helpline")).to_contain_text(words[0])
        expect(page.locator(".helpline")).to_contain_text(words[1])
        settle(page)
        for control in ("#f-near-me", "#f-near"):
            expect(page.locator(control)).to_be_visible()
            assert in_view(page, page.locator(control)), f"{path}: {control} is below the first screen"


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_the_menu_folds_on_a_phone_and_lies_open_on_a_laptop(make_page, site_url, width, height):
    page = make_page(width, height)
    page.goto(site_url + "/")
    menu = page.locator("details.menu > summary")
    links = page.locator('nav[aria-label="Main"] a')
    assert links.count() >= 3
    if width < 700:
        expect(menu).to_be_visible()
        expect(links.first).to_be_hidden()
        assert page.locator("header.site").bounding_box()["height"] < 140, "the header takes the first screen"
        menu.click()
        for index in range(links.count()):
            expect(links.nth(index)).to_be_visible()
        expect(page.locator("nav.languages a")).to_be_visible()
        assert not AXE.run(page).response["violations"]
    else:
        expect(menu).to_be_hidden()
        for index in range(links.count()):
            expect(links.nth(index)).to_be_visible()


# --- Near me: the meetings they can get to next ------------------------------------------------------

def _moments():
    """A late Saturday evening and an early Monday evening in Chicago."""
    saturday = datetime(2026, 6, 20, 21, 30, tzinfo=CHICAGO)
    monday = datetime(2026, 6, 15, 18, 40, tzinfo=CHICAGO)
    return [saturday.astimezone(timezone.utc), monday.astimezone(timezone.utc)]


@pytest.mark.parametrize("width, height", VIEWPORTS)
@pytest.mark.parametrize("now", _moments(), ids=["saturday-night", "monday-evening"])
def test_one_tap_on_near_me_brings_the_next_meetings_nearby_into_view(
        make_page, site_url, listings, places, width, height, now):
    city = max((p for p in places if p["kind"] != "postal_code"), key=lambda p: p["listings"])
    page = make_page(width, height, timezone_id="America/Chicago", permissions=["geolocation"],
                     geolocation={"latitude": city["lat"], "longitude": city["lon"]})
    page.clock.set_fixed_time(now)
    page.goto(site_url + "/")
    settle(page)
    assert page.evaluate("scrollY") == 0
    page.click("#f-near-me")
    page.wait_for_url(re.compile(r"near=me"))
    settle(page)
    first = page.locator("#finder-results > li").first
    expect(first).to_be_visible()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'finder-results'")
    assert in_view(page, first), "the first result is not on screen after Near me"
    assert in_view(page, page.locator("#finder-status"))

    by_slug = {l["slug"]: l for l in listings}
    meeting = by_slug[first.get_attribute("data-slug")]
    begins = next_start(meeting, now)
    today = now.astimezone(CHICAGO).date()
    assert meeting["status"] == "active" and begins is not None
    assert begins.astimezone(CHICAGO).date() in (today, today + timedelta(days=1)), \
        f"the first result, {meeting['slug']}, meets on {begins.astimezone(CHICAGO):%A %H:%M}"
    # Among meetings near the visitor that are in progress or start within the hour, the nearest first.
    distance = lambda l: km(city["lat"], city["lon"], l["lat"], l["lon"])  # noqa: E731
    live = [l for l in listings if l["kind"] == "meeting" and l["status"] == "active" and "lat" in l
            and l.get("attendance") != "online" and distance(l) <= 40
            and (b := next_start(l, now)) is not None and b <= now + timedelta(hours=1)]
    if live:
        assert meeting["slug"] == min(live, key=distance)["slug"]
    # Each row says when and how far; the order can still be nearest first, and the day any day.
    expect(first.locator(".when")).to_have_text(re.compile(r"^(Today|Tomorrow) \d{1,2}:\d\d (AM|PM)"))
    if meeting["attendance"] == "online":
        expect(first.locator(".badge-online")).to_have_text("Online")
    else:
        expect(first.locator(".distance")).to_have_text(re.compile(r"\d"))
    page.select_option("#f-sort", "distance")
    page.wait_for_url(re.compile(r"sort=distance"))
    page.select_option("#f-day", "3")
    page.wait_for_url(re.compile(r"day=3"))
    settle(page)
    assert all(3 in by_slug[s]["days"] for s in page.eval_on_selector_all(
        "#finder-results > li", "rows => rows.map(r => r.dataset.slug)"))


# --- Places ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_an_unknown_place_says_so_suggests_places_and_lists_nothing_pretending_to_be_near(
        make_page, site_url, places, width, height):
    page = make_page(width, height)
    page.goto(site_url + "/")
    settle(page)
    page.select_option("#f-radius", "10")
    page.fill("#f-near", "Dallas")
    page.press("#f-near", "Enter")
    page.wait_for_url(re.compile(r"near=Dallas"))
    settle(page)
    expect(page.locator("#finder-place")).to_contain_text("No place called “Dallas” in this directory.")
    expect(page.locator("#finder-results > li")).to_have_count(0)
    expect(page.locator("#finder-status")).to_contain_text("No meetings shown until we know where")
    suggestions = page.locator("#finder-suggest button")
    expect(page.locator("#finder-suggest")).to_be_visible()
    assert suggestions.count() >= 1
    chosen = suggestions.first.inner_text()
    suggestions.first.click()
    page.wait_for_url(re.compile(r"near=(?!Dallas)"))
    settle(page)
    expect(page.locator("#finder-place")).to_contain_text("Near ")
    expect(page.locator("#finder-suggest")).to_be_hidden()
    assert parse_qs(urlsplit(page.url).query)["near"] == [chosen]
    expect(page.locator("#finder-results > li").first).to_be_visible()


# --- No listing vanishes -----------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_meetings_with_no_map_location_yet_are_counted_and_shown_on_request(
        make_page, site_url, sample_site, places, width, height):
    data = json.loads((sample_site / "search/shards/all.json").read_text(encoding="utf-8"))
    city = max((p for p in places if p["kind"] != "postal_code"), key=lambda p: p["listings"])
    template = next(l for l in data["listings"] if l["kind"] == "meeting" and l.get("attendance") == "in_person")
    waiting = []
    for number in (1, 2):
        copy = {key: value for key, value in template.items() if key not in ("lat", "lon")}
        copy.update(slug=f"waiting-{number}", name=f"Waiting For A Pin {number}")
        waiting.append(copy)
    data["listings"] += waiting
    page = make_page(width, height)
    page.route("**/search/shards/all.json", lambda route: route.fulfill(json=data))
    page.goto(site_url + "/?" + f"near={city['name']}&radius=10")
    settle(page)
    button = page.locator("#finder-unplaced button")
    expect(button).to_have_text("2 meetings have no map location yet — show them")
    slugs = page.eval_on_selector_all("#finder-results > li", "rows => rows.map(r => r.dataset.slug)")
    assert not {"waiting-1", "waiting-2"} & set(slugs)
    button.click()
    for item in waiting:
        row = page.locator(f'#finder-results > li[data-slug="{item["slug"]}"]')
        expect(row).to_be_visible()
        expect(row.locator(".distance")).to_have_text("No map location yet")
    expect(button).to_be_hidden()
    assert page.evaluate("document.activeElement.closest('li').dataset.slug") == "waiting-1"


# --- The map ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_the_map_frames_what_is_near_and_says_when_its_pictures_fail(
        make_page, site_url, places, width, height):
    city = next(p for p in places if p["name"] == "Denver")
    page = make_page(width, height, permissions=["geolocation"],
                     geolocation={"latitude": city["lat"], "longitude": city["lon"]})
    tiles = []
    page.on("request", lambda request: tiles.append(request.url) if "tile" in request.url else None)
    page.goto(site_url + "/")
    settle(page)
    page.click("#f-near-me")
    page.wait_for_url(re.compile(r"near=me"))
    settle(page)
    page.click("#finder-map-toggle")
    page.wait_for_selector("#finder-map .leaflet-marker-icon, #finder-map .marker-cluster")
    expect(page.locator("#finder-map-note")).to_contain_text("could not load")
    zooms = {int(url.split("/")[-3]) for url in tiles}
    # The whole directory spans the country (zoom 3–4); the meetings near Denver lie within a city.
    assert zooms and min(zooms) >= 9, f"the map opened at zoom {sorted(zooms)}"


# --- Without JavaScript ----------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_without_javascript_the_home_page_leads_to_the_days_and_regions(make_page, site_url, width, height):
    page = make_page(width, height, java_script_enabled=False)
    page.goto(site_url + "/")
    expect(page.locator("#finder-form")).to_be_hidden()
    headings = page.locator("main h1:visible, main h2:visible")
    texts = [headings.nth(i).inner_text().strip() for i in range(headings.count())]
    assert all(texts), f"an empty heading: {texts}"
    assert texts[:2] == ["Find a meeting near you", "Meetings by day"], texts
    days = page.locator(".days a")
    expect(days).to_have_count(7)
    expect(page.get_by_role("link", name="Meetings by region")).to_be_visible()
    menu = page.locator("details.menu > summary")
    if width < 700:
        menu.click()  # the menu works without JavaScript too
    expect(page.locator('nav[aria-label="Main"] a').first).to_be_visible()
