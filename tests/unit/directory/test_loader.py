"""YAML listing files → exact problems, and valid files → the listings they describe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pillar.directory.loadcache import LoadCache
from pillar.directory.loader import LoadOptions, load_directory
from pillar.directory.model import Address, Hours
from pillar.fingerprint import Inputs, survey

TODAY = dt.date(2026, 11, 25)
OPTIONS = LoadOptions(today=TODAY)

MEETING = """\
name: Sample Group
day: monday
time: "19:30"
address: 1 Sample St, Austin, TX
"""


def load(tmp_path: Path, files: dict[str, str]):
    root = tmp_path / "directory"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_directory(root, OPTIONS)


def problems(tmp_path: Path, text: str, folder: str = "meetings") -> list[str]:
    directory = load(tmp_path, {f"{folder}/a.yaml": text})
    return [str(p) for p in directory.problems]


F = "directory/meetings/a.yaml"

CASES = [
    # YAML itself
    ("name: [unclosed\n", [f'{F}:2:1: YAML syntax error: expected \',\' or \']\', but got \'<stream end>\' '
                           "— check the indentation and quotes on this line and the one before"]),
    ("name: a\n\tday: monday\n", [f"{F}:2:1: YAML syntax error: found character '\\t' that cannot start "
                                   "any token — indent with spaces, not tabs"]),
    ("", [f"{F}:1:1: the file is empty — add the listing's fields (name: …)"]),
    ("- name: a\n", [f"{F}:1:1: a listing file must hold fields (name: …), one per line"]),
    (MEETING + "name: Other\n", [f'{F}:5:1: "name" is given twice (first on line 1) — keep one and delete the other']),
    # required fields and unknown fields
    ("day: monday\ntime: \"19:30\"\naddress: x St\n",
     [f'{F}:1:1: missing required field "name" — add a line "name: …"']),
    (MEETING + "adress: 2 Sample St\n", [f'{F}:5:1: unknown field "adress" — did you mean "address"?']),
    (MEETING + "colour: blue\n",
     [f'{F}:5:1: unknown field "colour" — remove it, or check the spelling against the schema']),
    # days and times
    (MEETING.replace("monday", "Tusday"),
     [f'{F}:2:6: day: "Tusday" is not allowed — did you mean "tuesday"? (write a weekday such as monday, '
      "a list such as [monday, thursday], or appointment)"]),
    (MEETING.replace("monday", "[monday, frday]"),
     [f'{F}:2:15: day, item 2: "frday" is not allowed — did you mean "friday"? (write a weekday such as '
      "monday, or a number from 0 (Sunday) to 6 (Saturday))"]),
    (MEETING.replace("monday", "7"),
     [f"{F}:2:6: day: 7 is not valid — write a weekday such as monday, a list such as [monday, thursday], "
      "or appointment"]),
    (MEETING.replace('"19:30"', "7:30pm"),
     [f'{F}:3:7: time: "7:30pm" is not a 24-hour time — did you mean "19:30"? (write a 24-hour time as HH:MM, '
      "e.g. 07:00 or 19:30)"]),
    (MEETING.replace('"19:30"', "19:30"), []),  # YAML 1.1 would read 1170 minutes
    (MEETING.replace('"19:30"', "1930"),
     [f"{F}:3:7: time: a number is not allowed here — write a 24-hour time as HH:MM, e.g. 07:00 or 19:30"]),
    (MEETING.replace('time: "19:30"\n', ""),
     [f'{F}:2:6: missing "time" — add a line such as time: "19:30" (24-hour), or write day: appointment']),
    (MEETING.replace("day: monday", "day: appointment"),
     [f"{F}:3:7: time: a meeting by appointment has no set time — remove time, or give a day"]),
    # time zones, dates, coordinates
    (MEETING + "timezone: America/Chicgo\n",
     [f'{F}:5:11: timezone: "America/Chicgo" is not a known IANA time zone — did you mean "America/Chicago"?']),
    (MEETING + "last_verified: 2026-02-30\n",
     [f'{F}:5:16: last_verified: "2026-02-30" is not a real date — write YYYY-MM-DD']),
    (MEETING + "last_verified: 2027-01-01\n",
     [f"{F}:5:16: warning: last_verified: 2027-01-01 is in the future — write the date it was last checked"]),
    (MEETING + "latitude: 30.2\n",
     [f"{F}:5:11: latitude is given without longitude — add longitude, or remove both"]),
    (MEETING + "latitude: 130\nlongitude: 1\n",
     [f"{F}:5:11: latitude: 130 is not valid — write a latitude between -90 and 90, e.g. 30.2672"]),
    # type codes
    (MEETING + "types: [O, Opn, open, Speaker]\n",
     [f'{F}:5:12: types: unknown type code "Opn" — did you mean "O" (Open)?',
      f'{F}:5:17: types: unknown type code "open" — did you mean "O" (Open)?',
      f'{F}:5:23: types: unknown type code "Speaker" — did you mean "SP" (Speaker)?']),
    (MEETING + "types: [JFT]\n",
     [f'{F}:5:9: types: unknown type code "JFT" — that is a NA format code: set fellowship: NA, or remove it']),
    (MEETING + "fellowship: NA\ntypes: [JFT, O]\n", []),
    (MEETING + "fellowship: AAA\n",
     [f'{F}:5:13: fellowship: "AAA" is not allowed — did you mean "AA"? (write one of the fellowships this '
      "directory knows, or Other)"]),
    # attendance
    ("name: Sample Online\nday: monday\ntime: \"19:30\"\nattendance: online\n",
     [f"{F}:4:13: an online meeting needs a conference_url or a conference_phone — add the link or dial-in "
      "number people use to join"]),
    ("name: Sample Nowhere\nday: monday\ntime: \"19:30\"\n",
     [f"{F}:1:1: an in-person meeting needs an address — add address: (or latitude and longitude), or a "
      "conference_url if it meets online"]),
    # links
    (MEETING + "conference_url: javascript:alert(1)\n",
     [f'{F}:5:17: conference_url: "javascript:" links are not allowed (they can be unsafe) — write a full web '
      "address starting with https://"]),
    (MEETING + "conference_url: http://example.org/join\n",
     [f"{F}:5:17: conference_url: the link must use https:// so the connection is private — write a full web "
      "address starting with https://"]),
    (MEETING + "website: data:text/html,hi\n",
     [f'{F}:5:10: website: "data:" links are not allowed (they can be unsafe) — write a full web address '
      "starting with https://"]),
    (MEETING + "website: example.org\n",
     [f'{F}:5:10: website: "example.org" is not valid — write a full web address starting with https://']),
    (MEETING + "slug: Not A Slug\n",
     [f'{F}:5:7: slug: "Not A Slug" is not valid — use lowercase letters, digits and single hyphens, at most '
      "64 characters, e.g. sample-sunrise-group"]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_meeting_problems(tmp_path, text, expected):
    assert problems(tmp_path, text) == expected


S = "directory/services/a.yaml"
O = "directory/online/a.yaml"

OTHER_CASES = [
    ("services", "name: Sample Coaching\norganization: Sample Org\nservice_types: [coaching]\nphone: \"+1 512 555 0100\"\n",
     [f'{S}:3:17: service_types, item 1: "coaching" is not allowed — did you mean "peer_coaching"? '
      "(write a list such as [peer_coaching, case_management])"]),
    ("services", "name: Sample Coaching\norganization: Sample Org\nservice_types: [peer_coaching]\n",
     [f"{S}:1:1: say where or how to reach this service — add an address, service_area, phone or website"]),
    ("services", "name: Sample Coaching\nservice_types: [peer_coaching]\nphone: \"555\"\n",
     [f'{S}:1:1: missing required field "organization" — add a line "organization: …"']),
    ("services", "name: Sample\norganization: O\nservice_types: [warmline]\nphone: \"+1 512 555 0100\"\n"
                 "hours:\n  - day: monday\n    opens: \"9am\"\n",
     [f'{S}:6:5: hours, item 1: missing required field "closes" — add a line "closes: …"',
      f'{S}:7:12: hours, item 1, opens: "9am" is not a 24-hour time — did you mean "09:00"? '
      "(write a 24-hour time as HH:MM, e.g. 07:00 or 19:30)"]),
    ("online", "name: Sample Forum\nplatform: [forum]\nurl: http://example.org\n",
     [f"{O}:3:6: url: the link must use https:// so the connection is private — write a full web address "
      "starting with https://"]),
    ("online", "name: Sample Forum\nplatform: [forum]\nurl: https://example.org\navailability: scheduled\n",
     [f"{O}:4:15: a scheduled community needs hours — add hours:, or write availability: always"]),
    ("online", "name: Sample Forum\nurl: https://example.org\ncost: freee\nplatform: [forum]\n",
     [f'{O}:3:7: cost: "freee" is not allowed — did you mean "free"? (write free, donation or paid)']),
]


@pytest.mark.parametrize("folder, text, expected", OTHER_CASES, ids=[f"case{i}" for i in range(len(OTHER_CASES))])
def test_service_and_community_problems(tmp_path, folder, text, expected):
    assert problems(tmp_path, text, folder) == expected


def test_every_problem_in_every_file_is_reported_together(tmp_path):
    directory = load(tmp_path, {
        "meetings/a.yaml": MEETING + "adress: x\n",
        "meetings/b.yaml": MEETING.replace("monday", "mon"),
        "online/c.yaml": "name: C\n",
    })
    assert [(p.path, p.line) for p in directory.problems] == [
        ("directory/meetings/a.yaml", 5), ("directory/meetings/b.yaml", 2),
        ("directory/online/c.yaml", 1), ("directory/online/c.yaml", 1)]
    assert directory.meetings == ()


def test_duplicate_slugs_across_files_and_derived_slugs(tmp_path):
    directory = load(tmp_path, {
        "meetings/austin/a.yaml": MEETING,
        "meetings/denver/b.yaml": MEETING,
        "services/c.yaml": "name: Other\nslug: sample-group\norganization: O\nservice_types: [warmline]\n"
                           "phone: \"+1 512 555 0100\"\n",
    })
    assert [str(p) for p in directory.problems] == [
        'directory/meetings/denver/b.yaml:1:7: the slug "sample-group" is already used by '
        "directory/meetings/austin/a.yaml:1 — give this listing its own slug: line, e.g. slug: sample-group-2",
        'directory/services/c.yaml:2:7: the slug "sample-group" is already used by '
        "directory/meetings/austin/a.yaml:1 — give this listing its own slug: line, e.g. slug: sample-group-2",
    ]


def test_file_outside_the_kind_folders(tmp_path):
    directory = load(tmp_path, {"meetings/a.yaml": MEETING})
    stray = tmp_path / "directory" / "stray.yaml"
    stray.write_text(MEETING)
    again = load_directory(tmp_path / "directory", OPTIONS, only=[stray])
    assert directory.problems == ()
    assert [p.message for p in again.problems] == [
        "listing files belong in directory/meetings/, directory/services/ or directory/online/ — move the file"]


def test_linked_files_are_read_where_they_really_are_and_linked_folders_are_not_followed(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "elsewhere.yaml").write_text(MEETING)
    directory = load(tmp_path, {"meetings/real/b.yaml": MEETING.replace("Sample Group", "Other Group")})
    meetings = tmp_path / "directory" / "meetings"
    (meetings / "linked-file.yaml").symlink_to(meetings / "real" / "b.yaml")
    (meetings / "linked-folder").symlink_to(meetings / "real", target_is_directory=True)
    (meetings / "outside.yaml").symlink_to(shared / "elsewhere.yaml")
    directory = load_directory(tmp_path / "directory", OPTIONS)
    assert [(p.path, p.message) for p in directory.problems if "link" in p.message] == [
        ("directory/meetings/outside.yaml", "the file is a link to a file outside the directory, which is never "
                                            "read — put the listing itself here")]
    assert [p.path for p in directory.problems if "already used" in p.message] == [
        "directory/meetings/real/b.yaml"]  # linked-file.yaml is real/b.yaml; linked-folder/ is not read


def test_files_known_from_the_fingerprint_load_as_files_found_by_walking(tmp_path):
    load(tmp_path, {"meetings/a.yaml": MEETING, "meetings/deep/b.yml": MEETING.replace("Sample Group", "B"),
                    "services/notes.txt": "not a listing", "online/.yaml": "not a listing either"})
    root = tmp_path / "directory"
    (root / "README.yaml").write_text(MEETING)  # beside the kind folders: not a listing
    (root / "meetings" / "linked.yaml").symlink_to(root / "meetings" / "a.yaml")
    inputs = Inputs("", {}, "", [], str(root), [])
    walked = load_directory(root, OPTIONS, cache=LoadCache(None, ""))
    known = load_directory(root, OPTIONS, cache=LoadCache(None, ""), known=survey(inputs).directory_files)
    assert known == walked
    assert sorted(listing.source for listing in known.listings) == [  # linked.yaml is read as a.yaml
        "directory/meetings/a.yaml", "directory/meetings/a.yaml", "directory/meetings/deep/b.yml"]
    assert [p.path for p in known.problems if "already used" in p.message] == ["directory/meetings/a.yaml"]


def test_not_utf8(tmp_path):
    root = tmp_path / "directory" / "meetings"
    root.mkdir(parents=True)
    (root / "a.yaml").write_bytes("name: Caf\xe9\n".encode("latin-1"))
    directory = load_directory(tmp_path / "directory", OPTIONS)
    assert [p.message for p in directory.problems] == [
        "the file is not UTF-8 text (invalid continuation byte) — save it as UTF-8"]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_endings_of_any_system_load_alike(tmp_path, ending):
    text = 'name: Morning\nday: monday\ntime: "07:00"\nnotes: >\n  Two\n  lines.\naddress: 1 Main St, Springfield, IL\n'
    expected = load(tmp_path / "plain", {"meetings/a.yaml": text})
    root = tmp_path / ending.encode().hex() / "directory" / "meetings"
    root.mkdir(parents=True)
    (root / "a.yaml").write_bytes(text.replace("\n", ending).encode())
    found = load_directory(root.parent, OPTIONS)
    assert [(l.name, l.notes, l.time, l.positions) for l in found.listings] == \
        [(l.name, l.notes, l.time, l.positions) for l in expected.listings]
    assert found.problems == expected.problems == ()


def test_a_full_meeting_becomes_a_frozen_listing(tmp_path):
    directory = load(tmp_path, {"meetings/x.yaml": """\
