"""Feeds out: Meeting Guide JSON, GeoJSON and HSDS, checked against their formats' rules."""

import json
import re
import uuid

from pillar.directory.model import Address, Community, Hours, Meeting, Service
from pillar.directory.type_codes import type_table
from pillar.feeds import geojson, hsds, meeting_guide


def meeting(**kw):
    base = dict(slug="sample-group", name="Sample Group", source="x", days=(1,), time="19:30",
                timezone="America/Chicago", types=("O", "JFT"), fellowship="NA",
                address=Address(street="1 Sample St", city="Austin", state="TX", postal_code="78701", country="US"),
                location="Hall", latitude=30.2, longitude=-97.7)
    return Meeting(**{**base, **kw})


def spec_problems(items):
    """The Meeting Guide spec's rules: name and slug required; slugs unique, URL-safe, ≤ 64 characters;
    day 0-6; times HH:MM; types from the spec's list."""
    problems, seen = [], set()
    known = set(type_table().meeting_guide)
    for item in items:
        if not item.get("name") or not item.get("slug"):
            problems.append(f"missing name or slug: {item}")
        slug = item.get("slug", "")
        if slug in seen or len(slug) > 64 or not re.fullmatch(r"[a-z0-9-]+", slug):
            problems.append(f"bad slug {slug!r}")
        seen.add(slug)
        if "day" in item and item["day"] not in range(7):
            problems.append(f"{slug}: day {item['day']}")
        for key in ("time", "end_time"):
            if key in item and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", item[key]):
                problems.append(f"{slug}: {key} {item[key]}")
        problems += [f"{slug}: unknown type {code}" for code in item.get("types", []) if code not in known]
    return problems


def test_a_meeting_on_several_days_appears_once_per_day():
    long = "a" * 64
    items = json.loads(meeting_guide.feed([meeting(days=(1, 3)), meeting(slug=long, days=(0, 6)),
                                           meeting(slug="sample-group-monday")], "https://x.org"))
    assert [(i["slug"], i.get("day")) for i in items] == [
        ("a" * 55 + "-saturday", 6), ("a" * 57 + "-sunday", 0), ("sample-group-monday", 1),
        ("sample-group-monday-2", 1), ("sample-group-wednesday", 3)]
    assert spec_problems(items) == []


def test_fields_follow_the_spec():
    (item,) = json.loads(meeting_guide.feed([meeting(status="temporarily_closed", conference_url="https://j.org",
                                                      attendance="hybrid")], "https://x.org"))
    assert item["types"] == ["O", "TC"]  # JFT is NA's own code, not the spec's
    assert item["attendance_option"] == "inactive"
    assert (item["time"], item["end_time"], item["day"]) == ("19:30", "20:30", 1)
    assert (item["address"], item["city"], item["state"], item["postal_code"], item["country"]) == \
        ("1 Sample St", "Austin", "TX", "78701", "US")
    assert item["formatted_address"] == "1 Sample St, Austin, TX 78701, US"
    assert item["url"] == "https://x.org/meetings/sample-group/" and item["approximate"] == "no"
    assert item["conference_url"] == "https://j.org"


def test_online_meetings_carry_no_address_and_appointments_no_day():
    online, appointment = json.loads(meeting_guide.feed(
        [meeting(slug="b", attendance="online", conference_url="https://j.org"), meeting(slug="c", days=(), time="")],
        ""))
    assert "formatted_address" not in online and online["attendance_option"] == "online"
    assert "day" not in appointment and "time" not in appointment


def test_geojson():
    data = json.loads(geojson.feed([meeting(), Community(slug="c", name="C", source="x")], "https://x.org"))
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-97.7, 30.2]}
    assert feature["properties"]["kind"] == "meeting" and feature["properties"]["days"] == [1]


def test_hsds():
    service = Service(slug="s", name="S", source="x", organization="Org", service_types=("warmline",),
                      cost=("free",), phone="+1 555 0100", timezone="America/Denver", languages=("es",),
                      address=Address(formatted="1 Sample St"), latitude=1.0, longitude=2.0,
                      hours=(Hours((1, 5), "09:00", "17:00"),), status="temporarily_closed")
    tables = hsds.tables([service], "https://x.org")
    (row,) = tables["services"]
    assert uuid.UUID(row["id"]).version == 5 and row["status"] == "temporarily closed"
    assert row["organization_id"] == tables["organizations"][0]["id"]
    assert tables["schedules"][0]["byday"] == "MO,FR" and tables["schedules"][0]["timezone"] == -7.0
    assert tables["locations"][0]["location_type"] == "physical"
    assert tables["service_at_locations"][0]["location_id"] == tables["locations"][0]["id"]
    assert tables["languages"][0]["name"] == "Spanish"
    assert hsds.tables([service], "https://x.org") == tables  # stable ids


# Any text a volunteer writes ends up as the same text in the Meeting Guide feed: one JSON object per
# line, the array around them valid JSON (quotes, backslashes, '"day":' and line breaks in names too).

from hypothesis import given, settings
from hypothesis import strategies as st

VOLUNTEER_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(name=VOLUNTEER_TEXT, notes=st.text(max_size=40), days=st.sets(st.integers(0, 6), max_size=7))
def test_the_feed_is_json_with_one_object_a_line_whatever_the_text(name, notes, days):
    listing = meeting(name=name, notes=notes, days=tuple(sorted(days)), time="19:30" if days else "")
    text = meeting_guide.feed([listing], "https://x.org")
    lines = text.removesuffix("\n").split("\n")  # (not splitlines: JSON leaves U+0085 and U+2028 as they are)
    assert lines[0] == "[" and lines[-1] == "]" and text.endswith("]\n")
    items = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert items == json.loads(text)
    assert all(item["name"] == name and item.get("notes", "") == notes for item in items)
    assert sorted(item.get("day") for item in items if "day" in item) == sorted(days)
