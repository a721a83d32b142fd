"""pillar new and pillar report stale, end to end: the real command in a small site, exact outputs.

The interactive part of ``pillar new`` runs on a pseudo-terminal (Python's ``pty``), answering each
prompt as a volunteer would — one answer wrong on purpose, to see it asked again.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import REPO, make_site, run_pillar

MEETING_SCHEMA = REPO / "plugins" / "pillar" / "schema" / "meeting.json"
HEADER = "# Added with pillar new; pillar validate checks your edits."


def _modeline(site: Path, folder: str = "directory/meetings", schema: Path = MEETING_SCHEMA) -> str:
    return f"# yaml-language-server: $schema={os.path.relpath(schema, (site / folder).resolve())}"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("PILLAR_TODAY", "2026-06-01")
    return "2026-06-01"


# --- pillar new -------------------------------------------------------------------------------


def test_new_meeting_from_flags_writes_a_valid_file(tmp_path, today):
    site = make_site(tmp_path, {})
    result = run_pillar("new", "meeting", "--name", "Sample Thursday Step Study", "--day", "monday,thu",
                        "--day", "6", "--time", "19:30", "--end-time", "20:30", "--fellowship", "AA",
                        "--types", "O, ST", "--location", "Sample Hall", "--address", "1 Sample St, Austin, TX",
                        "--regions", "Texas,Austin", "--notes", "Side door: ring the bell", cwd=site)
    assert (result.code, result.out, result.err) == (0, "directory/meetings/sample-thursday-step-study.yaml\n", "")
    text = (site / "directory/meetings/sample-thursday-step-study.yaml").read_text(encoding="utf-8")
    assert text == "\n".join([
        _modeline(site),
        HEADER,
        "name: Sample Thursday Step Study",
        "fellowship: AA",
        "day: [monday, thursday, 6]",
        'time: "19:30"',
        'end_time: "20:30"',
        "types: [O, ST]",
        "location: Sample Hall",
        "address: 1 Sample St, Austin, TX",
        "regions: [Texas, Austin]",
        "notes: 'Side door: ring the bell'",
        'last_verified: "2026-06-01"',
        "",
    ])
    check = run_pillar("validate", cwd=site)
    assert check.code == 0, check.err  # valid; the new address only waits for pillar geocode:
    assert check.out == ('directory/meetings/sample-thursday-step-study.yaml:10:10: warning: no coordinates for '
                         '"1 Sample St, Austin, TX" — run pillar geocode or add latitude/longitude\n')


def test_new_service_and_online_with_slug_and_into(tmp_path, today):
    site = make_site(tmp_path, {})
    service = run_pillar("new", "service", "--name", "Sample Coaching", "--organization", "Sample Org",
                         "--service-types", "peer_coaching,warmline", "--phone", "+1 512-555-0100",
                         "--how-to-start", "Call us", "--last-verified", "2026-05-02", cwd=site)
    online = run_pillar("new", "online", "--name", "Sample Chat", "--slug", "chat", "--platform", "chat",
                        "--url", "https://chat.example.org", "--how-to-join", "Sign up",
                        "--into", "directory/online/texas", cwd=site)
    assert (service.code, service.out, service.err) == (0, "directory/services/sample-coaching.yaml\n", "")
    assert (online.code, online.out, online.err) == (0, "directory/online/texas/chat.yaml\n", "")
    schemas = MEETING_SCHEMA.parent
    assert (site / "directory/services/sample-coaching.yaml").read_text(encoding="utf-8") == "\n".join([
        _modeline(site, "directory/services", schemas / "service.json"), HEADER,
        "name: Sample Coaching", "organization: Sample Org", "service_types: [peer_coaching, warmline]",
        "phone: +1 512-555-0100", "how_to_start: Call us", 'last_verified: "2026-05-02"', ""])
    assert (site / "directory/online/texas/chat.yaml").read_text(encoding="utf-8") == "\n".join([
        _modeline(site, "directory/online/texas", schemas / "online.json"), HEADER,
        "name: Sample Chat", "slug: chat", "platform: [chat]", "url: https://chat.example.org",
        "how_to_join: Sign up", 'last_verified: "2026-06-01"', ""])
    assert run_pillar("validate", cwd=site).code == 0


def test_missing_required_flags_without_a_terminal(tmp_path):
    site = make_site(tmp_path, {})
    result = run_pillar("new", "meeting", "--name", "Sample Group", cwd=site)
    assert (result.code, result.out) == (2, "")
    assert result.err == ("pillar new meeting: missing --day, --time and one of --address, --conference-url, "
                          "--conference-phone — pass them as flags, or run pillar new in a terminal to be asked "
                          "for them\n")
    online = run_pillar("new", "online", "--platform", "forum", cwd=site)
    assert (online.code, online.err) == (2, "pillar new online: missing --name and --url — pass them as flags, "
                                            "or run pillar new in a terminal to be asked for them\n")
    appointment = run_pillar("new", "meeting", "--name", "X", "--day", "appointment", cwd=site)
    assert appointment.err.startswith("pillar new meeting: missing one of --address, --conference-url")
    assert not list((site / "directory").rglob("*.yaml"))


@pytest.mark.parametrize(("flags", "messages"), [
    (("--time", "7:30pm"),
     ['time: "7:30pm" is not a 24-hour time — did you mean "19:30"? (write a 24-hour time as HH:MM, '
      "e.g. 07:00 or 19:30)"]),
    (("--time", "19:30", "--types", "O,Opn"), ['types: unknown type code "Opn" — did you mean "O" (Open)?']),
    (("--time", "19:30", "--timezone", "America/Chicgo"),
     ['timezone: "America/Chicgo" is not a known IANA time zone — did you mean "America/Chicago"?']),
    (("--time", "25:00", "--conference-url", "http://zoom.example.org"),
     ['time: "25:00" is not a 24-hour time (write a 24-hour time as HH:MM, e.g. 07:00 or 19:30)',
      "conference_url: the link must use https:// so the connection is private — write a full web address "
      "starting with https://"]),
])
def test_invalid_values_are_refused_with_the_validators_message(tmp_path, flags, messages):
    site = make_site(tmp_path, {})
    result = run_pillar("new", "meeting", "--name", "Sample Group", "--day", "monday",
                        "--address", "1 Sample St", *flags, cwd=site)
    assert (result.code, result.out) == (1, "")
    expected = [f"pillar new meeting: {message}\n" for message in messages]
    assert result.err == "".join(expected) + "pillar new meeting: nothing written\n"
    assert not list((site / "directory").rglob("*.yaml"))


def test_refuses_to_overwrite_or_reuse_a_slug(tmp_path, today):
    existing = "name: Sample Group\nday: monday\ntime: \"19:30\"\naddress: 1 Sample St\n"
    site = make_site(tmp_path, {"meetings/sample-group.yaml": existing,
                                "meetings/austin/taken.yaml": existing.replace("Group", "Taken")
                                + "slug: sample-taken\n"})
    flags = ("--day", "monday", "--time", "19:30", "--address", "1 Sample St")
    again = run_pillar("new", "meeting", "--name", "Sample Group", *flags, cwd=site)
    assert (again.code, again.out) == (1, "")
    assert again.err == ("pillar new meeting: directory/meetings/sample-group.yaml already exists — edit that "
                         "file, or choose another name for this one with --slug\n")
    assert (site / "directory/meetings/sample-group.yaml").read_text(encoding="utf-8") == existing
    elsewhere = run_pillar("new", "meeting", "--name", "Other", "--slug", "sample-taken", *flags, cwd=site)
    assert (elsewhere.code, elsewhere.err) == (
        1, 'pillar new meeting: the slug "sample-taken" is already used by directory/meetings/austin/taken.yaml — '
           "choose another with --slug\n")
    wrong = run_pillar("new", "meeting", "--name", "Other", *flags, "--into", "directory/services", cwd=site)
    assert (wrong.code, wrong.err) == (2, "pillar new meeting: --into directory/services is not inside "
                                          "directory/meetings/ — a meeting's file must be there to be published\n")
    assert sorted(p.name for p in (site / "directory").rglob("*.yaml")) == ["sample-group.yaml", "taken.yaml"]
    outside = run_pillar("new", "meeting", "--name", "Other", *flags, "--into", "../services", cwd=site)
    assert (outside.code, outside.out) == (2, "")
    assert outside.err.startswith("pillar new meeting: --into ../services is not inside directory/meetings/ — ")


def test_into_a_folder_of_the_kinds_folder_by_its_name(tmp_path, today):
    site = make_site(tmp_path, {})
    flags = ("--day", "monday", "--time", "19:30", "--address", "1 Sample St")
    short = run_pillar("new", "meeting", "--name", "Sample Austin", *flags, "--into", "austin", cwd=site)
    assert (short.code, short.out, short.err) == (0, "directory/meetings/austin/sample-austin.yaml\n", "")
    deeper = run_pillar("new", "meeting", "--name", "Sample East", *flags, "--into", "texas/east", cwd=site)
    assert deeper.out == "directory/meetings/texas/east/sample-east.yaml\n"
    full = run_pillar("new", "meeting", "--name", "Sample Full", *flags, "--into", "directory/meetings/austin",
                      cwd=site)
    assert full.out == "directory/meetings/austin/sample-full.yaml\n"
    text = (site / "directory/meetings/austin/sample-austin.yaml").read_text(encoding="utf-8")
    assert text.startswith(_modeline(site, "directory/meetings/austin"))
    checked = run_pillar("validate", cwd=site)
    assert checked.code == 0 and "checked 3 listing files: 0 errors" in checked.err


def test_flags_belong_to_their_kind(tmp_path):
    site = make_site(tmp_path, {})
    result = run_pillar("new", "service", "--name", "X", "--day", "monday", cwd=site)
    assert result.code == 2
    assert result.err.splitlines()[-1] == "pillar: error: unrecognized arguments: --day monday"


def _terminal(args, answers, cwd: Path, timeout: float = 60) -> tuple[int, str]:
    """Run pillar on a pseudo-terminal; answer each ``(prompt, answer)`` once the prompt is shown.

    Returns the exit status and everything the terminal showed (echoed answers included), with
    the terminal's CRLF line ends made plain."""
    master, slave = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "pillar.cli", *args], cwd=cwd, stdin=slave,
                               stdout=slave, stderr=slave, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    os.close(slave)
    shown, seen = b"", 0
    deadline = time.monotonic() + timeout

    def read_more() -> bool:
        nonlocal shown
        ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"pillar stopped answering; the terminal shows:\n{shown.decode()}")
        try:
            chunk = os.read(master, 4096)
        except OSError:  # Linux: EIO once the process has closed the terminal
            return False
        shown += chunk
        return bool(chunk)

    try:
        for prompt, answer in answers:
            wanted = ("\n" + prompt).encode()
            while wanted not in shown.replace(b"\r\n", b"\n")[seen:]:
                if not read_more():
                    raise AssertionError(f"no prompt {prompt!r}; the terminal shows:\n{shown.decode()}")
            seen = shown.replace(b"\r\n", b"\n").index(wanted, seen) + len(wanted)
            os.write(master, answer.encode() + b"\n")
        while read_more():
            pass
        code = process.wait(timeout=timeout)
    finally:
        process.kill()
        os.close(master)
    return code, shown.decode().replace("\r\n", "\n")


