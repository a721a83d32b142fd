"""The printed lists as built: the site's address as plain text, the date from the directory, each
region's page and the schedule linking to their lists, in each language."""

from __future__ import annotations

import re

from helpers import make_site, run_pillar

MEETING = """name: Sample {name}
day: {day}
time: "{time}"
fellowship: AA
types: [O, D]
location: Sample Hall
address: 1 Sample St, Austin, TX 78701, US
latitude: 30.27
longitude: -97.74
regions: [{regions}]
last_verified: "{checked}"
"""


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_list_says_the_sites_address_and_the_date_of_the_newest_check(tmp_path):
    site = make_site(tmp_path, {
        "meetings/a.yaml": MEETING.format(name="Dawn", day="monday", time="07:00", regions="Texas, Austin",
                                          checked="2026-03-01"),
        "meetings/b.yaml": MEETING.format(name="Dusk", day="friday", time="19:30", regions="Texas, Dallas",
                                          checked="2026-05-02"),
    }, 'SITEURL = "https://meetings.example.org"\n')
    result = run_pillar("build", "--strict", cwd=site)
    assert result.code == 0, result.err
    output = site / "output"
    austin = (output / "print/texas/austin/index.html").read_text()
    shown = text(austin)
    assert "Updated May 2, 2026." in shown  # the directory's newest check, not only this list's
    assert "the latest list is at meetings.example.org/regions/texas/austin." in shown
    assert "Sample Dawn" in shown and "7:00 AM" in shown and "Sample Dusk" not in shown
    assert 'href="https://meetings.example.org/print/texas/austin/"' in (
        output / "regions/texas/austin/index.html").read_text()
    assert 'href="https://meetings.example.org/print/"' in (output / "meetings/index.html").read_text()
    spanish = text((output / "es/print/texas/austin/index.html").read_text())
    assert "Actualizada el 2 de mayo de 2026." in spanish
    assert "meetings.example.org/es/regions/texas/austin" in spanish and "7:00" in spanish
    sitemap = (output / "sitemap.xml").read_text()
    for path in ("print/", "print/texas/", "print/texas/austin/", "es/print/texas/dallas/"):
        assert f"<loc>https://meetings.example.org/{path}</loc>" in sitemap