# yaml-language-server: $schema=../../plugins/pillar/schema/meeting.json
name: "  Sample Hybrid Group "
fellowship: NA
day: [3, friday, 1]
time: "07:00"
types: [O, JFT]
location: Sample Hall
address: {street: 1 Sample St, city: Austin, state: TX, postal_code: 78701, country: US}
latitude: 30.27
longitude: -97.74
approximate: true
regions: [Texas, Austin]
conference_url: https://example.org/join
languages: [en, es]
last_verified: "2026-10-01"
"""})
    assert directory.problems == ()
    (meeting,) = directory.meetings
    assert meeting.slug == "sample-hybrid-group"
    assert meeting.name == "Sample Hybrid Group"
    assert meeting.days == (1, 3, 5)
    assert meeting.end == "08:00"
    assert meeting.attendance == "hybrid"
    assert meeting.timezone == ""  # worked out later, from the coordinates or the site (see test_locate)
    assert meeting.at("address") == (8, 10) and meeting.at("timezone") == (1, 1)
    assert meeting.address == Address(street="1 Sample St", city="Austin", state="TX", postal_code="78701",
                                      country="US")
    assert meeting.address.text == "1 Sample St, Austin, TX 78701, US"
    assert meeting.last_verified == dt.date(2026, 10, 1)
    assert meeting.page_url == "meetings/sample-hybrid-group/"
    with pytest.raises(AttributeError):
        meeting.name = "changed"


def test_services_and_communities(tmp_path):
    directory = load(tmp_path, {
        "services/s.yaml": "name: S\norganization: O\nservice_types: [warmline]\nphone: \"+1 512 555 0100\"\n"
                           "hours:\n  - {day: [monday, friday], opens: \"09:00\", closes: \"17:00\"}\n",
        "online/o.yaml": "name: O\nplatform: [forum]\nurl: https://example.org\n",
    })
    assert directory.problems == ()
    assert directory.services[0].hours == (Hours((1, 5), "09:00", "17:00"),)
    assert directory.communities[0].availability == "always"
