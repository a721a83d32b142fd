"""Each zone's VTIMEZONE: exactly what icalendar writes for it."""

import datetime as dt
import io
import zoneinfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import temporary_folder
from pillar.directory.model import Meeting
from pillar.feeds import vtimezones
from pillar.feeds.vtimezones import FIRST_WEEK, ZONE_YEARS, zone_text
from pillar.site import kept


def icalendars_own(zone: str) -> bytes:
    """The VTIMEZONE icalendar writes for the zone as Python has it, over the same years as zone_text."""
    return icalendar.Timezone.from_tzid(zone, first_date=FIRST_WEEK,
                                        last_date=dt.date(FIRST_WEEK.year + ZONE_YEARS, 1, 1)).to_ical()


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "Africa/Lagos", "America/Chicago", "America/Sao_Paulo", "Asia/Tehran",
                                  "Africa/Casablanca", "Australia/Lord_Howe", "Pacific/Apia", "America/Nuuk",
                                  "Etc/GMT+5", "UTC"])
def test_a_zone_is_written_byte_for_byte_as_icalendar_writes_it(zone):
    """zone_text ends each zone a year after the calendars' last date, so that icalendar does not search
    a zone with one offset to the year 9999: what it writes is still exactly icalendar's own."""
    assert zone_text(zone) == icalendars_own(zone)


@settings(max_examples=25, deadline=None)
@given(zone=st.sampled_from(sorted(zoneinfo.available_timezones())))
def test_any_zone_python_knows_is_written_as_icalendar_writes_it(zone):
    assert zone_text(zone) == icalendars_own(zone)


def meetings_in(*zones):
    return [Meeting(slug=f"m{number}", name="M", source="x.yaml", days=(1,), time="19:00", timezone=zone)
            for number, zone in enumerate(zones)]


def test_the_zones_a_build_keeps_for_the_next_are_what_icalendar_writes(tmp_path):
    """A build keeps each zone's block (pillar.site.kept); the next build's calendars hold the same bytes,
    and an empty folder, or a zone that is not kept yet, is worked out afresh."""
    zones = ["America/Chicago", "Asia/Tokyo", "Europe/Berlin"]
    with temporary_folder(tmp_path):
        first = vtimezones.zones(meetings_in(*zones[:2]), kept.remembered)
        again = vtimezones.zones(meetings_in(*zones), kept.remembered)
    assert list(first) == zones[:2] and list(again) == zones
    assert all(again[zone] == icalendars_own(zone) for zone in zones)
    assert first == {zone: again[zone] for zone in first}
    assert len(list(tmp_path.rglob("__pillar_vtimezone_*"))) == 3


@settings(max_examples=25, deadline=None)
@given(zone=st.sampled_from(sorted(zoneinfo.available_timezones())))
def test_a_kept_zone_is_keyed_on_the_file_zoneinfo_reads_for_it(zone):
    """What the kept block depends on is the zone as Python has it: the same offsets at any moment."""
    data = vtimezones.zone_data(zone)
    assert data is not None
    from_data = zoneinfo.ZoneInfo.from_file(io.BytesIO(data), key=zone)
    for year in (1990, FIRST_WEEK.year, FIRST_WEEK.year + ZONE_YEARS):
        for month in (1, 4, 7, 10):
            moment = dt.datetime(year, month, 15, 12, tzinfo=dt.timezone.utc)
            assert moment.astimezone(from_data).utcoffset() == moment.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()


def test_a_zone_python_does_not_have_has_no_data_to_keep():
    assert vtimezones.zone_data("Nowhere/Atlantis") is None
