"""The site once visited, without a connection, in Chromium: the service worker keeps the finder, the
pages the visitor opened and My meetings; "Save" keeps a listing on the device only; an update to the
directory reaches a returning visitor online and the old cache goes.

The tests that only visit share the session's build of the sample directory, served at an address of
their own; the update test builds the sample directory into its own folder and rebuilds it there.
Everything is served on 127.0.0.1.
"Offline" is Chromium's own (``context.set_offline``): every request fails, the worker's too.
"""

from __future__ import annotations

import re
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from helpers import REPO, make_site, run_pillar

AXE = Axe()
PLACE = "Austin"
NOTICE = re.compile(r"^You are offline: showing meetings near Austin saved on this device on \w+ \d+\. My meetings$")


@pytest.fixture(scope="module")
def browser(whole_browser):
    """These tests follow the service worker through installs and updates: in the whole browser (see
    conftest.whole_browser)."""
    return whole_browser


def sample(root: Path) -> tuple[Path, Path]:
    """The sample site copied under ``root`` (so it can be changed) and built: (site, output)."""
    site = make_site(root / "site", {})
    shutil.rmtree(site / "directory")
    shutil.copytree(REPO / "directory", site / "directory")
    shutil.copytree(REPO / "content", site / "content", dirs_exist_ok=True)
    build(site)
    return site, site / "output"


def build(site: Path) -> None:
    result = run_pillar("build", cwd=site)
    assert result.code == 0, result.err


@pytest.fixture(scope="module")
def offline_site(sample_site, serve) -> str:
    """The sample site as built for the session (the same as :func:`sample` builds), at its own address."""
    return serve(sample_site)


def settle(page) -> None:
    page.wait_for_selector("#finder-results:not([aria-busy]) li", state="attached")


def kept_by_worker(page) -> None:
    """Waits until the service worker controls the page (installed: the shell is kept)."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)


def caches(page) -> list[str]:
    return page.evaluate("caches.keys()")


def ours(names: list[str]) -> list[str]:
    """The caches of the site served at the root (another site on the same host has its own)."""
    return [name for name in names if name.startswith("pillar / ")]


def asked_of_worker(context, expression: str):
    """``expression`` evaluated in a service worker of ``context`` still running (no page needed: the
    caches it sees are the site's, whichever version it is), or None when none is running."""
    for worker in context.service_workers:
        try:
            return worker.evaluate(expression)
        except PlaywrightError:  # stopped meanwhile
            continue
    return None


def until(ask, done, tries: int = 600):
    """What ``ask()`` answers once ``done`` holds for it, asked every 0.1 s (``tries`` times at most)."""
    for _ in range(tries):
        found = ask()
        if done(found):
            break
        time.sleep(0.1)
    return found


def violations(page) -> list[str]:
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in AXE.run(page).response["violations"]]


def names(page) -> list[str]:
    settle(page)
    return page.eval_on_selector_all("#finder-results > li .result-name", "links => links.map(a => a.textContent)")


def test_once_visited_the_finder_the_opened_listing_and_my_meetings_work_offline(new_context, offline_site):
    base = offline_site
    context = new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{base}/")
    settle(page)
    kept_by_worker(page)
    assert caches(page) and all(name.startswith("pillar / ") for name in caches(page))

    first = page.locator("#finder-results > li .result-name").first
    name = first.text_content()
    first.click()
    save = page.locator(".save-button")
    expect(save).to_have_text("Save")
    save.click()
    expect(save).to_have_text("Saved — remove")
    expect(page.locator(".save-note")).to_have_text("Saved in My meetings, on this device only.")
    assert violations(page) == []
    listing = page.url

    page.goto(f"{base}/?near={PLACE}")
    online = names(page)
    assert online
    expect(page.locator("#finder-offline")).to_be_hidden()

    context.set_offline(True)
    page.reload()
    assert names(page) == online
    expect(page.locator("#finder-offline")).to_have_text(NOTICE)
    assert violations(page) == []

    page.goto(listing)
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator(".save-button")).to_have_text("Saved — remove")
    calendar = page.evaluate("(url) => fetch(url).then((answer) => answer.text())", f"{listing}meeting.ics")
    assert calendar.startswith("BEGIN:VCALENDAR")  # its "Add to calendar" file was kept as it was opened

    page.goto(f"{base}/saved/")
    item = page.locator("#saved-list > li")
    expect(item).to_have_count(1)
    expect(item.locator(".saved-name")).to_have_text(name)
    assert item.locator(".saved-name a").get_attribute("href").endswith(listing.removeprefix(base))
    times = item.locator(".saved-times time")
    expect(times.first).to_be_visible()
    starts = [datetime.fromisoformat(value.replace("Z", "+00:00")) for value in
              times.evaluate_all("els => els.map(el => el.dateTime)")]
    assert starts == sorted(starts) and starts[0] > datetime.now(timezone.utc).replace(hour=0, minute=0)
    expect(page.locator("#saved-elsewhere")).to_be_hidden()
    assert violations(page) == []

    page.goto(f"{base}/regions/")  # never opened: My meetings, saying so
    expect(page.locator("#saved-elsewhere")).to_be_visible()
    expect(page.locator("#saved-list > li")).to_have_count(1)
    assert all(url.startswith(base) for url in asked), "nothing is asked of another host"


