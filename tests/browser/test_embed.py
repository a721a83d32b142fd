"""The finder embedded in another site: presets and locks, growing to fit, and messages checked."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from shard_files import all_listings

REGION = "Texas › Austin"


@pytest.fixture(scope="module")
def host_url(site_url):
    """A page of another site (another origin: localhost, not 127.0.0.1) with the one-line embed."""
    page = (f'<!doctype html><html lang="en"><title>Host</title><h1>Our intergroup</h1>'
            f'<div data-pillar-embed data-region="{REGION}" data-fellowship="AA" data-lock="region"></div>'
            f'<script src="{site_url}/embed.js" async></script></html>').encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/"
    server.shutdown()


def frame_of(page):
    page.wait_for_selector("iframe")
    frame = page.frame_locator("iframe")
    expect(frame.locator("#finder-status")).to_contain_text("found")
    return frame


def test_the_embed_shows_the_preset_and_locked_filters(page, host_url, sample_site):
    page.goto(host_url)
    frame = frame_of(page)
    assert frame.locator("#f-region").input_value() == REGION
    expect(frame.locator("#f-region")).to_be_hidden()  # locked: the visitor cannot change it
    expect(frame.locator("#f-fellowship")).to_have_value("AA")
    expect(frame.locator("header.site")).to_have_count(0)
    listings = {item["slug"]: item for item in all_listings(sample_site)}
    expected = sorted(slug for slug, item in listings.items() if item["kind"] == "meeting"
                      and item["fellowship"] == "AA" and item["regions"][:2] == ["Texas", "Austin"])
    shown = frame.locator("#finder-results [data-slug]").evaluate_all("rows => rows.map(r => r.dataset.slug)")
    assert expected and sorted(shown) == expected
    frame.locator("#f-reset").click()  # Clear all keeps what the host locked
    expect(frame.locator("#f-fellowship")).to_have_value("")
    assert frame.locator("#f-region").input_value() == REGION


def test_the_frame_grows_to_fit_its_content(page, host_url):
    page.goto(host_url)
    frame_of(page)
    page.wait_for_function("() => parseInt(document.querySelector('iframe').style.height) > 600")
    inner = page.frames[1].evaluate("() => document.documentElement.scrollHeight")
    outer = page.evaluate("() => parseInt(document.querySelector('iframe').style.height)")
    assert abs(inner - outer) <= 2


def test_a_message_from_another_origin_is_ignored(page, host_url):
    page.goto(host_url)
    frame_of(page)
    page.wait_for_function("() => parseInt(document.querySelector('iframe').style.height) > 600")
    before = page.evaluate("() => document.querySelector('iframe').style.height")
    page.evaluate("() => window.postMessage({type: 'pillar:height', height: 7}, '*')")
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelector('iframe').style.height") == before


def test_the_builder_writes_the_snippet_and_previews_it(page, site_url):
    page.goto(site_url + "/embed/builder/")
    page.select_option("#e-region", REGION)
    page.check("input[name=lock][value=region]")
    snippet = page.locator("#embed-snippet").input_value()
    assert snippet == (f'<div data-pillar-embed data-region="{REGION}" data-lock="region"></div>\n'
                       f'<script src="{site_url}/embed.js" async></script>')
    expect(page.frame_locator("#embed-preview").locator("#f-region")).to_have_value(REGION)
