"""The weekly schedule, the region tree and shared locations."""

from pillar.directory.loader import LoadOptions
from pillar.directory.model import Address, Community, Directory, Meeting
from pillar.site import browse

SUBS = LoadOptions().regex_subs


def meeting(slug, days=(1,), time="19:00", regions=(), location="", address="", **kw):
    return Meeting(slug=slug, name=slug.title(), source=f"{slug}.yaml", days=days, time=time, regions=regions,
                   location=location, address=Address(formatted=address) if address else None, **kw)


def test_week_orders_by_time_and_lists_multi_day_meetings_each_day():
    week = browse.week([meeting("late", (1, 3), "20:00"), meeting("early", (1,), "07:00"), meeting("appt", ())])
    assert [d.name for d in week][:2] == ["sunday", "monday"]
    assert [m.slug for m in week[1].meetings] == ["early", "late"]
    assert [m.slug for m in week[3].meetings] == ["late"]
    assert week[3].page_url == "schedule/wednesday/"
    assert sum(len(d.meetings) for d in week) == 3


def test_region_tree_files_each_listing_under_every_level():
    listings = (meeting("a", regions=("Texas", "Austin", "East Austin")), meeting("b", regions=("Texas", "Dallas")),
                Community(slug="c", name="C", source="c.yaml", regions=("Texas",)), meeting("d"))
    root = browse.region_tree(listings, SUBS)
    texas = root.children["Texas"]
    assert texas.count == 3 and [m.slug for m in texas.meetings] == ["a", "b"]
    assert [r.page_url for r in browse.all_regions(root)] == [
        "regions/texas/", "regions/texas/austin/", "regions/texas/austin/east-austin/", "regions/texas/dallas/"]
    assert texas.children["Austin"].children["East Austin"].names == ("Texas", "Austin", "East Austin")


def test_shared_locations_match_on_place_and_address_loosely():
    a = meeting("a", (2,), location="Sample Hall", address="1 Sample St.")
    b = meeting("b", (1,), location="sample hall", address="1 sample st")
    c = meeting("c", location="Other Hall", address="1 Sample St")
    d = meeting("d", location="Sample Hall")
    shared = browse.shared_locations([a, b, c, d])
    assert shared["a"] is shared["b"]
    assert [m.slug for m in shared["a"]] == ["b", "a"]
    assert "c" not in shared and "d" not in shared


def test_views_collect_appointment_meetings():
    views = browse.views(Directory(meetings=(meeting("a", ()), meeting("b"))), SUBS)
    assert [m.slug for m in views.appointment] == ["a"]
