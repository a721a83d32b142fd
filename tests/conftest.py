"""Fixtures shared by every test: the sample site, built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from helpers import REPO, run_pillar

# Hypothesis: Hypothesis's own defaults (100 examples a property) for everyday runs, a release run
# that tries 50 times as many — PILLAR_HYPOTHESIS=release, or pytest --hypothesis-profile=release.
# No deadline in either: a slow example on a busy machine is not a failure (timing lives in the bench).
settings.register_profile("everyday", settings(deadline=None))
settings.register_profile("release", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("PILLAR_HYPOTHESIS", "everyday"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample directory, built by ``pillar build --strict`` (as CI builds) into a temporary folder."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result = run_pillar("build", "--strict", "-o", output)
    assert result.code == 0, result.err
    return output
