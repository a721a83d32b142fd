"""Listing pages in the browser: the stale notice is decided on the visitor's day."""

import re

from playwright.sync_api import expect

from shard_files import all_listings


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
