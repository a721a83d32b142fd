"""Meeting Guide JSON → records: each quirk of real feeds, reproduced in a small synthetic feed."""

import datetime as dt
import json
import random

import pytest

from helpers import REPO
from pillar.importers import ImportFailed, write
from pillar.importers.clean import plain_text, time_of_day, type_codes
from pillar.importers.meeting_guide import convert

FIXTURE = REPO / "tests" / "fixtures" / "import" / "meeting-guide-quirks.json"


def converted():
    records, notes = convert(FIXTURE.read_text(), "feed.json")
    return {record.data["slug"]: record.data for record in records}, [str(note) for note in notes]


@pytest.mark.parametrize("value, time", [("07:00", "07:00"), ("11:00 AM", "11:00"), ("1100", "11:00"),
                                         ("7pm", "19:00"), ("19:30:00", "19:30"), (730, "07:30"), ("noon", None),
                                         (None, None), (True, None)])
def test_time_of_day(value, time):
    assert time_of_day(value) == time


def test_plain_text():
    assert plain_text("<p>Side <b>door</b>.</p><p>Coffee &amp; more&nbsp;here</p>") == "Side door.\n\nCoffee & more here"
    assert plain_text("Tom &amp; Jerry&#39;s") == "Tom & Jerry's"
    assert plain_text(None) == ""


def test_type_codes():
    assert type_codes("o, D,ONL, Wheelchair Access, ZZ") == (["O", "D", "X"], True, ["ZZ"])


def test_each_quirk():
    data, notes = converted()
    assert data["sample-string-day"]["day"] == "wednesday" and data["sample-string-day"]["time"] == "11:00"
    assert data["sample-string-day"]["address"] == {"street": "2 Sample St", "city": "Austin", "state": "TX",
                                                    "postal_code": "78702", "country": "US"}
    assert (data["sample-string-day"]["latitude"], data["sample-string-day"]["longitude"]) == (30.27, -97.74)
    many = data["sample-many-days"]
    assert many["day"] == ["monday", "wednesday", "friday"] and many["types"] == ["C", "ST"]
    assert many["latitude"] is None and many["regions"] == ["Texas", "Austin"]  # zero coordinates mean none
    evening = data["sample-evening"]
    assert evening["name"] == "Sample Evening & Coffee" and (evening["time"], evening["end_time"]) == ("19:00", "20:30")
    assert evening["notes"] == "Enter by the side door.\n\nCoffee & cookies after."
    online = data["sample-online"]
    assert online["attendance"] == "online" and online["types"] == ["O"]
    assert "address" not in online and "latitude" not in online  # the city-level placeholder is not a place
    assert data["sample-hybrid"]["attendance"] == "hybrid" and data["sample-hybrid"]["address"]
    assert data["sample-appointment"]["day"] == "appointment" and "time" not in data["sample-appointment"]
    assert data["sample-closed"]["status"] == "temporarily_closed" and data["sample-closed"]["types"] == ["O"]
    assert data["sample-plain-link"]["conference_url"] is None
    assert notes == [
        "feed.json[3] (sample-evening): unknown type codes left out: ZZ",
        "feed.json[9] (no slug): skipped: not a meeting object",
        "feed.json[10] (no slug): skipped: not a meeting object",
        "feed.json[11] (no slug): skipped: not a meeting object",
        "feed.json[12] (sample-nameless): skipped: it has no name",
        "feed.json[13] (sample-funday): skipped: day 'Funday' is not a weekday",
        "feed.json[14] (sample-bad-time): skipped: time 'noonish' is not a time of day",
        "feed.json[15] (sample-unsafe): conference_url is not a web address: left out",
        "feed.json[15] (sample-unsafe): skipped: an online meeting with no link or phone",
        "feed.json[16] (sample-plain-link): conference_url http://example.org/join/plain is not https: left out",
    ]


@pytest.mark.parametrize("text, message", [
    ('[{"name": "a"}', "feed.json: not valid JSON (Expecting ',' delimiter at line 1, column 15)"),
    ('{"a": 1}', "feed.json: a Meeting Guide feed is a JSON list of meetings"),
    ('[{"name": "a"},, ]', "feed.json: not valid JSON (Expecting value at line 1, column 16)"),
])
def test_unreadable_feeds(text, message):
    with pytest.raises(ImportFailed) as raised:
        convert(text, "feed.json")
    assert str(raised.value) == message


def test_stray_text_after_the_list_is_left_out_with_a_note():
    # As a real feed ends: its list, then a "}" (or a word) left by whoever edited it.
    for tail, where in (("\n}", "line 2, column 1"), ("\n\n  invalid text", "line 3, column 3")):
        records, notes = convert('[{"name": "A", "day": 1, "time": "07:00", "address": "1 St"}]' + tail, "feed.json")
        assert [r.data["slug"] for r in records] == ["a"]
        assert [str(n) for n in notes] == [f"feed.json: text after the feed ({where}) left out"]


def test_a_feed_wrapped_in_an_object():
    records, notes = convert(json.dumps({"meetings": [{"name": "A", "day": 1, "time": "07:00", "address": "1 St"}]}), "f")
    assert [r.data["slug"] for r in records] == ["a"] and notes == []


# --- quirks of real feeds, each in a small synthetic fixture ---------------------------------------

FIXTURES = REPO / "tests" / "fixtures" / "import"


def imported(tmp_path, name: str, **options):
    """Import a fixture into a folder: {file name: text}, and the report."""
    records, notes = convert((FIXTURES / name).read_text(encoding="utf-8"), name, **options)
    into = tmp_path / "directory" / "meetings" / "imported"
    report = write(records, notes, into, "meeting-guide", name, dt.date(2026, 6, 1))
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(into.glob("*.yaml"))}, report


