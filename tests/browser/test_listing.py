"""Listing pages in the browser, as a first-time visitor on a small phone and on a desktop meets them:
big Directions / Join / Call buttons on the first screen, Add to calendar only for meetings that are
on, the map only when asked for, the time zone only where it helps, and the stale notice.

Listings are picked from the built site's own data (the finder's shards and the Meeting Guide feed),
never by slug, so the tests follow the sample when it changes.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from helpers import make_site, run_pillar
from pillar.settings import DEFAULTS
from pillar.directory.model import tel_uri
from pillar.site.filters import zone_name
from shard_files import all_listings

SIZES = [pytest.param({"width": 360, "height": 640}, id="phone"),
         pytest.param({"width": 1280, "height": 900}, id="desktop")]
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
# A Wednesday in June: no daylight-saving change for weeks either side.
JUNE = "2026-06-17T15:00:00Z"
TILE_HOST = urlsplit(DEFAULTS["MAP_TILES"]).hostname
APPROXIMATE = "The pin marks the area, not the door."
AXE = Axe()


# --- What the site says about its listings -------------------------------------------------------

@pytest.fixture(scope="module")
def listings(sample_site: Path) -> list[dict]:
    return sorted(all_listings(sample_site), key=lambda listing: listing["url"])


@pytest.fixture(scope="module")
def feed(sample_site: Path) -> dict:
    """The Meeting Guide feed's record for each meeting page (conference link and phone, approximate)."""
    records = json.loads((sample_site / "feeds" / "meetings.json").read_text(encoding="utf-8"))
    return {record["url"]: record for record in records}


def _service_phone(site: Path, listing: dict) -> str:
    """The phone number in a service page's JSON-LD (its provider's telephone)."""
    text = (site / listing["url"].strip("/") / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    return data.get("provider", {}).get("telephone", "")


def _on(listing: dict) -> bool:
    return listing["status"] == "active" and bool(listing.get("days", True))


def pick(listings: list[dict], feed: dict, case: str) -> dict:
    """The first listing of a kind: a meeting in a room, one online, one hybrid with a dial-in number, a
    closed one, a service with an address and a phone."""
    def meeting(listing, attendance):
        return listing["kind"] == "meeting" and listing["attendance"] == attendance
    tests = {
        "in_person": lambda l: meeting(l, "in_person") and _on(l) and "lat" in l,
        "online": lambda l: meeting(l, "online") and _on(l) and feed[l["url"]].get("conference_url"),
        "hybrid": lambda l: meeting(l, "hybrid") and _on(l) and "lat" in l and feed[l["url"]].get("conference_phone"),
        "closed": lambda l: l["kind"] == "meeting" and l["status"] != "active" and l.get("days"),
        "service": lambda l: l["kind"] == "service" and l["status"] == "active" and "lat" in l,
        "community": lambda l: l["kind"] == "online",
    }
    found = [listing for listing in listings if tests[case](listing)]
    assert found, f"the sample has no {case} listing"
    return found[0]


def expected_buttons(site: Path, feed: dict, listing: dict) -> dict[str, str]:
    """The big buttons a listing should show, label → link."""
    buttons = {}
    record = feed.get(listing["url"], {})
    in_person = listing["kind"] == "service" or listing.get("attendance") in ("in_person", "hybrid")
    if record.get("conference_url"):
        buttons["Join online"] = record["conference_url"]
    if "lat" in listing and in_person:
        buttons["Directions"] = DEFAULTS["DIRECTIONS_URL"].format(lat=listing["lat"], lon=listing["lon"])
    if record.get("conference_phone"):
        buttons["Join by phone"] = tel_uri(record["conference_phone"])
    if listing["kind"] == "service":
        phone = _service_phone(site, listing)
        if phone:
            buttons[f"Call {phone}"] = tel_uri(phone)
    if listing["kind"] == "meeting":
        buttons["Add to calendar"] = listing["url"] + "meeting.ics"
    return buttons


def _other_hosts(context, answer=None) -> list[str]:
    """Answers every request to another host with a tiny PNG (or `answer`), and records them."""
    asked: list[str] = []

    def handle(route):
        asked.append(route.request.url)
        if answer:
            answer(route)
        else:
            route.fulfill(body=TINY_PNG, content_type="image/png")

    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), handle)
    return asked


# --- The buttons ---------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", SIZES)
@pytest.mark.parametrize("case", ["in_person", "online", "hybrid", "service"])
def test_the_big_buttons_are_on_the_first_screen(new_context, site_url, sample_site, listings, feed, case,
                                                 viewport):
    listing = pick(listings, feed, case)
    buttons = expected_buttons(sample_site, feed, listing)
    page = new_context(viewport=viewport).new_page()
    page.goto(site_url + listing["url"])
    actions = page.locator(".listing .actions a")
    assert actions.all_inner_texts() == list(buttons), listing["url"]
    for label, href in buttons.items():
        button = actions.filter(has_text=label)
        expect(button).to_be_visible()
        assert button.get_attribute("href") == href
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (label, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], f"{label} is below the first screen"
    # Each button shows where keyboard focus is.
    actions.first.focus()
    outline = actions.first.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"


