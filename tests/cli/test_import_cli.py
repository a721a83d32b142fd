"""pillar import end to end: files and URLs, idempotence, newer versions, and the round trip
Meeting Guide feed → listing files → site → feeds/meetings.json."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpers import make_site, run_pillar
from pillar.directory.type_codes import type_table
from pillar.importers.clean import time_of_day

FIXTURE = Path(__file__).parent.parent / "fixtures" / "import" / "meeting-guide-quirks.json"


def test_round_trip_keeps_every_imported_meeting(tmp_path):
    site = make_site(tmp_path, {})
    result = run_pillar("import", "meeting-guide", FIXTURE, "--into", "directory/meetings/imported", cwd=site)
    assert result.code == 0, result.err
    assert run_pillar("validate", cwd=site).code == 0  # valid; a few addresses wait for pillar geocode
    build = run_pillar("build", cwd=site)
    assert build.code == 0, build.err
    out = json.loads((site / "output" / "feeds" / "meetings.json").read_text())
    by_page = {}
    for item in out:
        by_page.setdefault(item["url"].rstrip("/").rsplit("/", 1)[-1], []).append(item)
    source = [item for item in json.loads(FIXTURE.read_text()) if isinstance(item, dict)]
    imported = {path.stem for path in (site / "directory" / "meetings" / "imported").glob("*.yaml")}
    known = set(type_table().meeting_guide)
    checked = 0
    for record in source:
        slug = record.get("slug")
        if slug not in imported or slug in ("sample-sunrise",) and record["day"] == 2:
            continue  # skipped, or saved under another slug (sample-sunrise-2)
        entries = by_page[slug]
        days = record.get("day") if isinstance(record.get("day"), list) else [record.get("day")]
        days = [int(d) for d in days if d is not None]
        assert sorted(e.get("day") for e in entries if "day" in e) == sorted(days), slug
        if len(days) <= 1:
            assert [e["slug"] for e in entries] == [slug]
        for entry in entries:
            start = time_of_day(record.get("time"))
            assert entry.get("time") == start, slug
            if start:
                end = time_of_day(record.get("end_time")) or f"{(int(start[:2]) + 1) % 24:02d}{start[2:]}"
                assert entry["end_time"] == end, slug
            raw = record.get("types") or []
            raw = raw.split(",") if isinstance(raw, str) else raw
            expected = {t.strip().upper() for t in raw if t.strip().upper() in known}
            if record.get("attendance_option") == "inactive":
                expected.add("TC")
            assert set(entry["types"]) == expected, slug
            for key in ("conference_url", "conference_phone"):
                if str(record.get(key, "")).startswith(("https://", "+")):
                    assert entry[key] == record[key], slug
            if record.get("attendance_option") != "online" and float(record.get("latitude") or 0):
                assert (entry["latitude"], entry["longitude"]) == (float(record["latitude"]),
                                                                  float(record["longitude"])), slug
        checked += 1
    assert checked == 10  # every record imported under its own slug (the exact duplicate checks the same page)


def test_importing_twice_changes_nothing_and_a_newer_version_says_what_changed(tmp_path):
    feed = tmp_path / "feed.json"
    meetings = [{"name": f"Sample {n}", "slug": f"sample-{n}", "day": n % 7, "time": "07:00",
                 "formatted_address": f"{n} Sample St"} for n in range(5)]
    feed.write_text(json.dumps(meetings))
    into = tmp_path / "directory" / "meetings" / "imported"
    first = run_pillar("import", "meeting-guide", feed, "--into", into)
    assert "5 imported (5 added, 0 changed, 0 unchanged)" in first.err
    before = {p.name: p.read_bytes() for p in into.iterdir()}
    again = run_pillar("import", "meeting-guide", feed, "--into", into)
    assert "5 imported (0 added, 0 changed, 5 unchanged), 0 merged, 0 skipped, 0 removed" in again.err
    assert {p.name: p.read_bytes() for p in into.iterdir()} == before
    (into / "hand-made.yaml").write_text("name: Sample Hand Made\nday: monday\ntime: \"07:00\"\naddress: x\n")
    meetings[0]["time"] = "08:00"
    feed.write_text(json.dumps(meetings[:4] + [{"name": "Sample New", "day": 1, "time": "09:00",
                                                "formatted_address": "9 Sample St"}]))
    newer = run_pillar("import", "meeting-guide", feed, "--into", into)
    assert "5 imported (1 added, 1 changed, 3 unchanged), 0 merged, 0 skipped, 1 removed" in newer.err
    assert sorted(p.name for p in into.iterdir()) == ["hand-made.yaml", "sample-0.yaml", "sample-1.yaml",
                                                       "sample-2.yaml", "sample-3.yaml", "sample-new.yaml"]


def test_import_from_a_url_and_failures(tmp_path):
    body = json.dumps([{"name": "Sample Web", "day": 2, "time": "7:30 PM", "formatted_address": "1 Sample St"}])

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            status = 200 if self.path == "/feed.json" else 404
            self.send_response(status)
            self.end_headers()
            self.wfile.write(body.encode() if status == 200 else b"missing")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        into = tmp_path / "in"
        ok = run_pillar("import", "meeting-guide", f"{base}/feed.json", "--into", into)
        assert ok.code == 0 and 'time: "19:30"' in (into / "sample-web.yaml").read_text()
        missing = run_pillar("import", "meeting-guide", f"{base}/gone.json", "--into", into)
        assert missing.code == 1
        assert missing.err.strip() == f"pillar import: {base}/gone.json: could not fetch it (Not Found)"
    finally:
        server.shutdown()
    nothing = run_pillar("import", "meeting-guide", tmp_path / "none.json", "--into", tmp_path / "x")
    assert nothing.code == 1 and "cannot read it (No such file or directory)" in nothing.err
    assert "Traceback" not in nothing.err + missing.err


FIXTURES = FIXTURE.parent
EVERY_FIXTURE = [("meeting-guide", "meeting-guide-quirks.json", ()), ("meeting-guide", "meeting-guide-iso-days.json", ()),
                 ("meeting-guide", "meeting-guide-legacy-codes.json", ()),
                 ("meeting-guide", "meeting-guide-long-slugs.json", ()),
                 ("bmlt", "bmlt-search.json", ("--formats", FIXTURES / "bmlt-formats.json")),
                 ("tsml-csv", "tsml-quirks.csv", ()), ("naws-csv", "naws-quirks.csv", ())]


def test_whatever_import_writes_validates_strictly_but_for_coordinates_and_builds(tmp_path):
    site = make_site(tmp_path, {})
    for format_name, name, extra in EVERY_FIXTURE:
        result = run_pillar("import", format_name, FIXTURES / name, "--into", f"directory/meetings/{Path(name).stem}",
                            *extra, cwd=site)
        assert result.code == 0 and "Traceback" not in result.err, result.err
    check = run_pillar("validate", "--strict", cwd=site)
    others = [line for line in check.out.splitlines() if "warning: no coordinates for" not in line]
    assert others == []
    build = run_pillar("build", cwd=site)
    assert build.code == 0, build.err


def test_days_option_and_the_summary(tmp_path):
    into = tmp_path / "directory" / "meetings" / "online"
    told = run_pillar("import", "meeting-guide", FIXTURES / "meeting-guide-iso-days.json", "--into", into,
                      "--days", "sunday0")
    assert told.code == 0
    assert told.err.splitlines()[-3:] == [
        "pillar import: 4 records: 3 imported (3 added, 0 changed, 0 unchanged), 0 merged, 1 skipped, 0 removed",
        "  text after the feed (line 14, column 3) left out", "  skipped: day '7' is not a weekday (1)"]
    found = run_pillar("import", "meeting-guide", FIXTURES / "meeting-guide-iso-days.json", "--into", into)
    assert "4 records: 4 imported (1 added, 0 changed, 3 unchanged)" in found.err
    assert "  days read as 1 = Monday … 7 = Sunday: the feed has day 7 and no day 0" in found.err
    refused = run_pillar("import", "bmlt", FIXTURES / "bmlt-search.json", "--into", into, "--days", "iso")
    assert (refused.code, refused.err) == (1, "pillar import: --days: bmlt feeds say which day they mean by name "
                                              "or by their own fixed numbers\n")
    one = tmp_path / "one.json"
    one.write_text(json.dumps([{"name": "Sample One", "day": 1, "time": "07:00", "formatted_address": "1 St"}]))
    single = run_pillar("import", "meeting-guide", one, "--into", tmp_path / "one")
    assert single.err.strip() == ("pillar import: 1 record: 1 imported (1 added, 0 changed, 0 unchanged), 0 merged, "
                                  "0 skipped, 0 removed")


def test_a_hand_made_file_keeps_its_slug_and_its_file(tmp_path):
    into = tmp_path / "directory" / "meetings" / "imported"
    into.mkdir(parents=True)
    mine = 'name: Sample One\nday: monday\ntime: "07:00"\naddress: 1 Sample St\n'
    (into / "sample-one.yaml").write_text(mine)
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([{"name": "Sample One", "day": 2, "time": "08:00", "formatted_address": "2 St"}]))
    result = run_pillar("import", "meeting-guide", feed, "--into", into)
    assert result.code == 0
    assert (into / "sample-one.yaml").read_text() == mine
    assert "slug already used: saved as sample-one-2" in result.err
    assert 'time: "08:00"' in (into / "sample-one-2.yaml").read_text()
