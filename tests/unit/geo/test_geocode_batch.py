"""A geocoding run: what is asked, what is saved, and the summary."""

import datetime as dt
import io

from fake_nominatim import FakeNominatim
from pillar.settings import Bounds
from pillar.cli.progress import Progress
from pillar.directory.model import Meeting
from pillar.geo import geocache
from pillar.geo.geocode import make_service
from pillar.geo.geocode_batch import run
from pillar.geo.locate import Wanted


def item(query, slug="a"):
    listing = Meeting(slug=slug, name="A", source=f"directory/meetings/{slug}.yaml", positions=(("address", 5, 10),))
    return Wanted(geocache.normalize(query), query, "", (listing,))


def test_run_asks_only_what_the_cache_lacks_and_saves(tmp_path):
    path = tmp_path / "cache.json"
    cache = {geocache.normalize("9 Sample Rd, Denver, CO"): geocache.Entry("old", "2020-01-01", latitude=39.74,
                                                                         longitude=-104.99)}
    items = [item("1 Sample St, Austin, TX 78701, US"), item("9 Sample Rd, Denver, CO"), item("nowhere"),
             item("broken x", "b"), item("somewhere, Austin, TX", "c")]
    out = io.StringIO()
    with FakeNominatim() as server:
        service = make_service(server.settings(), Bounds())
        tally = run(items, cache, path, service, Bounds(), limit=3, progress=Progress(4, out),
                    sleep=lambda s: None, today=dt.date(2026, 11, 25))
        assert server.requests == ["1 Sample St, Austin, TX 78701, US", "nowhere", "broken x", "broken x", "broken x"]
    assert tally.summary() == ("pillar geocode: 5 addresses: 1 found (0 approximate), 1 already cached, 1 not found, "
                               "0 outside DIRECTORY_BOUNDS, 1 failed, 1 older answers given their time zone, "
                               "1 left for the next run (--limit)\n"
                               "  why: the service had an error (HTTP 500): 1")
    assert [str(p) for p in tally.problems] == [
        'directory/meetings/a.yaml:5:10: could not geocode "nowhere": no place found for this address',
        'directory/meetings/b.yaml:5:10: could not geocode "broken x": the service had an error (HTTP 500)']
    saved = geocache.load(path)
    assert set(saved) == {"1 sample st austin tx 78701 us", "9 sample rd denver co", "nowhere"}
    assert saved["9 sample rd denver co"].service == "old"  # never asked again, but given its zone
    assert saved["9 sample rd denver co"].timezone == "America/Denver"
    assert saved["1 sample st austin tx 78701 us"].timezone == "America/Chicago"
    assert "[##################------] 3/4 · 1 found · 2 not placed · about" in out.getvalue()
