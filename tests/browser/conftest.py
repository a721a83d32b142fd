"""Browser fixtures: the built sample site served on loopback (``serve`` serves any other built
site the same way), one Chromium for the session, and a fresh browser context (no shared cookies,
storage or cache) for every test.

Chromium is Debian's, in its headless shell (``/usr/bin/chromium-headless-shell``, from the package
chromium-headless-shell, as ``make test`` installs it), or whatever ``CHROMIUM`` names (the whole
browser, ``/usr/bin/chromium``, runs them too); the tests of the service worker's updates use the
whole browser (``whole_browser``: ``CHROMIUM_WHOLE``, else ``/usr/bin/chromium``). Playwright's own
browser downloads are never used.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from pillar_bench.visitor import serving  # the site on 127.0.0.1, as the benchmark serves it

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site_url(sample_site: Path):
    """Base URL (no trailing slash) of the sample site, served over HTTP on 127.0.0.1."""
    with serving(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def serve():
    """serve(folder) → the base URL of `folder` served on 127.0.0.1, until the end of the session."""
    with contextlib.ExitStack() as stack:
        yield lambda folder: stack.enter_context(serving(folder))


def executable(variable: str, default: str, package: str) -> str:
    path = os.environ.get(variable, default)
    if not os.access(path, os.X_OK):
        pytest.fail(f"Browser tests need Chromium at {path} (install Debian's {package}, "
                    f"or set {variable} to its path)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return executable("CHROMIUM", "/usr/bin/chromium-headless-shell", "chromium-headless-shell")


@pytest.fixture(scope="session")
def browser(playwright, chromium_path: str):
    """One headless Chromium for the whole session: Debian's headless shell (CHROMIUM)."""
    browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def whole_browser(playwright):
    """The whole browser, run headless (CHROMIUM_WHOLE, Debian's chromium), for what the headless shell
    does not do as a visitor's browser does: it sometimes keeps a new service worker waiting, or a page
    loading, long after the old worker is done (about one run in ten of the update test)."""
    browser = playwright.chromium.launch(
        executable_path=executable("CHROMIUM_WHOLE", "/usr/bin/chromium", "chromium"), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser context per test: nothing carries over between tests."""
    context = browser.new_context()
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def new_context(browser):
    """Makes browser contexts with options (viewport, geolocation, time zone, …) and closes them after."""
    made = []

    def make(**options):
        context = browser.new_context(**options)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def page(context):
    return context.new_page()
