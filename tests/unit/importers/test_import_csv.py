"""The CSV importers — 12 Step Meeting List's import layout (tsml-csv) and NA World Services' layout
(naws-csv) — on synthetic files that reproduce what real ones hold: a byte-order mark, CRLF line
ends, blank lines, headers in other cases and with underscores, 12-hour and HHMM times, type names
written out, glued date-times, entities in notes, a note over two lines, zero coordinates, unknown
types, deleted and unpublished rows, a group holding several meetings."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import REPO, run_pillar
from pillar.directory.loader import LoadOptions, load_directory
from pillar.importers import ImportFailed, naws_csv, read_source, tsml_csv, write

FIXTURES = REPO / "tests" / "fixtures" / "import"
TSML = FIXTURES / "tsml-quirks.csv"
NAWS = FIXTURES / "naws-quirks.csv"
ADDRESS = "100 Sample Street, Sampleton, TX 78701, USA"


def _filled(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def test_tsml_records():
    records, _ = tsml_csv.convert(read_source(str(TSML)), "f.csv")
    assert [(r.position, _filled(r.data)) for r in records] == [
        ("f.csv:2", {"name": "Sample Sunset Group", "slug": "sample-sunset", "day": "monday", "time": "18:00",
                     "end_time": "19:00", "types": ["O", "X", "ST"], "location": "Sample Hall",
                     "location_notes": "Room 2", "group": "Sample Sunset Group",
                     "group_notes": "Business meeting first Monday", "notes": "Coffee & cookies", "address": ADDRESS,
                     "latitude": 30.2672, "longitude": -97.7431, "attendance": "in_person",
                     "regions": ["Sampleton", "West Sampleton"], "timezone": "America/Chicago",
                     "website": "https://sunset.example.org", "last_verified": "2020-04-04"}),
        ("f.csv:4", {"name": "Sample Online Dawn", "slug": "sample-online-dawn", "day": "tuesday", "time": "07:30",
                     "types": ["C"], "conference_url": "https://meet.example.org/j/555",
                     "conference_phone": "+1 555 0100", "attendance": "online", "regions": ["Sampleton"],
                     "timezone": "America/Chicago", "last_verified": "2021-01-02"}),
        ("f.csv:5", {"name": "Sample Closed Door", "slug": "sample-closed-door", "day": "wednesday", "time": "20:00",
                     "types": ["B"], "location": "Sample Church", "conference_url": "https://meet.example.org/j/556",
                     "attendance": "online", "regions": ["Sampleton"], "timezone": "America/Chicago"}),
        ("f.csv:6", {"name": "Sample Hybrid Noon", "slug": "sample-hybrid-noon", "day": "thursday", "time": "12:00",
                     "types": ["D"], "location": "Sample Library",
                     "address": "9 Sample Avenue, Sampleton, TX 78701, USA", "attendance": "in_person",
                     "regions": ["Sampleton"]}),
        ("f.csv:7", {"name": "Sample By Appointment", "slug": "sample-by-appointment", "day": "appointment",
                     "location": "Sample Office", "notes": "Call ahead.\nAsk for the sample desk.",
                     "address": "1 Sample Road, Sampleton, TX 78701, USA", "attendance": "in_person"}),
        ("f.csv:12", {"name": "Sample Sunset Group", "slug": "sample-sunset", "day": "saturday", "time": "21:00",
                      "types": ["O"], "location": "Sample Hall", "address": ADDRESS, "attendance": "in_person"}),
    ]


def test_tsml_notes():
    _, notes = tsml_csv.convert(read_source(str(TSML)), "f.csv")
    assert [str(n) for n in notes] == [
        "f.csv:2 (sample-sunset): columns with no Pillar field left out: Website 2, Mailing Address, Venmo",
        "f.csv:5 (sample-closed-door): location temporarily closed, meets online: imported as online",
        "f.csv:6 (sample-hybrid-noon): unknown types left out: Smoke Signals",
        "f.csv:6 (sample-hybrid-noon): conference URL http://meet.example.org/j/557 is not https: left out",
        "f.csv:6 (sample-hybrid-noon): timezone 'Mars/Olympus' is not an IANA time zone: left out",
        "f.csv:9 (sample-bad-time): skipped: time '25:00' is not a time of day",
        "f.csv:10 (sample-bad-day): skipped: day 'Someday' is not a weekday",
        "f.csv:11 (no slug): skipped: it has no name",
        "f.csv:13 (sample-nowhere): skipped: no address, coordinates, link or phone: nowhere to go",
    ]


def test_naws_records():
    records, _ = naws_csv.convert(read_source(str(NAWS)), "f.csv")
    hall = {"street": "8 Sample Road", "city": "Sampleton", "state": "TX", "country": "US"}
    church = {"street": "100 Sample Street", "city": "Sampleton", "state": "TX", "postal_code": "07801",
              "country": "US"}
    assert [(r.position, _filled(r.data)) for r in records] == [
        ("f.csv:2", {"name": "Sample Morning Group", "slug": "sample-morning-group-g00000001-sun-0730",
                     "fellowship": "NA", "day": "sunday", "time": "07:30", "types": ["OPEN", "WCHR", "DISC", "JFT"],
                     "languages": ["en", "es"], "location": "Sample Church",
                     "location_notes": "Room 4\n\n(Side entrance)", "address": church, "latitude": 30.2672,
                     "longitude": -97.7431, "attendance": "in_person", "regions": ["Sampleton", "Old Town"],
                     "timezone": "America/Chicago", "last_verified": "2018-12-22"}),
        ("f.csv:3", {"name": "Sample Morning Group", "slug": "sample-morning-group-g00000001-tue-1930",
                     "fellowship": "NA", "day": "tuesday", "time": "19:30", "types": ["CLOSED", "STEP", "M"],
                     "location": "Sample Church", "address": church, "attendance": "in_person",
                     "regions": ["Sampleton"], "last_verified": "2019-01-05"}),
        ("f.csv:4", {"name": "Sample Online Night", "slug": "sample-online-night-olm0002-mon-2100",
                     "fellowship": "NA", "day": "monday", "time": "21:00", "types": ["OPEN", "BT"],
                     "conference_url": "https://meet.example.org/j/558", "conference_url_notes": "Passcode: sample",
                     "attendance": "online", "regions": ["Sampleton"], "last_verified": "2021-06-10"}),
        ("f.csv:5", {"name": "Sample Behind Walls", "slug": "sample-behind-walls-g00000003-wed-1800",
                     "fellowship": "NA", "day": "wednesday", "time": "18:00", "types": ["CLOSED"],
                     "location": "Sample Facility", "address": {**hall, "street": "7 Sample Road"},
                     "attendance": "in_person", "regions": ["Sampleton"]}),
        ("f.csv:10", {"name": "Sample Paused Group", "slug": "sample-paused-group-g00000007-sat-1000",
                      "fellowship": "NA", "day": "saturday", "time": "10:00", "types": ["OPEN"],
                      "location": "Sample Hall", "status": "temporarily_closed", "address": hall,
                      "attendance": "in_person", "regions": ["Sampleton"]}),
    ]


def test_naws_notes():
    _, notes = naws_csv.convert(read_source(str(NAWS)), "f.csv")
    assert [str(n) for n in notes] == [
        "f.csv:2 (sample-morning-group-g00000001-sun-0730): unknown formats left out: XYZ",
        "f.csv:5 (sample-behind-walls-g00000003-wed-1800): an institutional meeting (Institutional = TRUE): "
        "check that it is open to visitors",
        "f.csv:6 (sample-gone-group-g00000004-thu-1900): skipped: marked for deletion (Delete = D)",
        "f.csv:8 (sample-hidden-group-g00000005-fri-1900): skipped: unpublished (unpublished = 1)",
        "f.csv:9 (sample-odd-hour-g00000006-sat): skipped: time '2575' is not a time of day",
    ]


@pytest.mark.parametrize(("module", "text", "message"), [
    (tsml_csv, "", "f.csv: the file is empty"),
    (tsml_csv, "Time,Title\n6:00 PM,Sample\n", "f.csv: line 1: the header row has no name or day column "
                                               "(found: Time, Title)"),
    (naws_csv, "\n\nCommitteeName,Day\nSample,Monday\n", "f.csv: line 3: the header row has no time column "
                                                        "(found: CommitteeName, Day)"),
])
def test_files_without_the_layout_fail_as_a_whole(module, text, message):
    with pytest.raises(ImportFailed) as failure:
        module.convert(text, "f.csv")
    assert str(failure.value) == message


def test_semicolon_separated_files_are_read():
    text = "Name;Day;Time;Address\nSample Semi;Friday;7:00 pm;1 Sample Road, Sampleton\n"
    records, notes = tsml_csv.convert(text, "f.csv")
    assert notes == []
    assert _filled(records[0].data) == {"name": "Sample Semi", "slug": "sample-semi", "day": "friday",
                                        "time": "19:00", "address": "1 Sample Road, Sampleton",
                                        "attendance": "in_person"}


@pytest.mark.parametrize(("fmt", "fixture", "imported", "skipped"), [
    ("tsml-csv", TSML, 6, 4),
    ("naws-csv", NAWS, 5, 3),
])
def test_the_cli_writes_valid_listings_and_a_second_import_changes_nothing(tmp_path, fmt, fixture, imported,
                                                                           skipped):
    into = tmp_path / "directory" / "meetings" / "imported"
    first = run_pillar("import", fmt, fixture, "--into", into)
    assert first.code == 0, first.err
    assert (f"pillar import: {imported + skipped} records: {imported} imported ({imported} added, 0 changed, "
            f"0 unchanged), 0 merged, {skipped} skipped, 0 removed") in first.err
    directory = load_directory(tmp_path / "directory", LoadOptions())
    assert list(directory.problems) == []
    assert len(directory.listings) == imported
    second = run_pillar("import", fmt, fixture, "--into", into)
    assert second.code == 0, second.err
    assert f"{imported} imported (0 added, 0 changed, {imported} unchanged)" in second.err


def test_a_repeated_tsml_slug_is_saved_under_a_new_one(tmp_path):
    into = tmp_path / "meetings"
    result = run_pillar("import", "tsml-csv", TSML, "--into", into)
    assert f"{TSML}:12 (sample-sunset): slug already used: saved as sample-sunset-2" in result.err
    assert sorted(p.name for p in into.glob("sample-sunset*.yaml")) == ["sample-sunset-2.yaml", "sample-sunset.yaml"]


def test_a_huge_cell_or_a_nul_is_one_rows_business(tmp_path):
    # A CSV cell over Python's 128 KiB field limit used to stop the whole file.
    text = ("Name,Day,Time,Address,Notes\nSample A,Monday,19:30,1 Sample St,\n"
            f'Sample B\x00,Monday,19:30,2 Sample St,"{"word " * 40000}"\nSample C,Tuesday,7pm,3 Sample St,\n')
    records, notes = tsml_csv.convert(text, "f.csv")
    report = write(records, notes, tmp_path / "m", "tsml-csv", "f.csv", dt.date(2026, 6, 1))
    assert sorted(p.stem for p in (tmp_path / "m").glob("*.yaml")) == ["sample-a", "sample-b", "sample-c"]
    assert [str(n) for n in report.notes] == ["f.csv:3 (sample-b): notes is 199,999 characters long: cut to 20,000"]
