import pytest

from pillar.filters import clock, day_names, long_date, weekday, zone_name
from pillar.model import tel_uri


@pytest.mark.parametrize("time, shown", [("00:05", "12:05 AM"), ("07:00", "7:00 AM"), ("12:00", "12:00 PM"),
                                         ("19:30", "7:30 PM"), ("", "")])
def test_clock(time, shown):
    assert clock(time) == shown


@pytest.mark.parametrize("days, shown", [((), ""), ((0,), "Sunday"), ((1, 5), "Monday and Friday"),
                                         ((1, 3, 5), "Monday, Wednesday, and Friday")])
def test_day_names(days, shown):
    assert day_names(days) == shown


@pytest.mark.parametrize("phone, uri", [("988", "tel:988"), ("1-800-662-4357", "tel:18006624357"),
                                        ("+1 (512) 555-0100,,1234#", "tel:+15125550100,,1234%23"), ("", "")])
def test_tel_uri(phone, uri):
    assert tel_uri(phone) == uri


@pytest.mark.parametrize("zone, shown", [("America/New_York", "New York time"), ("America/Denver", "Denver time"),
                                         ("UTC", "UTC")])
def test_zone_name(zone, shown):
    assert zone_name(zone) == shown


def test_spanish():
    assert clock("19:30", "es") == "19:30"
    assert day_names((1, 3, 5), "es") == "lunes, miércoles y viernes"
    assert weekday(0, "es") == "domingo" and weekday(6) == "Saturday"
    import datetime as dt
    assert long_date(dt.date(2026, 8, 29), "es") == "29 de agosto de 2026"
    assert long_date(dt.date(2026, 8, 29)) == "August 29, 2026"
    assert zone_name("America/Denver", {"%(place)s time": "hora de %(place)s"}.get) == "hora de Denver"
