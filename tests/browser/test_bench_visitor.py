"""The benchmark's visitor measurements, run for real in Chromium against the built sample site."""

from __future__ import annotations

from pillar.bench import visitor


def test_visitor_measurements_count_what_the_finder_downloads(sample_site, chromium_path, monkeypatch):
    monkeypatch.setenv("CHROMIUM", chromium_path)
    result = visitor.measure(sample_site)
    # The sample directory is one shard: every visit downloads the page, its scripts and all the data.
    assert 20_000 < result["location_query_bytes_gz"] <= result["location_query_bytes_gz_max"] < 150_000
    assert result["text_query_bytes_gz"] > result["location_query_bytes_gz"]  # lunr and the index too
    assert 0 <= result["first_results_ms_4x_slower_cpu"] <= result["first_results_ms_4x_slower_cpu_max"]
