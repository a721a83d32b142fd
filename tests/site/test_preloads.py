"""The finder's pages ask for everything their first view needs at once: the finder as one file (its
modules joined by esbuild, the lazy ones left out) — inside the home page itself, with the stylesheet —
and the data it fetches first."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import run_pillar
from pillar.site.modulegraph import imports, static_graph
from pillar_bench.synth import write_site


class Head(HTMLParser):
    """The page's <link rel=…>, module scripts (by address, or their text when inside the page) and
    <style> texts."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.modules: list[str] = []
        self.inline: list[str] = []
        self.styles: list[str] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "module" and attrs.get("src"):
            self.modules.append(attrs["src"])
        elif tag == "script" and attrs.get("type") == "module":
            self.inline.append("")
            self._into = self.inline
        elif tag == "style":
            self.styles.append("")
            self._into = self.styles

    def handle_data(self, data):
        if self._into is not None:
            self._into[-1] += data

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._into = None


def head(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def module_preloads(parser: Head) -> list[str]:
    return [link["href"].removeprefix("/theme/js/") for link in parser.links if link.get("rel") == "modulepreload"]


def data_preloads(parser: Head) -> list[dict]:
    return [link for link in parser.links if link.get("rel") == "preload"]


@pytest.mark.parametrize("page", ["index.html", "es/index.html"])
def test_the_home_page_carries_the_finder_and_the_stylesheet_and_asks_only_for_data(sample_site, repo, page):
    parser = head(sample_site / page)
    js = sample_site / "theme" / "js"
    # No script or stylesheet to wait for: both are in the page (the others link the stylesheet).
    assert parser.modules == [] or all("finder" not in src for src in parser.modules)
    assert not [link for link in parser.links if link.get("rel") == "stylesheet"]
    assert parser.styles == [(repo / "theme/static/css/pillar.css").read_text(encoding="utf-8")]
    assert module_preloads(parser) == []
    [code] = parser.inline
    bundle = (js / "finder.bundle.js").read_text(encoding="utf-8")
    # The bundle esbuild made, its lazy modules named from the theme's folder (an inline module would
    # look for ./map.js beside the page).
    assert code.replace('import("/theme/js/', 'import("./') == bundle and code != bundle
    # No module of the first view is fetched on its own: the bundle imports only the lazy ones, and
    # only when they are needed (the map, the full-text search, matching a typed place, and keeping the
    # site for use offline once the first results are in), from their own files.
    found = imports(bundle)
    assert all(not found_import.static for found_import in found), found
    lazy = {found_import.specifier for found_import in found}
    assert lazy == {"./map.js", "./search.js", "./places.js", "./offline.js"}
    assert all((js / name).is_file() for name in lazy)
    assert not lazy & {f"./{name}" for name in static_graph(js, "finder.js")}


def test_other_pages_link_the_stylesheet(sample_site):
    for page in ("meetings/index.html", "regions/index.html", "es/meetings/index.html"):
        parser = head(sample_site / page)
        assert [link["href"] for link in parser.links if link.get("rel") == "stylesheet"] == ["/theme/css/pillar.css"]
        assert parser.styles == [] and parser.inline == []


@pytest.mark.parametrize("page", ["embed/index.html", "es/embed/index.html"])
def test_the_embedded_finder_asks_for_one_file_each_for_the_finder_and_the_frame(sample_site, page):
    parser = head(sample_site / page)
    assert parser.modules == ["/theme/js/finder.bundle.js", "/theme/js/embed-frame.bundle.js"]
    for src in parser.modules:
        found = imports((sample_site / src.lstrip("/")).read_text(encoding="utf-8"))
        assert all(not found_import.static for found_import in found), (src, found)


def test_the_data_preloads_are_what_the_finder_fetches_first_and_exist(sample_site):
    links = data_preloads(head(sample_site / "index.html"))
    manifest = json.loads((sample_site / "search" / "shards.json").read_text(encoding="utf-8"))
    assert len(manifest["shards"]) == 1  # the sample is one shard, loaded at once
    expected = {"/search/shards.json", f"/search/shards/{manifest['shards'][0]['name']}.json"}
    assert {link["href"] for link in links} == expected
    for link in links:  # as fetch() asks for them (CORS, same-origin credentials), so each is used
        assert link["as"] == "fetch" and "crossorigin" in link and link["crossorigin"] in (None, "", "anonymous")
        assert (sample_site / link["href"].lstrip("/")).is_file()


def test_a_directory_in_many_shards_preloads_no_shard(tmp_path):
    site = tmp_path / "site"
    write_site(site, 60, seed=3)
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nFINDER_SHARD_SIZE = 10\n")
    done = run_pillar("build", "-s", site / "pelicanconf.py", "-o", site / "output", cwd=site)
    assert done.code == 0, done.err
    manifest = json.loads((site / "output" / "search" / "shards.json").read_text(encoding="utf-8"))
    assert len(manifest["shards"]) > 1
    hrefs = {link["href"] for link in data_preloads(head(site / "output" / "index.html"))}
    assert hrefs == {"/search/shards.json"}  # which shards depends on where the visitor is
