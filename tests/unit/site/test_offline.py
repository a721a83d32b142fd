"""The site without a connection: the service worker's version and shell, the web app manifest and the
icons drawn for it — all the same bytes from the same directory, and a new version when a listing changes."""

from __future__ import annotations

import json
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import REPO, make_site, run_pillar
from pillar.site import icons, offline

THEME_JS = REPO / "theme" / "static" / "js"
MEETING = ('name: Sample Tuesday Group\nday: tuesday\ntime: "19:30"\nlatitude: 30.27\nlongitude: -97.74\n'
           'address: 1 Sample St, Austin, TX 78701, US\nregions: [Texas, Austin]\n')
colour = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


def pixels(png: bytes) -> tuple[int, list[bytes]]:
    """The side and the rows (RGB bytes, filter byte dropped) of one of the icons' PNGs."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, at = {}, 8
    while at < len(png):
        size, kind = struct.unpack(">I4s", png[at:at + 8])
        data = png[at + 8:at + 8 + size]
        assert struct.unpack(">I", png[at + 8 + size:at + 12 + size])[0] == zlib.crc32(kind + data)
        chunks[kind] = data
        at += 12 + size
    width, height, depth, kind, *_ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (width, depth, kind) == (height, 8, 2)
    raw = zlib.decompress(chunks[b"IDAT"])
    step = 1 + 3 * width
    assert len(raw) == step * height
    return width, [raw[y * step + 1:(y + 1) * step] for y in range(height)]


def rgb(text: str) -> tuple[int, ...]:
    return tuple(bytes.fromhex(text[1:]))


# --- Icons ------------------------------------------------------------------------------------

@pytest.mark.parametrize("css, expected", [
    (":root { --bg: #ffffff; --fg: #1b1f23; --accent: #0b6b4f; }", ("#0b6b4f", "#ffffff")),
    (":root{--accent:#ABC;--bg:#000}", ("#aabbcc", "#000000")),
    ("/* no variables */ body { color: red }", icons.DEFAULT_COLOURS),
    (":root { --accent: #0b6b4f; } @media (prefers-color-scheme: dark) { :root { --accent: #6fd3ad; } }",
     ("#0b6b4f", "#ffffff")),  # the light colours, as the stylesheet sets them first
])
def test_the_icons_take_the_stylesheets_accent_and_background(css, expected):
    assert icons.theme_colours(css) == icons.Colours(*expected)


def test_the_themes_own_stylesheet_gives_its_own_colours():
    css = (REPO / "theme/static/css/pillar.css").read_text(encoding="utf-8")
    assert icons.theme_colours(css) == icons.Colours("#0b6b4f", "#ffffff")


def check_icon(png: bytes, size: int, accent: str, background: str) -> None:
    side, rows = pixels(png)
    assert side == size
    ground, pillar = rgb(accent), rgb(background)
    assert rows[0][:3] == bytes(ground) and rows[-1][-3:] == bytes(ground)  # corners: the ground
    middle = rows[size // 2][3 * (size // 2):3 * (size // 2) + 3]  # the middle flute of the shaft
    assert middle == bytes(pillar)
    for row in rows[:: max(1, size // 24)]:  # every pixel lies between the two colours, channel by channel
        for x in range(0, 3 * size, 3):
            assert all(min(g, p) <= value <= max(g, p) for value, g, p in zip(row[x:x + 3], ground, pillar))


@settings(deadline=None)  # no clock: drawing an icon takes what the machine gives it
@given(colour, colour, st.integers(32, 96))
def test_each_png_is_a_square_of_the_accent_with_the_pillar_in_the_background_colour(accent, background, size):
    check_icon(icons.png(icons.Colours(accent, background), size), size, accent, background)


def test_the_manifests_pngs_are_192_and_512_pixels():
    made = icons.files(icons.Colours("#0b6b4f", "#ffffff"))
    for size in (192, 512):
        check_icon(made[f"icon-{size}.png"], size, "#0b6b4f", "#ffffff")


def test_the_pillar_lies_inside_the_middle_circle_a_launcher_may_keep():
    for left, top, right, bottom in icons.PILLAR:
        for x, y in ((left, top), (right, top), (left, bottom), (right, bottom)):
            assert (x - 0.5) ** 2 + (y - 0.5) ** 2 < 0.4 ** 2


def test_the_svg_icon_draws_the_same_pillar():
    text = icons.svg(icons.Colours("#0b6b4f", "#ffffff"))
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">')
    assert 'fill="#0b6b4f"' in text and '<g fill="#ffffff">' in text
    assert text.count("<rect ") == 1 + len(icons.PILLAR)


def test_the_same_colours_give_the_same_bytes():
    made = icons.Colours("#123456", "#fedcba")
    assert icons.files(made) == icons.files(icons.Colours("#123456", "#fedcba"))
    assert sorted(icons.files(made)) == ["icon-192.png", "icon-512.png", "icon.svg"]


# --- Manifest, shell and version ----------------------------------------------------------------

@given(st.text(min_size=1, max_size=80))
def test_the_manifest_names_the_site_whatever_its_name_holds(name):
    data = json.loads(offline.manifest(name, "Find meetings", "en", icons.Colours("#0b6b4f", "#ffffff"), "theme/icons"))
    assert data["name"] == name


def test_the_manifest_opens_the_site_standalone_in_its_colours_with_its_icons():
    data = json.loads(offline.manifest("Austin Meetings", "Find meetings", "es", icons.Colours("#0b6b4f", "#ffffff"),
                                       "theme/icons"))
    assert (data["start_url"], data["scope"], data["display"]) == ("./", "./", "standalone")
    assert (data["theme_color"], data["background_color"], data["lang"]) == ("#0b6b4f", "#ffffff", "es")
    sizes = {(icon["sizes"], icon["type"], icon["purpose"]) for icon in data["icons"]}
    assert {("192x192", "image/png", "any"), ("512x512", "image/png", "any"), ("512x512", "image/png", "maskable"),
            ("any", "image/svg+xml", "any")} <= sizes
    assert all(icon["src"].startswith("theme/icons/") for icon in data["icons"])


def test_the_modules_kept_are_those_pages_load_as_files():
    kept = offline.modules(THEME_JS)
    for name in ("listing.js", "save.js", "saved.js", "offline.js", "mine.js", "clock.js", "i18n.js", "lang.js"):
        assert name in kept
    assert "finder.js" not in kept  # it comes as finder.bundle.js
    assert not [name for name in kept if name.startswith("embed")]  # the embedded finder is not kept
    assert len(kept) == len(set(kept))


@pytest.mark.parametrize("listings, single", [(10, True), (250, True), (251, False)])
def test_the_shell_holds_each_languages_finder_and_my_meetings_and_a_small_directorys_only_shard(listings, single):
    shell = offline.shell(("en", "es"), "theme", THEME_JS, listings, 250)
    assert shell[:4] == ["", "saved/", "es/", "es/saved/"]
    assert {"theme/css/pillar.css", "theme/js/finder.bundle.js", "theme/js/saved.js", "search/shards.json",
            "search/places.json"} <= set(shell)
    assert ("search/shards/all.json" in shell) is single
    assert not [path for path in shell if path.startswith("search/shards/") and path != "search/shards/all.json"]


def test_the_version_follows_the_listings_the_shell_and_the_worker_and_nothing_else():
    keys, shell = {"a": "1", "b": "2"}, [("", b"<html>"), ("theme/css/pillar.css", b"body{}")]
    first = offline.version(keys, shell, "worker")
    assert first == offline.version({"b": "2", "a": "1"}, list(shell), "worker")  # order does not count
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    others = {offline.version({"a": "1", "b": "3"}, shell, "worker"), offline.version({"a": "1"}, shell, "worker"),
              offline.version(keys, [("", b"<html>!"), shell[1]], "worker"), offline.version(keys, shell, "worker2")}
    assert first not in others and len(others) == 4


# --- Two builds ---------------------------------------------------------------------------------

def built(site: Path, output: Path) -> dict[str, bytes]:
    result = run_pillar("build", "--full", "-o", output, cwd=site)
    assert result.code == 0, result.err
    names = ["sw.js", "manifest.webmanifest", *(f"theme/icons/{name}" for name in sorted(icons.files(
        icons.Colours(*icons.DEFAULT_COLOURS))))]
    return {name: (output / name).read_bytes() for name in names}


def worker_version(files: dict[str, bytes]) -> str:
    return re.search(r'^const VERSION = "([0-9a-f]+)";$', files["sw.js"].decode(), re.MULTILINE).group(1)


def test_two_builds_of_the_same_directory_write_the_same_bytes_and_a_changed_listing_a_new_version(tmp_path):
    first = make_site(tmp_path / "first", {"meetings/tuesday.yaml": MEETING})
    second = tmp_path / "second"  # the same site in another folder, its files written at other times
    shutil.copytree(first, second)
    one, two = built(first, tmp_path / "one"), built(second, tmp_path / "two")
    assert one == two
    shell = json.loads(re.search(r"^const SHELL = (\[.*\]);", one["sw.js"].decode(), re.MULTILINE).group(1))
    assert shell[:4] == ["", "saved/", "es/", "es/saved/"]
    home = (tmp_path / "one" / "index.html").read_bytes()  # the finder's file is kept if a page names it
    assert ("theme/js/finder.bundle.js" in shell) == (b"/finder.bundle.js" in home)
    manifest = json.loads(one["manifest.webmanifest"])
    assert manifest["name"] == "Pillar sample directory" and manifest["theme_color"] == "#0b6b4f"

    listing = second / "directory/meetings/tuesday.yaml"
    listing.write_text(MEETING.replace('"19:30"', '"20:00"'), encoding="utf-8")
    changed = built(second, tmp_path / "three")
    assert worker_version(changed) != worker_version(one)
    assert changed["manifest.webmanifest"] == one["manifest.webmanifest"]  # nothing in it changed
    assert changed["sw.js"].replace(worker_version(changed).encode(), b"") == one["sw.js"].replace(
        worker_version(one).encode(), b"")


def test_no_content_page_may_take_the_workers_or_my_meetings_address(tmp_path):
    site = make_site(tmp_path, {"meetings/tuesday.yaml": MEETING})
    (site / "content" / "pages").mkdir()
    (site / "content" / "pages" / "mine.md").write_text("Title: Mine\nSlug: saved\n\nText.\n", encoding="utf-8")
    result = run_pillar("build", "-o", tmp_path / "out", cwd=site)
    assert result.code == 1
    assert "content/pages/mine.md:2:1: this page would be published at /saved/" in result.err