def test_a_changed_directory_reaches_a_returning_visitor_and_the_old_cache_is_deleted(new_context, tmp_path, serve):
    site, output = sample(tmp_path)
    base = serve(output)
    context = new_context()
    page = context.new_page()
    page.goto(f"{base}/")
    settle(page)
    kept_by_worker(page)
    before = caches(page)
    page.evaluate("caches.open('pillar /another-site/ 1')")  # another site on the same host keeps its own
    page.goto(f"{base}/meetings/sample-downtown-nooner/")
    expect(page.locator("h1")).to_be_visible()
    page.goto(f"{base}/meetings/sample-clean-and-serene-na/")  # opened only before the update
    expect(page.locator("h1")).to_be_visible()
    opened_before = page.locator("h1").text_content()
    page.close()  # the visitor leaves

    edited = site / "directory/meetings/austin/sample-downtown-nooner.yaml"
    edited.write_text(edited.read_text().replace("\nnotes: ", "\nnotes: Moved upstairs this month. ", 1))
    build(site)  # into the folder being served

    page = context.new_page()  # and comes back, online: the listing as it is now
    page.goto(f"{base}/meetings/sample-downtown-nooner/")
    expect(page.locator("article")).to_contain_text("Moved upstairs this month.")

    # The new version installs now (its cache appears), and takes over as soon as the old worker is idle:
    # during this visit (the page asks it to), or once the visitor has left. The visitor leaves.
    assert set(until(lambda: ours(caches(page)), lambda found: set(found) - set(before))) - set(before)
    page.close()
    # Taking over deletes the old cache. Asked of the service worker itself: a page opened while Chromium
    # swaps the workers can stall (measured: once in about 40 tries under load).
    after = until(lambda: asked_of_worker(context, "caches.keys()") or [],
                  lambda found: len(ours(found)) == 1 and ours(found) != before)
    assert len(ours(after)) == 1 and ours(after) != before
    assert "pillar /another-site/ 1" in after

    page = context.new_page()  # the next visit, without a connection
    context.set_offline(True)
    page.goto(f"{base}/meetings/sample-downtown-nooner/")
    expect(page.locator("article")).to_contain_text("Moved upstairs this month.")
    page.goto(f"{base}/meetings/sample-clean-and-serene-na/")  # kept by the old version, carried over
    expect(page.locator("h1")).to_have_text(opened_before)
    page.goto(f"{base}/?near={PLACE}")
    assert names(page)
    expect(page.locator("#finder-offline")).to_have_text(NOTICE)


def test_without_javascript_my_meetings_says_what_it_needs_and_there_is_no_save_button(new_context, offline_site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{offline_site}/saved/")
    expect(page.locator("#saved-needs")).to_contain_text("It needs JavaScript and this browser's storage")
    expect(page.locator("#saved-list")).to_be_hidden()
    page.goto(f"{offline_site}/meetings/sample-downtown-nooner/")
    expect(page.locator(".save-bar")).to_be_hidden()


def test_my_meetings_in_spanish_links_to_spanish_pages_and_removing_works_from_the_keyboard(new_context,
                                                                                              offline_site):
    page = new_context().new_page()
    page.goto(f"{offline_site}/es/meetings/sample-downtown-nooner/")
    save = page.locator(".save-button")
    expect(save).to_have_text("Guardar")
    save.focus()
    page.keyboard.press("Enter")
    expect(save).to_have_text("Guardada — quitar")
    page.goto(f"{offline_site}/es/saved/")
    expect(page.locator("h1")).to_have_text("Mis reuniones")
    link = page.locator("#saved-list .saved-name a")
    expect(link).to_have_attribute("href", "/es/meetings/sample-downtown-nooner/")
    expect(page.locator(".saved-times-title")).to_have_text("Próximas fechas:")
    page.locator(".saved-remove").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#saved-list > li")).to_have_count(0)
    expect(page.locator("#saved-empty")).to_be_visible()
    expect(page.locator("#saved-status")).to_have_text(re.compile("se quitó de Mis reuniones"))
    assert page.evaluate("document.activeElement.tagName") == "H1"
    page.goto(f"{offline_site}/es/meetings/sample-downtown-nooner/")
    expect(page.locator(".save-button")).to_have_text("Guardar")


def test_the_web_app_manifest_is_linked_from_every_page_and_names_the_site(new_context, offline_site):
    page = new_context().new_page()
    for path in ("/", "/es/", "/saved/", "/meetings/sample-downtown-nooner/"):
        page.goto(offline_site + path)
        assert page.get_attribute('link[rel="manifest"]', "href") == "/manifest.webmanifest"
    manifest = page.request.get(f"{offline_site}/manifest.webmanifest").json()
    assert manifest["name"] == "Pillar sample directory" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        answer = page.request.get(f"{offline_site}/{icon['src']}")
        assert answer.ok and answer.headers["content-type"] == icon["type"]


def test_the_embedded_finder_is_not_kept_offline(new_context, offline_site):
    page = new_context().new_page()
    page.goto(f"{offline_site}/embed/")
    settle(page)
    assert page.locator('link[rel="manifest"]').count() == 0
    # offline.js comes, as on the home page, once the first results are in; it finds nothing to keep.
    page.wait_for_function("performance.getEntriesByType('resource').some((e) => e.name.endsWith('/offline.js'))")
    page.evaluate("new Promise((done) => requestIdleCallback(() => setTimeout(done, 50)))")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((found) => found.length)") == 0

