"""The built sample site as a whole: complete, linked, deterministic, linear, safe."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import REPO, make_site, run_pillar


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append((tag, attrs[name]))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target(output: Path, page: Path, link: str) -> Path:
    url = urlsplit(link)
    path = unquote(url.path)
    base = output if path.startswith("/") else page.parent
    resolved = base / path.lstrip("/") if path else page
    return resolved / "index.html" if path.endswith("/") or resolved.is_dir() else resolved


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def test_every_internal_link_resolves(sample_site):
    broken = []
    for page in html_pages(sample_site):
        parsed = parse(page)
        for tag, link in parsed.links:
            scheme = urlsplit(link).scheme
            if scheme in ("https", "http", "tel", "mailto", "sms") or link == "data:,":  # data:, = "no favicon"
                continue
            assert scheme == "", f"{page}: unexpected link scheme in {link}"
            resolved = target(sample_site, page, link)
            if not resolved.is_file():
                broken.append(f"{page.relative_to(sample_site)} → {link}")
            fragment = urlsplit(link).fragment
            if fragment and resolved.is_file() and fragment not in parse(resolved).ids:
                broken.append(f"{page.relative_to(sample_site)} → {link} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_pages_load_nothing_from_other_hosts(sample_site):
    for page in html_pages(sample_site):
        for tag, link in parse(page).links:
            if tag != "a":
                assert not urlsplit(link).netloc, f"{page} loads {link} from another host"


def test_the_sample_directory_is_a_real_small_directory(sample_site):
    meetings = [p for p in (sample_site / "meetings").iterdir() if (p / "index.html").is_file()]
    services = [p for p in (sample_site / "services").iterdir() if (p / "index.html").is_file()]
    online = [p for p in (sample_site / "online").iterdir() if (p / "index.html").is_file()]
    assert len(meetings) >= 40 and len(services) >= 8 and len(online) >= 8
    pages = "".join((p / "index.html").read_text() for p in meetings)
    for badge in ("badge-in_person", "badge-online", "badge-hybrid"):
        assert badge in pages
    for fellowship in ("AA meeting", "NA meeting"):
        assert fellowship in pages


def test_browse_pages_and_site_pages_exist(sample_site):
    for path in ("index.html", "404.html", "sitemap.xml", "meetings/index.html", "regions/index.html",
                 "services/index.html", "online/index.html", "peer-support/index.html",
                 "choosing-a-group/index.html", "professional-help/index.html", "add-a-listing/index.html"):
        assert (sample_site / path).is_file(), path
    for day in ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"):
        assert (sample_site / "schedule" / day / "index.html").is_file()


def test_sitemap_lists_every_page_and_only_real_ones(sample_site):
    locs = re.findall(r"<loc>([^<]*)</loc>", (sample_site / "sitemap.xml").read_text())
    assert len(locs) == len(set(locs))
    for loc in locs:
        assert target(sample_site, sample_site / "index.html", loc).is_file(), loc
    pages = {str(p.parent.relative_to(sample_site)) + "/" for p in sample_site.rglob("index.html")}
    listed = {loc.lstrip("/") or "./" for loc in locs}
    framed = {page for page in pages if page.endswith("embed/")}  # noindex: only for other sites' frames
    own = {page for page in pages if page.endswith("saved/")}  # noindex: My meetings is each visitor's own
    assert pages - {"./"} - framed - own <= listed
    assert not (framed | own) & listed


def test_schemas_are_published(sample_site):
    for name in ("definitions.json", "meeting.json", "service.json", "online.json"):
        assert (sample_site / "schema" / name).read_bytes() == (REPO / "plugins/pillar/schema" / name).read_bytes()


def test_sample_notice_and_help_block(sample_site):
    home = (sample_site / "index.html").read_text()
    assert "<strong>Sample data:</strong>" in home
    assert '<a href="tel:988">988</a>' in home
    assert '<a href="tel:18006624357">1-800-662-4357</a>' in home


EMBED_ORIGINS = '["https://aa-austin.example.org", "https://na.example.org"]'
SMALL = {
    "meetings/a.yaml": "name: Sample Twice\nday: [monday, 4]\ntime: \"07:00\"\naddress: 1 Sample St\n"
                       "regions: [Texas, Austin]\n",
    "meetings/hostile.yaml": 'name: "Sample <script>alert(1)</script>"\nday: monday\ntime: "07:00"\n'
                             'address: "1 Sample St\\" onmouseover=\\"x"\nnotes: "<img src=x onerror=alert(1)>"\n',
    "meetings/austin/a.yaml": "name: Sample A\nday: monday\ntime: \"07:00\"\naddress: 1 Sample St\n",
}
"""Three small listings, each looked at by its own test below."""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    """The three listings of SMALL, built once with a repository and the embedding origins set; the output."""
    site = make_site(tmp_path_factory.mktemp("small"), SMALL)
    result = run_pillar("build", "-e", 'REPO_URL="https://github.com/example/meetings"',
                        f"EMBED_ALLOWED_ORIGINS={EMBED_ORIGINS}", cwd=site)
    assert result.code == 0, result.err
    return site / "output"


def test_schedule_lists_a_multi_day_meeting_on_each_of_its_days(small_site):
    out = small_site
    for day, expected in (("monday", True), ("tuesday", False), ("thursday", True)):
        assert ('data-slug="sample-twice"' in (out / "schedule" / day / "index.html").read_text()) is expected
    # A region with areas lists the areas; the meeting is listed where it is filed.
    texas = (out / "regions/texas/index.html").read_text()
    assert 'href="/regions/texas/austin/"' in texas and 'data-slug="sample-twice"' not in texas
    assert 'data-slug="sample-twice"' in (out / "regions/texas/austin/index.html").read_text()


def test_everything_a_listing_says_is_escaped(small_site):
    [page] = [path.read_text() for path in (small_site / "meetings").glob("*/index.html")
              if path.parent.name not in ("sample-twice", "sample-a")]  # the hostile listing's page
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'onmouseover="x"' not in page


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical_and_pelican_builds_the_same_site(sample_site, tmp_path):
    again = tmp_path / "again"
    assert run_pillar("build", "-o", again).code == 0
    assert snapshot(again) == snapshot(sample_site)
    plain = tmp_path / "plain"
    done = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(plain)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert snapshot(plain) == snapshot(sample_site)


def synthetic(count: int) -> dict[str, str]:
    days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    return {f"meetings/m{i}.yaml": f'name: Sample Meeting {i}\nday: {days[i % 7]}\ntime: "{7 + i % 12:02d}:00"\n'
                                   f"location: Hall {i % 5}\naddress: {i % 5} Sample St\n"
                                   f"regions: [State {i % 3}, City {i % 6}]\n"
            for i in range(count)}


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> dict[int, Path]:
    """The outputs of a directory of 70 listings and of 700, built once for every page compared."""
    outputs = {}
    for count in (70, 700):
        site = make_site(tmp_path_factory.mktemp(f"grown-{count}"), synthetic(count))
        assert run_pillar("build", cwd=site).code == 0
        outputs[count] = site / "output"
    return outputs


@pytest.mark.parametrize("page", ["index.html", "meetings/sample-meeting-1/index.html", "404.html",
                                  "services/index.html", "regions/index.html"])
def test_pages_that_list_no_listings_do_not_grow_with_the_directory(grown, page):
    small, large = (len((grown[count] / page).read_bytes()) for count in (70, 700))
    # Only counts grow (a few more digits); a meeting page lists at most 12 others at its location.
    assert large <= small * 1.15, f"{page}: {small} bytes at 70 listings, {large} at 700"


def test_spanish_pages_speak_spanish_and_link_to_english(sample_site):
    home = (sample_site / "es" / "index.html").read_text()
    assert '<html lang="es"' in home
    assert "<h1>Encuentra una reunión cerca de ti</h1>" in home
    assert '<a href="/" hreflang="en" lang="en" data-language-switch="en">English</a>' in home
    assert '<link rel="alternate" hreflang="es" href="/es/">' in (sample_site / "index.html").read_text()
    monday = (sample_site / "es" / "schedule" / "monday" / "index.html").read_text()
    assert "<h1>Reuniones del lunes</h1>" in monday and 'href="/es/meetings/' in monday
    meeting = next((sample_site / "es" / "meetings").glob("*/index.html")).read_text()
    assert "¿Necesitas ayuda?" in meeting and "Need help now?" not in meeting
    page = (sample_site / "es" / "peer-support" / "index.html").read_text()
    assert '<html lang="es"' in page and 'hreflang="en" href="/peer-support/"' in page
    english_page = (sample_site / "peer-support" / "index.html").read_text()
    assert 'href="/es/peer-support/"' in english_page


def test_feeds_are_written_and_advertised(sample_site):
    import icalendar
    import json as json_module

    home = (sample_site / "index.html").read_text()
    assert '<link rel="alternate" type="application/json" title="Meetings Feed" href="/feeds/meetings.json">' in home
    items = json_module.loads((sample_site / "feeds" / "meetings.json").read_text())
    meetings = [p for p in (sample_site / "meetings").iterdir() if (p / "index.html").is_file()]
    assert len({item["url"] for item in items}) == len(meetings)
    assert len(items) > len(meetings)  # several meetings meet on several days
    calendar = icalendar.Calendar.from_ical((sample_site / "feeds" / "meetings.ics").read_bytes())
    timed = sum(1 for p in meetings if (p / "meeting.ics").is_file())
    assert len(calendar.walk("VEVENT")) == timed
    austin = icalendar.Calendar.from_ical((sample_site / "feeds" / "regions" / "texas" / "austin.ics").read_bytes())
    assert 0 < len(austin.walk("VEVENT")) < timed
    geo = json_module.loads((sample_site / "feeds" / "directory.geojson").read_text())
    assert len(geo["features"]) > 40
    services = json_module.loads((sample_site / "feeds" / "hsds" / "services.json").read_text())
    assert len(services) == len(list((sample_site / "services").glob("*/index.html")))


def test_listing_pages_link_to_edit_and_report_when_the_repository_is_known(small_site):
    page = (small_site / "meetings" / "sample-a" / "index.html").read_text()
    assert ('<a href="https://github.com/example/meetings/edit/main/directory/meetings/austin/a.yaml" '
            'rel="noopener noreferrer">Edit this listing</a>') in page
    assert ('href="https://github.com/example/meetings/issues/new?title=Problem%20with%20Sample%20A&amp;body='
            'Listing%3A%20Sample%20A%0APage%3A%20/meetings/sample-a/%0AFile%3A%20directory/meetings/austin/a.yaml') in page
    assert 'class="warning stale-notice"' in page  # never verified: the notice is always shown


def test_embedding_headers_and_script(small_site, tmp_path):
    headers = (small_site / "_headers").read_text()
    assert ("/embed/*\n  Content-Security-Policy: frame-ancestors 'self' https://aa-austin.example.org "
            "https://na.example.org\n") in headers
    assert "/es/embed/*" in headers
    embed = (small_site / "embed" / "index.html").read_text()
    assert 'class="site"' not in embed and 'id="finder"' in embed  # the finder without header and footer
    assert 'var languages = ["en", "es"];' in (small_site / "embed.js").read_text()
    site = make_site(tmp_path, {"meetings/a.yaml": SMALL["meetings/austin/a.yaml"]})
    bad = run_pillar("build", "-e", 'EMBED_ALLOWED_ORIGINS=["aa.example.org/meetings"]', cwd=site)
    assert bad.code == 1 and "EMBED_ALLOWED_ORIGINS must be a list of origins" in bad.err


def test_a_day_with_too_many_meetings_lists_regions_instead(tmp_path):
    from pillar.site.browse import DAY_PAGE_LIMIT

    count = DAY_PAGE_LIMIT + 10
    listings = {f"meetings/m{i}.yaml": f'name: Sample Monday {i}\nday: monday\ntime: "07:00"\n'
                                        f"conference_url: https://example.org/{i}\n"
                                        + (f"regions: [State {i % 3}, City {i % 6}]\n" if i else "")
                for i in range(count)}
    site = make_site(tmp_path, listings)
    assert run_pillar("build", cwd=site).code == 0
    monday = (site / "output" / "schedule" / "monday" / "index.html").read_text()
    assert f"{count} meetings: too many for one page, so pick a region." in monday
    for state in range(3):
        assert f'<a href="/regions/state-{state}/">State {state}</a>' in monday
    assert monday.count('class="result"') == 1  # only the meeting filed in no region is listed
    assert 'data-slug="sample-monday-0"' in monday
    assert len(monday) < 20_000
