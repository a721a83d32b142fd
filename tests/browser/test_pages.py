"""The built sample site, driven in a real Chromium: accessibility (axe-core, light and dark),
keyboard use, privacy, use without JavaScript, and small screens.

Listing pages are found by following links in the built site rather than by hard-coded slugs,
so the tests keep working when the sample data changes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# Every kind of page the site builds, by a short name used in test ids.
PAGES = [
    "home",
    "meeting",            # an in-person meeting
    "hybrid-meeting",     # in person and online
    "online-meeting",     # online only
    "service",
    "online-community",
    "schedule-day",
    "regions",
    "content-page",
    "not-found",
    "embed",
    "embed-builder",
]

FIXED_PATHS = {
    "home": "/",
    "schedule-day": "/schedule/monday/",
    "regions": "/regions/",
    "content-page": "/peer-support/",
    "not-found": "/404.html",
    "embed": "/embed/",
    "embed-builder": "/embed/builder/",
}

AXE = Axe()

# Describes an element for failure messages: tag#id.class "text".
DESCRIBE_JS = """
el => {
  if (!el || el === document.body) return "<body>";
  let d = el.tagName.toLowerCase();
  if (el.id) d += "#" + el.id;
  if (el.classList.length) d += "." + [...el.classList].join(".");
  const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  return text ? `${d} "${text}"` : d;
}
"""


def _results_on(page, url: str) -> list[dict]:
    """The listing rows (link and badge classes) of a results list page."""
    response = page.goto(url)
    assert response and response.ok, f"{url} answered {response and response.status}"
    return page.eval_on_selector_all(
        "main .results .result",
        """rows => rows.map(row => ({
             href: row.querySelector("a").getAttribute("href"),
             text: row.querySelector("a").textContent.trim(),
             badges: [...row.querySelectorAll(".badge")].flatMap(b => [...b.classList]),
           }))""")


@pytest.fixture(scope="session")
def site_paths(browser, site_url) -> dict[str, str]:
    """Site-relative paths for every name in PAGES, found by following the site's own links."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "/")
        day_urls = page.eval_on_selector_all("main .days a", "links => links.map(a => a.href)")
        assert day_urls, "the home page links to no schedule day pages (main .days a)"
        meetings: list[dict] = []
        for url in day_urls:
            meetings += _results_on(page, url)

        def first_meeting(badge: str) -> str:
            for row in meetings:
                if badge in row["badges"]:
                    return row["href"]
            pytest.fail(f"no meeting with a {badge} badge on any schedule day page {day_urls}")

        def first_listing(index_path: str) -> str:
            rows = _results_on(page, site_url + index_path)
            assert rows, f"{index_path} lists nothing"
            return rows[0]["href"]

        paths = dict(FIXED_PATHS)
        paths["meeting"] = first_meeting("badge-in_person")
        paths["hybrid-meeting"] = first_meeting("badge-hybrid")
        paths["online-meeting"] = first_meeting("badge-online")
        paths["service"] = first_listing("/services/")
        paths["online-community"] = first_listing("/online/")
        assert set(paths) == set(PAGES)
        return paths
    finally:
        context.close()


