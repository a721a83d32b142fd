"""The printed lists: what each holds, in which order, with which codes explained, and their date."""

import datetime as dt

from hypothesis import given, strategies as st

from pillar.directory.loader import LoadOptions
from pillar.directory.model import Community, Directory, Meeting, Service
from pillar.directory.type_codes import type_table
from pillar.site import browse, printed

SUBS = LoadOptions().regex_subs
TABLE = type_table()


def meeting(slug, days=(1,), time="19:00", regions=(), types=(), fellowship="AA", **kw):
    return Meeting(slug=slug, name=slug.replace("-", " ").title(), source=f"{slug}.yaml", days=days, time=time,
                   regions=regions, types=types, fellowship=fellowship, timezone=kw.pop("timezone", "America/Chicago"),
                   **kw)


def lists(directory, limit=printed.PRINT_LIMIT, lang="en"):
    root = browse.region_tree(directory.listings, SUBS)
    return {made.page_url: made for made in printed.print_lists(directory, root, TABLE, limit, lang)}


def test_meetings_are_listed_by_day_then_start_time_then_name():
    directory = Directory(meetings=(
        meeting("late-group", (1, 3), "20:00"), meeting("early-group", (1,), "07:00"),
        meeting("b-noon", (3,), "12:00"), meeting("a-noon", (3,), "12:00"), meeting("sunday-group", (0,), "09:00"),
        meeting("by-appointment", ())))
    whole = lists(directory)["print/"]
    assert [(day.name, [m.slug for m in day.meetings]) for day in whole.days] == [
        ("sunday", ["sunday-group"]),
        ("monday", ["early-group", "late-group"]),
        ("wednesday", ["a-noon", "b-noon", "late-group"]),
    ]
    assert [m.slug for m in whole.appointment] == ["by-appointment"]
    assert len(whole.meetings) == 6  # each meeting once, however many days it meets


def test_the_legend_holds_exactly_the_codes_the_list_uses():
    directory = Directory(meetings=(
        meeting("a", types=("O", "D"), regions=("Texas", "Austin")),
        meeting("b", types=("C", "X"), regions=("Texas", "Dallas")),
        meeting("c", types=("O", "JFT"), fellowship="NA", regions=("Texas", "Dallas"))))
    made = lists(directory)
    assert [entry.code for entry in made["print/"].legend] == ["C", "D", "JFT", "O", "X"]
    assert [entry.code for entry in made["print/texas/austin/"].legend] == ["D", "O"]
    assert [entry.code for entry in made["print/texas/dallas/"].legend] == ["C", "JFT", "O", "X"]
    jft = made["print/"].legend[2]
    assert (jft.fellowship, jft.label) == ("NA", "Just for Today reading")


def test_the_legend_says_what_each_code_means_in_the_lists_language():
    directory = Directory(meetings=(meeting("a", types=("O", "D")), meeting("c", types=("JFT",), fellowship="NA")))
    assert [entry.label for entry in lists(directory, lang="es")["print/"].legend] == [
        "Discusión", "Lectura de Sólo por hoy", "Abierta"]
    assert [entry.label for entry in lists(directory)["print/"].legend] == ["Discussion", "Just for Today reading", "Open"]


def test_a_code_with_two_meanings_is_explained_twice_and_says_whose_each_is():
    directory = Directory(meetings=(meeting("a", types=("LIT",)), meeting("b", types=("LIT",), fellowship="NA")))
    legend = lists(directory)["print/"].legend
    assert [(entry.code, entry.fellowship, entry.shared) for entry in legend] == [("LIT", "", True), ("LIT", "NA", True)]
    assert {TABLE.label(entry.code, entry.fellowship) for entry in legend} == {"Literature", "Literature study"}


