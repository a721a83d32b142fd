"""The generator, run in this process as Pelican runs it: what it leaves behind."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import shutil

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from helpers import REPO, make_site
from pillar.cli.main import main as pillar_main
from pillar.site import generator as generator_module
from pillar.site.generator import DirectoryGenerator, DirectoryInvalid

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


def test_on_two_cores_the_helpers_hand_over_compiled_templates_and_calendar_events(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site", {"meetings/morning.yaml": MEETING},
                     f"NODE_MODULES_PATH = {str(REPO / 'node_modules')!r}\nBUILD_JOBS = 2\n")
    monkeypatch.chdir(site)
    monkeypatch.setattr(generator_module, "HELPERS_WORTH", 1)  # (a site this small is built without them)
    built = []
    write = DirectoryGenerator.generate_output
    monkeypatch.setattr(DirectoryGenerator, "generate_output",
                        lambda self, writer: (built.append(self), write(self, writer))[-1])
    Pelican(read_settings("pelicanconf.py", override={"OUTPUT_PATH": str(tmp_path / "output")})).run()
    generator = built[0]
    # Two helpers, all waited for: the templates (then the load cache); the time zones' VTIMEZONE blocks,
    # then the events. (Only a rebuild needs the listings' keys before it writes: a third works them out.)
    assert len(generator.helpers.started) == 2 and all(helper.process is None for helper in generator.helpers.started)
    env = generator._language_envs["en"]
    for name in ("meeting.html", "base.html", "_fragments.html"):
        filename = env.loader.get_source(env, name)[1]
        assert f"en/{env.bytecode_cache.get_cache_key(name, filename)}" in generator.precompiled.bytecode
    assert list(generator.events) == ["morning-group"]
    assert b"SUMMARY:Morning Group" in generator.events["morning-group"]
    assert list(generator.zones) == ["America/Chicago"] and b"BEGIN:VTIMEZONE" in generator.zones["America/Chicago"]


def test_a_themes_page_template_may_import_macros_without_context_and_they_see_the_sites_values(tmp_path, monkeypatch):
    # A theme of one's own, whose meeting page imports a macro the usual Jinja way: the macro uses
    # SITEURL and the pillar settings, which are the language's globals, not the page's values.
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    (theme / "templates" / "meeting.html").write_text(
        '{% extends "base.html" %}{% from "_macros.html" import map_panel %}'
        '{% block content %}{{ map_panel(listing) }}{% endblock %}', encoding="utf-8")
    site = make_site(tmp_path / "site", {"meetings/morning.yaml": MEETING},
                     f"NODE_MODULES_PATH = {str(REPO / 'node_modules')!r}\nTHEME = {str(theme)!r}\n"
                     'SITEURL = "https://meetings.example"\n')
    monkeypatch.chdir(site)
    Pelican(read_settings("pelicanconf.py", override={"OUTPUT_PATH": str(tmp_path / "output")})).run()
    page = (tmp_path / "output" / "meetings" / "morning-group" / "index.html").read_text(encoding="utf-8")
    assert 'data-leaflet="https://meetings.example/vendor/leaflet/leaflet.js"' in page


@pytest.mark.parametrize("forking", [True, False])
def test_pillar_build_saves_the_load_cache_for_the_next_build_with_helpers_or_without(tmp_path, monkeypatch, forking):
    """With helpers, the one that compiles the templates saves it; where processes cannot be forked
    (Windows), there is no helper, and the build saves it while it writes."""
    site = make_site(tmp_path / "site", {"meetings/morning.yaml": MEETING},
                     f"NODE_MODULES_PATH = {str(REPO / 'node_modules')!r}\nBUILD_JOBS = 2\n")
    monkeypatch.chdir(site)
    monkeypatch.setattr(generator_module, "HELPERS_WORTH", 1)  # (a site this small is built without them)
    if not forking:
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    for name in ("pillar", "pelican"):  # (the command sets its loggers up; they are put back after the test)
        log = logging.getLogger(name)
        for attribute in ("handlers", "propagate", "level"):
            monkeypatch.setattr(log, attribute, list(log.handlers) if attribute == "handlers" else getattr(log, attribute))
    built = []
    write = DirectoryGenerator.generate_output
    monkeypatch.setattr(DirectoryGenerator, "generate_output",
                        lambda self, writer: (built.append(self), write(self, writer))[-1])
    assert pillar_main(["build", "-o", str(tmp_path / "output")]) == 0
    assert all(helper.process is None for helper in built[0].helpers.started)
    cache = tmp_path / ".output.pillar-load.pickle"
    assert cache.is_file() and b"morning.yaml" in cache.read_bytes()
