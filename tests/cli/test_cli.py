"""The pillar command as a volunteer and CI use it: exit codes, messages, and what it writes."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from helpers import REPO, make_site, run_pillar

GOOD = """\
name: Sample Group
day: monday
time: "19:30"
address: 1 Sample St, Austin, TX
"""
BAD = GOOD.replace("monday", "mondy") + "adress: x\n"


def test_validate_the_sample_directory():
    result = run_pillar("validate")
    assert result.code == 0, result.out + result.err
    assert result.out == ""
    assert "0 errors, 0 warnings" in result.err


def test_validate_reports_every_problem_and_exits_1(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": BAD, "meetings/b.yaml": GOOD.replace("Group", "Other")})
    result = run_pillar("validate", cwd=site)
    assert result.code == 1
    assert result.out.splitlines() == [
        'directory/meetings/a.yaml:2:6: day: "mondy" is not allowed — did you mean "monday"? (write a weekday '
        "such as monday, a list such as [monday, thursday], or appointment)",
        'directory/meetings/a.yaml:5:1: unknown field "adress" — did you mean "address"?',
    ]
    assert result.err.strip() == "pillar: checked 2 listing files: 2 errors, 0 warnings"
    assert "Traceback" not in result.err


def test_validate_given_files_only(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": BAD, "meetings/b.yaml": GOOD})
    result = run_pillar("validate", "directory/meetings/b.yaml", cwd=site)
    assert result.code == 0, result.out
    missing = run_pillar("validate", "directory/meetings/nope.yaml", cwd=site)
    assert missing.code == 2
    assert "no such file or folder: directory/meetings/nope.yaml" in missing.err


def test_validate_github_annotations(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": GOOD + "last_verified: 2999-01-01\nadress: x\n"})
    result = run_pillar("validate", "--format", "github", cwd=site)
    assert result.code == 1
    assert result.out.splitlines() == [
        "::warning file=directory/meetings/a.yaml,line=5,col=16::last_verified: 2999-01-01 is in the future "
        "— write the date it was last checked",
        '::error file=directory/meetings/a.yaml,line=6,col=1::unknown field "adress" — did you mean "address"?',
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A site of one good listing, built once by ``pillar build``; tests that change it change a copy."""
    site = make_site(tmp_path_factory.mktemp("built"), {"meetings/a.yaml": GOOD})
    result = run_pillar("build", cwd=site)
    assert result.code == 0, result.err
    return site


def copy_of(site: Path, into: Path) -> Path:
    """The built site, its output and what the build keeps beside it, as a site of its own in ``into``."""
    return shutil.copytree(site, into / "site")


def test_build_writes_the_site(built):
    page = (built / "output" / "meetings" / "sample-group" / "index.html").read_text()
    assert "<h1>Sample Group</h1>" in page
    assert not (built / ".output.building").exists()


def test_build_refuses_an_invalid_directory_and_keeps_the_old_site(built, tmp_path):
    site = copy_of(built, tmp_path)
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    (site / "directory" / "meetings" / "b.yaml").write_text(BAD)
    result = run_pillar("build", cwd=site)
    assert result.code == 1
    assert 'directory/meetings/b.yaml:5:1: unknown field "adress" — did you mean "address"?' in result.err
    assert "2 problems in the directory — nothing was published" in result.err
    assert "Traceback" not in result.err
    after = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    assert after == before
    assert not (site / ".output.building").exists()


def test_plain_pelican_refuses_too_without_a_traceback(tmp_path):
    import subprocess
    import sys

    site = make_site(tmp_path, {"meetings/b.yaml": BAD})
    done = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"], cwd=site,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert 'directory/meetings/b.yaml:5:1: unknown field "adress"' in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (site / "output" / "index.html").exists()


