"""The finder embedded in another site: presets and locks, a frame that grows and shrinks with its
content, results that open in the frame's own layout (or in the whole window with data-open="top"),
messages checked, and the builder page that writes the two lines."""

from __future__ import annotations

import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from hypothesis import HealthCheck, given, settings, strategies as st
from playwright.sync_api import expect

from shard_files import all_listings

REGION = "Texas › Austin"
SIZES = [(360, 640), (1280, 900)]
AXE = Axe()

# The bottom of the frame's last piece of content, measured inside the frame.
CONTENT_BOTTOM = """() => Math.max(...[...document.body.children]
  .filter((el) => getComputedStyle(el).position !== 'absolute')
  .map((el) => el.getBoundingClientRect().bottom + parseFloat(getComputedStyle(el).marginBottom) + scrollY))"""
FRAME_HEIGHT = "() => document.querySelector('iframe').getBoundingClientRect().height"


def host_page(site_url: str, attributes: str) -> bytes:
    return (f'<!doctype html><html lang="en"><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>'
            f'<h1>Our intergroup</h1><div data-pillar-embed {attributes}></div>'
            f'<p>The rest of our page.</p><script src="{site_url}/embed.js" async></script></html>').encode()


@pytest.fixture(scope="module")
def host_url(site_url):
    """Another site — 127.0.0.1 on its own port, so another origin — whose pages carry the embed:
    / with a preset and locked region, /top with data-open="top"."""
    pages = {
        "/": host_page(site_url, f'data-region="{REGION}" data-fellowship="AA" data-lock="region"'),
        "/all": host_page(site_url, ""),
        "/top": host_page(site_url, f'data-region="{REGION}" data-open="top"'),
        "/locked": host_page(site_url, f'data-region="{REGION}" data-lock="region"'),
        "/blank": (f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Host</title><h1>Host</h1>'
                   f'<script src="{site_url}/embed.js"></script></html>').encode(),
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"not here")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def sized(request, browser):
    context = browser.new_context(viewport={"width": request.param[0], "height": request.param[1]})
    try:
        yield context.new_page()
    finally:
        context.close()


def frame_of(page):
    page.wait_for_selector("iframe")
    frame = page.frame_locator("iframe")
    expect(frame.locator("#finder-status")).to_contain_text("found")
    return frame


def fitted(page) -> tuple[float, float]:
    """Waits until the frame is as tall as its content (within 3 px); returns (frame, content)."""
    frame, content = 0.0, -1.0
    for _ in range(60):
        page.wait_for_timeout(100)
        inner = page.frames[1]
        frame, content = page.evaluate(FRAME_HEIGHT), inner.evaluate(CONTENT_BOTTOM)
        if abs(frame - content) <= 3:
            return frame, content
    raise AssertionError(f"the frame is {frame:.0f} px tall for {content:.0f} px of content")


def test_the_embed_shows_the_preset_and_locked_filters(page, host_url, sample_site):
    page.goto(host_url + "/")
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


def test_a_locked_filter_does_not_unfold_more_filters(page, host_url):
    page.goto(host_url + "/locked")
    frame = frame_of(page)
    expect(frame.locator("#finder-filters")).not_to_have_attribute("open", "")
    expect(frame.locator("#finder-filters > summary")).to_have_text("More filters")  # no "(1 chosen)"


def test_the_frame_shows_a_help_line_to_call(page, host_url):
    page.goto(host_url + "/")
    frame = frame_of(page)
    call = frame.locator("a[href^='tel:']").first
    expect(call).to_be_visible()
    assert call.bounding_box()["y"] < 100  # on top, before the form
    frame.get_by_role("link", name="More help").click()  # to the help lines at the end of the frame
    title = frame.locator("#help-title")
    expect(title).to_be_focused()
    box = title.bounding_box()  # in the host page's coordinates: the host scrolled down to it
    assert 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]
    expect(frame.locator("#help-title + p + ul a[href^='tel:']").first).to_be_visible()


def test_the_frame_grows_and_shrinks_with_its_content(sized, host_url):
    page = sized
    page.goto(host_url + "/all")
    frame = frame_of(page)
    start, _ = fitted(page)
    frame.locator("#finder-filters > summary").click()  # more filters: taller
    page.wait_for_function(f"() => ({FRAME_HEIGHT})() > {start + 100}")
    opened, _ = fitted(page)
    frame.locator("#finder-filters > summary").click()  # folded again: back as it was
    page.wait_for_function(f"() => ({FRAME_HEIGHT})() < {opened - 100}")
    closed, _ = fitted(page)
    assert abs(closed - start) <= 3
    name = frame.locator("#finder-results a.result-name").first.inner_text()
    frame.locator("#f-q").fill(name)  # one result: much shorter
    expect(frame.locator("#finder-results .result")).to_have_count(1)
    page.wait_for_function(f"() => ({FRAME_HEIGHT})() < {closed - 300}")
    few, content = fitted(page)
    assert few < closed - 300 and abs(few - content) <= 3


