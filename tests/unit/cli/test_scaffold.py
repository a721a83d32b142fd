"""pillar.cli.scaffold: turning typed values into fields, what is missing, field checks, the file's text."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from pillar.directory import schema
from pillar.directory.loader import LoadOptions
from pillar.cli.scaffold import (Asker, Refused, convert, create, describe, field_problem, fields, missing,
                             missing_message, problems, render)

TODAY = dt.date(2026, 6, 1)
MEETING = fields("meeting")


@pytest.mark.parametrize(("name", "raw", "value"), [
    ("day", ["monday"], "monday"),
    ("day", ["Mon, thu", "6"], ["monday", "thursday", 6]),
    ("day", "appointment", "appointment"),
    ("day", "Mondy", "mondy"),
    ("day", "t", "t"),
    ("types", ["O, D", "ST"], ["O", "D", "ST"]),
    ("types", " , ", None),
    ("regions", "Texas,  Austin", ["Texas", "Austin"]),
    ("time", " 19:30 ", "19:30"),
    ("time", "", None),
    ("approximate", "Yes", True),
    ("approximate", "no", False),
    ("approximate", "maybe", "maybe"),
    ("latitude", "30.25", 30.25),
    ("latitude", "north", "north"),
])
def test_convert(name, raw, value):
    assert convert(name, MEETING[name], raw) == value


def test_fields_leave_out_hours():
    assert "hours" not in fields("service") and "hours" not in fields("online")
    assert list(fields("online"))[:3] == ["name", "slug", "platform"]


def test_describe():
    assert describe("platform", fields("online")["platform"]).endswith(
        " Any of: forum, chat, video, app, phone, social. Separate several with commas.")
    assert describe("name", MEETING["name"]) == "The name people know it by."
    assert describe("cost", fields("online")["cost"]).endswith("One of: free, donation, paid.")
    assert describe("approximate", MEETING["approximate"]).endswith(" Type yes or no.")


@pytest.mark.parametrize(("kind", "data", "groups"), [
    ("meeting", {}, [("name",), ("day",), ("time",), ("address", "conference_url", "conference_phone")]),
    ("meeting", {"name": "x", "day": "appointment", "conference_phone": "+1 555"}, []),
    ("meeting", {"name": "x", "day": 1, "status": "temporarily_closed"}, [("time",)]),
    ("service", {"name": "x", "organization": "o", "service_types": ["warmline"], "email": "a@b.org"}, []),
    ("online", {"name": "x"}, [("platform",), ("url",)]),
])
def test_missing(kind, data, groups):
    assert missing(kind, data) == groups


def test_missing_message():
    assert missing_message("online", [("url",)]) == (
        "pillar new online: missing --url — pass them as flags, or run pillar new in a terminal to be asked for them")
    assert missing_message("meeting", [("day",), ("time",), ("address", "conference_url")]).startswith(
        "pillar new meeting: missing --day, --time and one of --address, --conference-url — ")


def test_problems_are_the_loaders():
    errors, warnings = problems({"name": "x", "day": "monday", "time": "7pm", "types": ["Opn"],
                                 "last_verified": "2027-01-01"}, "meetings", TODAY)
    assert errors == [
        'time: "7pm" is not a 24-hour time — did you mean "19:00"? (write a 24-hour time as HH:MM, e.g. 07:00 '
        "or 19:30)",
        'types: unknown type code "Opn" — did you mean "O" (Open)?',
        "an in-person meeting needs an address — add address: (or latitude and longitude), or a conference_url "
        "if it meets online"]
    assert warnings == ["last_verified: 2027-01-01 is in the future — write the date it was last checked"]


def test_field_problem_is_about_the_field_only():
    assert field_problem({"name": "x", "day": "monday"}, "meetings", "day", TODAY) == ""
    assert field_problem({"name": "x", "day": "monday"}, "meetings", "name", TODAY) == ""
    assert field_problem({"name": "x", "day": "monday", "timezone": "America/Chicgo"}, "meetings", "timezone",
                         TODAY) == ('timezone: "America/Chicgo" is not a known IANA time zone — '
                                    'did you mean "America/Chicago"?')
    assert field_problem({"name": "x", "day": "appointment", "time": "10:00"}, "meetings", "time",
                         TODAY) == "time: a meeting by appointment has no set time — remove time, or give a day"
    assert field_problem({"platform": ["irc"]}, "online", "platform", TODAY).startswith('platform, item 1: "irc"')


def test_asker_asks_again_until_valid():
    answers = iter(["", "Sample", "someday", "sunday", "25:00", "09:00", "", "", "+1 512-555-0100",
                    "", "", "", "", "", "", ""])
    said = []
    data = {"last_verified": "2026-06-01"}
    Asker("meeting", TODAY, ask=lambda prompt: next(answers), say=said.append).fill(data)
    assert data == {"last_verified": "2026-06-01", "name": "Sample", "day": "sunday", "time": "09:00",
                    "conference_phone": "+1 512-555-0100"}
    complaints = [line.strip() for line in said if line.startswith("  ")]
    assert complaints[0] == "name is required — type a value"
    assert complaints[1].startswith('day: "someday" is not allowed')
    assert complaints[2].startswith('time: "25:00" is not a 24-hour time')
    assert len(complaints) == 3


def test_asker_insists_on_one_of_a_group():
    answers = iter(["", "", "", "", "https://x.example.org/m"] + [""] * 7)
    said = []
    data = {"name": "x", "day": "monday", "time": "10:00"}
    Asker("meeting", TODAY, ask=lambda prompt: next(answers), say=said.append).fill(data)
    assert "  a meeting needs one of address, conference_url, conference_phone — type at least one" in said
    assert data["conference_url"] == "https://x.example.org/m"


def test_render_quotes_times_and_keeps_block_style(tmp_path):
    into = tmp_path / "directory" / "meetings"
    text = render({"last_verified": "2026-06-01", "time": "07:00", "name": "Yes", "day": 0,
                   "address": "1 St", "notes": "line one\nline two"}, "meetings", into)
    modeline = os.path.relpath(schema.FOLDER / "meeting.json", into.resolve())
    assert text == (f"# yaml-language-server: $schema={modeline}\n"
                    "# Added with pillar new; pillar validate checks your edits.\n"
                    "name: 'Yes'\nday: 0\ntime: \"07:00\"\naddress: 1 St\nnotes: |-\n  line one\n  line two\n"
                    'last_verified: "2026-06-01"\n')


def test_create_refuses_invalid_data_and_writes_nothing(tmp_path):
    (tmp_path / "meetings").mkdir()
    with pytest.raises(Refused) as refused:
        create("meeting", {"name": "x", "day": "monday"}, tmp_path, LoadOptions(today=TODAY))
    assert refused.value.code == 1
    assert refused.value.messages[-1] == "pillar new meeting: nothing written"
    assert list((tmp_path / "meetings").iterdir()) == []


def test_create_strict_refuses_warnings(tmp_path):
    data = {"name": "x", "day": "monday", "time": "10:00", "address": "1 St", "last_verified": "2027-01-01"}
    with pytest.raises(Refused):
        create("meeting", data, tmp_path, LoadOptions(today=TODAY), strict=True)
    path, warnings = create("meeting", data, tmp_path, LoadOptions(today=TODAY))
    assert path == tmp_path / "meetings" / "x.yaml"
    assert warnings == ["last_verified: 2027-01-01 is in the future — write the date it was last checked"]
