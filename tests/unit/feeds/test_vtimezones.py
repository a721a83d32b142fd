"""Each zone's VTIMEZONE: exactly what icalendar writes for it."""

import datetime as dt
import zoneinfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pillar.feeds.vtimezones import FIRST_WEEK, ZONE_YEARS, zone_text


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
