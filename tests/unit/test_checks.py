"""Checks beyond the schema: attendance, and what each kind needs."""

import datetime as dt

import pytest

from pillar import checks

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("data, attendance", [
    ({"address": "x"}, "in_person"),
    ({"latitude": 1, "longitude": 2}, "in_person"),
    ({"conference_url": "https://x"}, "online"),
    ({"conference_phone": "1"}, "online"),
    ({"address": "x", "conference_phone": "1"}, "hybrid"),
    ({"address": "x", "attendance": "in_person", "conference_url": "https://x"}, "in_person"),
    ({}, "in_person"),
])
def test_attendance(data, attendance):
    assert checks.attendance(data) == attendance


@pytest.mark.parametrize("data, messages", [
    ({"name": "A", "day": "monday", "time": "07:00", "status": "temporarily_closed"}, []),
    ({"name": "A", "day": "monday", "time": "07:00", "attendance": "hybrid", "conference_url": "https://x"},
     ["a hybrid meeting needs an address — add address: (or latitude and longitude), or a conference_url if it "
      "meets online"]),
    ({"name": "A", "day": "monday", "end_time": "08:00", "address": "x"},
     ['missing "time" — add a line such as time: "19:30" (24-hour), or write day: appointment']),
    ({"name": "A", "day": "appointment", "address": "x", "timezone": "Europe/Lisbon"}, []),
])
def test_meeting_checks(data, messages):
    assert [f.message for f in checks.check(data, "meetings", TODAY)] == messages


def test_valid_zone():
    assert checks.valid_zone("America/Chicago") and not checks.valid_zone("America/Chicgo")
