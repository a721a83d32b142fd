"""Hypothesis properties of ``pillar import``: feeds in each of the four formats, shaped as real feeds
are (long and repeated names and slugs, unicode and right-to-left text, every shape of day, time and
types, coordinates as text, zero, null or out of range, HTML and entities, nulls, missing fields).

Whatever the feed, every record is accounted for — written, merged with its twin, or skipped with its
position and a reason — nothing raises, the files written load with no problem at all (as
``pillar validate --strict`` reads them, coordinates still to be looked up aside), they do not depend
on the order of the records, and the site builds.

Everyday runs try 100 feeds a format (and build 2 sites a format), well within a minute in all;
``PILLAR_HYPOTHESIS=release`` (conftest.py's release profile) tries 5,000 and builds 50.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from helpers import make_site, run_pillar
from pillar.settings import Bounds
from pillar.directory import loader
from pillar.geo import locate
from pillar.importers import ImportFailed, converter, write

TODAY = dt.date(2026, 6, 1)
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
"""As many examples as the profile asks (conftest.py: 100 everyday, 5,000 for a release)."""
BUILDS = settings(FAST, max_examples=max(2, settings.default.max_examples // 100))
"""A whole build takes seconds: 2 everyday, 50 for a release."""

# --- what real feeds hold -----------------------------------------------------------------------

RTL = "אבגדהוזחטיכלמנסעפצקרשת" + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LETTERS = st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
    list(RTL) + ["\u202e", "\u200f", "\x00", "\x1b", "\ud800", "\n", "&", "<", ">", "'", '"', ":", "#", " "])
LONG = ("Sunday Morning Serenity Seekers Big Book Step Study at the First Community Church Fellowship Hall "
        "Downstairs")
NAMES = st.one_of(
    st.sampled_from(["Sample Group", "Sample Group", "Serenity", "Sample &amp; Friends", "<b>Sample</b> Bold",
                     "Grupo Esperanza", "مجموعة الأمل", "קבוצת תקווה", "日本語のミーティング", LONG, LONG + " 7:30 PM",
                     "   ", ""]),
    st.text(LETTERS, max_size=90),
)
SLUGS = st.one_of(st.none(), st.sampled_from(["sample-group", "sample-group", LONG.lower().replace(" ", "-"),
                                              "sample-group-2", "Sample Group!", "-", ""]), st.text(LETTERS, max_size=70))
DAYS = st.one_of(st.none(), st.integers(-1, 8), st.sampled_from(["0", "1", "6", "7", " 3 ", "Monday", "tuesday",
                                                                 "Thu", "Funday", "", "1.0"]),
                 st.lists(st.integers(0, 7), max_size=4), st.booleans(), st.floats(allow_nan=True))
TIMES = st.one_of(st.none(), st.sampled_from(["19:30", "7:30 PM", "7:30pm", "1930", "19:30:00", "07:00", "12:00 AM",
                                              "noon", "25:00", "", "7"]), st.integers(0, 2400), st.text(LETTERS, max_size=8))
CODES = st.sampled_from(["O", "C", "D", "o", "d", "BB", "ONL", "TC", "X", "W", "Open", "closed", "Discussion",
                         "Wheelchair Access", "[open]", "[closed]", "ZZ", "Opn", "\ud800", "LGBTQ", "SP"])
TYPES = st.one_of(st.none(), st.lists(CODES, max_size=5), CODES, st.lists(CODES, max_size=4).map(",".join),
                  st.integers(), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
COORDINATES = st.one_of(st.none(), st.just(0), st.just("0"), st.just(""), st.floats(-200, 200),
                        st.floats(allow_nan=True, allow_infinity=True),
                        st.floats(-89, 89).map(lambda x: f"{x:.6f}"), st.text(LETTERS, max_size=6))
TEXT = st.one_of(st.none(), st.sampled_from(["<p>Side door.</p><p>Coffee &amp; cookies</p>", "Tom &amp; Jerry&#39;s",
                                             "Line one\r\nLine two", "Passcode: REDACTED", "a" * 3000]),
                 st.text(LETTERS, max_size=60))
ADDRESSES = st.one_of(st.none(), st.sampled_from(["1 Sample St, Austin, TX 78701", "Austin, TX", "", "12",
                                                  "Calle Ejemplo 5, Madrid"]), st.text(LETTERS, max_size=40))
URLS = st.one_of(st.none(), st.sampled_from(["https://zoom.us/j/123", "http://example.org/x", "zoom.us/j/1",
                                             "https://ex\u202eample.org/", "javascript:alert(1)", ""]),
                 st.text(LETTERS, max_size=20))
PHONES = st.one_of(st.none(), st.sampled_from(["+1 555 0100", "555-0100,,123#", "call us", ""]))
REGIONS = st.one_of(st.none(), st.lists(st.sampled_from(["Texas", "Austin", "São Paulo", "Sao Paulo", "SAO PAULO!",
                                                         "East", ""]), max_size=4),
                    st.integers(0, 400).map(lambda n: [f"Region {i}" for i in range(n)]),
                    st.text(LETTERS, max_size=10))
ZONES = st.one_of(st.none(), st.sampled_from(["America/Chicago", "Europe/Berlin", "America/Nowhere", "UTC", ""]))
DATES = st.one_of(st.none(), st.sampled_from(["2026-05-01 10:00:00", "2999-01-01", "12/22/18", "2026-99-99", ""]))


GOOD_NAMES = st.sampled_from(["Sample Group", "Serenity", "Sample &amp; Friends", "<b>Sample</b> Bold", "Grupo Esperanza",
                              "مجموعة الأمل", "קבוצת תקווה", "日本語のミーティング", LONG, LONG + " 7:30 PM", "Early Birds"])
GOOD_TIMES = st.sampled_from(["19:30", "7:30 PM", "7:30pm", "1930", "19:30:00", "07:00", "12:00 AM", "6:00 AM"])
GOOD_ADDRESSES = st.sampled_from(["1 Sample St, Austin, TX 78701", "Austin, TX", "Calle Ejemplo 5, Madrid",
                                  "12 Sample Rd &amp; Main St"])


def maybe(**fields) -> st.SearchStrategy[dict]:
    """A record that has any of these fields (missing ones left out, as feeds do)."""
    return st.fixed_dictionaries({}, optional=fields)


def shaped(good: dict, **fields) -> st.SearchStrategy[dict]:
    """Mostly records with the fields a meeting needs, in real shapes, and any of the others; sometimes
    a record with any fields at all."""
    likely = st.fixed_dictionaries(good, optional={k: v for k, v in fields.items() if k not in good})
    return st.one_of(likely, likely, likely, maybe(**fields))


MEETING_GUIDE = shaped(
    {"name": GOOD_NAMES, "day": st.one_of(st.integers(0, 6), st.sampled_from(["1", "Monday", [1, 3], 7])),
     "time": GOOD_TIMES, "formatted_address": GOOD_ADDRESSES},
    name=NAMES, slug=SLUGS, day=DAYS, time=TIMES, end_time=TIMES, types=TYPES, formatted_address=ADDRESSES,
    address=ADDRESSES, city=st.sampled_from(["Austin", "", None]), latitude=COORDINATES, longitude=COORDINATES,
    regions=REGIONS, region=TEXT, conference_url=URLS, conference_phone=PHONES,
    attendance_option=st.sampled_from(["in_person", "online", "hybrid", "inactive", "", None, 3]),
    notes=TEXT, location=TEXT, group=TEXT, timezone=ZONES, updated=DATES, approximate=st.sampled_from(["yes", "no", True]),
    email=st.sampled_from(["a@example.org", "a@", "x" * 70 + "@example.org", None]), website=URLS)
BMLT = shaped(
    {"id_bigint": st.integers(1, 99).map(str), "meeting_name": GOOD_NAMES,
     "weekday_tinyint": st.integers(1, 7).map(str), "start_time": GOOD_TIMES, "location_street": GOOD_ADDRESSES},
    id_bigint=st.one_of(st.integers(0, 99999).map(str), st.text(LETTERS, max_size=8)), meeting_name=NAMES,
    weekday_tinyint=st.one_of(st.sampled_from(["1", "4", "7", "0", "8", "", "Monday"]), st.integers(-1, 9)),
    start_time=TIMES, duration_time=st.sampled_from(["01:00:00", "01:30", "90", "00:00:00", "x", "", None]),
    formats=st.one_of(st.none(), st.lists(st.sampled_from(["O", "C", "D", "VM", "HY", "TC", "es", "Zz", "JT"]),
                                          max_size=4).map(",".join)),
    location_text=TEXT, location_street=ADDRESSES, location_municipality=st.sampled_from(["Geneva", "Berlin", "", None]),
    location_province=st.sampled_from(["NY", ""]), location_nation=st.sampled_from(["US", "DE", ""]),
    latitude=COORDINATES, longitude=COORDINATES, venue_type=st.sampled_from(["1", "2", "3", "", None, "9"]),
    virtual_meeting_link=URLS, phone_meeting_number=PHONES, published=st.sampled_from(["1", "0", None]),
    time_zone=ZONES, comments=TEXT)
TSML_COLUMNS = ["Time", "End Time", "Day", "Name", "Location", "Address", "City", "State", "Postal Code", "Region",
                "Sub Region", "Types", "Notes", "Conference URL", "Conference Phone", "Latitude", "Longitude",
                "Slug", "Updated", "Timezone"]
TSML = shaped(
    {"Name": GOOD_NAMES, "Day": st.sampled_from(["Monday", "Tuesday", "Saturday", "Sunday", "Thursday"]),
     "Time": GOOD_TIMES, "Address": GOOD_ADDRESSES}, **{
    "Time": TIMES, "End Time": TIMES, "Day": DAYS, "Name": NAMES, "Location": TEXT, "Address": ADDRESSES,
    "City": st.sampled_from(["San Jose", "", None]), "State": st.sampled_from(["CA", ""]),
    "Postal Code": st.sampled_from(["95112", ""]), "Region": TEXT, "Sub Region": TEXT,
    "Types": st.one_of(st.lists(CODES, max_size=4).map(", ".join), TYPES), "Notes": TEXT,
    "Conference URL": URLS, "Conference Phone": PHONES, "Latitude": COORDINATES, "Longitude": COORDINATES,
    "Slug": SLUGS, "Updated": DATES, "Timezone": ZONES})
NAWS_COLUMNS = ["Committee", "CommitteeName", "Day", "Time", "Closed", "WheelChr", "Format1", "Format2", "Format3",
                "Place", "Address", "City", "State", "Zip", "Country", "Latitude", "Longitude",
                "VirtualMeetingLink", "Delete", "LastChanged", "Language1"]
NAWS = shaped(
    {"CommitteeName": GOOD_NAMES, "Day": st.sampled_from(["Sunday", "Wednesday", "Friday"]),
     "Time": st.sampled_from(["0730", "1930", "1200"]), "Address": GOOD_ADDRESSES, "Committee": st.just("G00097171")},
    Committee=st.sampled_from(["G00097171", "G00097171", "", "G1"]), CommitteeName=NAMES,
    Day=st.one_of(DAYS, st.sampled_from(["Sunday", "Wednesday"])),
    Time=st.one_of(st.sampled_from(["0730", "1930", "730", "2500"]), TIMES), Closed=st.sampled_from(["OPEN", "CLOSED", "", "x"]),
    WheelChr=st.sampled_from(["TRUE", "FALSE", ""]), Format1=st.sampled_from(["BT", "VM", "HY", "TC", "Zz", ""]),
    Format2=st.sampled_from(["JFT", "", "ST"]), Format3=st.sampled_from(["", "IP"]), Place=TEXT, Address=ADDRESSES,
    City=st.sampled_from(["Falmouth", "", None]), State=st.sampled_from(["MA", ""]), Zip=st.sampled_from(["02540", ""]),
    Country=st.sampled_from(["USA", ""]), Latitude=COORDINATES, Longitude=COORDINATES, VirtualMeetingLink=URLS,
    Delete=st.sampled_from(["", "D"]), LastChanged=DATES, Language1=st.sampled_from(["en", "Spanish", "Klingon", ""]))


def as_json(records: list[dict]) -> str:
    return json.dumps(records)


def as_csv(columns: list[str]):
    def cells(record: dict) -> list[str]:
        return ["" if record.get(name) is None else
                ",".join(map(str, record[name])) if isinstance(record.get(name), list) else str(record[name])
                for name in columns]

    def text(records: list[dict]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow(cells(record))
        return out.getvalue()

    text.rows = lambda records: sum(any(cell.strip() for cell in cells(record)) for record in records)
    return text


FORMATS = {
    "meeting-guide": (MEETING_GUIDE, as_json),
    "bmlt": (BMLT, as_json),
    "tsml-csv": (TSML, as_csv(TSML_COLUMNS)),
    "naws-csv": (NAWS, as_csv(NAWS_COLUMNS)),
}


def feeds(format_name: str, min_size: int = 0):
    record, render = FORMATS[format_name]
    return st.lists(record, min_size=min_size, max_size=12).map(lambda records: (records, render))


# --- the properties -----------------------------------------------------------------------------

def import_into(site: Path, format_name: str, text: str):
    records, notes = converter(format_name)(text, "feed")
    into = site / "directory" / "meetings" / "imported"
    return write(records, notes, into, format_name, "feed", TODAY), into


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.yaml"))}


def check_feed(format_name: str, records: list[dict], render, build: bool = False) -> None:
    text = render(records)
    with tempfile.TemporaryDirectory(prefix="pillar-import-property-") as scratch:
        site = make_site(Path(scratch), {})
        try:
            report, into = import_into(site, format_name, text)
        except ImportFailed as failed:  # the feed as a whole: only an unreadable one may say so
            pytest.fail(f"a generated feed was refused as a whole: {failed}")
        # Every record accounted for: written, merged with its twin, or skipped with where and why.
        expected = render.rows(records) if hasattr(render, "rows") else len(records)  # a blank row is no record
        assert report.records == expected
        imported = report.added + report.changed + report.unchanged
        assert imported + report.merged + report.skipped == expected
        for note in report.notes:
            assert note.reason and (note.about_feed or note.position.startswith(("feed[", "feed:")))
            str(note).encode("utf-8")  # printable, always
        report.summary().encode("utf-8")
        assert len(list(into.glob("*.yaml"))) == imported
        # What pillar validate --strict reads: no problem but coordinates still to look up.
        directory = loader.load_directory(site / "directory", loader.LoadOptions(today=TODAY))
        assert [str(p) for p in directory.problems] == []
        assert len(directory.meetings) == imported
        located = locate.locate(directory, {}, Bounds(), "UTC")
        assert [str(p) for p in located.problems if "no coordinates for" not in p.message] == []
        for listing in directory.meetings:
            assert len(listing.slug) <= 64
        # The same records in another order, in another site: the same files.
        shuffled = list(records)
        random.Random(len(records)).shuffle(shuffled)
        with tempfile.TemporaryDirectory(prefix="pillar-import-property-") as other:
            _, again = import_into(make_site(Path(other), {}), format_name, render(shuffled))
            assert contents(again) == contents(into)
        # The same feed again into another folder of the directory: no slug is used twice.
        records_again, notes_again = converter(format_name)(text, "feed")
        write(records_again, notes_again, site / "directory" / "meetings" / "again", format_name, "feed", TODAY)
        both = loader.load_directory(site / "directory", loader.LoadOptions(today=TODAY))
        assert [str(p) for p in both.problems] == []
        if build:
            result = run_pillar("build", cwd=site)
            assert result.code == 0 and "Traceback" not in result.err, result.err
            assert (site / "output" / "index.html").is_file()


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_any_feed_imports_into_files_that_validate(format_name):
    @FAST
    @given(feeds(format_name))
    def check(feed):
        records, render = feed
        check_feed(format_name, records, render)

    check()


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_any_feed_imports_into_a_site_that_builds(format_name):
    @BUILDS
    @given(feeds(format_name, min_size=4))
    def check(feed):
        records, render = feed
        check_feed(format_name, records, render, build=True)

    check()
