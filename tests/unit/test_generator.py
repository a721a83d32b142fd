"""The generator, run in this process as Pelican runs it: what it leaves behind."""

from __future__ import annotations

import gc

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from helpers import REPO, make_site
from pillar.generator import DirectoryInvalid

MEETING = 'name: "Morning Group"\nday: monday\ntime: "07:00"\nlatitude: 30.27\nlongitude: -97.74\n'


@pytest.mark.parametrize("listing, fails", [(MEETING, False), ("name: [\n", True)])
def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch, listing, fails):
    site = make_site(tmp_path / "site", {"meetings/morning.yaml": listing},
                     f"NODE_MODULES_PATH = {str(REPO / 'node_modules')!r}\n")
    monkeypatch.chdir(site)
    settings = read_settings("pelicanconf.py", override={"OUTPUT_PATH": str(tmp_path / "output")})
    before = gc.get_threshold()
    if fails:
        with pytest.raises(DirectoryInvalid):
            Pelican(settings).run()
    else:
        Pelican(settings).run()
        assert (tmp_path / "output" / "meetings" / "morning-group" / "index.html").is_file()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
