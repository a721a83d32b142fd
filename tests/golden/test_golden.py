"""The golden site: a tiny directory whose built output is committed next to it.

When a change to Pillar changes the output on purpose, regenerate it with `make golden` and
review the diff like any other change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from helpers import REPO, run_pillar

GOLDEN = Path(__file__).parent


def files(folder: Path) -> dict[str, bytes]:
    """Every built file but copies: vendor/ (from npm) and theme/ (the theme's static files as they are)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] not in ("vendor", "theme")}


def test_the_golden_site_builds_exactly_as_committed(tmp_path):
    result = run_pillar("build", "-s", GOLDEN / "site" / "pelicanconf.py", "-o", tmp_path / "out", cwd=REPO)
    assert result.code == 0, result.err
    built, expected = files(tmp_path / "out"), files(GOLDEN / "output")
    assert sorted(built) == sorted(expected), "files differ — run `make golden` if the change is intended"
    for name in expected:
        if built[name] != expected[name]:
            diff = "\n".join(difflib.unified_diff(
                expected[name].decode().splitlines(), built[name].decode().splitlines(),
                f"committed/{name}", f"built/{name}", lineterm="", n=2))
            raise AssertionError(f"{name} differs — run `make golden` if the change is intended\n{diff[:3000]}")


def test_the_golden_site_shows_what_its_listings_say():
    out = GOLDEN / "output"
    evening = (out / "meetings/golden-evening-na/index.html").read_text()
    assert "<h1>Golden Evening NA</h1>" in evening
    assert "Tuesday, 7:30\u00a0PM–8:30\u00a0PM" in evening  # no end time: an hour, as Meeting Guide says
    assert '<span class="badge badge-hybrid">In person and online</span>' in evening
    assert '<a href="tel:+15550101,,123%23">' in evening
    assert "<li>Just for Today reading</li>" in evening
    assert 'data-slug="golden-morning-group"' in evening  # same location
    morning = (out / "meetings/golden-morning-group/index.html").read_text()
    assert "Monday, Wednesday, and Friday, 7:00\u00a0AM–8:00\u00a0AM" in morning
    assert "Coffee &amp; cookies; enter by the side door." in morning
    assert "The pin marks the area, not the door." in morning
    online = (out / "meetings/golden-online/index.html").read_text()
    assert "Eastern Time" in online and "Join the online meeting" in online
    assert "English, Spanish" in online
    assert "Where</h2>" not in online
    home = (out / "index.html").read_text()
    assert "Sample data." not in home  # SAMPLE_DATA_NOTICE = False
    assert "Test Crisis Line" in home and "988" not in home
    for day, count in (("sunday", 1), ("monday", 1), ("tuesday", 1), ("thursday", 0)):
        assert (out / f"schedule/{day}/index.html").read_text().count('class="result"') == count
