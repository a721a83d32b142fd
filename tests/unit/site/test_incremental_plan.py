"""One build's plan: whether anything changed, which files are linked from the last output and which
written again, and the state left for the next build (see tests/cli/test_incremental.py for whole
builds)."""

from __future__ import annotations

import os
import shutil
from functools import partial
from pathlib import Path

from pillar.directory.loader import LoadOptions
from pillar.fingerprint import Inputs
from pillar.site.incremental import Build, State, state_path
from pillar.site.outputs import Job


def _site(root: Path) -> tuple[Path, Inputs]:
    (root / "directory" / "meetings").mkdir(parents=True)
    (root / "directory" / "meetings" / "a.yaml").write_text("name: A\n")
    (root / "pelicanconf.py").write_text('SITENAME = "A"\n')
    output = root / "output"
    output.mkdir()
    return output, Inputs(str(root / "pelicanconf.py"), {}, str(root), (), str(root / "directory"), ())


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def _jobs(folder: Path, texts: dict[str, str]) -> list[Job]:
    """A job per file, keyed on its text (as a real job is keyed on what its file shows)."""
    return [Job("pages", (name,), partial(_write, folder, name, text), partial(str, text))
            for name, text in texts.items()]


def _built(output: Path, inputs: Inputs, texts: dict[str, str], full: bool = False) -> tuple[Build, list[str]]:
    """A build as ``pillar build`` makes it: the plan, its jobs run or reused, the state saved and the
    new site swapped in. The build, and the names of the files written (not linked)."""
    plan = Build.plan(output, inputs, full=full)
    plan.start()
    plan.staging.mkdir()
    jobs = _jobs(plan.staging, texts)
    if plan.previous.jobs:
        to_run, keys = plan.reuse(jobs, plan.staging)
        plan.save(keys)
    else:
        to_run = jobs
        plan.save(jobs=jobs)
    for job in to_run:
        job.run()
    plan.forget()
    os.rename(output, output.with_name("old"))
    os.rename(plan.staging, output)
    shutil.rmtree(output.with_name("old"))
    plan.remember()
    return plan, [job.outputs[0] for job in to_run]


def test_a_second_build_with_nothing_changed_has_nothing_to_do(tmp_path):
    output, inputs = _site(tmp_path)
    first, _ = _built(output, inputs, {"a/index.html": "A"})
    assert not first.unchanged
    assert Build.plan(output, inputs).unchanged
    assert not Build.plan(output, inputs, full=True).unchanged
    (tmp_path / "directory" / "meetings" / "a.yaml").write_text("name: AB\n")
    assert not Build.plan(output, inputs).unchanged


def test_only_files_whose_key_changed_are_written_again_the_others_are_linked(tmp_path):
    output, inputs = _site(tmp_path)
    _built(output, inputs, {"a/index.html": "A", "b/index.html": "B", "c/index.html": "C"})
    before = {name: (output / name).stat().st_ino for name in ("a/index.html", "b/index.html", "c/index.html")}
    (tmp_path / "directory" / "meetings" / "a.yaml").write_text("name: AB\n")  # (else nothing is built)
    _, written = _built(output, inputs, {"a/index.html": "A", "b/index.html": "B2", "c/index.html": "C",
                                         "d/index.html": "D"})
    assert written == ["b/index.html", "d/index.html"]
    assert (output / "b" / "index.html").read_text() == "B2"
    assert {name: (output / name).stat().st_ino for name in ("a/index.html", "c/index.html")} == {
        name: before[name] for name in ("a/index.html", "c/index.html")}  # the same files, linked
    assert State.read(state_path(output)).jobs == {"a/index.html": "A", "b/index.html": "B2", "c/index.html": "C",
                                                   "d/index.html": "D"}


def test_a_file_missing_from_the_last_output_is_written_again(tmp_path):
    output, inputs = _site(tmp_path)
    _built(output, inputs, {"a/index.html": "A", "b/index.html": "B"})
    (output / "a" / "index.html").unlink()
    (tmp_path / "directory" / "meetings" / "a.yaml").write_text("name: AB\n")
    _, written = _built(output, inputs, {"a/index.html": "A", "b/index.html": "B"})
    assert written == ["a/index.html"]


def test_full_reuses_nothing_and_forgets_the_loaded_listings(tmp_path):
    output, inputs = _site(tmp_path)
    plan, _ = _built(output, inputs, {"a/index.html": "A"})
    plan.load_cache(LoadOptions()).path.write_bytes(b"listings")
    _, written = _built(output, inputs, {"a/index.html": "A"}, full=True)
    assert written == ["a/index.html"]
    assert not plan.load_cache(LoadOptions()).path.exists()


def test_the_loaded_listings_are_kept_while_the_code_and_options_are_the_same(tmp_path):
    output, inputs = _site(tmp_path)
    plan = Build.plan(output, inputs)
    assert plan.load_cache(LoadOptions()).key == Build.plan(output, inputs).load_cache(LoadOptions()).key
    assert plan.load_cache(LoadOptions()).key != plan.load_cache(LoadOptions(passcodes="hidden")).key


def test_a_state_of_another_version_or_unreadable_is_no_state(tmp_path):
    output, inputs = _site(tmp_path)
    _built(output, inputs, {"a/index.html": "A"})
    state_path(output).write_text(state_path(output).read_text().replace('"version": ', '"version": 1'))
    assert State.read(state_path(output)) == State()
    state_path(output).write_text("{")
    assert State.read(state_path(output)) == State()
    assert not Build.plan(output, inputs).unchanged