def test_new_asks_in_a_terminal_and_asks_again_after_a_wrong_answer(tmp_path, today):
    site = make_site(tmp_path, {})
    answers = [("name: ", "Sample Porch Group"), ("day: ", "tue"), ("time: ", "7pm"), ("time: ", "19:00"),
               ("address: ", ""), ("conference_url: ", "https://meet.example.org/porch"),
               ("end_time: ", ""), ("types: ", "O, D"), ("location: ", ""), ("regions: ", "Texas, Austin"),
               ("timezone: ", ""), ("notes: ", "")]
    code, shown = _terminal(["new", "meeting", "--fellowship", "NA"], answers, site)
    optional = "optional — press Enter to skip"
    place = "one of address, conference_url, conference_phone is needed — press Enter to skip to the next"
    assert (code, shown) == (0, "\n".join([
        "New meeting listing: a few questions (Ctrl-C stops without writing anything).",
        "",
        "name (required): The name people know it by.",
        "name: Sample Porch Group",
        "",
        "day (required): One day, a list of days, or appointment. Type a weekday (monday), a number "
        "(0 = Sunday … 6 = Saturday), several with commas, or appointment.",
        "day: tue",
        "",
        "time (required): A 24-hour time, HH:MM.",
        "time: 7pm",
        '  time: "7pm" is not a 24-hour time — did you mean "19:00"? (write a 24-hour time as HH:MM, '
        "e.g. 07:00 or 19:30)",
        "time: 19:00",
        "",
        f"address ({place}): Either one formatted line, or the parts. Type it on one line: street, city, "
        "state and postal code, country.",
        "address: ",
        "",
        f"conference_url ({place}): A web address starting with https://.",
        "conference_url: https://meet.example.org/porch",
        "",
        f"end_time ({optional}): A 24-hour time, HH:MM.",
        "end_time: ",
        "",
        f"types ({optional}): Meeting Guide type codes (O open, C closed, D discussion …) or the fellowship's "
        "own format codes. Separate several with commas.",
        "types: O, D",
        "",
        f"location ({optional}): The building or place name, e.g. Sample Community Church.",
        "location: ",
        "",
        f"regions ({optional}): Region hierarchy, broadest first, e.g. [Texas, Austin, East Austin]. "
        "Separate several with commas.",
        "regions: Texas, Austin",
        "",
        f"timezone ({optional}): An IANA time zone such as America/Chicago. Defaults to the site's TIMEZONE.",
        "timezone: ",
        "",
        f"notes ({optional}): Anything else a newcomer should know, in plain words.",
        "notes: ",
        "directory/meetings/sample-porch-group.yaml",
        "",
    ]))
    assert (site / "directory/meetings/sample-porch-group.yaml").read_text(encoding="utf-8") == "\n".join([
        _modeline(site), HEADER, "name: Sample Porch Group", "fellowship: NA", "day: tuesday", 'time: "19:00"',
        "types: [O, D]", "regions: [Texas, Austin]", "conference_url: https://meet.example.org/porch",
        'last_verified: "2026-06-01"', ""])
    assert run_pillar("validate", cwd=site).code == 0


