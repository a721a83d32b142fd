"""Digests of explicit values, the same in every process, and the survey of what a build reads."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from pillar.directory.model import Address, Meeting, Service
from pillar.fingerprint import Inputs, digest, survey

MEETING = Meeting(slug="a", name="Sample A", source="directory/meetings/a.yaml", days=(1,), time="19:30",
                  address=Address(street="1 Sample St", city="Austin"), latitude=30.27, longitude=-97.74,
                  last_verified=dt.date(2026, 11, 1), regions=("Texas", "Austin"))


def test_the_same_values_give_the_same_digest_in_any_process():
    code = ("import datetime as dt; from pillar.fingerprint import digest; from pillar.directory.model import Address, Meeting;"
            "print(digest({'b': {3, 1, 2}, 'a': [dt.date(2026, 1, 2), b'bytes', 1.5, None, True]},"
            " Meeting(slug='a', name='A', source='a.yaml', address=Address(city='Austin'))))")
    told = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2", "3")}
    assert told == {digest({"a": [dt.date(2026, 1, 2), b"bytes", 1.5, None, True], "b": {1, 2, 3}},
                           Meeting(slug="a", name="A", source="a.yaml", address=Address(city="Austin")))}


@pytest.mark.parametrize("one, other", [
    ("ab", ["a", "b"]),
    (1, True),
    (1, "1"),
    (None, ""),
    (b"a", "a"),
    (dt.date(2026, 1, 2), "2026-01-02x"),
    (MEETING, Service(slug="a", name="Sample A", source="directory/meetings/a.yaml")),
    (MEETING, replace(MEETING, time="19:31")),
    (MEETING, replace(MEETING, address=Address(street="1 Sample St", city="Austin", state="TX"))),
    ((MEETING,), (MEETING, MEETING)),
])
def test_different_values_give_different_digests(one, other):
    assert digest(one) != digest(other)


@pytest.mark.parametrize("value", [object(), lambda: None, print, Meeting, open])
def test_a_value_with_no_explicit_writing_is_refused(value):
    with pytest.raises(TypeError, match="has no place in a digest"):
        digest({"inside": [value]})


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=20)


def _reordered(value):
    if isinstance(value, dict):
        return {key: _reordered(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reordered(item) for item in value]
    return value


@given(JSON)
def test_the_order_in_which_a_mapping_was_made_does_not_count(value):
    assert digest(value) == digest(_reordered(value))


@given(st.text(min_size=1), st.text(min_size=1))
def test_any_change_to_a_listing_changes_its_digest(name, notes):
    changed = replace(MEETING, name=name, notes=notes)
    assert (digest(changed) == digest(MEETING)) == (changed == MEETING)


def _site(root: Path) -> Inputs:
    (root / "directory" / "meetings").mkdir(parents=True)
    (root / "directory" / "meetings" / "a.yaml").write_text("name: A\n")
    (root / "theme").mkdir()
    (root / "theme" / "base.html").write_text("<p>")
    (root / "pelicanconf.py").write_text('SITENAME = "A"\n')
    (root / "cache.json").write_text("{}")
    return Inputs(str(root / "pelicanconf.py"), {"SITENAME": '"B"'}, str(root), (str(root / "theme"),),
                  str(root / "directory"), (str(root / "cache.json"),))


def test_the_fingerprint_changes_with_anything_a_build_reads_and_only_then(tmp_path):
    inputs = _site(tmp_path)
    first = survey(inputs)
    assert survey(inputs) == first
    assert first.directory_files == {str(tmp_path / "directory" / "meetings" / "a.yaml"): (
        8, (tmp_path / "directory" / "meetings" / "a.yaml").stat().st_mtime_ns)}
    changes = [
        lambda: (tmp_path / "directory" / "meetings" / "a.yaml").write_text("name: AB\n"),
        lambda: (tmp_path / "directory" / "meetings" / "b.yaml").write_text("name: B\n"),
        lambda: (tmp_path / "theme" / "base.html").write_text("<div>"),
        lambda: (tmp_path / "pelicanconf.py").write_text('SITENAME = "C"\n'),
        lambda: (tmp_path / "cache.json").unlink(),
    ]
    seen = {first.fingerprint}
    for change in changes:
        change()
        now = survey(inputs)
        assert now.fingerprint not in seen
        seen.add(now.fingerprint)
    overridden = survey(replace(inputs, overrides={"SITENAME": '"D"'}))
    assert overridden.fingerprint not in seen and overridden.settings != survey(inputs).settings
