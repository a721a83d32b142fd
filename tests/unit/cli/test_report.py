"""pillar.cli.report: ages, the injectable clock, which listings are stale and how the report reads."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from pillar.cli.report import Age, ClockError, csv_report, parse_age, stale, summary, text_report, today
from pillar.directory.model import Meeting, Service

D = dt.date


@pytest.mark.parametrize(("text", "age", "shown"), [
    ("12m", Age(12, "m"), "12 months"), ("6w", Age(6, "w"), "6 weeks"), ("90d", Age(90, "d"), "90 days"),
    ("1y", Age(1, "y"), "1 year"), (" 1M ", Age(1, "m"), "1 month"), ("0d", Age(0, "d"), "0 days"),
])
def test_parse_age(text, age, shown):
    assert parse_age(text) == age
    assert str(age) == shown


@pytest.mark.parametrize("text", ["soon", "", "12", "m", "1.5y", "3 days", "-3d", "12mo"])
def test_parse_age_refuses(text):
    with pytest.raises(argparse.ArgumentTypeError) as error:
        parse_age(text)
    assert str(error.value) == (f'"{text}" is not an age — write a number and a unit: 90d (days), 6w (weeks), '
                                "12m (months) or 1y (years)")


@pytest.mark.parametrize(("age", "day", "before"), [
    (Age(12, "m"), D(2026, 6, 1), D(2025, 6, 1)),
    (Age(1, "m"), D(2026, 3, 31), D(2026, 2, 28)),
    (Age(1, "y"), D(2024, 2, 29), D(2023, 2, 28)),
    (Age(13, "m"), D(2026, 1, 15), D(2024, 12, 15)),
    (Age(6, "w"), D(2026, 6, 1), D(2026, 4, 20)),
    (Age(90, "d"), D(2026, 6, 1), D(2026, 3, 3)),
    (Age(9999, "y"), D(2026, 6, 1), dt.date.min),
])
def test_age_before(age, day, before):
    assert age.before(day) == before


def test_today_from_the_environment():
    assert today({"PILLAR_TODAY": "2026-06-01"}) == D(2026, 6, 1)
    assert today({"PILLAR_TODAY": " "}) == dt.date.today()
    assert today({}) == dt.date.today()
    with pytest.raises(ClockError, match=r"PILLAR_TODAY='tomorrow' is not a date — write YYYY-MM-DD, or unset it"):
        today({"PILLAR_TODAY": "tomorrow"})


def _meeting(slug, regions=(), verified=None, cls=Meeting):
    return cls(slug=slug, name=slug.title(), source=f"directory/x/{slug}.yaml", regions=regions,
               last_verified=verified)


LISTINGS = [
    _meeting("b", ("Texas", "Austin", "East"), D(2024, 1, 1)),
    _meeting("a", ("Texas", "Austin"), D(2025, 1, 1)),
    _meeting("never", ("Texas", "Austin")),
    _meeting("fresh", ("Texas", "Austin"), D(2026, 5, 1)),
    _meeting("edge", ("texas",), D(2025, 6, 1)),
    _meeting("none", (), D(2020, 1, 1), Service),
    _meeting("co", ("Colorado",), None),
]


def test_stale_by_region_oldest_first():
    rows = stale(LISTINGS, D(2025, 6, 1), D(2026, 6, 1))
    assert [(row.region, row.path.split("/")[-1], row.age_days) for row in rows] == [
        ("Colorado", "co.yaml", None),
        ("Texas / Austin", "never.yaml", None),
        ("Texas / Austin", "b.yaml", 882),
        ("Texas / Austin", "a.yaml", 516),
        ("No region", "none.yaml", 2343),
    ]


def test_text_and_csv():
    rows = stale(LISTINGS[:3], D(2025, 6, 1), D(2026, 6, 1))
    assert text_report(rows) == (
        "Texas / Austin\n"
        "  directory/x/never.yaml  Never  never\n"
        "  directory/x/b.yaml      B      2024-01-01  882 days\n"
        "  directory/x/a.yaml      A      2025-01-01  516 days\n")
    assert csv_report(rows) == (
        "region,path,name,last_verified,age_days\n"
        "Texas / Austin,directory/x/never.yaml,Never,,\n"
        "Texas / Austin,directory/x/b.yaml,B,2024-01-01,882\n"
        "Texas / Austin,directory/x/a.yaml,A,2025-01-01,516\n")
    assert text_report([]) == ""
    assert csv_report([]) == "region,path,name,last_verified,age_days\n"


def test_summary():
    assert summary(3, 7, Age(12, "m"), D(2025, 6, 1)) == (
        "pillar report stale: 3 of 7 listings last verified more than 12 months ago (before 2025-06-01) or never")
    assert summary(0, 1, Age(1, "y"), D(2025, 6, 1)).startswith("pillar report stale: 0 of 1 listing last")
