"""The BMLT importer: GetSearchResults JSON (+ GetFormats) → meeting records, on a synthetic feed
that reproduces what real BMLT servers send: every value a string, times with seconds, durations,
string and zero coordinates, the server's placeholder coordinates, virtual meetings without an
address, unknown and week-specific formats, HTML in comments, "prompt#@-@#value" fields,
unpublished meetings, items that are not objects, duplicate names."""

from __future__ import annotations

import json

import pytest

from helpers import REPO, run_pillar
from pillar.directory.loader import LoadOptions, load_directory
from pillar.importers import ImportFailed, bmlt

FIXTURES = REPO / "tests" / "fixtures" / "import"
SEARCH = FIXTURES / "bmlt-search.json"
FORMATS = FIXTURES / "bmlt-formats.json"


def _convert(formats: bool = True):
    extra = {"formats": FORMATS.read_text(encoding="utf-8")} if formats else {}
    return bmlt.convert(SEARCH.read_text(encoding="utf-8"), "feed.json", **extra)


def _filled(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def test_records_with_the_formats_table():
    records, _ = _convert()
    assert [r.position for r in records] == ["feed.json[0]", "feed.json[1]", "feed.json[2]", "feed.json[5]",
                                             "feed.json[8]"]
    assert [_filled(r.data) for r in records] == [
        {"name": "Sample Serenity Group", "slug": "sample-serenity-group-101", "fellowship": "NA",
         "day": "monday", "time": "19:30", "end_time": "21:00", "types": ["OPEN", "DISC", "WCHR"],
         "languages": ["es"], "location": "Sample Community Church", "location_notes": "Side door, room 2",
         "notes": "Bring a friend & coffee.\n\nParking behind.",
         "address": {"street": "100 Sample Street", "city": "Sampleton", "state": "TX", "postal_code": "78701",
                     "country": "US"},
         "latitude": 30.2672, "longitude": -97.7431, "attendance": "in_person",
         "regions": ["Sampleton", "Sampleton Heights"], "timezone": "America/Chicago"},
        {"name": "Sample Online Hope", "slug": "sample-online-hope-102", "fellowship": "NA", "day": "sunday",
         "time": "10:00", "end_time": "10:35", "types": ["JFT"],
         "conference_url": "https://meet.example.org/j/555", "conference_phone": "+1 555 0100",
         "conference_url_notes": "Passcode: sample", "attendance": "online"},
        {"name": "Sample Hybrid Hour", "slug": "sample-hybrid-hour-103", "fellowship": "NA", "day": "saturday",
         "time": "23:30", "end_time": "00:30", "types": ["CLOSED"],
         "address": {"street": "5 Sample Lane", "city": "Sampleton", "state": "TX"}, "attendance": "in_person",
         "regions": ["Sampleton"]},
        {"name": "Sample Serenity Group", "slug": "sample-serenity-group-105", "fellowship": "NA",
         "day": "wednesday", "time": "19:30", "types": ["W"], "notes": "Women only, first week open",
         "address": {"street": "100 Sample Street", "city": "Sampleton", "state": "TX"}, "attendance": "in_person",
         "regions": ["Sampleton"]},
        {"name": "Sample Plain Keys", "slug": "sample-plain-keys-108", "fellowship": "NA", "day": "friday",
         "time": "18:00", "types": ["OPEN", "DISC", "JFT"],
         "address": {"street": "9 Sample Avenue", "city": "Sampleton", "state": "TX"},
         "latitude": 30.25, "longitude": -97.75, "attendance": "in_person", "regions": ["Sampleton"]},
    ]


def test_notes_with_the_formats_table():
    _, notes = _convert()
    assert [str(n) for n in notes] == [
        "feed.json[2] (sample-hybrid-hour-103): unknown formats left out: Pi (Pitch)",
        "feed.json[2] (sample-hybrid-hour-103): said hybrid but gives no link or phone: imported as in person",
        "feed.json[3] (sample-hidden-meeting-104): skipped: not published on the BMLT server",
        "feed.json[4] (no slug): skipped: not a meeting object",
        "feed.json[5] (sample-serenity-group-105): unknown formats left out: O1 (Open in week 1)",
        "feed.json[5] (sample-serenity-group-105): the coordinates are the BMLT server's default placeholder: "
        "left out",
        "feed.json[6] (sample-lost-link-106): skipped: a virtual meeting with no link or phone",
        "feed.json[7] (sample-bad-day-107): skipped: weekday_tinyint '9' is not a day 1-7",
        "feed.json[8] (sample-plain-keys-108): unknown formats left out: Zz",
    ]


def test_without_a_formats_table_the_standard_keys_are_used():
    records, notes = _convert(formats=False)
    assert [(r.data["slug"], r.data["types"], r.data["languages"]) for r in records] == [
        ("sample-serenity-group-101", ["OPEN", "DISC", "WCHR"], ["es"]),
        ("sample-online-hope-102", ["JFT"], []),
        ("sample-hybrid-hour-103", ["CLOSED"], []),
        ("sample-serenity-group-105", ["W"], []),
        ("sample-plain-keys-108", ["OPEN", "DISC", "JFT"], []),
    ]
    assert [str(n) for n in notes if "formats" in n.reason] == [
        "feed.json[2] (sample-hybrid-hour-103): unknown formats left out: Pi, Xyz",
        "feed.json[5] (sample-serenity-group-105): unknown formats left out: O1",
        "feed.json[8] (sample-plain-keys-108): unknown formats left out: Zz",
    ]


def test_formats_carried_in_the_search_answer_are_used():
    answer = {"meetings": json.loads(SEARCH.read_text()), "formats": json.loads(FORMATS.read_text())["formats"]}
    records, notes = bmlt.convert(json.dumps(answer), "feed.json")
    assert (records, notes) == _convert()


@pytest.mark.parametrize(("text", "message"), [
    ("{", "feed.json: not valid JSON (Expecting property name enclosed in double quotes at line 1, column 2)"),
    ('{"meetings": 3}', "feed.json: a BMLT GetSearchResults answer is a JSON list of meetings"),
])
def test_unreadable_feeds_fail_as_a_whole(text, message):
    with pytest.raises(ImportFailed) as failure:
        bmlt.convert(text, "feed.json")
    assert str(failure.value) == message


def test_a_bad_formats_file_fails_as_a_whole():
    with pytest.raises(ImportFailed) as failure:
        bmlt.convert("[]", "feed.json", formats='"nope"')
    assert str(failure.value) == "--formats: a BMLT GetFormats answer is a JSON list of formats"


def test_long_names_keep_the_id_in_the_slug():
    item = {"id_bigint": "98765", "meeting_name": "Sample " * 20, "weekday_tinyint": "1", "start_time": "09:00:00",
            "venue_type": "1", "location_street": "1 Sample Road"}
    records, _ = bmlt.convert(json.dumps([item]), "feed.json")
    slug = records[0].data["slug"]
    assert len(slug) <= 64 and slug.endswith("-98765") and slug.startswith("sample-sample-")


def test_the_cli_writes_valid_listings_and_a_second_import_changes_nothing(tmp_path):
    into = tmp_path / "directory" / "meetings" / "bmlt"
    first = run_pillar("import", "bmlt", SEARCH, "--formats", FORMATS, "--into", into)
    assert first.code == 0, first.err
    assert "pillar import: 9 records: 5 imported (5 added, 0 changed, 0 unchanged), 0 merged, 4 skipped, " \
           "0 removed" in first.err
    directory = load_directory(tmp_path / "directory", LoadOptions())
    assert list(directory.problems) == []
    assert len(directory.listings) == 5
    second = run_pillar("import", "bmlt", SEARCH, "--formats", FORMATS, "--into", into)
    assert second.code == 0, second.err
    assert "5 imported (0 added, 0 changed, 5 unchanged)" in second.err


def test_a_feed_nested_too_deeply_is_refused_with_a_reason():
    from pillar.importers import meeting_guide

    for module, words in ((bmlt, "not a BMLT answer"), (meeting_guide, "not a Meeting Guide feed")):
        with pytest.raises(ImportFailed) as raised:
            module.convert("[" * 100_000 + "]" * 100_000, "feed.json")
        assert str(raised.value) == f"feed.json: {words} (nested too deeply)"
