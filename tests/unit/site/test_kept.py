"""What builds work out from the theme alone, kept for the next builds (pillar.site.kept), with the
system's temporary folder moved to a folder of the test's own."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from hypothesis import given, settings, strategies as st

from helpers import REPO, damaged, temporary_folder
from pillar.site import bundle, i18n, kept

SCRIPTS = REPO / "theme" / "static" / "js"


@pytest.fixture
def temporary(tmp_path, monkeypatch):
    """The system's temporary folder, for this test only."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def kept_files(folder) -> list:
    return sorted(folder.rglob("__pillar_*"))


class Maker:
    """Makes ``value`` and counts how many times it was asked to."""

    def __init__(self, value: bytes):
        self.value, self.made = value, 0

    def __call__(self) -> bytes:
        self.made += 1
        return self.value


def test_worked_out_once_then_read_while_what_it_depends_on_stays_the_same(temporary):
    make = Maker(b"the answer")
    assert kept.remembered("test", [b"a", b"b"], make) == b"the answer"
    assert kept.remembered("test", [b"a", b"b"], make) == b"the answer"
    assert make.made == 1
    assert kept.remembered("test", [b"a", b"c"], make) == b"the answer"
    assert kept.remembered("test", [b"ab"], make) == b"the answer"  # parts are not run together
    assert make.made == 3
    assert len(kept_files(temporary)) == 3


def test_a_folder_that_cannot_be_written_only_costs_working_it_out(temporary):
    folder = temporary / f"_jinja2-cache-{os.getuid()}"
    make = Maker(b"value")
    kept.remembered("test", [b"x"], make)
    shutil.rmtree(folder)
    folder.write_text("a file where the folder should be")
    assert kept.remembered("test", [b"x"], make) == b"value"
    assert kept.remembered("test", [b"x"], make) == b"value"
    assert make.made == 3


@settings(max_examples=60)
@given(damage=st.binary(max_size=80), where=st.sampled_from(["end", "start", "middle"]))
def test_a_damaged_file_is_worked_out_again_and_written_whole(tmp_path_factory, damage, where):
    with temporary_folder(tmp_path_factory.mktemp("temporary")) as folder:
        make = Maker(b"the messages the scripts translate")
        kept.remembered("test", [b"scripts"], make)
        [file] = kept_files(folder)
        whole = file.read_bytes()
        file.write_bytes(damaged(whole, damage, where))
        changed = file.read_bytes() != whole
        assert kept.remembered("test", [b"scripts"], make) == b"the messages the scripts translate"
        assert make.made == (2 if changed else 1)
        assert kept.remembered("test", [b"scripts"], make) == b"the messages the scripts translate"
        assert make.made == (2 if changed else 1)  # written whole again


def test_the_scripts_messages_and_lazy_modules_are_kept_as_worked_out(temporary, tmp_path):
    scripts = tmp_path / "js"
    shutil.copytree(SCRIPTS, scripts)
    for _ in range(2):  # worked out, then read
        assert i18n.kept_script_strings(scripts) == i18n.script_strings(scripts)
        assert bundle.lazy_modules(scripts) == ["./listing-map.js", "./map.js", "./offline.js", "./places.js",
                                                "./search.js"]
    assert len(kept_files(temporary)) == 2
    assert ("%(count)s meeting found.", "%(count)s meetings found.") in i18n.kept_script_strings(scripts)


def test_a_changed_script_is_read_again(temporary, tmp_path):
    scripts = tmp_path / "js"
    shutil.copytree(SCRIPTS, scripts)
    before = i18n.kept_script_strings(scripts), bundle.lazy_modules(scripts)
    with open(scripts / "finder.js", "a", encoding="utf-8") as script:
        script.write("\nconst more = () => [t('A message added today'), import('./added-today.js')];\n")
    strings, lazy = i18n.kept_script_strings(scripts), bundle.lazy_modules(scripts)
    assert "A message added today" in strings and "A message added today" not in before[0]
    assert "./added-today.js" in lazy and "./added-today.js" not in before[1]
    assert strings == i18n.script_strings(scripts)
