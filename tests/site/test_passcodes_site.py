"""A site built with CONFERENCE_PASSCODES = "hidden": no passcode in any file it publishes, the meeting
ids still there, what each page tells visitors, a listing that keeps its passcodes public, and what
``pillar validate`` says about a passcode in free text."""

from pathlib import Path

import pytest

from helpers import make_site, run_pillar

HIDDEN = """\
name: Sample Night Owls
day: [monday, thursday]
time: "22:00"
timezone: America/Chicago
regions: [Texas, Austin]
conference_url: https://us02web.zoom.us/j/81326490357?pwd=Zq8LtrW0xPq3&uname=Guest#success
conference_url_notes: "Meeting ID: 813 2649 0357 Passcode: 775533"
conference_phone: "+16465588656,,81326490357#,,,,*482913#"
conference_phone_notes: "Meeting ID 813 2649 0357, password serenity77."
email: nightowls@example.org
"""
PLAIN = """\
name: Sample Sunrise Online
day: tuesday
time: "06:30"
timezone: America/Chicago
regions: [Texas, Austin]
conference_url: https://example.org/join/sunrise
conference_url_notes: Passcode is given in the waiting room.
"""
WEBSITE = """\
name: Sample Lunch Bunch
day: friday
time: "12:00"
timezone: America/Chicago
regions: [Texas, Austin]
conference_phone: "+1-512-555-0147,,4027#,,9090#"
website: https://lunch.example.org
"""
PUBLIC = """\
name: Sample Open Door
day: wednesday
time: "19:00"
timezone: America/Chicago
regions: [Texas, Austin]
passcodes: public
conference_url: https://zoom.us/j/91122334455?pwd=KeptOpen42
conference_url_notes: "Passcode: 990011"
"""
WITHHELD = ("Zq8LtrW0xPq3", "775533", "482913", "serenity77", "9090")


@pytest.fixture(scope="module")
def hidden_site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("passcodes"), {
        "meetings/night-owls.yaml": HIDDEN, "meetings/sunrise.yaml": PLAIN, "meetings/lunch.yaml": WEBSITE,
        "meetings/open-door.yaml": PUBLIC}, 'CONFERENCE_PASSCODES = "hidden"\nLANGUAGES = ["en", "es"]\n')
    result = run_pillar("build", "--strict", cwd=root)
    assert result.code == 0, result.err
    return root / "output"


def test_no_published_file_holds_a_withheld_passcode(hidden_site):
    files = [path for path in hidden_site.rglob("*") if path.is_file()]
    assert any(path.match("search/shards/*.json") for path in files)
    assert {"meetings.json", "meetings.ics", "directory.geojson"} <= {path.name for path in files}
    leaks = [(str(path.relative_to(hidden_site)), secret) for path in files for secret in WITHHELD
             if secret.encode() in path.read_bytes()]
    assert leaks == []


def test_what_is_left_still_gets_people_in(hidden_site):
    page = (hidden_site / "meetings" / "sample-night-owls" / "index.html").read_text()
    assert 'href="https://us02web.zoom.us/j/81326490357?uname=Guest#success"' in page
    assert 'href="tel:+16465588656,,81326490357%23"' in page
    assert "<p>Meeting ID: 813 2649 0357</p>" in page and "<p>Meeting ID 813 2649 0357.</p>" in page
    assert ('<p class="passcode-note" id="passcode">To keep this meeting safe from disruption, its passcode is not '
            'shown here. Email the group to ask for it: <a href="mailto:nightowls@example.org">nightowls@example.org'
            '</a></p>' in page)
    feed = (hidden_site / "feeds" / "meetings.json").read_text()
    assert '"conference_phone":"+16465588656,,81326490357#"' in feed.replace(" ", "")


def test_each_page_says_how_to_ask_in_its_language(hidden_site):
    lunch = (hidden_site / "meetings" / "sample-lunch-bunch" / "index.html").read_text()
    assert ('Ask the group for it through <a href="https://lunch.example.org" rel="noopener noreferrer">its '
            'website</a>.' in lunch)
    spanish = (hidden_site / "es" / "meetings" / "sample-night-owls" / "index.html").read_text()
    assert "Para proteger la reunión de interrupciones, su código de acceso no se muestra aquí. Escribe al grupo " \
           "para pedirlo:" in spanish


def test_nothing_is_said_when_nothing_was_withheld(hidden_site):
    page = (hidden_site / "meetings" / "sample-sunrise-online" / "index.html").read_text()
    assert "<p>Passcode is given in the waiting room.</p>" in page
    assert "passcode-note" not in page


def test_a_listing_that_says_public_keeps_its_passcodes(hidden_site):
    page = (hidden_site / "meetings" / "sample-open-door" / "index.html").read_text()
    assert 'href="https://zoom.us/j/91122334455?pwd=KeptOpen42"' in page and "Passcode: 990011" in page
    assert "passcode-note" not in page
    assert "KeptOpen42" in (hidden_site / "feeds" / "meetings.json").read_text()


def test_a_site_wide_sentence_replaces_pillars_own(tmp_path):
    root = make_site(tmp_path, {"meetings/night-owls.yaml": HIDDEN}, 'CONFERENCE_PASSCODES = "hidden"\n'
                     'CONFERENCE_PASSCODES_HOW_TO_ASK = "Call the intergroup office, 512-555-0100, for it."\n')
    assert run_pillar("build", cwd=root).code == 0
    page = (root / "output" / "meetings" / "sample-night-owls" / "index.html").read_text()
    assert ("its passcode is not shown here. Call the intergroup office, 512-555-0100, for it.</p>" in page)


def test_validate_points_at_a_passcode_in_the_notes(tmp_path):
    notes = PLAIN + "notes: Zoom passcode 123456, cameras optional.\n"
    site = make_site(tmp_path, {"meetings/sunrise.yaml": notes}, 'CONFERENCE_PASSCODES = "hidden"\n')
    result = run_pillar("validate", "--strict", cwd=site)
    assert result.code == 1
    assert result.out.splitlines() == [
        'directory/meetings/sunrise.yaml:8:1: warning: notes: this looks like a conference passcode, which '
        'CONFERENCE_PASSCODES "hidden" takes only out of conference_url, conference_phone and their notes — '
        "move it to conference_url_notes or conference_phone_notes, or delete it"]
    public = make_site(tmp_path / "public", {"meetings/sunrise.yaml": notes})
    assert run_pillar("validate", "--strict", cwd=public).code == 0


def test_a_bad_policy_stops_the_build_with_the_fix(tmp_path):
    site = make_site(tmp_path, {"meetings/sunrise.yaml": PLAIN}, 'CONFERENCE_PASSCODES = "private"\n')
    result = run_pillar("build", cwd=site)
    assert result.code == 1
    assert ("pelicanconf.py: CONFERENCE_PASSCODES must be 'public' (passcodes published as written) or 'hidden' "
            "(taken out of the pages and feeds), not 'private'") in result.err
    assert "Traceback" not in result.err