def test_new_in_a_terminal_asks_only_for_what_is_missing(tmp_path, today):
    site = make_site(tmp_path, {})
    answers = [("url: ", "http://forum.example.org"), ("url: ", "https://forum.example.org"),
               ("fellowship: ", "AAA"), ("fellowship: ", ""), ("how_to_join: ", "Register"), ("cost: ", "free"),
               ("notes: ", "")]
    code, shown = _terminal(["new", "online", "--name", "Sample Forum", "--platform", "forum"], answers, site)
    assert code == 0, shown
    assert "  url: the link must use https:// so the connection is private" in shown
    assert '  fellowship: "AAA" is not allowed — did you mean "AA"?' in shown
    assert "name: " not in shown.replace("Sample Forum", "")
    assert shown.endswith("\ndirectory/online/sample-forum.yaml\n")
    text = (site / "directory/online/sample-forum.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[2:] == ["name: Sample Forum", "platform: [forum]", "cost: free",
                                     "url: https://forum.example.org", "how_to_join: Register",
                                     'last_verified: "2026-06-01"']


# --- pillar report stale ----------------------------------------------------------------------


def _listing(name: str, regions: str = "", verified: str = "", folder: str = "meetings") -> str:
    fields = {"meetings": 'day: monday\ntime: "19:30"\naddress: 1 Sample St\n',
              "services": "organization: Sample Org\nservice_types: [warmline]\nphone: 512-555-0100\n",
              "online": "platform: [forum]\nurl: https://forum.example.org\n"}[folder]
    text = f"name: {name}\n{fields}"
    text += f"regions: {regions}\n" if regions else ""
    return text + (f'last_verified: "{verified}"\n' if verified else "")


