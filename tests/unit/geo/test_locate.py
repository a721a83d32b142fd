"""Coordinates and time zones: written ones win, then the cache; gaps are warnings."""


from pillar.settings import Bounds
from pillar.directory.model import Address, Directory, Meeting, Service
from pillar.geo import locate as locate_module
from pillar.geo.geocache import Entry, normalize
from pillar.geo.locate import locate, same_clock, wanted, zone_at

ADDRESS = "1 Sample St, Austin, TX"


def meeting(slug="a", **kw):
    base = dict(slug=slug, name="A", source=f"directory/meetings/{slug}.yaml", address=Address(formatted=ADDRESS),
                days=(1,), time="07:00", positions=(("address", 4, 10), ("timezone", 6, 11)))
    return Meeting(**{**base, **kw})


CACHE = {normalize(ADDRESS): Entry("nominatim", "2026-01-01", latitude=30.27, longitude=-97.74, approximate=True)}


def run(*listings, cache=CACHE, bounds=Bounds()):
    return locate(Directory(meetings=tuple(listings)), cache, bounds, "America/New_York")


def test_written_coordinates_win_over_the_cache():
    (m,) = run(meeting(latitude=39.74, longitude=-104.99)).meetings
    assert (m.latitude, m.longitude, m.approximate) == (39.74, -104.99, False)
    assert m.timezone == "America/Denver"


def test_the_cache_fills_coordinates_and_the_zone_comes_from_them():
    located = run(meeting())
    (m,) = located.meetings
    assert (m.latitude, m.longitude, m.approximate) == (30.27, -97.74, True)
    assert m.timezone == "America/Chicago"
    assert located.problems == ()


def test_the_zone_stored_with_the_answer_is_taken_as_it_is():
    # Stored with Austin's coordinates, a zone that is not Austin's shows the build did not look it up.
    stored = {normalize(ADDRESS): Entry("nominatim", "2026-01-01", latitude=30.27, longitude=-97.74,
                                        timezone="America/Phoenix")}
    located = run(meeting(), meeting("b", timezone="America/Chicago"), cache=stored)
    assert [m.timezone for m in located.meetings] == ["America/Phoenix", "America/Chicago"]
    assert [str(p) for p in located.problems] == [
        "directory/meetings/b.yaml:6:11: warning: timezone: America/Chicago does not keep the same time as the "
        "listing's place (America/Phoenix) — fix the time zone or the coordinates"]


def test_missing_coordinates_are_a_warning_with_the_fix():
    located = run(meeting(), cache={})
    (m,) = located.meetings
    assert m.latitude is None and m.timezone == "America/New_York"
    assert [str(p) for p in located.problems] == [
        'directory/meetings/a.yaml:4:10: warning: no coordinates for "1 Sample St, Austin, TX" — run pillar '
        "geocode or add latitude/longitude"]


def test_not_found_and_suspect_answers_are_not_used():
    key = normalize(ADDRESS)
    for entry, words in ((Entry("n", "d", found=False), "found no place for"),
                         (Entry("n", "d", latitude=48.8, longitude=2.3, display_name="Paris", suspect=True),
                          "outside DIRECTORY_BOUNDS (Paris)")):
        located = run(meeting(), cache={key: entry})
        assert located.meetings[0].latitude is None
        assert words in located.problems[0].message


def test_online_meetings_need_no_place():
    located = run(meeting(address=None, attendance="online", conference_url="https://x"), cache={})
    assert located.problems == () and located.meetings[0].timezone == "America/New_York"


def test_a_stated_zone_that_disagrees_with_the_place_is_a_warning():
    located = run(meeting(timezone="America/Los_Angeles"))
    assert [str(p) for p in located.problems] == [
        "directory/meetings/a.yaml:6:11: warning: timezone: America/Los_Angeles does not keep the same time as "
        "the listing's place (America/Chicago) — fix the time zone or the coordinates"]
    assert run(meeting(timezone="America/Mexico_City", latitude=19.43, longitude=-99.13)).problems == ()


def test_wanted_groups_listings_by_address():
    service = Service(slug="s", name="S", source="s.yaml", address=Address(formatted="1 sample st austin tx"))
    items = wanted(Directory(meetings=(meeting("a"), meeting("b", latitude=1.0, longitude=1.0)),
                             services=(service,)), Bounds())
    assert [(i.key, [l.slug for l in i.listings]) for i in items] == [("1 sample st austin tx", ["a", "s"])]


def test_zone_helpers():
    assert zone_at(30.27, -97.74) == "America/Chicago"
    assert same_clock("America/Detroit", "America/New_York")
    assert not same_clock("America/Phoenix", "America/Denver")  # no daylight saving in Arizona


def test_two_processes_locate_exactly_as_one(monkeypatch):
    """A big directory is located on two cores; the listings and warnings are the same, in order."""
    monkeypatch.setattr(locate_module, "WORTH_SHARING", 2000)
    listings = [meeting(f"m{n:04d}", **({"latitude": 51.5, "longitude": -0.12} if n % 3 == 0 else {}))
                for n in range(2400)]
    listings += [meeting(f"x{n:04d}", address=Address(formatted=f"{n} Nowhere Rd")) for n in range(100)]
    directory = Directory(meetings=tuple(listings), services=(Service(
        slug="s", name="S", source="directory/services/s.yaml", address=Address(formatted=ADDRESS)),))
    one = locate(directory, CACHE, Bounds(), "America/New_York", processes=1)
    two = locate(directory, CACHE, Bounds(), "America/New_York", processes=2)
    assert two == one and [m.timezone for m in two.meetings[:3]] == ["Europe/London", "America/Chicago",
                                                                     "America/Chicago"]
    assert len(two.problems) == 100 and two.services[0].latitude == 30.27
