"""The cache file: keys, stable text, atomic writes, unreadable files."""

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from pillar.geo import geocache
from pillar.geo.geocache import Entry


@pytest.mark.parametrize("address, countries, key", [
    ("1 Sample St., Austin, TX", (), "1 sample st austin tx"),
    ("  1 SAMPLE st  austin tx ", (), "1 sample st austin tx"),
    ("Calle Ñandú 3, México", (), "calle ñandú 3 méxico"),
    ("1 Sample St", ("us", "ca"), "1 sample st @ca,us"),
])
def test_normalize(address, countries, key):
    assert geocache.normalize(address, countries) == key


def test_text_is_sorted_and_leaves_defaults_out(tmp_path):
    entries = {"b": Entry("nominatim", "2026-01-02", latitude=1.5, longitude=2.5, display_name="B"),
               "a": Entry("nominatim", "2026-01-01", found=False)}
    text = geocache.dumps(entries)
    assert text == ('{\n  "a": {\n    "date": "2026-01-01",\n    "found": false,\n    "service": "nominatim"\n  },\n'
                    '  "b": {\n    "date": "2026-01-02",\n    "display_name": "B",\n    "latitude": 1.5,\n'
                    '    "longitude": 2.5,\n    "service": "nominatim"\n  }\n}\n')
    path = tmp_path / "cache.json"
    geocache.save(path, entries)
    assert geocache.load(path) == entries
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


def test_missing_file_is_an_empty_cache(tmp_path):
    assert geocache.load(tmp_path / "none.json") == {}


@pytest.mark.parametrize("text, message", [
    ('{"a": ', "the geocode cache cannot be read"),
    ("[]", "the geocode cache must be a JSON object"),
    ('{"a": {"date": "x"}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": "x", "service": "s", "colour": 1}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": "x", "service": "s", "latitude": "thirty"}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": "x", "service": "s", "latitude": NaN}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": "x", "service": "s", "longitude": -Infinity}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": "x", "service": "s", "latitude": 91}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": "x", "service": "s", "found": "yes"}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": 7, "service": "s"}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": "x", "service": "s", "timezone": "Mars/Olympus"}}', "the entry 'a' is not a geocode answer"),
    ('{"a": {"date": "x", "service": "s", "display_name": "\\ud800"}}', "the entry 'a' is not a geocode answer"),
    ('{"\\udfff": {"date": "x", "service": "s"}}', "is not a geocode answer"),
])
def test_unreadable_cache(tmp_path, text, message):
    path = tmp_path / "cache.json"
    path.write_text(text)
    with pytest.raises(geocache.CacheError) as raised:
        geocache.load(path)
    assert message in str(raised.value) and str(path) in str(raised.value)


def test_a_failed_write_leaves_the_old_cache(tmp_path, monkeypatch):
    path = tmp_path / "cache.json"
    geocache.save(path, {"a": Entry("s", "d")})
    monkeypatch.setattr(geocache.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        geocache.save(path, {"a": Entry("s", "d"), "b": Entry("s", "d")})
    assert json.loads(path.read_text()) == {"a": {"date": "d", "service": "s"}}
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


ENTRY_VALUES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.lists(
    st.integers(), max_size=2)


@given(st.dictionaries(st.text(max_size=8), st.dictionaries(st.sampled_from(
    ["service", "date", "found", "latitude", "longitude", "display_name", "approximate", "suspect", "timezone",
     "other"]), ENTRY_VALUES, max_size=9), max_size=3))
def test_any_cache_file_is_read_or_refused_with_a_message(raw):
    """A pull request may edit the cache: whatever it holds, the cache reads as entries a build can use,
    or is refused with a message — never a crash later on."""
    import math
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cache.json"
        path.write_text(json.dumps(raw), encoding="utf-8")
        try:
            entries = geocache.load(path)
        except geocache.CacheError as error:
            assert str(path) in str(error)
            return
    for entry in entries.values():
        for coordinate, most in ((entry.latitude, 90), (entry.longitude, 180)):
            assert coordinate is None or (math.isfinite(coordinate) and abs(coordinate) <= most)
        assert isinstance(entry.found, bool) and isinstance(entry.timezone, str)