def field(text: str, name: str) -> str:
    return next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith(f"{name}: "))


def test_days_numbered_from_monday_are_read_so_and_the_summary_says_it(tmp_path):
    # An online intergroup's export: "1" = Monday … "7" = Sunday, types as "[open]", then stray text.
    files, report = imported(tmp_path, "meeting-guide-iso-days.json")
    days = {name: field(text, "day") for name, text in files.items()}
    assert days == {"sample-by-appointment.yaml": "appointment", "sample-monday-7am.yaml": "monday",
                    "sample-saturday-10am.yaml": "saturday", "sample-sunday-8pm.yaml": "sunday"}
    assert field(files["sample-saturday-10am.yaml"], "types") == "[O]"
    assert field(files["sample-sunday-8pm.yaml"], "types") == "[C]"
    assert field(files["sample-by-appointment.yaml"], "types") == "[O, D]"
    assert report.summary().splitlines()[1:] == [
        "  text after the feed (line 14, column 3) left out",
        "  days read as 1 = Monday … 7 = Sunday: the feed has day 7 and no day 0 "
        "(--days sunday0 reads them as 0 = Sunday … 6 = Saturday)"]


def test_days_can_be_told(tmp_path):
    files, report = imported(tmp_path, "meeting-guide-iso-days.json", days="sunday0")
    assert field(files["sample-monday-7am.yaml"], "day") == "monday"
    assert field(files["sample-saturday-10am.yaml"], "day") == "saturday"
    assert "sample-sunday-8pm.yaml" not in files
    assert "sample-sunday-8pm): skipped: day '7' is not a weekday" in "\n".join(map(str, report.notes))
    # 1 … 6 are the same days either way; only Sunday differs (0 or 7).
    files, report = imported(tmp_path / "iso", "meeting-guide-quirks.json", days="iso")
    assert field(files["sample-many-days.yaml"], "day") == "[monday, wednesday, friday]"
    assert "sample-online.yaml" not in files
    assert "meeting-guide-quirks.json[4] (sample-online): skipped: day 0 is not a weekday" in map(str, report.notes)


def test_older_codes_and_a_trailing_brace(tmp_path):
    # A 2018 feed: a space before its list, a "}" after it, codes BB and STEP for B and ST.
    files, report = imported(tmp_path, "meeting-guide-legacy-codes.json")
    assert field(files["sample-sunrise.yaml"], "types") == "[HE, O, ST]"
    assert field(files["sample-big-book.yaml"], "types") == "[B, C]"
    assert field(files["sample-big-book.yaml"], "regions") == "[Sampletown, North]"
    assert [str(n) for n in report.notes] == [
        "meeting-guide-legacy-codes.json: text after the feed (line 31, column 1) left out",
        "meeting-guide-legacy-codes.json[0] (sample-sunrise): unknown type codes left out: MW",
        "meeting-guide-legacy-codes.json[1] (sample-big-book): unknown type codes left out: TO"]


def test_repeated_long_slugs_fit_before_their_suffix_whatever_the_order(tmp_path):
    # As the large feeds that wrote -2 … -7 after a 63-character location-and-time slug.
    files, report = imported(tmp_path, "meeting-guide-long-slugs.json")
    assert all(len(name) - len(".yaml") <= 64 for name in files)
    assert len(files) == 8 and report.merged == 1  # seven meetings, the first twice; the 64-character one
    base = "sample-first-community-church-fellowship-hall-downstairs-7-30pm"
    assert sorted(files) == sorted([f"{base}.yaml", f"{base}x.yaml"] + [
        f"sample-first-community-church-fellowship-hall-downstairs-7-{n}.yaml" for n in range(2, 8)])
    feed = json.loads((FIXTURES / "meeting-guide-long-slugs.json").read_text())
    for seed in range(3):
        random.Random(seed).shuffle(feed)
        records, notes = convert(json.dumps(feed), "shuffled.json")
        into = tmp_path / f"shuffled-{seed}"
        write(records, notes, into, "meeting-guide", "meeting-guide-long-slugs.json", dt.date(2026, 6, 1))
        again = {path.name: path.read_text(encoding="utf-8") for path in sorted(into.glob("*.yaml"))}
        assert {n: t.split("\n", 1)[1] for n, t in again.items()} == {n: t.split("\n", 1)[1] for n, t in files.items()}


def test_one_bad_record_is_skipped_with_its_reason_and_the_others_imported(tmp_path):
    good = {"name": "Sample Good", "day": 1, "time": "07:00", "formatted_address": "1 Sample St"}
    feed = [good, {**good, "name": "Sample Seven", "types": 7}, {**good, "name": "Sample Lone", "types": ["\ud800"]},
            {**good, "name": "Sample Deep", "regions": [[["x"]]]}, {**good, "name": "Sample Many",
                                                                    "regions": [f"R{n}" for n in range(3000)]}]
    records, notes = convert(json.dumps(feed), "feed.json")
    into = tmp_path / "m"
    report = write(records, notes, into, "meeting-guide", "feed.json", dt.date(2026, 6, 1))
    assert sorted(p.stem for p in into.glob("*.yaml")) == ["sample-deep", "sample-good", "sample-lone", "sample-many",
                                                           "sample-seven"]
    said = [str(n) for n in report.notes]
    assert "feed.json[1] (sample-seven): unknown type codes left out: 7" in said
    assert "feed.json[4] (sample-many): regions: 3,000 of them, only the first 8 kept" in said
    assert "regions: [R0, R1, R2, R3, R4, R5, R6, R7]" in (into / "sample-many.yaml").read_text()