def _open(page, site_url: str, path: str):
    response = page.goto(site_url + path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    return response


# --- Accessibility -------------------------------------------------------------------------------

def _format_violations(violations: list[dict], where: str) -> str:
    lines = [f"{len(violations)} axe-core violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
                     f"  [{violation.get('helpUrl', '')}]")
        for node in violation["nodes"]:
            target = " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}    {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(page, site_url, site_paths, name, scheme):
    page.emulate_media(color_scheme=scheme)
    path = site_paths[name]
    _open(page, site_url, path)
    assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
    violations = AXE.run(page).response["violations"]
    assert not violations, _format_violations(violations, f"{path} ({scheme} scheme)")


# --- Keyboard ------------------------------------------------------------------------------------

FOCUS_JS = """
() => {
  const el = document.activeElement;
  const style = el ? getComputedStyle(el) : null;
  return {
    isBody: !el || el === document.body || el === document.documentElement,
    href: el && el.getAttribute("href"),
    text: el && (el.textContent || "").trim(),
    inMainNav: !!(el && el.closest('nav[aria-label="Main"]')),
    inMain: !!(el && el.closest("#main")),
    focusVisible: !!(el && el.matches(":focus-visible")),
    outlineStyle: style && style.outlineStyle,
    outlineWidth: style && parseFloat(style.outlineWidth),
    outlineColor: style && style.outlineColor,
    desc: (%s)(el),
  };
}
""" % DESCRIBE_JS


def _focused(page) -> dict:
    return page.evaluate(FOCUS_JS)


def test_skip_link_is_first_tab_stop_visible_and_jumps_to_main(page, site_url):
    _open(page, site_url, "/")
    viewport = page.viewport_size

    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["text"] == "Skip to content", f"first Tab focused {focused['desc']}"
    assert focused["href"] == "#main"

    box = page.get_by_role("link", name="Skip to content").bounding_box()
    assert box is not None, "the focused skip link is not rendered"
    assert (box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0 and box["height"] > 0
            and box["x"] + box["width"] <= viewport["width"]
            and box["y"] + box["height"] <= viewport["height"]), \
        f"focused skip link is not inside the {viewport} viewport: {box}"

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    assert page.evaluate("document.querySelector('#main').matches(':target')"), \
        "#main is not the target after following the skip link"
    top = page.evaluate("document.querySelector('#main').getBoundingClientRect().top")
    assert 0 <= top < viewport["height"], f"#main is not scrolled into view (top={top})"
    # Focus navigation now starts at #main: the next Tab lands inside it, past the header.
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["inMain"], f"Tab after the skip link focused {focused['desc']}, outside #main"


def test_tab_reaches_every_main_nav_link(page, site_url):
    _open(page, site_url, "/")
    nav_hrefs = page.eval_on_selector_all('nav[aria-label="Main"] a',
                                          "links => links.map(a => a.getAttribute('href'))")
    assert nav_hrefs, 'the home page has no links in nav[aria-label="Main"]'
    # The skip link, the help line's links and the site's name come first; allow a few more stops than that.
    max_tabs = len(nav_hrefs) + page.locator(".helpline a").count() + 4
    reached, stops = [], []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        focused = _focused(page)
        stops.append(focused["desc"])
        if focused["inMainNav"]:
            reached.append(focused["href"])
        if set(nav_hrefs) <= set(reached):
            break
    missing = [href for href in nav_hrefs if href not in reached]
    assert not missing, f"within {max_tabs} Tabs, main nav links {missing} never got focus; " \
                        f"focus went: {stops}"
    assert reached == nav_hrefs, f"main nav links focused out of order: {reached}"


@pytest.mark.parametrize("name", ["home", "hybrid-meeting"])
def test_every_tab_stop_shows_a_focus_outline(page, site_url, site_paths, name):
    _open(page, site_url, site_paths[name])
    seen, bad = [], []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["isBody"] or (seen and focused["desc"] == seen[0]):
            break  # wrapped around past the last tab stop
        seen.append(focused["desc"])
        if not (focused["focusVisible"] and focused["outlineStyle"] != "none"
                and focused["outlineWidth"] > 0
                and focused["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)")):
            bad.append(f"{focused['desc']}: :focus-visible={focused['focusVisible']}, outline "
                       f"{focused['outlineStyle']} {focused['outlineWidth']}px "
                       f"{focused['outlineColor']}")
    assert len(seen) > 5, f"only {len(seen)} tab stops on {site_paths[name]}: {seen}"
    assert not bad, f"focused elements on {site_paths[name]} without a visible outline:\n" \
                    + "\n".join(bad)


# --- Privacy -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_no_third_party_requests_and_no_cookies(page, context, site_url, site_paths, name):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    path = site_paths[name]
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.ok
    # Bring anything lazy-loaded into view, then let it settle.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_load_state("networkidle")

    assert site_url + path in requests, f"the page's own request was not recorded: {requests}"
    foreign = [url for url in requests
               if urlsplit(url).scheme not in ("data", "blob")
               and urlsplit(url).hostname != "127.0.0.1"]
    assert not foreign, f"{path} made requests to other hosts: {foreign}"
    cookies = context.cookies()
    assert cookies == [], f"{path} set cookies: {cookies}"
    assert page.evaluate("document.cookie") == ""


# --- Without JavaScript --------------------------------------------------------------------------

def test_without_javascript_home_to_monday_to_a_meeting(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        _open(page, site_url, "/")
        page.get_by_role("link", name="Monday", exact=True).click()
        expect(page).to_have_url(re.compile(r"/schedule/monday/$"))
        expect(page.locator("h1")).to_contain_text("Monday")

        first = page.locator("main .results .result > a").first
        text = first.inner_text().strip()
        assert text, "the first Monday meeting link has no text"
        first.click()
        expect(page).to_have_url(re.compile(r"/meetings/[^/]+/$"))
        expect(page.locator("h1")).to_have_text(text)
    finally:
        context.close()


# --- Small screens -------------------------------------------------------------------------------

OVERFLOW_JS = """
() => {
  const root = document.documentElement;
  const describe = %s;
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    innerWidth: window.innerWidth,
    wide: [...document.body.querySelectorAll("*")]
      .filter(el => el.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 10).map(describe),
  };
}
""" % DESCRIBE_JS


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_overflow_at_360px(browser, site_url, site_paths, name):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    try:
        page = context.new_page()
        _open(page, site_url, site_paths[name])
        m = page.evaluate(OVERFLOW_JS)
        assert m["scrollWidth"] <= m["innerWidth"] and m["scrollWidth"] <= m["clientWidth"], (
            f"{site_paths[name]} is {m['scrollWidth']}px wide in a {m['innerWidth']}px window "
            f"(client width {m['clientWidth']}px); too wide: {m['wide']}")
    finally:
        context.close()
