"""The benchmark's visitor measurements, run for real in Chromium against the built sample site."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pillar_bench import visitor

PLACES = ("New York", "Anadyr", "Ushuaia")
"""Three of the bench's places (a dense city, one by the antimeridian, the far south): the sample is one
shard, so every place downloads the same files; `pillar bench` visits all twelve."""
RUNS = 2
"""Visits on the slow network (`pillar bench` makes five): a median and a maximum of more than one."""
MEASURE = "import json, sys; from pathlib import Path; from pillar_bench import visitor; " \
          "places = tuple(p for p in visitor.PLACES if p[0] in json.loads(sys.argv[2])); " \
          "print(json.dumps(visitor.measure(Path(sys.argv[1]), places, int(sys.argv[3]))))"


@pytest.fixture(scope="module")
def measured(sample_site, chromium_path) -> dict:
    """The bench's visitor measurements of the sample site, made once for the tests below.

    In a process of its own, as `pillar bench` runs it: Playwright's synchronous API cannot start
    inside the browser this test session already drives."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(sample_site), json.dumps(PLACES), str(RUNS)],
                          capture_output=True, text=True, env={**os.environ, "CHROMIUM": chromium_path},
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_visitor_measurements_count_what_the_finder_downloads(measured):
    result = measured
    # The sample directory is one shard: every visit downloads the page, its scripts and all the data.
    assert 20_000 < result["location_query_bytes_gz"] <= result["location_query_bytes_gz_max"] < 150_000
    assert result["text_query_bytes_gz"] > result["location_query_bytes_gz"]  # lunr and the index too
    assert 0 <= result["first_results_ms_4x_slower_cpu"] <= result["first_results_ms_4x_slower_cpu_max"]
    # On the slow network: Near me was pressed once it showed, and results with distances followed.
    assert "slow_error" not in result
    assert 0 < result["slow_near_me_ready_s"] < result["slow_first_results_s"] <= result["slow_first_results_s_max"]


def test_the_slow_visit_asks_for_each_file_once(measured):
    """Every preload is used: no file of the first view is fetched twice (a preload whose request
    does not match fetch()'s mode and credentials would be)."""
    assert measured["slow_requests_repeated"] == 0
    assert measured["slow_requests"] >= 3  # the page (its style and the finder inside it), the finder's data
    assert measured["slow_first_results_s"] > 0.4  # at least one round trip of the emulated network


def test_the_site_is_served_gzipped_when_the_browser_accepts_it(sample_site, browser):
    with visitor.serving(sample_site, compress=True) as base:
        page = browser.new_page()
        response = page.goto(f"{base}/")
        assert response.headers.get("content-encoding") == "gzip"
        assert page.locator("#finder").count() == 1  # and the browser reads it
        page.close()