STALE_SITE = {
    "meetings/austin/east.yaml": _listing("Sample East Austin Group", "[Texas, Austin, East Austin]", "2024-01-10"),
    "meetings/austin/never.yaml": _listing("Sample Never Checked", "[Texas, Austin]"),
    "meetings/denver/fresh.yaml": _listing("Sample Denver Group", "[Colorado, Denver]", "2026-04-01"),
    "services/warmline.yaml": _listing("Sample Texas Warmline", "[Texas]", "2025-06-01", "services"),
    "online/forum.yaml": _listing("Sample Forum", "", "2025-05-31", "online"),
    "meetings/broken.yaml": "name: Broken\n",
}


def test_report_stale_groups_by_region_oldest_first(tmp_path, today):
    site = make_site(tmp_path, STALE_SITE)
    result = run_pillar("report", "stale", cwd=site)
    assert (result.code, result.out) == (0, "\n".join([
        "Texas / Austin",
        "  directory/meetings/austin/never.yaml  Sample Never Checked      never",
        "  directory/meetings/austin/east.yaml   Sample East Austin Group  2024-01-10  873 days",
        "No region",
        "  directory/online/forum.yaml           Sample Forum              2025-05-31  366 days",
        "pillar report stale: 3 of 5 listings last verified more than 12 months ago (before 2025-06-01) or never",
        "",
    ]))
    assert result.err == ("pillar report stale: 1 listing file has an error and is left out — "
                          "pillar validate shows the problems\n")


