"""Whatever a geocoding service answers — any JSON, any HTTP status, any Retry-After — ``pillar
geocode`` reports it per address and goes on: the real geopy Nominatim class, a local server."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fake_nominatim import FakeNominatim, place
from pillar.settings import Bounds
from pillar.geo import geocode_batch
from pillar.geo.geocode import geocode, make_service
from pillar.geo.locate import Wanted

TODAY = dt.date(2026, 11, 25)
QUERY = "1 hostile st"
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def server():
    with FakeNominatim() as fake:
        yield fake


def answer(server, status=200, body=b"[]", headers=None, max_wait=60.0, max_retries=0, query=QUERY):
    """What ``geocode`` makes of one scripted reply, and every wait it asked for."""
    server.scripted[query] = (status, body, headers or {})
    waits = []
    service = make_service(server.settings(max_retries=max_retries), Bounds(), max_wait)
    outcome = geocode(service, query, "", Bounds(), TODAY, sleep=waits.append)
    return outcome, waits


def with_place(**fields) -> bytes:
    return json.dumps([{**place(30.2671, -97.7431, "1, Sample Street, Austin"), **fields}]).encode()


@pytest.mark.parametrize("body", [
    with_place(lat="thirty"), with_place(lat="NaN"), with_place(lon="Infinity"), with_place(lat="-Infinity"),
    with_place(lat="91"), with_place(lon="-180.5"), with_place(lat=None), with_place(lat=[1]),
    b'[{"lat": NaN, "lon": 1}]', b'[{"lat": Infinity, "lon": 1}]', b"[1, 2, 3]", b'["a"]', b"[{}]", b"[[]]",
    b"{}", b"7", b'"text"', b"null", b'[{"lat": "1e400", "lon": "1"}]',
])
def test_answers_of_the_wrong_shape_are_reported_not_used(server, body):
    outcome, _ = answer(server, body=body)
    assert outcome.entry is None or not outcome.entry.usable
    assert outcome.failure in ("the service's answer could not be read",
                               "the service's answer had no usable coordinates", "no place found for this address")


def test_a_good_answer_with_odd_extras_is_used(server):
    body = with_place(address={"country_code": 7}, place_rank="x", addresstype=["city"], display_name=5)
    outcome, _ = answer(server, body=body)
    assert outcome.entry.usable and (outcome.entry.latitude, outcome.entry.longitude) == (30.2671, -97.7431)


@pytest.mark.parametrize("status, failure", [
    (503, "the service is unavailable for now (HTTP 503)"),
    (502, "the service's gateway had an error (HTTP 502)"),
    (504, "the service's gateway did not answer in time (HTTP 504)"),
    (500, "the service had an error (HTTP 500)"),
    (599, "the service had an error (HTTP 599)"),
    (400, "the service could not take the request (HTTP 400)"),
    (402, "the service's quota is used up (HTTP 402) — check the plan your api_key belongs to"),
    (403, "the service refused the credentials (HTTP 403) — check api_key in DIRECTORY_GEOCODER"),
    (404, 'the service\'s address answered "not found" (HTTP 404) — check domain in DIRECTORY_GEOCODER'),
    (408, "the service did not receive the request in time (HTTP 408)"),
    (418, "the service answered HTTP 418"),
    (429, "the service asked us to slow down (HTTP 429)"),
])
def test_each_http_status_is_named_for_what_it_means(server, status, failure):
    outcome, _ = answer(server, status=status, body=b"no")
    assert outcome.entry is None and outcome.failure == failure


@pytest.mark.parametrize("retry_after, wait", [("999999", 60.0), ("5", 5.0), ("-40", 0.01), ("soon", 0.01),
                                                ("Fri, 31 Dec 2100 23:59:59 GMT", 60.0)])
def test_retry_after_is_honoured_up_to_the_setting(server, retry_after, wait):
    _, waits = answer(server, status=429, body=b"slow down", headers={"Retry-After": retry_after}, max_retries=1)
    assert waits == [wait]


def test_retry_after_is_capped_by_the_setting(server):
    _, waits = answer(server, status=429, body=b"", headers={"Retry-After": "999999"}, max_retries=2, max_wait=7)
    assert waits == [7.0, 7.0]


class Clock:
    """A clock that moves only when the run sleeps, or each time it is read (``tick``)."""

    def __init__(self, tick=0.0):
        self.now, self.tick = 0.0, tick

    def __call__(self):
        self.now += self.tick
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def wanted(n):
    return [Wanted(key=f"q{n}", query=f"{QUERY} {n}", city="", listings=()) for n in range(n)]


def test_a_run_stops_asking_when_its_time_limit_is_up(server, tmp_path):
    for item in wanted(5):
        server.scripted[item.query] = (429, b"", {"Retry-After": "999999"})
    clock = Clock()
    service = make_service(server.settings(max_retries=3), Bounds(), 60)
    tally = geocode_batch.run(wanted(5), {}, tmp_path / "cache.json", service, Bounds(), sleep=clock.sleep,
                              today=TODAY, time_limit=150, clock=clock)
    assert clock.now <= 150  # two minutes and a half: two waits of a minute, then the third would pass it
    assert tally.out_of_time == 5 and tally.asked == 0
    assert "5 left for the next run (the run's time limit, DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES, was up)" \
        in tally.summary()


def test_a_run_with_time_left_asks_everything(server, tmp_path):
    for item in wanted(3):
        server.scripted[item.query] = (200, with_place(), {})
    clock = Clock(tick=1)
    tally = geocode_batch.run(wanted(3), {}, tmp_path / "cache.json", make_service(server.settings(), Bounds()),
                              Bounds(), sleep=clock.sleep, today=TODAY, time_limit=3600, clock=clock)
    assert (tally.found, tally.out_of_time) == (3, 0)


# Properties: any answer at all

JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
JSON = st.recursive(JSON_LEAVES, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)
COORDINATE = (st.floats() | st.integers() | st.text(max_size=12) | st.none()
              | st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "90.0000001", "-180", "0x10", ""]))
PLACE = st.fixed_dictionaries({"lat": COORDINATE, "lon": COORDINATE},
                              optional={"display_name": JSON, "place_rank": JSON, "addresstype": JSON,
                                        "address": JSON | st.fixed_dictionaries({"country_code": JSON})})
BODY = st.one_of(JSON.map(json.dumps), st.lists(PLACE | JSON, max_size=3).map(json.dumps),
                 st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")))


@PROPERTY
@given(body=BODY)
def test_any_answer_becomes_an_outcome_with_sane_coordinates(server, body):
    outcome, _ = answer(server, body=body.encode("utf-8", "surrogatepass"))
    entry = outcome.entry
    if entry is not None and entry.found:
        assert math.isfinite(entry.latitude) and -90 <= entry.latitude <= 90
        assert math.isfinite(entry.longitude) and -180 <= entry.longitude <= 180
        assert isinstance(entry.display_name, str)
    else:
        assert outcome.failure


@PROPERTY
@given(status=st.integers(300, 599), retry_after=st.none() | st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=30))
def test_any_status_is_named_and_no_wait_passes_the_cap(server, status, retry_after):
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    outcome, waits = answer(server, status=status, body=b"", headers=headers, max_retries=1, max_wait=60)
    assert outcome.entry is None and (f"HTTP {status}" in outcome.failure or status < 400)
    assert all(0 <= wait <= 60 for wait in waits)