def test_a_region_prints_its_areas_meetings_and_its_services_and_communities():
    directory = Directory(
        meetings=(meeting("east", regions=("Texas", "Austin", "East")), meeting("south", regions=("Texas", "Austin")),
                  meeting("dallas", regions=("Texas", "Dallas")), meeting("nowhere")),
        services=(Service(slug="warmline", name="Warmline", source="w.yaml", regions=("Texas",)),),
        communities=(Community(slug="forum", name="Forum", source="f.yaml"),))
    made = lists(directory)
    austin = made["print/texas/austin/"]
    assert {m.slug for m in austin.meetings} == {"east", "south"} and austin.total == 2
    assert austin.source_url == "regions/texas/austin/" and austin.name == "Austin"
    texas = made["print/texas/"]
    assert {m.slug for m in texas.meetings} == {"east", "south", "dallas"}
    assert [s.slug for s in texas.services] == ["warmline"] and not texas.communities
    whole = made["print/"]
    assert len(whole.meetings) == 4 and [c.slug for c in whole.communities] == ["forum"]
    assert whole.source_url == "meetings/" and not whole.areas
    assert set(made) == {"print/"} | {printed.page_url(r) for r in browse.all_regions(
        browse.region_tree(directory.listings, SUBS))}


def test_a_list_too_long_to_print_names_its_areas_lists_instead():
    directory = Directory(meetings=(
        meeting("a", regions=("Texas", "Austin")), meeting("b", regions=("Texas", "Austin")),
        meeting("c", regions=("Texas", "Dallas")), meeting("d", regions=("Texas",)), meeting("e")))
    made = lists(directory, limit=3)
    texas = made["print/texas/"]
    assert texas.total == 4 and [m.slug for m in texas.meetings] == ["d"]
    assert texas.areas == (("Austin", "print/texas/austin/", 2), ("Dallas", "print/texas/dallas/", 1))
    whole = made["print/"]
    assert [m.slug for m in whole.meetings] == ["e"] and whole.areas == (("Texas", "print/texas/", 4),)
    assert not made["print/texas/austin/"].areas  # an area under the limit prints everything


def test_times_say_their_zone_only_when_the_list_has_several():
    one = Directory(meetings=(meeting("a"), meeting("b")))
    assert lists(one)["print/"].zones == ("America/Chicago",)
    two = Directory(meetings=(meeting("a"), meeting("b", timezone="America/Denver")))
    assert lists(two)["print/"].zones == ("America/Chicago", "America/Denver")


def test_the_date_is_the_newest_check_in_the_directory_not_the_clock():
    directory = Directory(meetings=(meeting("a", last_verified=dt.date(2026, 3, 1)), meeting("b")),
                          services=(Service(slug="s", name="S", source="s.yaml", last_verified=dt.date(2026, 5, 2)),))
    assert printed.updated(directory) == dt.date(2026, 5, 2)
    assert printed.updated(Directory(meetings=(meeting("a"),))) is None


CODES = st.sampled_from(["O", "C", "D", "X", "S", "BE", "JFT", "LIT", "11"])
MEETINGS = st.lists(st.builds(
    lambda n, days, time, types, fellowship, regions: meeting(f"m{n}", days, time, regions, types, fellowship),
    st.integers(0, 10**6), st.lists(st.integers(0, 6), max_size=3, unique=True).map(tuple),
    st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}"), st.lists(CODES, max_size=4, unique=True).map(tuple),
    st.sampled_from(["AA", "NA", ""]), st.sampled_from([(), ("Texas",), ("Texas", "Austin"), ("Ohio",)])),
    max_size=30, unique_by=lambda m: m.slug)


@given(MEETINGS, st.integers(1, 40))
def test_every_list_holds_its_meetings_once_a_day_in_order_and_explains_every_code(meetings, limit):
    directory = Directory(meetings=tuple(meetings))
    for made in lists(directory, limit).values():
        for day in made.days:
            assert day.meetings and list(day.meetings) == sorted(day.meetings, key=browse.by_time)
            assert all(day.number in m.days for m in day.meetings)
            assert len({m.slug for m in day.meetings}) == len(day.meetings)
        shown = made.meetings
        assert {m.slug for m in made.appointment} == {m.slug for m in shown if not m.days}
        assert sum(len(day.meetings) for day in made.days) == sum(len(m.days) for m in shown)
        assert {entry.code for entry in made.legend} == {code for m in shown for code in m.types}
        depth = len(made.names)
        inside = [m for m in meetings if m.regions[:depth] == made.names]
        assert made.total == len(inside)
        if made.areas:
            assert made.total > limit and {m.slug for m in shown} == {m.slug for m in inside if len(m.regions) == depth}
        else:
            assert {m.slug for m in shown} == {m.slug for m in inside}
