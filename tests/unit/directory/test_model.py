"""Derived values of the model, worked out once."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pillar.directory.model import Address, Meeting, Problem, clock_of, minutes_of


@pytest.mark.parametrize("time, end_time, end", [("19:30", "", "20:30"), ("23:30", "", "00:30"),
                                                 ("19:30", "21:00", "21:00"), ("", "", "")])
def test_meeting_end(time, end_time, end):
    meeting = Meeting(slug="a", name="A", source="a.yaml", time=time, end_time=end_time)
    assert meeting.end == end


def test_address_text():
    assert Address(street="1 Sample St", city="Austin", state="TX", postal_code="78701").text == \
        "1 Sample St, Austin, TX 78701"
    assert Address(formatted="As written", city="ignored").text == "As written"


def test_problem_format():
    assert str(Problem("d/a.yaml", 3, 7, "bad")) == "d/a.yaml:3:7: bad"
    assert str(Problem("d/a.yaml", 3, 7, "odd", "warning")) == "d/a.yaml:3:7: warning: odd"


def test_attendance_flags():
    hybrid = Meeting(slug="a", name="A", source="a.yaml", attendance="hybrid")
    assert hybrid.in_person and hybrid.online and hybrid.page_url == "meetings/a/"


@given(st.integers(0, 23), st.integers(0, 59))
def test_a_time_is_read_and_written_back_the_same(hours, minutes):
    written = f"{hours:02d}:{minutes:02d}"
    assert minutes_of(written) == hours * 60 + minutes
    assert clock_of(minutes_of(written)) == written
    assert clock_of(minutes_of(written) + 24 * 60) == written  # past midnight, round the clock
