"""pillar geocode and the build, end to end, against a local Nominatim server."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from fake_nominatim import FakeNominatim, place
from helpers import make_site, run_pillar

AUSTIN = 'name: Sample {n}\nday: monday\ntime: "19:30"\naddress: "{address}"\n'


def site_with(tmp_path, addresses):
    listings = {f"meetings/m{n}.yaml": AUSTIN.format(n=n, address=a) for n, a in enumerate(addresses)}
    return make_site(tmp_path, listings)


def geocoder(server, **extra) -> str:
    return "DIRECTORY_GEOCODER=" + json.dumps(server.settings(**extra))


def test_geocode_then_build_offline(tmp_path):
    site = site_with(tmp_path, ["1 Sample St, Austin, TX 78701, US", "somewhere, Austin, TX"])
    before = run_pillar("build", cwd=site)
    assert before.code == 0
    assert 'directory/meetings/m0.yaml:4:10: warning: no coordinates for "1 Sample St, Austin, TX 78701, US" ' \
           "— run pillar geocode or add latitude/longitude" in before.err
    assert run_pillar("build", "--strict", cwd=site).code == 1
    with FakeNominatim() as server:
        result = run_pillar("geocode", "-e", geocoder(server), cwd=site)
        assert result.code == 0, result.err
        assert "pillar geocode: 2 addresses: 2 found (1 approximate), 0 already cached, 0 not found, " \
               "0 outside DIRECTORY_BOUNDS, 0 failed" in result.err
        assert len(server.requests) == 2
        # Everything is cached now: neither a rebuild that may geocode nor a second run asks again.
        again = run_pillar("geocode", "-e", geocoder(server), cwd=site)
        rebuild = run_pillar("build", "--strict", "-e", geocoder(server), "DIRECTORY_GEOCODE_ON_BUILD=true", cwd=site)
        assert again.code == 0 and "0 found (0 approximate), 2 already cached" in again.err
        assert rebuild.code == 0, rebuild.err
        assert len(server.requests) == 2
    cache = json.loads((site / "directory" / "geocode-cache.json").read_text())
    assert cache["somewhere austin tx"]["approximate"] is True
    page = (site / "output" / "meetings" / "sample-0" / "index.html").read_text()
    assert 'data-latitude="30.2671" data-longitude="-97.7431"' in page
    approximate = (site / "output" / "meetings" / "sample-1" / "index.html").read_text()
    assert "The pin marks the area, not the door." in approximate


def test_a_build_can_geocode_for_itself(tmp_path):
    site = site_with(tmp_path, ["9 Sample Rd, Denver, CO"])
    with FakeNominatim() as server:
        result = run_pillar("build", "--strict", "-e", geocoder(server), "DIRECTORY_GEOCODE_ON_BUILD=true", cwd=site)
        assert result.code == 0, result.err
        assert server.requests == ["9 Sample Rd, Denver, CO"]
    page = (site / "output" / "meetings" / "sample-0" / "index.html").read_text()
    assert 'data-latitude="39.7392"' in page and "Mountain Time" in page


def test_written_coordinates_are_never_asked_about_or_overwritten(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": AUSTIN.format(n=0, address="1 Sample St, Austin, TX 78701, US")
                                + "latitude: 30.5\nlongitude: -97.5\n"})
    with FakeNominatim() as server:
        assert run_pillar("geocode", "-e", geocoder(server), cwd=site).code == 0
        assert server.requests == []
    assert not (site / "directory" / "geocode-cache.json").exists()


def test_failures_are_reported_per_address_and_set_the_exit_code(tmp_path):
    site = site_with(tmp_path, ["broken 1", "1 Sample St, Austin, TX 78701, US", "nowhere", "1 Sample St, Paris"])
    with FakeNominatim() as server:
        result = run_pillar("geocode", "-e", geocoder(server), 'DIRECTORY_BOUNDS=["us"]', cwd=site)
    assert result.code == 1
    lines = result.err.splitlines()
    assert 'directory/meetings/m0.yaml:4:10: could not geocode "broken 1": the service had an error (HTTP 500)' in lines
    assert 'directory/meetings/m2.yaml:4:10: could not geocode "nowhere": no place found for this address' in lines
    assert 'directory/meetings/m3.yaml:4:10: could not geocode "1 Sample St, Paris": the answer is outside ' \
           "DIRECTORY_BOUNDS" in lines
    assert "1 found (0 approximate), 0 already cached, 1 not found, 1 outside DIRECTORY_BOUNDS, 1 failed" in result.err
    cache = json.loads((site / "directory" / "geocode-cache.json").read_text())
    assert sorted(cache) == ["1 sample st austin tx 78701 us @us", "1 sample st paris @us", "nowhere @us"]
    build = run_pillar("build", "-e", 'DIRECTORY_BOUNDS=["us"]', cwd=site)
    assert "placed \"1 Sample St, Paris\" outside DIRECTORY_BOUNDS" in build.err


def test_limit(tmp_path):
    site = site_with(tmp_path, ["1 Sample St, Austin, TX 78701, US", "9 Sample Rd, Denver, CO"])
    with FakeNominatim() as server:
        result = run_pillar("geocode", "--limit", "1", "-e", geocoder(server), cwd=site)
        assert result.code == 0 and len(server.requests) == 1
    assert "1 left for the next run (--limit)" in result.err


def test_configuration_errors_are_clear(tmp_path):
    site = site_with(tmp_path, ["1 Sample St"])
    result = run_pillar("geocode", "-e", 'DIRECTORY_GEOCODER={"service": "gogle"}', cwd=site)
    assert result.code == 1
    assert result.err.strip() == "DIRECTORY_GEOCODER: unknown service 'gogle' — did you mean \"google\"?"
    bad = run_pillar("build", "-e", 'DIRECTORY_GEOCODER={"service": "nominatim"}', "DIRECTORY_GEOCODE_ON_BUILD=true",
                     cwd=site)
    assert bad.code == 1 and "Nominatim needs a user_agent" in bad.err and "Traceback" not in bad.err
    (site / "directory" / "geocode-cache.json").write_text("{broken")
    broken = run_pillar("build", cwd=site)
    assert broken.code == 1 and "the geocode cache cannot be read" in broken.err


def test_killing_a_run_leaves_a_valid_cache_that_keeps_every_entry(tmp_path):
    addresses = [f"{n} Sample St, Austin, TX" for n in range(60)]
    places = {a.lower(): place(30 + n / 100, -97, a) for n, a in enumerate(addresses)}
    site = site_with(tmp_path, addresses)
    cache_path = site / "directory" / "geocode-cache.json"
    old = {"earlier answer": {"date": "2020-01-01", "latitude": 30.5, "longitude": -97.7, "service": "old",
                              "timezone": "America/Chicago"}}
    cache_path.write_text(json.dumps(old))
    with FakeNominatim(places) as server:
        process = subprocess.Popen(
            [sys.executable, "-m", "pillar.cli", "geocode", "-e", geocoder(server, min_delay_seconds=0.1)],
            cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(server.requests) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.kill()
        process.wait()
    cache = json.loads(cache_path.read_text())
    assert cache["earlier answer"] == old["earlier answer"]
    assert 10 <= len(cache) - 1 < 60  # saved along the way, stopped before the end