def test_a_result_opens_inside_the_frame_in_its_own_layout(sized, host_url, site_url):
    page = sized
    page.goto(host_url + "/")
    frame = frame_of(page)
    row = frame.locator("#finder-results a.result-name").nth(2)
    name, href = row.inner_text(), row.get_attribute("href")
    row.click()
    listing = frame.locator("#embed-listing article.listing")
    expect(listing.locator("h1")).to_have_text(name)
    expect(listing.locator("h1")).to_be_focused()
    expect(frame.locator("#finder")).to_be_hidden()
    for chrome in ("header.site", "nav", ".menu", "footer.site"):  # the frame's layout, not the site's
        expect(frame.locator(chrome).locator("visible=true")).to_have_count(0)
    assert page.url == host_url + "/"  # the host page stays
    own = frame.get_by_role("link", name="Open this listing in a new tab")
    expect(own).to_have_attribute("target", "_blank")
    assert own.get_attribute("href") == site_url + href
    assert page.frames[1].url.startswith(site_url + "/embed/")  # and so does the frame
    fitted(page)
    assert page.evaluate("() => document.querySelector('iframe').getBoundingClientRect().top") >= 0  # in view

    frame.get_by_role("button", name="Back to results").click()
    expect(frame.locator("#embed-listing")).to_be_hidden()
    picked = frame.locator(f"#finder-results a.result-name[href='{href}']")
    expect(picked).to_be_focused()  # back on the row the visitor picked
    row_box = picked.bounding_box()  # in the host page's coordinates: the host scrolled to it
    assert 0 <= row_box["y"] and row_box["y"] + row_box["height"] <= page.viewport_size["height"]
    fitted(page)

    picked.click()  # the browser's Back button works too
    expect(listing.locator("h1")).to_have_text(name)
    page.evaluate("history.back()")  # as the browser's Back button: the joint history, the frame's last entry
    expect(frame.locator("#embed-listing")).to_be_hidden()
    expect(picked).to_be_visible()
    assert page.url == host_url + "/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_listing_in_the_frame_has_no_axe_violations(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "/embed/")  # the frame's page itself, so that axe can look inside
    page.locator("#finder-results a.result-name").first.click()
    expect(page.locator("#embed-listing article.listing h1")).to_be_focused()
    violations = AXE.run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_each_listing_in_the_frame_gets_its_own_page_script(browser, site_url):
    context = browser.new_context(timezone_id="Asia/Tokyo")  # far from every sample meeting's zone
    page = context.new_page()
    page.goto(site_url + "/embed/")
    rows = page.locator("#finder-results .result")
    expect(page.locator("#finder-results .your-time").first).to_contain_text("your time")
    before = page.locator("#finder-results").text_content()
    rows.filter(has=page.locator(".badge-in_person")).first.locator("a.result-name").click()
    expect(page.locator("#embed-listing .listing-map")).to_be_visible()  # its script ran: Show on map is offered
    assert page.locator("#finder-results").text_content() == before  # and it left the result rows alone
    page.get_by_role("button", name="Back to results").click()
    rows.filter(has=page.locator(".badge-online")).first.locator("a.result-name").click()
    # the second listing's "your time" is worked out by its listing.js, in the listing, not in a hidden row
    expect(page.locator("#embed-listing .your-time")).to_contain_text("your time")
    context.close()


def test_a_listing_that_cannot_load_says_so_and_offers_a_new_tab(page, site_url):
    page.goto(site_url + "/embed/")
    row = page.locator("#finder-results a.result-name").first
    href = row.get_attribute("href")
    page.route(site_url + href, lambda route: route.abort())  # the signal drops as the visitor taps
    row.click()
    expect(page.locator("#embed-listing .warning")).to_contain_text("could not load")
    link = page.locator("#embed-listing .warning a")
    expect(link).to_have_attribute("target", "_blank")
    assert link.get_attribute("href").endswith(href)
    page.get_by_role("button", name="Back to results").click()
    expect(page.locator(f"#finder-results a.result-name[href='{href}']")).to_be_focused()


