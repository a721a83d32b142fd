"""Templates compiled once and kept for the next builds (pillar.site.compiled), in real Jinja
environments with the system's temporary folder moved to a folder of the test's own."""

from __future__ import annotations

import os
import tempfile
import time

import pytest
from hypothesis import given, settings, strategies as st
from jinja2 import DictLoader, Environment

from helpers import damaged, temporary_folder
from pillar.site.compiled import KEPT_DAYS, kept


@pytest.fixture
def temporary(tmp_path, monkeypatch):
    """The system's temporary folder, for this test only (where Jinja keeps the code)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def kept_files(temporary) -> list:
    return sorted(path for path in temporary.rglob("__pillar_*.cache"))


def render(templates: dict[str, str], language: str, word: str, settings_digest: str = "settings") -> str:
    """``page.html`` rendered by a new environment whose filter ``greet`` says ``word`` (as each
    language's environment binds its own), keeping its code between environments."""
    env = Environment(loader=DictLoader(templates), autoescape=True,
                      bytecode_cache=kept(language, settings_digest, "code"))
    env.filters["greet"] = lambda name: f"{word}, {name}"
    return env.get_template("page.html").render()


def test_a_second_environment_takes_the_kept_code_and_renders_the_same(temporary):
    templates = {"page.html": "<p>{{ 'friend'|greet }}</p>"}
    assert render(templates, "en", "Hello") == "<p>Hello, friend</p>"
    files = kept_files(temporary)
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    assert render(templates, "en", "Hello") == "<p>Hello, friend</p>"
    assert kept_files(temporary) == files and files[0].stat().st_mtime_ns == written  # read, not written again


def test_each_language_keeps_its_own_code_as_its_filters_run_while_compiling(temporary):
    templates = {"page.html": "<p>{{ 'friend'|greet }}</p>"}
    assert render(templates, "en", "Hello") == "<p>Hello, friend</p>"
    assert render(templates, "es", "Hola") == "<p>Hola, friend</p>"
    assert render(templates, "en", "Hello") == "<p>Hello, friend</p>"
    assert len(kept_files(temporary)) == 2


def test_other_settings_compile_afresh(temporary):
    templates = {"page.html": "<p>{{ 'friend'|greet }}</p>"}
    assert render(templates, "en", "Hello", "settings") == "<p>Hello, friend</p>"
    assert render(templates, "en", "Hi", "other settings") == "<p>Hi, friend</p>"


def test_a_changed_template_is_compiled_again(temporary):
    assert render({"page.html": "<p>one</p>"}, "en", "Hello") == "<p>one</p>"
    assert render({"page.html": "<p>two</p>"}, "en", "Hello") == "<p>two</p>"


@settings(max_examples=60)
@given(damage=st.binary(max_size=200), where=st.sampled_from(["end", "start", "middle"]))
def test_a_damaged_file_is_compiled_again_and_written_whole(tmp_path_factory, damage, where):
    with temporary_folder(tmp_path_factory.mktemp("temporary")) as folder:
        templates = {"page.html": "<p>{{ 'friend'|greet }} &amp; {{ '<b>' }}</p>"}
        assert render(templates, "en", "Hello") == "<p>Hello, friend &amp; &lt;b&gt;</p>"
        [file] = kept_files(folder)
        whole = file.read_bytes()
        file.write_bytes(damaged(whole, damage, where))
        assert render(templates, "en", "Hello") == "<p>Hello, friend &amp; &lt;b&gt;</p>"


def test_a_folder_that_cannot_be_written_only_costs_compiling(temporary):
    cache = kept("en", "settings", "code")
    folder = temporary / f"_jinja2-cache-{os.getuid()}"
    folder.rmdir()  # (gone after Jinja checked it: nothing can be written there)
    env = Environment(loader=DictLoader({"page.html": "<p>x</p>"}), bytecode_cache=cache)
    assert env.get_template("page.html").render() == "<p>x</p>"
    assert not folder.exists()


def test_a_folder_another_user_could_write_is_not_used(temporary):
    folder = temporary / f"_jinja2-cache-{os.getuid()}"
    folder.mkdir(mode=0o700)
    os.symlink(temporary, temporary / "elsewhere")
    folder.rmdir()
    os.symlink(temporary / "elsewhere", folder)  # a link where Jinja's own folder should be
    assert kept("en", "settings", "code") is None
    env = Environment(loader=DictLoader({"page.html": "<p>x</p>"}), bytecode_cache=kept("en", "s", "c"))
    assert env.get_template("page.html").render() == "<p>x</p>"


def test_a_build_that_compiles_deletes_what_no_build_wrote_for_days(temporary):
    render({"page.html": "<p>{{ 'friend'|greet }}</p>"}, "en", "Hello", "old settings")
    [old] = kept_files(temporary)
    days_ago = time.time() - (KEPT_DAYS + 1) * 86400
    os.utime(old, (days_ago, days_ago))
    other = old.with_name("__jinja2_someone_else.cache")  # another program's cache, in Jinja's folder too
    other.write_bytes(b"theirs")
    os.utime(other, (days_ago, days_ago))
    assert render({"page.html": "<p>{{ 'friend'|greet }}</p>"}, "en", "Hi", "new settings") == "<p>Hi, friend</p>"
    assert not old.exists() and other.exists() and len(kept_files(temporary)) == 1
    # Files still in use are only read, never written again, so they too go after KEPT_DAYS: then compiled once.
    assert render({"page.html": "<p>{{ 'friend'|greet }}</p>"}, "en", "Hi", "new settings") == "<p>Hi, friend</p>"
