"""Meeting calendars, parsed back with the icalendar package."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

from pillar.ical import calendar
from pillar.model import Address, Meeting


def meeting(**kw):
    base = dict(slug="sample-group", name="Sample Group", source="x.yaml", days=(1, 3), time="19:30",
                timezone="America/Denver", address=Address(formatted="1 Sample St, Denver, CO"), location="Hall",
                latitude=39.74, longitude=-104.99, notes="Side door.")
    return Meeting(**{**base, **kw})


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_weekly_event_in_the_meeting_zone():
    cal = parse(calendar([meeting()], "https://meetings.example.org", "Sample Group"))
    (event,) = cal.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == dt.datetime(2026, 1, 5, 19, 30, tzinfo=ZoneInfo("America/Denver"))
    assert event["dtstart"].params["TZID"] == "America/Denver"
    assert event.decoded("duration") == dt.timedelta(hours=1)
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["MO", "WE"]
    assert str(event["uid"]) == "sample-group@meetings.example.org"
    assert str(event["location"]) == "Hall, 1 Sample St, Denver, CO"
    assert str(event["url"]) == "https://meetings.example.org/meetings/sample-group/"
    assert "Side door." in str(event["description"])
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["America/Denver"]


def test_online_meeting_ending_after_midnight_and_closed():
    cal = parse(calendar([meeting(time="23:30", end_time="00:30", address=None, attendance="online",
                                  conference_url="https://example.org/j", status="temporarily_closed",
                                  latitude=None, longitude=None)], "", "x"))
    (event,) = cal.walk("VEVENT")
    assert event.decoded("duration") == dt.timedelta(hours=1)
    assert str(event["location"]) == "https://example.org/j"
    assert str(event["status"]) == "CANCELLED"
    assert "url" not in event  # no absolute address to give without SITEURL


def test_appointment_meetings_have_no_event_and_output_is_stable():
    meetings = [meeting(), meeting(slug="b", days=(), time="")]
    first = calendar(meetings, "", "x")
    assert first == calendar(meetings, "", "x")
    assert len(parse(first).walk("VEVENT")) == 1
