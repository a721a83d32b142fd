import datetime as dt
import itertools
import zoneinfo

import pytest

from pillar.directory.model import tel_uri
from pillar.site import i18n
from pillar.site.filters import clock, day_names, long_date, weekday, zone_name
from helpers import REPO

SPANISH = i18n.translations(REPO / "theme" / "translations", "es").gettext


@pytest.mark.parametrize("time, shown", [("00:05", "12:05 AM"), ("07:00", "7:00 AM"), ("12:00", "12:00 PM"),
                                         ("19:30", "7:30 PM"), ("", "")])
def test_clock(time, shown):
    assert clock(time) == shown


# The same words as the finder's daysText (theme/static/js/clock.js): every day, a run of three or more
# days in a row, otherwise a list (Babel's list and Intl.ListFormat agree, serial comma and all).
@pytest.mark.parametrize("days, english, spanish", [
    ((), "", ""),
    ((0,), "Sunday", "domingo"),
    ((1, 5), "Monday and Friday", "lunes y viernes"),
    ((1, 2), "Monday and Tuesday", "lunes y martes"),
    ((1, 3, 5), "Monday, Wednesday, and Friday", "lunes, miércoles y viernes"),
    ((1, 2, 3), "Monday to Wednesday", "de lunes a miércoles"),
    ((1, 2, 3, 4, 5), "Monday to Friday", "de lunes a viernes"),
    ((5, 1, 4, 2, 3), "Monday to Friday", "de lunes a viernes"),
    ((0, 1, 2, 3, 4, 5), "Sunday to Friday", "de domingo a viernes"),
    ((0, 1, 2, 3, 4, 5, 6), "Every day", "Todos los días"),
    ((6, 0, 1), "Sunday, Monday, and Saturday", "domingo, lunes y sábado"),  # the week starts on Sunday
    ((1, 2, 3, 5), "Monday, Tuesday, Wednesday, and Friday", "lunes, martes, miércoles y viernes"),
])
def test_day_names(days, english, spanish):
    assert day_names(days) == english
    assert day_names(days, "es", SPANISH) == spanish


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_set_of_days_names_each_day_once_or_says_it_is_a_run(lang):
    gettext = SPANISH if lang == "es" else str
    every = gettext("Every day")
    for size in range(1, 8):
        for days in itertools.combinations(range(7), size):
            text = day_names(days, lang, gettext)
            named = [day for day in range(7) if weekday(day, lang) in text]
            consecutive = size > 2 and days[-1] - days[0] == size - 1
            if size == 7:
                assert text == every
            elif consecutive:
                assert named == [days[0], days[-1]], text
            else:
                assert named == list(days), text
            assert day_names(tuple(reversed(days)), lang, gettext) == text  # order given does not matter


@pytest.mark.parametrize("phone, uri", [("988", "tel:988"), ("1-800-662-4357", "tel:18006624357"),
                                        ("+1 (512) 555-0100,,1234#", "tel:+15125550100,,1234%23"), ("", "")])
def test_tel_uri(phone, uri):
    assert tel_uri(phone) == uri


@pytest.mark.parametrize("zone, english, spanish", [
    ("America/Chicago", "Central Time", "hora central"),
    ("America/New_York", "Eastern Time", "hora oriental"),
    ("America/Denver", "Mountain Time", "hora de las Montañas Rocosas"),
    ("America/Los_Angeles", "Pacific Time", "hora del Pacífico"),
    ("America/Phoenix", "Mountain Time", "hora de las Montañas Rocosas"),
    ("America/Anchorage", "Alaska Time", "hora de Alaska"),
    ("Pacific/Honolulu", "Hawaii Time", "hora estándar de Hawái y Aleutianas"),
    ("Europe/Madrid", "Central European Time", "hora de Europa central"),
    ("UTC", "UTC", "UTC"),
    ("Etc/UTC", "UTC", "UTC"),
    ("Etc/GMT", "UTC", "UTC"),
    ("Etc/GMT+5", "GMT-05:00", "GMT-05:00"),
    ("Not/A_Zone", "Not/A_Zone", "Not/A_Zone"),
    ("America", "America", "America"),  # a folder of zones
    ("zone1970.tab", "zone1970.tab", "zone1970.tab"),  # a data file beside the zones
    ("", "", ""),
])
def test_zone_name(zone, english, spanish):
    assert zone_name(zone) == english
    assert zone_name(zone, "es") == spanish


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_zone_has_a_name_a_person_would_say(lang):
    for zone in sorted(zoneinfo.available_timezones()):
        name = zone_name(zone, lang)
        assert name, zone
        for word in ("Unknown", "desconocid", "world", "Mundo", "Coordinated"):
            assert word not in name, (zone, name)


def test_spanish():
    assert clock("19:30", "es") == "19:30"
    assert weekday(0, "es") == "domingo" and weekday(6) == "Saturday"
    assert long_date(dt.date(2026, 8, 29), "es") == "29 de agosto de 2026"
    assert long_date(dt.date(2026, 8, 29)) == "August 29, 2026"


# Listing files are outside input: whatever a timezone or a day list says, the filters answer.
from hypothesis import given, strategies as st  # noqa: E402


@given(st.lists(st.integers(0, 6), max_size=20), st.sampled_from(["en", "es"]))
def test_day_names_depend_only_on_which_days(days, lang):
    gettext = SPANISH if lang == "es" else str
    text = day_names(days, lang, gettext)
    assert text == day_names(tuple(sorted(set(days))), lang, gettext)
    assert bool(text) == bool(days)


ZONES = sorted(zoneinfo.available_timezones())
PARTS_OF_ZONES = sorted({zone[:end] for zone in ZONES for end in range(1, len(zone))})


@given(st.one_of(st.text(max_size=40), st.sampled_from(ZONES), st.sampled_from(PARTS_OF_ZONES)),
       st.sampled_from(["en", "es"]))
def test_zone_name_answers_any_text(zone, lang):
    name = zone_name(zone, lang)
    assert isinstance(name, str) and (name or not zone)
