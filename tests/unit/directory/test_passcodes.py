"""Conference passcodes under CONFERENCE_PASSCODES = "hidden": the shapes they come in, exactly what is
left of each, and properties over any text, phone and link."""

import re
import string
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pillar.directory import passcodes
from pillar.directory.passcodes import strip_phone, strip_text, strip_url


@pytest.mark.parametrize("url, published", [
    ("https://zoom.us/j/81326490357?pwd=aBcD1234eFgH5678.1", "https://zoom.us/j/81326490357"),
    ("https://us02web.zoom.us/j/81326490357?pwd=aBcD1234&uname=Guest#success",
     "https://us02web.zoom.us/j/81326490357?uname=Guest#success"),
    ("https://zoom.us/j/81326490357?uname=Guest&PWD=aBcD1234", "https://zoom.us/j/81326490357?uname=Guest"),
    ("https://zoom.us/w/81326490357?tk=abc&pwd=aBcD&from=addon", "https://zoom.us/w/81326490357?tk=abc&from=addon"),
    ("https://meet.example.org/room?passcode=778899", "https://meet.example.org/room"),
    ("https://meet.example.org/#/join?room=5&password=778899", "https://meet.example.org/#/join?room=5"),
    ("https://zoom.us/j/81326490357", "https://zoom.us/j/81326490357"),
    ("https://example.org/join/sample-night-owls", "https://example.org/join/sample-night-owls"),
    ("https://example.org/a?pwdx=1&xpwd=2", "https://example.org/a?pwdx=1&xpwd=2"),
    ("https://example.org/passcode/123456", "https://example.org/passcode/123456"),
])
def test_links_lose_only_their_passcode_parameter(url, published):
    assert strip_url(url) == published


@pytest.mark.parametrize("phone, published", [
    ("+16465588656,,123456789#,,654321#", "+16465588656,,123456789#"),
    ("+1 646 558 8656,,81326490357#,,,,*123456#", "+1 646 558 8656,,81326490357#"),
    ("+16465588656,,81326490357#,,,,0#,,654321#", "+16465588656,,81326490357#"),
    ("+16465588656;81326490357#;654321#", "+16465588656;81326490357#"),
    ("+16465588656,,*123456#", "+16465588656"),
    ("+1-612-555-0129,,4402#", "+1-612-555-0129,,4402#"),
    ("+1-720-555-0118", "+1-720-555-0118"),
    ("+1 (512) 555-0147", "+1 (512) 555-0147"),
])
def test_dial_strings_keep_the_meeting_id(phone, published):
    assert strip_phone(phone) == published


@pytest.mark.parametrize("notes, published", [
    ("Passcode: 123456", ""),
    ("Meeting ID: 813 2649 0357\nPasscode: 123456", "Meeting ID: 813 2649 0357"),
    ("Meeting ID: 813 2649 0357 Passcode: 123456", "Meeting ID: 813 2649 0357"),
    ("Meeting ID 402 118 7730, passcode 0630.", "Meeting ID 402 118 7730."),
    ("Password: serenity", ""),
    ("Password: serenity. Cameras on, please.", "Cameras on, please."),
    ('Zoom password is "Serenity!24" — waiting room on', "waiting room on"),
    ("Password is: 1234", ""),
    ("Passcode: 123 456, cameras on please.", "cameras on please."),
    ("Meeting ID 813 / Password: serenity / waiting room", "Meeting ID 813 / waiting room"),
    ("(Passcode: 1234) Rename yourself with a first name.", "Rename yourself with a first name."),
    ("PIN: 4402", ""),
    ("Pwd: x7Yz", ""),
    ("Password:\nserenity\nCameras optional.", "Cameras optional."),
    ("ID de reunión: 813 2649 0357 Código de acceso: 123456", "ID de reunión: 813 2649 0357"),
    ("Contraseña: paz2024", ""),
    ("Join https://zoom.us/j/81326490357?pwd=aBcD1234.1 then wait.", "Join https://zoom.us/j/81326490357 then wait."),
    ("One tap mobile +16465588656,,81326490357#,,,,*123456# US (New York)",
     "One tap mobile +16465588656,,81326490357# US (New York)"),
    # A word about the passcode, with no passcode after it: left exactly as written.
    ("Passcode is given in the waiting room; please rename yourself with a first name.",
     "Passcode is given in the waiting room; please rename yourself with a first name."),
    ("Email the group for the passcode.", "Email the group for the passcode."),
    ("Password: ask the group by email", "Password: ask the group by email"),
    ("La contraseña se comparte por correo electrónico.", "La contraseña se comparte por correo electrónico."),
    ("The access code is entered automatically on most phones; otherwise enter 4402 followed by #.",
     "The access code is entered automatically on most phones; otherwise enter 4402 followed by #."),
    ("Meeting ID 530 612 0017.", "Meeting ID 530 612 0017."),
    ("Waiting room is on; a host admits people as they arrive.",
     "Waiting room is on; a host admits people as they arrive."),
    ("Over 10,000,000 members; the pin marks the area.", "Over 10,000,000 members; the pin marks the area."),
])
def test_notes_lose_the_passcode_and_keep_the_rest(notes, published):
    assert strip_text(notes) == published