def test_a_closed_meeting_offers_no_calendar_and_no_buttons(page, site_url, listings, feed):
    listing = pick(listings, feed, "closed")
    page.goto(site_url + listing["url"])
    expect(page.locator(".listing > .warning").filter(has_text="temporarily closed")).to_be_visible()
    expect(page.get_by_text("Add to calendar")).to_have_count(0)
    expect(page.locator(".listing .actions")).to_have_count(0)


def test_a_meeting_by_appointment_offers_directions_but_no_calendar(page, exact_site):
    page.goto(exact_site + "/meetings/appointment-only-group/")
    expect(page.locator(".when-big")).to_have_text("By appointment")
    expect(page.get_by_role("link", name="Directions")).to_be_visible()
    expect(page.get_by_text("Add to calendar")).to_have_count(0)


def test_a_meeting_that_is_on_can_be_added_to_a_calendar(page, site_url, listings, feed):
    listing = pick(listings, feed, "in_person")
    page.goto(site_url + listing["url"])
    link = page.get_by_role("link", name="Add to calendar")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "meeting.ics"


# --- Approximate places --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exact_site(tmp_path_factory, serve) -> str:
    """A small site whose meetings have exact coordinates, one of them by appointment, served; its base URL."""
    root = make_site(tmp_path_factory.mktemp("exact"), {"meetings/exact.yaml": """\
name: Exact Corner Group
fellowship: AA
day: [monday, tuesday, wednesday, thursday, friday]
time: "19:00"
timezone: America/Chicago
location: Corner Hall
address: 100 Main St, Springfield, IL 62701, US
latitude: 39.8017
longitude: -89.6437
""", "meetings/appointment.yaml": """\
name: Appointment Only Group
fellowship: AA
day: appointment
timezone: America/Chicago
location: Corner Hall
address: 100 Main St, Springfield, IL 62701, US
latitude: 39.8017
longitude: -89.6437
"""})
    result = run_pillar("build", "-s", root / "pelicanconf.py", "-o", root / "output")
    assert result.code == 0, result.err
    return serve(root / "output")


def test_approximate_is_said_in_words_only_for_approximate_coordinates(page, site_url, listings, feed, exact_site):
    approximate = [l for l in listings if l.get("approximate")]
    assert approximate  # the sample's coordinates are all made up, city-level
    page.goto(site_url + approximate[0]["url"])
    expect(page.get_by_text(APPROXIMATE)).to_be_visible()
    expect(page.get_by_text("approximate location")).to_have_count(0)

    page.goto(site_url + pick(listings, feed, "online")["url"])  # no map place at all
    expect(page.get_by_text(APPROXIMATE)).to_have_count(0)

    page.goto(exact_site + "/meetings/exact-corner-group/")
    expect(page.locator(".address")).to_have_text("100 Main St, Springfield, IL 62701, US")
    expect(page.get_by_text(APPROXIMATE)).to_have_count(0)
    expect(page.locator(".when-big")).to_contain_text("Monday to Friday, 7:00\u00a0PM")


# --- The map -------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", SIZES)
def test_show_on_map_asks_the_tile_server_only_when_pressed_and_shows_one_pin(new_context, site_url, listings,
                                                                             feed, viewport):
    context = new_context(viewport=viewport)
    asked = _other_hosts(context)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + pick(listings, feed, "in_person")["url"], wait_until="networkidle")

    button = page.get_by_role("button", name="Show on map")
    expect(button).to_be_visible()
    expect(page.locator(".listing-map .map-note")).to_contain_text(TILE_HOST)
    assert not asked
    assert not [url for url in requests if "/vendor/leaflet" in url]

    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Hide map")).to_have_attribute("aria-expanded", "true")
    box = page.get_by_role("region", name="Map of this place")
    expect(box).to_be_visible()
    expect(box.locator(".leaflet-marker-icon")).to_have_count(1)
    page.wait_for_function("() => document.querySelectorAll('.listing-map-box img.leaflet-tile-loaded').length > 0")
    assert asked and all(urlsplit(url).hostname == TILE_HOST for url in asked)
    assert any(url.endswith("/vendor/leaflet/leaflet.js") for url in requests)
    expect(page.locator(".listing-map .map-error")).to_be_hidden()

    page.get_by_role("button", name="Hide map").click()
    expect(box).to_be_hidden()
    expect(page.get_by_role("button", name="Show on map")).to_have_attribute("aria-expanded", "false")


