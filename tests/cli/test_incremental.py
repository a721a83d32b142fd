"""Rebuilds: nothing is done when nothing changed; a changed listing rewrites only what shows it,
and the result is exactly what a full build gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import REPO, make_site, run_pillar


def files(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Each file's inode and bytes."""
    found = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            found[str(path.relative_to(folder))] = (path.stat().st_ino, path.read_bytes())
    return found


def test_rebuilds_do_only_what_changed_and_match_a_full_build(tmp_path):
    site = make_site(tmp_path / "site", {})
    shutil.rmtree(site / "directory")
    shutil.copytree(REPO / "directory", site / "directory")
    shutil.copytree(REPO / "content", site / "content", dirs_exist_ok=True)
    assert run_pillar("build", cwd=site).code == 0
    first = files(site / "output")

    again = run_pillar("build", cwd=site)
    assert again.code == 0 and "nothing has changed since the last build" in again.err
    assert files(site / "output") == first

    edited = site / "directory/meetings/austin/sample-downtown-nooner.yaml"
    edited.write_text(edited.read_text().replace("\nnotes: ", "\nnotes: Moved upstairs this month. ", 1))
    gone = site / "directory/meetings/portland/" / sorted(os.listdir(site / "directory/meetings/portland"))[0]
    gone_slug = gone.stem
    gone.unlink()
    assert run_pillar("build", cwd=site).code == 0
    second = files(site / "output")
    changed = {name for name, (inode, _) in second.items() if first.get(name, (None,))[0] != inode}
    assert "meetings/sample-downtown-nooner/index.html" in changed
    assert "es/meetings/sample-downtown-nooner/index.html" in changed
    assert "Moved upstairs this month." in second["meetings/sample-downtown-nooner/index.html"][1].decode()
    assert not any(name.startswith(f"meetings/{gone_slug}/") for name in second)
    untouched = [name for name in first if name.startswith("meetings/") and name.endswith(("index.html", ".ics"))
                 and "minneapolis" not in name and name in second]
    kept = [name for name in untouched if name not in changed]
    assert len(kept) > len(untouched) * 0.8, "most listing pages and calendars should be reused"

    full = tmp_path / "full"
    assert run_pillar("build", "--full", "-o", full, cwd=site).code == 0
    assert {name: data for name, (_, data) in second.items()} == {name: data for name, (_, data) in files(full).items()}


def test_a_changed_setting_rebuilds_everything(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": 'name: Sample A\nday: monday\ntime: "07:00"\n'
                                                   "conference_url: https://example.org/a\n"})
    assert run_pillar("build", cwd=site).code == 0
    before = files(site / "output")
    changed = run_pillar("build", "-e", 'SITENAME="Another name"', cwd=site)
    assert changed.code == 0 and "nothing has changed" not in changed.err
    after = files(site / "output")
    assert b"Another name" in after["meetings/sample-a/index.html"][1]
    assert before["meetings/sample-a/index.html"][0] != after["meetings/sample-a/index.html"][0]


def test_nothing_changed_is_told_without_loading_pelican_and_any_change_is_noticed(tmp_path):
    site = make_site(tmp_path / "site", {"meetings/a.yaml": 'name: Sample A\nday: monday\ntime: "07:00"\n'
                                                            "conference_url: https://example.org/a\n"})
    assert run_pillar("build", "-e", "SAMPLE_DATA_NOTICE=false", "BUILD_JOBS=1", cwd=site).code == 0
    check = ("import sys; from pillar import cli; code = cli.main(sys.argv[1:]); "
             "print(code, 'pelican' in sys.modules)")
    quick = subprocess.run([sys.executable, "-c", check, "build", "-e", "BUILD_JOBS=1", "SAMPLE_DATA_NOTICE=false"],
                           cwd=site, capture_output=True, text=True, timeout=120)
    assert quick.stdout.split() == ["0", "False"] and "nothing has changed" in quick.stderr

    elsewhere = tmp_path / "elsewhere"  # run from another folder, the settings are read again: same site
    elsewhere.mkdir()
    same = run_pillar("build", "-s", site / "pelicanconf.py", "-e", "SAMPLE_DATA_NOTICE=false", "BUILD_JOBS=1",
                      cwd=elsewhere)
    assert same.code == 0 and "nothing has changed" in same.err

    changes = [  # (what changes, the arguments): each is noticed, then nothing is
        (lambda: None, ("-e", "SAMPLE_DATA_NOTICE=true", "BUILD_JOBS=1")),
        (lambda: (site / "pelicanconf.py").write_text((site / "pelicanconf.py").read_text() + "\n# edited\n"),
         ("-e", "SAMPLE_DATA_NOTICE=true", "BUILD_JOBS=1")),
        (lambda: (site / "directory/meetings/a.yaml").write_text(
            'name: Sample A\nday: tuesday\ntime: "07:00"\nconference_url: https://example.org/a\n'),
         ("-e", "SAMPLE_DATA_NOTICE=true", "BUILD_JOBS=1")),
    ]
    for change, arguments in changes:
        change()
        result = run_pillar("build", *arguments, cwd=site)
        assert result.code == 0 and "built the site" in result.err, arguments
        again = run_pillar("build", *arguments, cwd=site)
        assert "nothing has changed" in again.err, arguments


def test_a_changed_translation_outside_the_theme_reaches_the_pages_on_the_next_build(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(REPO / "theme" / "translations", translations)
    site = make_site(tmp_path / "site", {"meetings/a.yaml": 'name: Sample A\nday: monday\ntime: "07:00"\n'
                                                            "address: 1 Main St, Austin, TX 78701\n"
                                                            "latitude: 30.27\nlongitude: -97.74\n"},
                     f'LANGUAGES = ["en", "es"]\nTRANSLATIONS_PATH = {str(translations)!r}\n')
    assert run_pillar("build", cwd=site).code == 0
    page = site / "output/es/meetings/sample-a/index.html"
    assert '<h2 id="where">Dónde</h2>' in page.read_text()
    catalog = translations / "es" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(catalog.read_text().replace('msgid "Where"\nmsgstr "Dónde"', 'msgid "Where"\nmsgstr "Lugar"'))
    again = run_pillar("build", cwd=site)
    assert again.code == 0 and "nothing has changed" not in again.err
    assert '<h2 id="where">Lugar</h2>' in page.read_text()