def test_a_public_policy_changes_nothing_and_hidden_says_what_it_withheld():
    fields = {"conference_url": "https://zoom.us/j/1?pwd=abc", "conference_url_notes": "",
              "conference_phone": "+1555,,1#,,2#", "conference_phone_notes": "Passcode: 2"}
    assert passcodes.withhold(fields, "public") == passcodes.Withheld(fields, False)
    hidden = passcodes.withhold(fields, "hidden")
    assert hidden.withheld and hidden.fields == {"conference_url": "https://zoom.us/j/1", "conference_url_notes": "",
                                                 "conference_phone": "+1555,,1#", "conference_phone_notes": ""}
    plain = {"conference_url": "https://zoom.us/j/1", "conference_url_notes": "Waiting room on."}
    assert passcodes.withhold(plain, "hidden") == passcodes.Withheld(plain, False)


@pytest.mark.parametrize("data, site, policy", [
    ({}, "public", "public"), ({}, "hidden", "hidden"),
    ({"passcodes": "public"}, "hidden", "public"), ({"passcodes": "hidden"}, "public", "hidden"),
])
def test_a_listing_may_override_the_site(data, site, policy):
    assert passcodes.policy_of(data, site) == policy


def test_free_text_is_reported_not_rewritten():
    data = {"notes": "Zoom passcode 778899.", "group_notes": "Business meeting monthly.",
            "location_notes": "Password: serenity"}
    found = passcodes.findings(data, "meetings", "hidden")
    assert [(f.path, f.severity, f.at_key) for f in found] == [(("notes",), "warning", True),
                                                              (("location_notes",), "warning", True)]
    assert found[0].message.startswith("notes: this looks like a conference passcode")
    assert "move it to conference_url_notes or conference_phone_notes, or delete it" in found[0].message
    assert passcodes.findings(data, "meetings", "public") == []
    assert passcodes.findings({**data, "passcodes": "public"}, "meetings", "hidden") == []
    assert passcodes.findings(data, "services", "hidden") == []


# Properties, over anything a volunteer or an import could write.

MARKER_LIKE = re.compile(r"pass|pwd|pw|pin|contrase|clave|c[oó]digo|mot de|[,;]\*|[,;]+\d*#.*[,;]|https?:",
                         re.IGNORECASE)
"""Looser than the module's own patterns: text without any of these holds nothing it would take out."""

WORDS = st.sampled_from(["Meeting", "ID", "813", "2649", "0357", "waiting", "room", "is", "on", "—", "(", ")",
                         "cameras", "rename", "yourself", ",", ".", ";", "/", "host", "admits", "you", "the",
                         "group", "email", "ask", "Passcode", "password", "PIN:", "pwd", "given", "\n", ":",
                         "+16465588656,,81326490357#", "https://zoom.us/j/81326490357"])