def test_the_map_says_when_its_pictures_cannot_be_loaded(new_context, site_url, listings, feed):
    context = new_context()
    _other_hosts(context, answer=lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + pick(listings, feed, "in_person")["url"])
    page.get_by_role("button", name="Show on map").click()
    error = page.locator(".listing-map .map-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(f"could not be loaded from {TILE_HOST}")


def test_without_javascript_the_buttons_work_and_there_is_no_map_button(new_context, site_url, listings, feed):
    page = new_context(java_script_enabled=False, viewport={"width": 360, "height": 640}).new_page()
    page.goto(site_url + pick(listings, feed, "hybrid")["url"])
    expect(page.get_by_role("link", name="Directions")).to_be_visible()
    expect(page.get_by_role("link", name="Join online")).to_be_visible()
    expect(page.get_by_role("button", name="Show on map")).to_have_count(0)
    expect(page.locator(".when-big .zone")).to_be_visible()  # a hybrid meeting's zone is always said


# --- Time zones ----------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", SIZES)
def test_the_zone_is_said_for_online_meetings_and_when_the_visitor_is_elsewhere(new_context, site_url, listings,
                                                                              feed, viewport):
    online, in_person = pick(listings, feed, "online"), pick(listings, feed, "in_person")
    elsewhere = "Asia/Tokyo"  # no US zone shares its offset, in winter or summer
    for visitor, url, lang, shown in (
            (in_person["tz"], in_person["url"], "en", False),
            (elsewhere, in_person["url"], "en", True),
            (online["tz"], online["url"], "en", True),
            (elsewhere, "/es" + online["url"], "es", True)):
        context = new_context(timezone_id=visitor, viewport=viewport)
        page = context.new_page()
        page.clock.set_fixed_time(JUNE)
        page.goto(site_url + url)
        zone = page.locator(".when-big .zone")
        tz = in_person["tz"] if url == in_person["url"] else online["tz"]
        if shown:
            expect(zone).to_be_visible()
            expect(zone).to_have_text(zone_name(tz, lang))
        else:
            expect(zone).to_be_hidden()
        assert "time)" not in page.locator(".when-big").inner_text()  # no "(Chicago time)" any more
        context.close()


def test_a_services_hours_say_the_zone_only_to_a_visitor_elsewhere(new_context, site_url, sample_site, listings):
    with_hours = [l for l in listings if l["kind"] == "service"
                  and "<li>" in (sample_site / l["url"].strip("/") / "index.html").read_text(encoding="utf-8")
                  .split('id="reach"')[1].split("</section>")[0]]
    assert with_hours, "the sample has no service with opening hours"
    service = with_hours[0]
    for visitor, shown in ((service["tz"], False), ("Asia/Tokyo", True)):
        page = new_context(timezone_id=visitor).new_page()
        page.clock.set_fixed_time(JUNE)
        page.goto(site_url + service["url"])
        note = page.locator(".zone[data-tz]")
        if shown:
            expect(note).to_be_visible()
            expect(note).to_have_text(f"Times are {zone_name(service['tz'])}.")
        else:
            expect(note).to_be_hidden()


# --- Accessibility -------------------------------------------------------------------------------

def _violations(page) -> list[str]:
    return [f"{v['id']}: {v['help']} — " + ", ".join(str(n["target"]) for n in v["nodes"])
            for v in AXE.run(page).response["violations"]]


@pytest.mark.parametrize("case", ["in_person", "online", "service", "community"])
def test_axe_finds_no_violations_light_and_dark_with_the_map_open(new_context, site_url, listings, feed, case):
    context = new_context(timezone_id="Asia/Tokyo")  # every hidden part that can show, shown
    _other_hosts(context)
    page = context.new_page()
    page.goto(site_url + pick(listings, feed, case)["url"])
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert not _violations(page), scheme
    opener = page.get_by_role("button", name="Show on map")
    if opener.count():
        opener.click()
        expect(page.locator(".listing-map-box .leaflet-marker-icon")).to_have_count(1)
        page.wait_for_timeout(300)  # let the map settle
        for scheme in ("dark", "light"):
            page.emulate_media(color_scheme=scheme)
            assert not _violations(page), f"{scheme}, with the map open"


# --- The stale notice ----------------------------------------------------------------------------

def test_the_stale_notice_shows_only_on_listings_not_confirmed_for_a_year(page, site_url, sample_site):
    listings = all_listings(sample_site)
    pages = sorted(sample_site.glob("*/*/index.html"))
    verified = {}
    for built in pages:
        match = re.search(r'data-verified="(\d{4}-\d{2}-\d{2})"', built.read_text())
        if match and "data-slug" in built.read_text():
            verified[built.parent.relative_to(sample_site).as_posix()] = match.group(1)
    old = next(path for path, day in verified.items() if day < "2025-06-01")
    recent = next(path for path, day in verified.items() if day > "2026-06-01")
    never = next(p.parent.relative_to(sample_site).as_posix() for p in pages
                 if "stale-notice" in p.read_text() and "data-verified" not in p.read_text())
    assert listings  # the sample directory is there
    page.clock.set_fixed_time("2026-11-25T12:00:00")  # the sample's dates are set around this day
    for path, shown in ((old, True), (recent, False), (never, True)):
        page.goto(f"{site_url}/{path}/")
        notice = page.locator(".stale-notice")
        (expect(notice).to_be_visible if shown else expect(notice).to_be_hidden)()
