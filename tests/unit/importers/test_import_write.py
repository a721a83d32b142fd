"""importers.write: what an import writes fits the rest of the directory it goes into."""

import datetime as dt
import json

from helpers import make_site
from pillar.directory import loader
from pillar.importers import write
from pillar.importers.meeting_guide import convert

TODAY = dt.date(2026, 6, 1)
MEETING = {"day": 1, "time": "07:00", "formatted_address": "1 Sample St"}


def import_feed(site, meetings, folder="imported"):
    records, notes = convert(json.dumps(meetings), "feed.json")
    into = site / "directory" / "meetings" / folder
    report = write(records, notes, into, "meeting-guide", f"{folder}.json", TODAY)
    return {path.stem: path.read_text(encoding="utf-8") for path in into.glob("*.yaml")}, report


def test_a_region_written_three_ways_is_written_one_way(tmp_path):
    site = make_site(tmp_path, {})
    files, _ = import_feed(site, [{**MEETING, "name": f"Sample {n}", "regions": ["Brasil", spelling]}
                                  for n, spelling in enumerate(["São Paulo", "Sao Paulo", "SAO PAULO!", "São Paulo"])])
    assert {text.split("regions: ")[1].splitlines()[0] for text in files.values()} == {"[Brasil, São Paulo]"}
    assert loader.load_directory(site / "directory", loader.LoadOptions(today=TODAY)).problems == ()


def test_the_directorys_own_spelling_and_slugs_win(tmp_path):
    site = make_site(tmp_path, {"meetings/austin/sample-one.yaml":
                                'name: Sample One\nday: monday\ntime: "07:00"\naddress: 1 St\nregions: [Sao Paulo]\n'})
    files, report = import_feed(site, [{**MEETING, "name": "Sample One", "regions": ["SÃO PAULO"]}])
    assert list(files) == ["sample-one-2"] and "regions: [Sao Paulo]" in files["sample-one-2"]
    assert "slug already used: saved as sample-one-2" in [note.reason for note in report.notes]
    assert loader.load_directory(site / "directory", loader.LoadOptions(today=TODAY)).problems == ()
    again, _ = import_feed(site, [{**MEETING, "name": "Sample One", "regions": ["SÃO PAULO"]}])
    assert again == files  # and importing it again changes nothing
