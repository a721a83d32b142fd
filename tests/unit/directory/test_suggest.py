import pytest

from pillar.directory.suggest import did_you_mean, twenty_four_hour


@pytest.mark.parametrize("text, time", [("7pm", "19:00"), ("7:30 PM", "19:30"), ("7.30p.m.", "19:30"),
                                        ("12am", "00:00"), ("12:15 pm", "12:15"), ("730", "07:30"),
                                        ("1930", "19:30"), ("19h30", "19:30"), ("25:00", ""), ("noon", "")])
def test_twenty_four_hour(text, time):
    assert twenty_four_hour(text) == time


def test_did_you_mean():
    assert did_you_mean("adress", ["address", "name"]) == ' — did you mean "address"?'
    assert did_you_mean("zzz", ["address", "name"]) == ""
