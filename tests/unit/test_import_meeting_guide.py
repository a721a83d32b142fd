"""Meeting Guide JSON → records: each quirk of real feeds, reproduced in a small synthetic feed."""

import json
from pathlib import Path

import pytest

from pillar.importers import ImportFailed
from pillar.importers.clean import plain_text, time_of_day, type_codes
from pillar.importers.meeting_guide import convert

FIXTURE = Path(__file__).parent.parent / "fixtures" / "import" / "meeting-guide-quirks.json"


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
    ('{"a": 1}\n}', "feed.json: not valid JSON (Extra data at line 2, column 1)"),
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
        assert [str(n) for n in notes] == [f"feed.json: text after the feed's list ({where}) left out"]


def test_a_feed_wrapped_in_an_object():
    records, notes = convert(json.dumps({"meetings": [{"name": "A", "day": 1, "time": "07:00", "address": "1 St"}]}), "f")
    assert [r.data["slug"] for r in records] == ["a"] and notes == []
