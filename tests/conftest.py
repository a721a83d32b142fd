"""Fixtures shared by every test: the sample site, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, run_pillar


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
