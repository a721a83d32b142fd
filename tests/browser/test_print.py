"""The printed lists, printed to PDF by Chromium on A4 and US Letter: every meeting is in the PDF's text,
whole on one page, in two columns; and the same pages on screen: axe, the Print button, no JavaScript.

The lists are found by following the site's own links (the schedule's, and a region page's), so the
tests keep working when the sample data changes. Each PDF's page count is printed with the results.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

PAPERS = ("A4", "Letter")
AXE = Axe()


def plain(text: str) -> str:
    """Text as compared: ligatures undone (a PDF's "ﬁ"), without spaces or line breaks (a line of the
    PDF may end inside a phone number, after a hyphen, where the page has none)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@pytest.fixture(scope="module")
def print_paths(browser, site_url) -> dict[str, str]:
    """The whole directory's list (linked from the schedule) and one area's (linked from its page)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "/meetings/")
        whole = page.get_attribute('main a[href$="/print/"]', "href")
        page.goto(site_url + "/regions/")
        page.goto(page.eval_on_selector("main li a", "a => a.href"))  # the first region
        area = page.eval_on_selector("main ul li a", "a => a.href")  # its first area
        page.goto(area)
        region = page.get_attribute('main a[href*="/print/"]', "href")
    finally:
        context.close()
    assert whole and region and region != whole
    return {"whole": whole, "region": region}


def _items(page) -> list[dict]:
    """Each meeting, service and community on the list as the page shows it."""
    return page.eval_on_selector_all(".print-item", """items => items.map(item => ({
        text: item.innerText,
        name: item.querySelector('.print-name').innerText,
        time: (item.querySelector('.print-time') || {innerText: ''}).innerText.split('\\n')[0],
        meeting: item.classList.contains('print-meeting'),
    }))""")


def _pdf_pages(pdf: bytes) -> tuple[list[str], list[list[float]], float]:
    """Each page's text, the left edges of its lines, and the paper's width."""
    reader = PdfReader(io.BytesIO(pdf))
    texts, edges = [], []
    for sheet in reader.pages:
        lefts: list[float] = []

        def line(text, cm, tm, font, size, lefts=lefts):
            if text.strip():
                lefts.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

        texts.append(plain(sheet.extract_text(visitor_text=line)))
        edges.append(lefts)
    return texts, edges, float(reader.pages[0].mediabox.width)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("which", ["whole", "region"])
def test_every_meeting_prints_whole_on_one_page_in_two_columns(page, site_url, print_paths, which, paper,
                                                              capsys, record_property):
    page.goto(site_url + print_paths[which])
    items = _items(page)
    meetings = [item for item in items if item["meeting"]]
    assert meetings, f"{print_paths[which]} lists no meetings"
    texts, edges, width = _pdf_pages(page.pdf(format=paper))

    split = [item["name"] for item in items if not any(plain(item["text"]) in text for text in texts)]
    assert not split, f"not whole on one page of the {paper} PDF: {split}"
    every = " ".join(texts)
    for item in meetings:
        assert plain(item["name"]) in every and plain(item["time"]) in every, item

    first = next(number for number, text in enumerate(texts) if plain(meetings[0]["name"]) in text)
    assert max(edges[first]) - min(edges[first]) > width / 3, "the meetings are not in two columns"
    if which == "whole":  # at least a dozen listings to a sheet: nothing is spread out or cut short
        assert len(texts) <= len(items) / 12 + 2, f"{len(items)} listings take {len(texts)} {paper} pages"
    record_property(f"{paper} pages", len(texts))
    with capsys.disabled():
        print(f"\n{print_paths[which]} on {paper}: {len(texts)} pages, {len({m['name'] for m in meetings})} meetings"
              f" ({len(meetings)} meeting times), {len(items) - len(meetings)} services and communities")


@pytest.mark.parametrize("which", ["whole", "region"])
def test_the_list_says_when_it_was_updated_and_what_every_code_means(page, site_url, print_paths, which):
    page.goto(site_url + print_paths[which])
    assert re.search(r"Updated \w+ \d+, \d{4}\.", page.inner_text(".print-meta"))
    assert page.inner_text(".print-help h2") == "Need help now?"
    assert "988" in page.inner_text(".print-help")
    used = {code for line in page.eval_on_selector_all(".print-types", "lines => lines.map(line => line.innerText)")
            for code in line.split(", ")}
    explained = page.eval_on_selector_all(".print-legend dt", "codes => codes.map(code => code.innerText)")
    assert used and set(explained) == used and len(explained) == len(set(explained))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["whole", "region"])
def test_axe_finds_no_violations_on_the_list_on_screen(page, site_url, print_paths, which, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + print_paths[which])
    violations = AXE.run(page).response["violations"]
    assert not violations, [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations]


def test_the_print_button_prints_and_without_javascript_the_page_says_how(new_context, site_url, print_paths):
    page = new_context().new_page()
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(site_url + print_paths["region"])
    button = page.get_by_role("button", name="Print this list")
    button.click()
    assert page.evaluate("window.printed") == 1
    assert not page.is_visible("[data-print-hint]")

    page = new_context(java_script_enabled=False).new_page()
    page.goto(site_url + print_paths["region"])
    assert not page.is_visible("[data-print]")
    assert page.is_visible("text=use your browser’s Print command")
    assert page.locator(".print-meeting").count() > 0


def test_on_paper_only_the_list_is_printed(page, site_url, print_paths):
    page.goto(site_url + print_paths["region"])
    page.emulate_media(media="print")
    for hidden in ("header.site", ".print-actions"):
        assert not page.is_visible(hidden), f"{hidden} is printed"
    assert page.is_visible(".print-help") and page.is_visible(".print-meeting")


def test_no_horizontal_overflow_at_360px(new_context, site_url, print_paths):
    page = new_context(viewport={"width": 360, "height": 640}).new_page()
    for path in print_paths.values():
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