TEXT = st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=14).map(" ".join))
NO_DIGITS = st.lists(st.sampled_from(["Meeting", "ID", "waiting", "room", "on", "cameras", "host", "please", ",",
                                      ".", ";", "/", "(", ")", "—", "\n", "is", "the", "group"]),
                     max_size=8).map(" ".join)
PASSCODE = st.text(string.digits, min_size=4, max_size=10)
CLAUSE = st.tuples(st.sampled_from(["Passcode", "passcode", "Password", "PASSWORD", "Pass code", "Zoom password",
                                    "Meeting passcode", "pwd", "PIN", "Contraseña", "Código de acceso"]),
                   st.sampled_from([": ", " ", " is ", " = ", ":", " - ", ":\n"]))


@given(TEXT)
def test_stripping_twice_is_stripping_once(text):
    once = strip_text(text)
    assert strip_text(once) == once


@given(TEXT)
def test_text_without_a_passcode_marker_is_never_touched(text):
    assume(not MARKER_LIKE.search(text))
    assert strip_text(text) == text


@given(NO_DIGITS, CLAUSE, PASSCODE, NO_DIGITS)
def test_no_digit_of_a_written_passcode_is_left(before, clause, code, after):
    word, sep = clause
    published = strip_text(f"{before} {word}{sep}{code} {after}")
    assert not re.search(r"\d", published), published


@given(st.text("0123456789 -()", min_size=3, max_size=14).map(lambda n: "+1" + n.strip() + "9"),
       st.text(string.digits, min_size=6, max_size=11), PASSCODE, st.sampled_from([",,", ",,,,", ";", ",,,,*"]))
def test_a_dial_string_keeps_its_number_and_meeting_id_and_loses_the_passcode(number, meeting_id, code, pause):
    phone = f"{number},,{meeting_id}#{pause}{code}#"
    published = strip_phone(phone)
    assert published == f"{number},,{meeting_id}#"
    assert strip_phone(published) == published
    assert strip_text(f"Dial {phone} to join") == f"Dial {published} to join"


HOSTS = st.sampled_from(["zoom.us", "us02web.zoom.us", "meet.example.org", "x.y"])
PATHS = st.lists(st.text(string.ascii_letters + string.digits + "-_.~%", min_size=1, max_size=12),
                 max_size=4).map(lambda parts: "/" + "/".join(parts))
PARAMS = st.lists(st.tuples(st.sampled_from(["pwd", "PWD", "uname", "tk", "from", "passcode", "password", "p", "w"]),
                            st.text(string.ascii_letters + string.digits + "._-%", max_size=16)), max_size=5)
FRAGMENTS = st.sampled_from(["", "#success", "#/join"])


@given(HOSTS, PATHS, PARAMS, FRAGMENTS)
def test_a_link_stays_a_link_to_the_same_place_without_its_passcode(host, path, params, fragment):
    query = "&".join(f"{key}={value}" for key, value in params)
    url = f"https://{host}{path}" + (f"?{query}" if query else "") + fragment
    published = strip_url(url)
    before, after = urlsplit(url), urlsplit(published)
    assert (after.scheme, after.netloc, after.path, after.fragment) == (
        before.scheme, before.netloc, before.path, before.fragment)
    kept = [(key, value) for key, value in params if key.lower() not in passcodes.QUERY_KEYS]
    assert parse_qsl(after.query, keep_blank_values=True) == parse_qsl(
        "&".join(f"{key}={value}" for key, value in kept), keep_blank_values=True)
    assert strip_url(published) == published
    if not any(key.lower() in passcodes.QUERY_KEYS for key, _ in params):
        assert published == url


@given(st.from_regex(r"\A[+0-9][0-9 ().,;#*+-]{2,40}\Z"))
def test_any_phone_the_schema_allows_keeps_its_start_and_stays_put(phone):
    published = strip_phone(phone)
    assert phone.startswith(published) and strip_phone(published) == published
    if "*" not in phone and len(re.findall(r"[,;]+(?:\d+#?|#)", phone)) < 2:
        assert published == phone
