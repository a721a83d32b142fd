"""Every output escaper: outside text never breaks out of the terminal, a workflow command or a CSV cell."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, strategies as st

from pillar.cli import report
from pillar.directory.model import Problem
from pillar.directory.safetext import (FORMULA_START, UNSAFE, csv_cell, for_terminal, github_command, github_data,
                             github_property)

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
"""Any code points, lone surrogates, controls and bidirectional overrides included."""
HOSTILE = st.text(st.sampled_from("aé:,%=+-@\t\r\n\x00\x1b\x85\u2028\u2029\u202e\u2066\u200b\ufeff\ud800"),
                  max_size=30)
TEXTS = ANY_TEXT | HOSTILE


def github_unescape(text: str) -> str:
    """What GitHub's runner makes of an escaped value."""
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


@pytest.mark.parametrize("text, shown", [
    ("plain words, café, 会議", "plain words, café, 会議"),
    ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),
    ("moc.elgoog\u202e.evil", "moc.elgoog\\u202e.evil"),
    ("a\x00b\rc\nd\te", "a\\x00b\\x0dc\\x0ad\\x09e"),
    ("\ud800", "\\ud800"),
    ("line\u2028break\x85", "line\\u2028break\\x85"),
])
def test_terminal_text_shows_what_it_would_act_on(text, shown):
    assert for_terminal(text) == shown


def test_a_problem_prints_its_file_and_message_escaped():
    problem = Problem("directory/meetings/x\n::error::forged.yaml", 1, 2, 'name: "\x1b]0;title\x07" \u202eok')
    assert str(problem) == ('directory/meetings/x\\x0a::error::forged.yaml:1:2: name: "\\x1b]0;title\\x07" '
                            "\\u202eok")


def test_a_file_name_cannot_forge_an_annotation():
    line = github_command("error", "bad\n::warning::fake", file="a\n::error file=x.yaml::forged,x:y.yaml", line=1,
                          col=2)
    assert line == ("::error file=a\\x0a%3A%3Aerror file=x.yaml%3A%3Aforged%2Cx%3Ay.yaml,line=1,col=2::"
                    "bad\\x0a::warning::fake")


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"https://evil.example\",\"click\")", "'=HYPERLINK(\"https://evil.example\",\"click\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(1)", "'@SUM(1)"),
    ("\t=1", "\\x09=1"), ("\r\n=1", "\\x0d\\x0a=1"), ("-\u202e1", "'-\\u202e1"), ("Sample Group", "Sample Group"),
    (-3, -3), ("", ""),
])
def test_csv_cells_that_would_be_formulas_stay_text(value, cell):
    assert csv_cell(value) == cell


def test_the_stale_report_csv_escapes_formulas():
    rows = [report.Row("=1+1", "directory/meetings/@x.yaml", "+cmd|' /C calc'!A0", dt.date(2020, 1, 1), 2000)]
    (_, row) = list(csv.reader(io.StringIO(report.csv_report(rows))))
    assert row == ["'=1+1", "directory/meetings/@x.yaml", "'+cmd|' /C calc'!A0", "2020-01-01", "2000"]


def test_the_stale_report_text_escapes_control_characters():
    rows = [report.Row("Texas", "directory/meetings/x.yaml", "A\x1b[2JB", None, None)]
    assert "\x1b" not in report.text_report(rows) and "A\\x1b[2JB" in report.text_report(rows)


# Properties

@given(TEXTS)
def test_terminal_text_holds_nothing_a_terminal_acts_on_and_can_be_printed(text):
    shown = for_terminal(text)
    assert not UNSAFE.search(shown)
    shown.encode("utf-8")  # no lone surrogates left: printing cannot fail
    if not UNSAFE.search(text):
        assert shown == text


@given(TEXTS)
def test_workflow_data_is_one_line_and_reads_back(text):
    data = github_data(text)
    assert "\r" not in data and "\n" not in data
    assert github_unescape(data.replace(":", "%3A").replace(",", "%2C")) == for_terminal(text)


@given(TEXTS)
def test_workflow_properties_hold_no_separator_and_read_back(text):
    value = github_property(text)
    assert not set(value) & {"\r", "\n", ":", ","}
    assert github_unescape(value) == for_terminal(text)


@given(level=st.sampled_from(["error", "warning"]), message=TEXTS, path=TEXTS,
       line=st.integers(1, 10**6), col=st.integers(1, 10**6))
def test_a_workflow_command_is_exactly_the_annotation_asked_for(level, message, path, line, col):
    command = github_command(level, message, file=path, line=line, col=col)
    assert "\n" not in command and "\r" not in command
    head, _, body = command[2:].partition("::")
    kind, _, properties = head.partition(" ")
    assert kind == level
    parsed = dict(item.split("=", 1) for item in properties.split(","))
    assert list(parsed) == ["file", "line", "col"]
    assert github_unescape(parsed["file"]) == for_terminal(path)
    assert (parsed["line"], parsed["col"]) == (str(line), str(col))
    assert github_unescape(body.replace(":", "%3A").replace(",", "%2C")) == for_terminal(message)


@given(st.lists(st.tuples(TEXTS, TEXTS, TEXTS), max_size=5))
def test_no_csv_cell_starts_a_formula_and_nothing_else_changes(cells):
    rows = [report.Row(region, path, name, None, None) for region, path, name in cells]
    read = list(csv.reader(io.StringIO(report.csv_report(rows), newline="")))[1:]
    assert len(read) == len(rows)
    for row, (region, path, name) in zip(read, cells):
        for cell, original in zip(row[:3], (region, path, name)):
            assert not cell.startswith(FORMULA_START)
            shown = for_terminal(original)
            assert cell == shown or (cell == "'" + shown and shown.startswith(FORMULA_START))


def test_every_unsafe_character_is_one_python_calls_unprintable():
    """checks.py skips the search for printable text: that must never skip an unsafe character."""
    assert all(not chr(code).isprintable() for code in range(0x110000) if UNSAFE.match(chr(code)))
