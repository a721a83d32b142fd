"""Checks beyond the schema: attendance, and what each kind needs."""

import datetime as dt

import pytest

from pillar.directory import checks

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


# Hostile values: refused with a message, and answered in linear time

MEETING = {"name": "A", "day": "monday", "time": "19:00", "address": "1 Main St"}


@pytest.mark.parametrize("field, value, message", [
    ("website", "https://\u202eelgoog.com/", "website: the address holds an invisible or direction-changing "
                                             "character (U+202E) — type the address again by hand"),
    ("conference_url", "https://zoom.us/j/1\u200b2", "conference_url: the address holds an invisible or "
                                                     "direction-changing character (U+200B)"),
    ("email", "office@exa\u2066mple.org", "email: the address holds an invisible or direction-changing "
                                          "character (U+2066)"),
])
def test_links_that_hide_or_reverse_characters_are_refused(field, value, message):
    found = [f.message for f in checks.check({**MEETING, field: value}, "meetings", TODAY)]
    assert any(text.startswith(message) for text in found), found


WORST_INPUTS = {
    # each check's worst case, a megabyte long: a backtracking pattern would take hours on these
    "email": "a@" + "." * 1_000_000 + "@",
    "website": "https://" + "a" * 1_000_000 + " ",
    "conference_url": "https://" + "/" * 1_000_000 + "\n",
    "conference_phone": "+" + "0" * 1_000_000 + "x",
    "time": "7p" + " " * 1_000_000 + "x",
    "timezone": "A" + "/a" * 500_000 + "/",
    "languages": ["en" + "-aa" * 333_333 + "-"],
    "slug": "a" + "-a" * 500_000 + "-",
    "name": "x" * 1_000_000,
}
LINEAR_SCRIPT = """
import datetime, json, sys
from pillar.directory import checks, schema
field = sys.argv[1]
value = json.loads(sys.stdin.read())
data = {"name": "A", "day": "monday", "time": "19:00", "address": "1 Main St", field: value}
found = [e.message for e in schema.validate(data, "meetings")]
found += [f.message for f in checks.check(data, "meetings", datetime.date(2026, 11, 25))]
print(json.dumps(found))
"""


@pytest.mark.parametrize("field", WORST_INPUTS)
def test_checks_answer_a_megabyte_of_the_worst_input(field):
    """Each check answers, with a message that fits on a line, for a megabyte of its worst input (in
    a process of its own, given minutes: a check that backtracks would need hours)."""
    import json
    import subprocess
    import sys

    from helpers import REPO

    done = subprocess.run([sys.executable, "-c", LINEAR_SCRIPT, field], input=json.dumps(WORST_INPUTS[field]),
                          capture_output=True, text=True, timeout=300, cwd=REPO,
                          env={"PYTHONPATH": str(REPO / "plugins"), "PATH": ""})
    assert done.returncode == 0, done.stderr
    messages = json.loads(done.stdout)
    assert messages and all(field in message and len(message) < 400 for message in messages)
