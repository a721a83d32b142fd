"""Reading listing files is total: any bytes give a listing or problems at real positions, never a
traceback or a hang — through both readers (the everyday fast path and PyYAML's)."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pillar.directory import loader, yamlpos
from pillar.directory.yamllimits import FORBIDDEN, MAX_DEPTH, MAX_ITEMS, MAX_TEXT

OPTIONS = loader.LoadOptions(today=dt.date(2026, 11, 25))
LISTING = """\
name: Sample Group
day: [monday, thursday]
time: "19:30"
types: [O, D]
address:
  street: 1 Sample St
  city: Austin
regions: [Texas, Austin]
notes: Ring the bell
"""
PIECES = ["!!int ", "!!binary ", "!foo ", "&a ", "*a ", "<<: ", "[", "]", "{", "}", "- ", ": ", "? ", "|\n",
          ">\n", "'", '"', "\\", "\\0", "\\e", "\\ud800", "\\U0010ffff", "#", "\t", "\n", "\r", "\r\n", "  ",
          "\x00", "\x1b", "\x85", "\u2028", "\u2029", "\u202e", "\ufeff", "\ufffe", "---\n", "...\n", "%YAML 1.1\n",
          "1" * 5000, "1.0e999", "~", "null", "true", ".inf", "x" * 300, "é", "会議"]
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
"""Any code points: controls, lone surrogates, line and paragraph separators, noncharacters."""


@st.composite
def mutated(draw):
    """The everyday listing with hostile pieces put in anywhere."""
    text = LISTING
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(PIECES) | TEXT) + text[at:]
    return text


@st.composite
def nested(draw):
    """Deep or long structures, written in block or flow style."""
    depth, width = draw(st.integers(1, MAX_DEPTH + 3)), draw(st.sampled_from([1, 2, MAX_ITEMS, MAX_ITEMS + 1]))
    flow = "[" * depth + ", ".join(["x"] * width) + "]" * depth
    block = "".join(" " * level + "k:\n" for level in range(depth)) + " " * depth + "k: x\n"
    return draw(st.sampled_from([f"name: {flow}\n", "a:\n" + "".join(" " + line + "\n" for line in block.splitlines())]))


ANY_TEXT = st.one_of(TEXT, mutated(), nested())


def editor_lines(text: str) -> int:
    """How many lines an editor shows (CR LF, CR and LF each end one)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def check_value(value, depth=1):
    """Whatever is read stays within the documented limits, and can be printed and stored."""
    if isinstance(value, dict):
        assert depth <= MAX_DEPTH and len(value) <= MAX_ITEMS
        for key, item in value.items():
            check_value(key, depth + 1)
            check_value(item, depth + 1)
    elif isinstance(value, list):
        assert depth <= MAX_DEPTH and len(value) <= MAX_ITEMS
        for item in value:
            check_value(item, depth + 1)
    elif isinstance(value, str):
        assert len(value) <= MAX_TEXT and not FORBIDDEN.search(value)
        value.encode("utf-8")
    elif isinstance(value, float):
        assert value == value and abs(value) != float("inf")
    else:
        assert value is None or isinstance(value, (bool, int))


@given(ANY_TEXT)
def test_the_yaml_reader_is_total(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the loader reads a file
    data, problems = yamlpos.load(text)
    if data is not None:  # (None with no problem: an empty document, "~" or "null", which the loader explains)
        check_value(data)
        json.dumps(data)
    for problem in problems:
        assert 1 <= problem.line <= editor_lines(text) and problem.col >= 1, (problem, text)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(ANY_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")), st.binary(max_size=300)))
def test_a_listing_file_of_any_bytes_gives_a_listing_or_problems(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "directory" / "meetings" / "x.yaml"
        path.parent.mkdir(parents=True)
        path.write_bytes(raw)
        listing, problems, _ = loader.load_file(path, "meetings", "directory/meetings/x.yaml", OPTIONS)
        text = raw.decode("utf-8", "replace")
    assert listing is not None or any(p.is_error for p in problems)
    for problem in problems:
        assert 1 <= problem.line <= editor_lines(text) and problem.col >= 1, (problem, raw)
        str(problem).encode("utf-8")  # printable, whatever the file held
        assert not FORBIDDEN.search(str(problem).replace("\t", " "))
    if listing is not None:
        check_value([listing.name, list(listing.regions), listing.notes])


def test_a_file_past_the_size_limit_is_not_read_at_all(tmp_path):
    path = tmp_path / "directory" / "meetings" / "big.yaml"
    path.parent.mkdir(parents=True)
    with open(path, "wb") as out:
        out.write(LISTING.encode())
        out.seek(10 * 1024 * 1024 * 1024)  # a sparse 10 GB file: reading it would take minutes
        out.write(b"\n")
    listing, (problem,), _ = loader.load_file(path, "meetings", "x.yaml", OPTIONS)
    assert listing is None and problem.message == ("the file is larger than 256 KB, the most a listing file may "
                                                   "be — one file holds one listing")
    os.remove(path)
