"""Other Pelican plugins hear of every file Pillar writes, as Pelican's own writer tells them:
``content_written`` with the file's path and a context naming it (see the generator's docstring)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from helpers import make_site, run_pillar

LISTENER = '''
import json, os
from pelican import signals

heard = []


def register():
    signals.content_written.connect(hear)
    signals.finalized.connect(tell)


def hear(path, context):
    heard.append([os.path.relpath(path, context["OUTPUT_PATH"]), context["output_file"]])


def tell(pelican):
    with open(os.environ["HEARD"], "w", encoding="utf-8") as out:
        json.dump(heard, out)
'''

MEETING = 'name: Group {n}\nday: monday\ntime: "19:30"\nconference_url: https://example.org/{n}\n'


def heard(site: Path, tmp_path: Path, *arguments: str) -> list:
    record = tmp_path / f"heard-{len(list(tmp_path.glob('heard-*')))}.json"
    os.environ["HEARD"] = str(record)
    try:
        result = run_pillar("build", *arguments, cwd=site)
    finally:
        del os.environ["HEARD"]
    assert result.code == 0, result.err
    return json.loads(record.read_text())


def test_every_file_written_is_announced_once_in_the_same_order_on_one_core_or_two(tmp_path):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "listener.py").write_text(LISTENER)
    listings = {f"meetings/group-{n}.yaml": MEETING.format(n=n) for n in range(300)}
    site = make_site(tmp_path / "site", listings, f"PLUGIN_PATHS += [{str(tmp_path / 'plugins')!r}]\n"
                                                  'PLUGINS += ["listener"]\n')
    one = heard(site, tmp_path, "--full", "-e", "BUILD_JOBS=1")
    two = heard(site, tmp_path, "--full", "-e", "BUILD_JOBS=2")
    assert [name for name, _ in one] == [name for name, _ in two]  # the same files, in the same order
    names = [name for name, _ in two]
    assert len(names) == len(set(names))
    assert all(name == output_file for name, output_file in two)
    output = site / "output"
    written = {str(path.relative_to(output)) for path in output.rglob("*") if path.is_file()}
    # Every file, but the theme's static files and the browser libraries (copied, as Pelican's static
    # files are, and not announced by Pelican either).
    assert set(names) <= written
    assert {name for name in written - set(names) if not name.startswith(("theme/", "vendor/"))} == set()
    assert "meetings/group-7/index.html" in names and "meetings/group-7/meeting.ics" in names
    assert "sitemap.xml" in names and "feeds/meetings.json" in names


def test_a_rebuild_announces_the_files_it_reused_too(tmp_path):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "listener.py").write_text(LISTENER)
    site = make_site(tmp_path / "site", {"meetings/a.yaml": MEETING.format(n=1), "meetings/b.yaml": MEETING.format(n=2)},
                     f"PLUGIN_PATHS += [{str(tmp_path / 'plugins')!r}]\nPLUGINS += [\"listener\"]\n")
    full = heard(site, tmp_path)
    (site / "directory" / "meetings" / "b.yaml").write_text(MEETING.format(n=2).replace("monday", "tuesday"))
    again = heard(site, tmp_path)
    assert sorted(name for name, _ in again) == sorted(name for name, _ in full)
