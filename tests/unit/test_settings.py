"""Settings: defaults, and every bad value named at once."""

import pytest

from pillar import settings


def base(tmp_path, **values):
    (tmp_path / "directory").mkdir(exist_ok=True)
    return {"PATH": str(tmp_path / "content"), "TIMEZONE": "America/Chicago", **values}


def test_defaults(tmp_path):
    read = settings.read(base(tmp_path))
    assert read.directory == tmp_path / "directory"
    assert read.sample_notice is True and read.strict is False
    assert [line.name for line in read.help_lines] == ["988 Suicide & Crisis Lifeline", "SAMHSA National Helpline"]
    assert [line.tel for line in read.help_lines] == ["tel:988", "tel:18006624357"]


@pytest.mark.parametrize("values, messages", [
    ({"SAMPLE_DATA_NOTICE": "no"}, ["SAMPLE_DATA_NOTICE must be True or False, not 'no'"]),
    ({"DIRECTORY_PATH": 3}, ["DIRECTORY_PATH must be text, not 3"]),
    ({"TIMEZONE": "Central"}, ["TIMEZONE 'Central' is not an IANA time zone — use a name such as 'America/Chicago'"]),
    ({"HELP_LINES": "988"}, ["HELP_LINES must be a list of {name, text, phone, sms, url} entries"]),
    ({"HELP_LINES": [{"phone": "1"}, {"name": "X"}, {"name": "Y", "url": "javascript:x", "fax": 1}]},
     ["HELP_LINES entry 1 needs a name (a dict such as {'name': …, 'phone': …})",
      "HELP_LINES entry 2 needs a phone or a url",
      "HELP_LINES entry 3: unknown key 'fax' — use name, text, phone, sms and url",
      "HELP_LINES entry 3: url must start with https://, tel:, sms: or mailto:"]),
    ({"HELP_LINES": [{"name": "X", "phone": "1", "sms": "text us"}]},
     ["HELP_LINES entry 1: sms must be a number that takes text messages, such as '988' or '741741'"]),
    ({"FINDER_UNITS": "miles", "FINDER_RADII": [0, 5]},
     ["FINDER_UNITS must be 'mi' or 'km', not 'miles'", "FINDER_RADII must be a list of whole distances such as "
                                                           "[1, 5, 10, 25]"]),
    ({"MAP_TILES": "http://tiles.example.org/{z}/{x}.png", "REPO_URL": "javascript:x"},
     ["MAP_TILES must be an https:// address", "REPO_URL must be an https:// address or empty",
      "MAP_TILES must contain {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png"]),
    ({"DIRECTORY_BOUNDS": [40, -100, 30, -90]},
     ["DIRECTORY_BOUNDS must be [south, west, north, east] in degrees (or a dict with those keys), or a list of "
      "country codes such as ['us']"]),
    ({"DIRECTORY_BOUNDS": ["usa"], "DIRECTORY_GEOCODER": {"service": "nominatim", "timeout": "soon"}},
     ["DIRECTORY_GEOCODER timeout must be a number of seconds, not 'soon'",
      "DIRECTORY_BOUNDS countries must be two-letter codes such as ['us', 'ca']"]),
    ({"DIRECTORY_GEOCODE_MAX_WAIT_SECONDS": -1, "DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES": float("inf")},
     ["DIRECTORY_GEOCODE_MAX_WAIT_SECONDS must be a number of seconds (0 or more), not -1",
      "DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES must be a number of minutes (0 or more), or None for no limit, not inf"]),
    ({"DIRECTORY_GEOCODE_MAX_WAIT_SECONDS": None, "DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES": "1h"},
     ["DIRECTORY_GEOCODE_MAX_WAIT_SECONDS must be a number of seconds (0 or more), not None",
      "DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES must be a number of minutes (0 or more), or None for no limit, not '1h'"]),
    ({"CONFERENCE_PASSCODES": "Hidden", "CONFERENCE_PASSCODES_HOW_TO_ASK": ["call us"]},
     ["CONFERENCE_PASSCODES must be 'public' (passcodes published as written) or 'hidden' (taken out of the pages "
      "and feeds), not 'Hidden'",
      "CONFERENCE_PASSCODES_HOW_TO_ASK must be text, such as 'Call the intergroup office at 512-555-0100 for the "
      "passcode.', not ['call us']"]),
    ({"DIRECTORY_PATH": "nowhere"}, None),
])
def test_bad_values(tmp_path, values, messages):
    with pytest.raises(settings.SettingsError) as raised:
        settings.read(base(tmp_path, **values))
    if messages is None:
        assert raised.value.messages == [f"DIRECTORY_PATH {str(tmp_path / 'nowhere')!r} is not a folder — "
                                         "create it or fix the setting"]
    else:
        assert raised.value.messages == messages


def test_bounds(tmp_path):
    box = settings.read(base(tmp_path, DIRECTORY_BOUNDS={"south": 25, "west": -107, "north": 37, "east": -93})).bounds
    assert box.contains(30.27, -97.74) and not box.contains(48.85, 2.35)
    across = settings.read(base(tmp_path, DIRECTORY_BOUNDS=[-50, 160, -30, -170])).bounds  # across the antimeridian
    assert across.contains(-41.3, 174.8) and across.contains(-40, -175) and not across.contains(-40, 150)
    countries = settings.read(base(tmp_path, DIRECTORY_BOUNDS=["US", "ca"])).bounds
    assert countries.countries == ("ca", "us") and countries.contains(1, 1, "us") and not countries.contains(1, 1, "fr")


def test_geocoding_waits_and_time_limit(tmp_path):
    read = settings.read(base(tmp_path))
    assert (read.geocode_max_wait, read.geocode_time_limit) == (60.0, 3600.0)
    read = settings.read(base(tmp_path, DIRECTORY_GEOCODE_MAX_WAIT_SECONDS=5, DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES=None))
    assert (read.geocode_max_wait, read.geocode_time_limit) == (5.0, None)