def test_the_listing_in_the_frame_speaks_the_frame_language(page, site_url):
    page.goto(site_url + "/es/embed/")
    row = page.locator("#finder-results a.result-name").first
    href = row.get_attribute("href")
    assert href.startswith("/es/")
    row.click()
    expect(page.get_by_role("button", name="Volver a los resultados")).to_be_visible()
    expect(page.locator("#embed-listing article.listing")).to_have_count(1)
    assert page.evaluate("document.documentElement.lang") == "es"


def test_with_data_open_top_a_result_opens_in_the_whole_window(page, host_url, site_url):
    page.goto(host_url + "/top")
    frame = frame_of(page)
    frame.locator("#f-reset").click()  # Clear all keeps the host's setting in the frame's address…
    expect(frame.locator("input[type=hidden][name=open]")).to_have_value("top")
    assert "open=top" in page.frames[1].url
    page.frames[1].evaluate("location.reload()")  # …so it holds even when the frame is loaded again
    frame = frame_of(page)
    row = frame.locator("#finder-results a.result-name").first
    name, href = row.inner_text(), row.get_attribute("href")
    row.click()
    page.wait_for_url(site_url + href)
    expect(page.locator("article.listing h1")).to_have_text(name)
    expect(page.locator("header.site")).to_be_visible()  # the site itself, in the whole window


def test_a_message_from_another_origin_is_ignored(page, host_url):
    page.goto(host_url + "/")
    frame_of(page)
    fitted(page)
    before = page.evaluate("() => document.querySelector('iframe').style.height")
    page.evaluate("() => window.postMessage({type: 'pillar:height', height: 7}, '*')")
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelector('iframe').style.height") == before


# --- What embed.js reads from outside: the host's attributes, and messages ------------------------

PROPERTY = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])
NAMES = ["q", "near", "region", "fellowship", "language", "service_type", "lock", "accent", "open", "day", "title"]
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
# Each host element (hidden, so its frame never loads) gets its frame's address at once from embed.js.
BUILD = """async (elements) => {
  const made = elements.map(([attributes, lang]) => {
    const el = document.createElement('div');
    el.hidden = true;
    el.setAttribute('data-pillar-embed', '');
    for (const [name, value] of attributes) el.setAttribute('data-' + name.replace(/_/g, '-'), value);
    if (lang !== null) el.setAttribute('data-lang', lang);
    document.body.append(el);
    return el;
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return made.map((el) => { const frame = el.querySelector('iframe'); el.remove(); return [frame.src, frame.title]; });
}"""


@pytest.fixture(scope="module")
def blank_host(browser, host_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(host_url + "/blank")
    page.wait_for_function("() => document.readyState === 'complete'")
    yield page
    context.close()


@PROPERTY
@given(st.lists(st.tuples(st.dictionaries(st.sampled_from(NAMES), TEXT, max_size=5),
                          st.one_of(st.none(), st.sampled_from(["en", "es", "fr", ""]), TEXT)), min_size=1, max_size=8))
def test_any_host_attributes_become_exactly_the_frame_address(blank_host, site_url, elements):
    made = blank_host.evaluate(BUILD, [[list(attributes.items()), lang] for attributes, lang in elements])
    for (attributes, lang), (src, title) in zip(elements, made):
        address = urlsplit(src)
        assert f"{address.scheme}://{address.netloc}" == site_url  # always this site, whatever the values
        assert address.path == ("/es/embed/" if lang == "es" else "/embed/")
        sent = dict(parse_qsl(address.query, keep_blank_values=True))
        assert sent == {name: value for name, value in attributes.items() if name != "title"}
        assert title == attributes.get("title", "Find a meeting")


@pytest.fixture(scope="module")
def loaded_host(browser, host_url):
    """The host page with its frame loaded and fitted; each example posts from inside the frame."""
    context = browser.new_context(viewport={"width": 800, "height": 600})
    page = context.new_page()
    page.goto(host_url + "/")
    frame_of(page)
    fitted(page)
    yield page
    context.close()


JSON = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers() | TEXT,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6)


@PROPERTY
@given(st.lists(st.fixed_dictionaries({"type": st.sampled_from(["pillar:height", "pillar:show", "other"])},
                                      optional={"height": JSON, "top": JSON, "bottom": JSON, "title": JSON}),
                min_size=1, max_size=6))
