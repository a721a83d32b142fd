"""pillar bench: runs the builds it promises and reports them (the timings themselves are not tested)."""

from __future__ import annotations

import json

import pytest

from helpers import run_pillar

BROWSER_KEYS = {"location_query_bytes_gz", "text_query_bytes_gz", "slow_first_results_s"}
"""What the browser measures (tests/browser/test_bench_visitor.py runs it)."""
KEYS = {"listings", "build_s", "baseline_pelican_s", "rebuild_noop_s", "rebuild_one_s", "peak_rss_mb"} | BROWSER_KEYS


LISTINGS = 40


@pytest.fixture(scope="module")
def benched(tmp_path_factory):
    """One `pillar bench` of three pairs, kept: (its JSON, its work folder), for the tests below.

    Three pairs of builds are one pair and its rebuilds (all the first test checks) and two more."""
    root = tmp_path_factory.mktemp("bench")
    done = run_pillar("bench", "--listings", str(LISTINGS), "--json", "--no-browser", "--pairs", "3",
                      "--keep", root / "work", cwd=root)
    assert done.code == 0, done.err
    return json.loads(done.out), root / "work"


def test_bench_reports_builds_rebuilds_and_the_baseline(benched):
    result, work = benched
    assert KEYS - BROWSER_KEYS <= set(result) and not BROWSER_KEYS & set(result)  # --no-browser
    assert result["listings"] == LISTINGS and sum(result["kinds"].values()) == LISTINGS
    assert result["peak_rss_mb"] > 0 and result["build_s"] > 0 and result["baseline_pelican_s"] > 0
    assert result["work_filesystem"] not in ("", "unknown")  # the builds' times depend on it
    # One listing changed: its page, calendar, shard and the pages and feeds that list it, not the rest.
    assert 0 < result["rebuild_one_files_written"] < result["output_files"] / 2
    assert (work / "baseline" / "output").is_dir()
    pages = list((work / "site" / "output" / "meetings").glob("*/index.html"))
    assert len(pages) == result["kinds"]["meetings"]


def test_bench_says_what_is_wrong_with_a_bad_count(tmp_path):
    done = run_pillar("bench", "--listings", "0", cwd=tmp_path)
    assert done.code == 2 and "--listings must be at least 1" in done.err


def test_bench_builds_pairs_in_turn_and_reports_the_middle_one(benched):
    result, work = benched
    ratios = sorted(pair["build_vs_baseline"] for pair in result["pairs"])
    assert len(ratios) == 3
    assert result["build_vs_baseline"] == ratios[1]
    for name in ("output", "output-1", "output-2"):  # every build kept its own output
        assert (work / "baseline" / name / "pages").is_dir()
        assert (work / "site" / name / "meetings").is_dir()


def test_bench_says_what_is_wrong_with_a_bad_number_of_pairs(tmp_path):
    done = run_pillar("bench", "--listings", "10", "--pairs", "0", cwd=tmp_path)
    assert done.code == 2 and "--pairs must be at least 1" in done.err