def test_strict_turns_warnings_into_errors(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": GOOD + "last_verified: 2999-01-01\n"})
    relaxed = run_pillar("build", cwd=site)
    assert relaxed.code == 0
    assert "directory/meetings/a.yaml:5:16: warning: last_verified: 2999-01-01 is in the future" in relaxed.err
    strict = run_pillar("build", "--strict", cwd=site)
    assert strict.code == 1
    assert "(warnings count, --strict) — nothing was published" in strict.err


def test_extra_settings_override_pelicanconf(built, tmp_path):
    assert "<strong>Sample data:</strong>" in (built / "output" / "index.html").read_text()
    site = copy_of(built, tmp_path)
    result = run_pillar("build", "-e", "SAMPLE_DATA_NOTICE=false", 'SITENAME="Austin Meetings"', cwd=site)
    assert result.code == 0, result.err
    home = (site / "output" / "index.html").read_text()
    assert "<strong>Sample data:</strong>" not in home
    assert "<title>Austin Meetings</title>" in home


def test_bad_settings_are_named(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": GOOD})
    result = run_pillar("build", "-e", 'TIMEZONE="Mars/Olympus"', "SAMPLE_DATA_NOTICE=1",
                        'HELP_LINES=[{"name": "X", "url": "javascript:x"}]', cwd=site)
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "pelicanconf.py: SAMPLE_DATA_NOTICE must be True or False, not 1",
        "pelicanconf.py: TIMEZONE 'Mars/Olympus' is not an IANA time zone — use a name such as 'America/Chicago'",
        "pelicanconf.py: HELP_LINES entry 1: url must start with https://, tel:, sms: or mailto:",
    ]
    bad_json = run_pillar("build", "-e", "SITENAME=not json", cwd=site)
    assert bad_json.code == 2
    assert "Invalid JSON value: not json" in bad_json.err


@pytest.mark.parametrize("text, message", [
    ('SITENAME = "x"\nOUTPUT_PATH = \n', "pelicanconf.py:2:15: invalid syntax — fix the settings file"),
    ('SITENAME = "x"\nTIMEZONE = ZONE\n',
     "pelicanconf.py:2:1: NameError: name 'ZONE' is not defined — fix the settings file"),
])
def test_a_broken_settings_file_is_named_with_its_line(tmp_path, text, message):
    (tmp_path / "pelicanconf.py").write_text(text)
    result = run_pillar("build", cwd=tmp_path)
    assert result.code == 1 and result.err.strip() == message


def test_missing_settings_file(tmp_path):
    result = run_pillar("build", cwd=tmp_path)
    assert result.code == 1
    assert "no settings file 'pelicanconf.py'" in result.err


def test_help_lists_the_subcommands():
    result = run_pillar("--help")
    assert result.code == 0
    assert "build" in result.out and "validate" in result.out


def test_schemas_are_valid_json_schema():
    from jsonschema import Draft202012Validator

    for name in ("definitions", "meeting", "service", "online"):
        Draft202012Validator.check_schema(json.loads((REPO / "plugins/pillar/schema" / f"{name}.json").read_text()))


def test_a_template_that_fails_on_one_listing_stops_the_build_naming_its_page(tmp_path):
    listings = {f"meetings/group-{n}.yaml": GOOD.replace("Sample Group", f"Group {n}") for n in range(200)}
    listings["meetings/broken.yaml"] = GOOD.replace("Sample Group", "Broken Group")
    theme = shutil.copytree(REPO / "theme", tmp_path / "theme")
    site = make_site(tmp_path / "site", listings, f"THEME = {str(theme)!r}\nBUILD_JOBS = 2\n")
    assert run_pillar("build", cwd=site).code == 0
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    # A theme's change that fails on one listing only, in whichever process writes its page.
    meeting = theme / "templates" / "meeting.html"
    meeting.write_text(meeting.read_text().replace(
        "{% block content %}", '{% block content %}{% if m.name == "Broken Group" %}{{ 1 // 0 * m.name|length }}'
                               "{% endif %}", 1))
    result = run_pillar("build", cwd=site)
    assert result.code == 1
    assert result.err.strip().splitlines()[-1] == (
        "pillar: writing meetings/broken-group/index.html failed: ZeroDivisionError: integer division or modulo "
        "by zero — nothing was published; the traceback above says where")
    assert "Traceback" in result.err and "meeting.html" in result.err  # the template's line, for whoever fixes it
    after = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    assert after == before
    assert not (site / ".output.building").exists()


def test_the_old_site_is_deleted_in_the_background_after_a_rebuild(built, tmp_path):
    site = copy_of(built, tmp_path)
    (site / "directory" / "meetings" / "b.yaml").write_text(GOOD.replace("Sample Group", "Other Group"))
    assert run_pillar("build", cwd=site).code == 0
    assert (site / "output" / "meetings" / "other-group" / "index.html").is_file()
    deadline = time.monotonic() + 60  # the deleter is a process of its own: it may still be at work
    while list(site.glob(".output.old.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(site.glob(".output.old.*")) == []