def test_report_stale_older_than_six_weeks_and_csv(tmp_path, today):
    site = make_site(tmp_path, STALE_SITE)
    result = run_pillar("report", "stale", "--older-than", "6w", "--format", "csv", cwd=site)
    assert (result.code, result.out) == (0, "\n".join([
        "region,path,name,last_verified,age_days",
        "Colorado / Denver,directory/meetings/denver/fresh.yaml,Sample Denver Group,2026-04-01,61",
        "Texas,directory/services/warmline.yaml,Sample Texas Warmline,2025-06-01,365",
        "Texas / Austin,directory/meetings/austin/never.yaml,Sample Never Checked,,",
        "Texas / Austin,directory/meetings/austin/east.yaml,Sample East Austin Group,2024-01-10,873",
        "No region,directory/online/forum.yaml,Sample Forum,2025-05-31,366",
        "",
    ]))
    assert result.err.splitlines()[0] == ("pillar report stale: 5 of 5 listings last verified more than 6 weeks "
                                          "ago (before 2026-04-20) or never")
    text = run_pillar("report", "stale", "--older-than", "6w", cwd=site)
    assert [line.split()[0] for line in text.out.splitlines()[:-1] if line.startswith("  ")] == [
        "directory/meetings/denver/fresh.yaml", "directory/services/warmline.yaml",
        "directory/meetings/austin/never.yaml", "directory/meetings/austin/east.yaml",
        "directory/online/forum.yaml"]


def test_report_stale_nothing_stale_and_strict(tmp_path, today):
    site = make_site(tmp_path, {k: v for k, v in STALE_SITE.items() if "fresh" in k})
    result = run_pillar("report", "stale", cwd=site)
    assert (result.code, result.out, result.err) == (0, "pillar report stale: 0 of 1 listing last verified more "
                                                        "than 12 months ago (before 2025-06-01) or never\n", "")
    assert run_pillar("report", "stale", "--strict", cwd=site).code == 0
    assert run_pillar("report", "stale", "--strict", "--older-than", "30d", cwd=site).code == 1


@pytest.mark.parametrize("age", ["soon", "12", "m", "3 days", "1.5y"])
def test_report_stale_bad_age(tmp_path, age):
    site = make_site(tmp_path, {})
    result = run_pillar("report", "stale", "--older-than", age, cwd=site)
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines()[-1] == (
        f'pillar report stale: error: argument --older-than: "{age}" is not an age — write a number and a unit: '
        "90d (days), 6w (weeks), 12m (months) or 1y (years)")


def test_report_stale_bad_clock(tmp_path, monkeypatch):
    site = make_site(tmp_path, {})
    monkeypatch.setenv("PILLAR_TODAY", "June 1")
    result = run_pillar("report", "stale", cwd=site)
    assert (result.code, result.out, result.err) == (
        2, "", "pillar report stale: PILLAR_TODAY='June 1' is not a date — write YYYY-MM-DD, or unset it\n")


def test_counts_are_said_in_the_singular_for_one(tmp_path, today):
    site = make_site(tmp_path, {"meetings/a.yaml": "name: Sample A\nday: monday\ntime: \"19:30\"\naddress: 1 Sample St\n"})
    checked = run_pillar("validate", cwd=site)
    assert checked.err.strip() == "pillar: checked 1 listing file: 0 errors, 1 warning"
