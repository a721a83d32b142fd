"""The real geopy Nominatim class against a local Nominatim server: answers and faults."""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest

from fake_nominatim import FakeNominatim
from pillar.settings import Bounds
from pillar.geo.geocode import GeocoderConfigError, geocode, make_service

TODAY = dt.date(2026, 11, 25)


@pytest.fixture()
def server():
    with FakeNominatim() as fake:
        yield fake


def ask(server, query, city="", bounds=Bounds(), **settings):
    service = make_service(server.settings(**settings), bounds)
    return geocode(service, query, city, bounds, TODAY, sleep=lambda s: None)


def test_found(server):
    outcome = ask(server, "1 Sample St, Austin, TX 78701, US", city="Austin")
    assert outcome.failure == ""
    entry = outcome.entry
    assert (entry.latitude, entry.longitude) == (30.2671, -97.7431)
    assert entry.display_name.startswith("1, Sample Street, Austin")
    assert (entry.service, entry.date, entry.found, entry.approximate, entry.suspect, entry.timezone) == \
        ("nominatim", "2026-11-25", True, False, False, "America/Chicago")
    assert server.requests == ["1 Sample St, Austin, TX 78701, US"]


def test_not_found_is_an_answer_not_retried(server):
    outcome = ask(server, "nowhere at all")
    assert outcome.entry.found is False and outcome.failure == "no place found for this address"
    assert len(server.requests) == 1


def test_city_level_answer_is_approximate(server):
    assert ask(server, "somewhere, Austin, TX").entry.approximate is True


def test_answer_far_from_the_listing_city_is_approximate(server):
    assert ask(server, "2 Sample St, Austin, TX", city="Round Rock").entry.approximate is True


@pytest.mark.parametrize("bounds, suspect", [(Bounds(box=(25.0, -107.0, 37.0, -93.0)), True),
                                             (Bounds(countries=("us",)), True), (Bounds(), False)])
def test_outside_bounds_is_suspect(server, bounds, suspect):
    outcome = ask(server, "1 Sample St, Paris", bounds=bounds)
    assert outcome.entry.suspect is suspect
    assert outcome.entry.timezone == ("" if suspect else "Europe/Paris")  # a suspect answer is never used
    assert outcome.failure == ("the answer is outside DIRECTORY_BOUNDS" if suspect else "")


def test_countries_bias_the_query(server):
    ask(server, "1 Sample St, Paris", bounds=Bounds(countries=("ca", "us")))
    assert server.requests == ["1 Sample St, Paris"]


@pytest.mark.parametrize("query, failure, requests", [
    ("slow 1 Sample St, Austin, TX 78701, US", "the service did not answer in time", 3),
    ("broken 1", "the service had an error (HTTP 500)", 3),
    ("broken-json 1", "the service's answer could not be read", 3),
])
def test_faults_are_retried_then_reported(server, query, failure, requests):
    outcome = ask(server, query, timeout=0.3)
    assert outcome.entry is None
    assert outcome.failure == failure
    assert len(server.requests) == requests  # max_retries = 2


def test_429_honours_retry_after(server):
    waits = []
    service = make_service(server.settings(), Bounds())
    outcome = geocode(service, "busy 1 Sample St, Austin, TX 78701, US", "", Bounds(), TODAY, sleep=waits.append)
    assert outcome.entry.latitude == 30.2671
    assert waits == [1.0]
    assert len(server.requests) == 2


def test_connection_refused():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = {"service": "nominatim", "domain": f"127.0.0.1:{port}", "scheme": "http", "user_agent": "t",
              "min_delay_seconds": 0, "retry_wait_seconds": 0.01}
    started = time.monotonic()
    outcome = geocode(make_service(config, Bounds()), "1 Sample St", "", Bounds(), TODAY, sleep=lambda s: None)
    assert outcome.entry is None and outcome.failure == "could not reach the service ([Errno 111] Connection refused)"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("config, message", [
    ({"service": "nominatum", "user_agent": "x"},
     "DIRECTORY_GEOCODER: unknown service 'nominatum' — did you mean \"nominatim\"?"),
    ({"service": "nominatim"},
     "DIRECTORY_GEOCODER: Nominatim needs a user_agent that names your site and how to reach you, e.g. "
     "'austin-meetings (admin@example.org)'"),
    ({"service": "nominatim", "user_agent": "my-site", "min_delay_seconds": 0},
     "DIRECTORY_GEOCODER: the public Nominatim server allows at most one request a second — set "
     "min_delay_seconds to 1 or more"),
    ({"service": "nominatim", "user_agent": "my-site", "colour": "red"}, None),
    ({"service": "opencage"}, "DIRECTORY_GEOCODER: OpenCage cannot start: "),
])
def test_configuration_errors(config, message):
    with pytest.raises(GeocoderConfigError) as raised:
        make_service(config, Bounds())
    if message is None:
        assert str(raised.value).startswith("DIRECTORY_GEOCODER: 'colour' is not an option of Nominatim — its "
                                            "options are ")
    else:
        assert str(raised.value).startswith(message)