def test_any_message_leaves_the_frame_a_sane_size_and_the_page_scrollable(loaded_host, messages):
    inner = loaded_host.frames[1]
    inner.evaluate("""async (messages) => {
      for (const message of messages) parent.postMessage(message, '*');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }""", messages)
    state = loaded_host.evaluate("""() => ({height: document.querySelector('iframe').style.height,
      title: document.querySelector('iframe').title, scroll: scrollY})""")
    assert state["height"].endswith("px") and 0 < float(state["height"][:-2]) <= 100000
    assert math.isfinite(state["scroll"]) and isinstance(state["title"], str) and len(state["title"]) <= 200


# --- The builder ----------------------------------------------------------------------------------

def test_the_builder_writes_the_snippet_and_previews_it(page, site_url):
    page.goto(site_url + "/embed/builder/")
    page.select_option("#e-region", REGION)
    page.check("input[name=lock][value=region]")
    page.check("input[name=open][value=top]")
    snippet = page.locator("#embed-snippet").input_value()
    assert snippet == (f'<div data-pillar-embed data-region="{REGION}" data-lock="region" data-open="top"></div>\n'
                       f'<script src="{site_url}/embed.js" async></script>')
    preview = page.frame_locator("#embed-preview iframe")  # made by embed.js, as on the host's page
    expect(preview.locator("#f-region")).to_have_value(REGION)
    expect(preview.locator("#f-region")).to_be_hidden()
    expect(page.locator("#embed-preview iframe")).to_have_count(1)


def test_the_spanish_builder_writes_and_previews_a_spanish_finder(page, site_url):
    page.goto(site_url + "/es/embed/builder/")
    expect(page.locator("#embed-snippet")).to_have_value(
        f'<div data-pillar-embed data-lang="es"></div>\n<script src="{site_url}/embed.js" async></script>')
    preview = page.frame_locator("#embed-preview iframe")
    expect(preview.locator("html")).to_have_attribute("lang", "es")
    expect(preview.locator("#finder-status")).to_contain_text("encontr")


def test_the_builder_preview_fits_its_content(page, site_url):
    page.goto(site_url + "/embed/builder/")
    page.locator("#embed-preview").scroll_into_view_if_needed()
    preview = page.frame_locator("#embed-preview iframe")
    expect(preview.locator("#finder-status")).to_contain_text("found")
    inner = next(frame for frame in page.frames if "/embed/" in frame.url and frame != page.main_frame)
    for _ in range(60):
        page.wait_for_timeout(100)
        height = page.evaluate("() => document.querySelector('#embed-preview iframe').getBoundingClientRect().height")
        if abs(height - inner.evaluate(CONTENT_BOTTOM)) <= 3:
            break
    else:
        raise AssertionError("the preview frame never fitted its content")


@pytest.mark.parametrize("width, height", SIZES)
def test_the_code_box_shows_the_whole_snippet(browser, site_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url + "/embed/builder/")
    page.select_option("#e-region", REGION)
    page.check("input[name=lock][value=region]")
    page.check("input[name=open][value=top]")
    box = page.locator("#embed-snippet")
    sizes = box.evaluate("el => ({sh: el.scrollHeight, ch: el.clientHeight, sw: el.scrollWidth, cw: el.clientWidth,"
                         " font: getComputedStyle(el).fontFamily})")
    assert sizes["sh"] <= sizes["ch"], f"the code box cuts the code: {sizes}"
    assert sizes["sw"] <= sizes["cw"], f"the code runs off the side: {sizes}"
    assert "mono" in sizes["font"].lower()
    context.close()


def test_copy_puts_the_code_on_the_clipboard_and_says_so(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "/embed/builder/")
    page.select_option("#e-region", REGION)
    page.locator("#embed-snippet").focus()
    page.keyboard.press("Tab")  # the Copy button comes right after the code, and works from the keyboard
    expect(page.get_by_role("button", name="Copy the code")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#embed-snippet").input_value()
    context.close()


def test_when_copying_is_refused_the_code_is_selected(page, site_url):
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('refused'))")
    page.goto(site_url + "/embed/builder/")
    page.get_by_role("button", name="Copy the code").click()
    expect(page.locator("#embed-copied")).to_contain_text("selected")
    selection = page.locator("#embed-snippet").evaluate(
        "el => [document.activeElement === el, el.selectionStart, el.selectionEnd, el.value.length]")
    assert selection[0] and selection[1] == 0 and selection[2] == selection[3]


@pytest.mark.parametrize("width, height", SIZES)
def test_the_builder_has_no_axe_violations(browser, site_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url + "/embed/builder/")
    expect(page.get_by_role("button", name="Copy the code")).to_be_visible()
    page.get_by_role("button", name="Copy the code").click()  # with its message showing
    violations = AXE.run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    context.close()
