"""Meeting calendars: the text Pillar writes (escaping, folding), and the same calendars parsed back with icalendar."""

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline

from helpers import REPO
from pillar.directory.loader import LoadOptions, load_directory
from pillar.directory.model import Address, Meeting
from pillar.feeds.ical import calendar, duration, escape, event, fold, reference_event
from pillar.feeds.vtimezones import zone_text


def meeting(**kw):
    base = dict(slug="sample-group", name="Sample Group", source="x.yaml", days=(1, 3), time="19:30",
                timezone="America/Denver", address=Address(formatted="1 Sample St, Denver, CO"), location="Hall",
                latitude=39.74, longitude=-104.99, notes="Side door.")
    return Meeting(**{**base, **kw})


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_weekly_event_in_the_meeting_zone():
    cal = parse(calendar([meeting()], "https://meetings.example.org", "Sample Group"))
    (event,) = cal.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == dt.datetime(2026, 1, 5, 19, 30, tzinfo=ZoneInfo("America/Denver"))
    assert event["dtstart"].params["TZID"] == "America/Denver"
    assert event.decoded("duration") == dt.timedelta(hours=1)
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["MO", "WE"]
    assert str(event["uid"]) == "sample-group@meetings.example.org"
    assert str(event["location"]) == "Hall, 1 Sample St, Denver, CO"
    assert str(event["url"]) == "https://meetings.example.org/meetings/sample-group/"
    assert "Side door." in str(event["description"])
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["America/Denver"]


def test_online_meeting_ending_after_midnight_and_closed():
    cal = parse(calendar([meeting(time="23:30", end_time="00:30", address=None, attendance="online",
                                  conference_url="https://example.org/j", status="temporarily_closed",
                                  latitude=None, longitude=None)], "", "x"))
    (event,) = cal.walk("VEVENT")
    assert event.decoded("duration") == dt.timedelta(hours=1)
    assert str(event["location"]) == "https://example.org/j"
    assert str(event["status"]) == "CANCELLED"
    assert "url" not in event  # no absolute address to give without SITEURL


def test_appointment_meetings_have_no_event_and_output_is_stable():
    meetings = [meeting(), meeting(slug="b", days=(), time="")]
    first = calendar(meetings, "", "x")
    assert first == calendar(meetings, "", "x")
    assert len(parse(first).walk("VEVENT")) == 1


# --- The text Pillar writes itself: escaping, folding, durations -----------------------------------------------

@pytest.mark.parametrize(("text", "escaped"), [
    ("Serenity Group", "Serenity Group"),
    ("", ""),
    ("Hall; side door", "Hall\\; side door"),
    ("Austin, TX", "Austin\\, TX"),
    ("back\\slash", "back\\\\slash"),
    ("line\nbreak", "line\\nbreak"),
    ("windows\r\nbreak", "windows\\nbreak"),
    ("old mac\rbreak", "old mac\\nbreak"),
    ("a literal \\n stays literal", "a literal \\\\n stays literal"),
    ("Time: 7:30 \"sharp\"", "Time: 7:30 \"sharp\""),
    ("Zoë's Café, 日本語; ok", "Zoë's Café\\, 日本語\\; ok"),
    ("a,;\\\n", "a\\,\\;\\\\\\n"),
    ("C:\\New folder", "C:\\new folder"),  # icalendar reads a written \\N as a line break
])
def test_text_escaping(text, escaped):
    assert escape(text) == escaped


A74 = "a" * 74


@pytest.mark.parametrize(("line", "folded"), [
    ("SUMMARY:Hi", b"SUMMARY:Hi\r\n"),
    (A74, A74.encode() + b"\r\n"),  # 74 octets: fits
    (A74 + "b", A74.encode() + b"\r\n b\r\n"),  # 75 octets: folded
    (A74 * 2 + "bc", A74.encode() + b"\r\n " + A74.encode() + b"\r\n bc\r\n"),
    ("a" * 73 + "é" + "b", b"a" * 73 + b"\r\n \xc3\xa9b\r\n"),  # é is two octets: moved whole to the next line
    ("a" * 72 + "😀", b"a" * 72 + b"\r\n \xf0\x9f\x98\x80\r\n"),  # a four-octet character is never split
    ("a" * 70 + "😀", b"a" * 70 + b"\xf0\x9f\x98\x80\r\n"),  # 70 + 4 = 74 octets: fits
    ("a" * 71 + "😀", b"a" * 71 + b"\r\n \xf0\x9f\x98\x80\r\n"),  # 71 + 4 = 75 octets: folded
    ("a" * 73 + "\\nb", b"a" * 73 + b"\r\n \\nb\r\n"),  # an escape stays on one line
    ("a" * 72 + "\\\\b", b"a" * 72 + b"\\\r\n \\b\r\n"),  # a backslash before the fold starts the next line
    ("a" * 73 + "\\\\b", b"a" * 73 + b"\r\n \\\\b\r\n"),  # …so an escape is not cut after its first half
    ("a" * 71 + "\\\\\\,b", b"a" * 71 + b"\\\\\r\n \\,b\r\n"),
    ("a" * 73 + "^b", b"a" * 73 + b"\r\n ^b\r\n"),  # nor in a caret (icalendar's rule for parameters)
    ("\\" * 80, b"\\" * 73 + b"\r\n " + b"\\" * 7 + b"\r\n"),
])
def test_line_folding(line, folded):
    assert fold(line) == folded == Contentline(line).to_ical() + b"\r\n"  # as icalendar folds
    assert all(len(physical) <= 75 for physical in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"").decode() == line + "\r\n"


@pytest.mark.parametrize(("minutes", "text"), [
    (1, "PT1M"), (30, "PT30M"), (60, "PT1H"), (90, "PT1H30M"), (1439, "PT23H59M"), (1440, "P1D"),
])
def test_durations(minutes, text):
    assert duration(minutes) == text
    assert icalendar.vDuration.from_ical(text) == dt.timedelta(minutes=minutes)


def test_each_event_is_worked_out_once_and_reused():
    first, second = meeting(), meeting(slug="other", name="Other")
    url = "https://meetings.example.org"
    assert event(first, url) is event(first, url)
    alone = calendar([first], url, "Sample Group")
    together = calendar([first, second], url, "All")
    assert event(first, url) in alone and event(first, url) in together and event(second, url) in together
    assert together.count(b"BEGIN:VTIMEZONE") == 1  # both meet in Denver


def test_utc_meetings_are_written_in_utc_and_calendar_names_are_escaped():
    data = calendar([meeting(timezone="UTC")], "", "Meetings, Austin; TX")
    assert b"\r\nDTSTART:20260105T193000Z\r\n" in data
    assert b"\r\nX-WR-CALNAME:Meetings\\, Austin\\; TX\r\n" in data
    (parsed,) = parse(data).walk("VEVENT")
    assert parsed.decoded("dtstart") == dt.datetime(2026, 1, 5, 19, 30, tzinfo=dt.timezone.utc)


def test_meetings_start_in_utc_in_the_zones_icalendar_counts_as_utc_and_named_in_every_other():
    import zoneinfo

    from pillar.feeds.ical import _start_prefix

    for zone in sorted(zoneinfo.available_timezones()):
        start = dt.datetime(2026, 1, 4, tzinfo=ZoneInfo(zone))
        tzid = icalendar.vDDDTypes(start).params.get("TZID")
        assert _start_prefix(zone) == ((f"DTSTART;TZID={tzid}:", "") if tzid else ("DTSTART:", "Z")), zone


def test_calendars_from_events_worked_out_beforehand_are_the_same():
    from pillar.feeds.ical import events

    meetings = [meeting(), meeting(slug="other", name="Other", timezone="UTC"), meeting(slug="later", days=())]
    known = events(meetings, "https://example.org")
    assert sorted(known) == ["other", "sample-group"]  # by appointment: no event
    assert (calendar(meetings, "https://example.org", "All", events=known)
            == calendar(meetings, "https://example.org", "All"))
    assert b"\r\nFROM BEFORE\r\n" in calendar(meetings[:1], "", "All", events={"sample-group": b"FROM BEFORE\r\n"})


def test_long_names_are_folded_and_read_back_whole():
    name = "Zoë's Café; upstairs, by the 日本語 sign \\ room " * 4
    data = calendar([meeting(name=name, notes="First line.\nSecond line.")], "", name)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    (parsed,) = parse(data).walk("VEVENT")
    assert str(parsed["summary"]) == name
    assert str(parsed["description"]).startswith("First line.\nSecond line.\n\n")


# --- The sample directory, written and parsed back ------------------------------------------------------------

SITE_URL = "https://meetings.example.org"


def sample_meetings():
    """The sample directory's meetings, with the site's zone for any that name none (as the build does)."""
    meetings = load_directory(REPO / "directory", LoadOptions()).meetings
    return [dataclasses.replace(m, timezone=m.timezone or "America/Chicago") for m in meetings]


def expected(m):
    """What a meeting's event should say, worked out from the listing directly."""
    zone = ZoneInfo(m.timezone)
    hours, minutes = map(int, m.time.split(":"))
    start = dt.datetime.combine(dt.date(2026, 1, 4) + dt.timedelta(days=m.days[0]), dt.time(hours, minutes), zone)
    end = dt.datetime.combine(start.date(), dt.time(*map(int, m.end.split(":"))), zone)
    place = ", ".join(p for p in (m.location, m.address.text if m.address else "") if p)
    page = f"{SITE_URL}/meetings/{m.slug}/"
    return {
        "summary": m.name, "start": start, "zone": m.timezone,
        "duration": (end - start) if end > start else (end - start + dt.timedelta(days=1)),
        "byday": [("SU", "MO", "TU", "WE", "TH", "FR", "SA")[d] for d in m.days],
        "location": place if place and m.in_person else (m.conference_url or None),
        "geo": (m.latitude, m.longitude) if m.located and m.in_person else None,
        "details": f"Details: {page}", "url": page, "status": None if m.active else "CANCELLED",
    }


def description_parts(m):
    """The listing's texts that the event's description should carry."""
    return [text for text in (m.notes, m.location_notes, m.conference_url, m.conference_phone) if text]


def read(item):
    """What a parsed event says, in the same shape as ``expected``."""
    geo = item.get("geo")
    return {
        "summary": str(item["summary"]), "start": item.decoded("dtstart"), "zone": item["dtstart"].params["TZID"],
        "duration": item.decoded("duration"), "byday": item["rrule"]["BYDAY"],
        "location": str(item["location"]) if "location" in item else None,
        "geo": (geo.latitude, geo.longitude) if geo else None,
        "details": str(item["description"]).rsplit("\n\n", 1)[-1], "url": str(item["url"]),
        "status": str(item["status"]) if "status" in item else None,
    }


def test_sample_meetings_parse_back_to_the_same_events():
    meetings = sample_meetings()
    timed = [m for m in meetings if m.days and m.time]
    assert len(timed) > 40
    cal = parse(calendar(meetings, SITE_URL, "Sample directory"))
    events = {str(item["uid"]): item for item in cal.walk("VEVENT")}
    assert sorted(events) == sorted(f"{m.slug}@meetings.example.org" for m in timed)
    for m in timed:
        item = events[f"{m.slug}@meetings.example.org"]
        assert read(item) == expected(m), m.slug
        assert all(text in str(item["description"]) for text in description_parts(m)), m.slug
        assert item["rrule"]["FREQ"] == ["WEEKLY"]
    assert sorted(str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")) == sorted({m.timezone for m in timed})
    assert str(cal["x-wr-calname"]) == "Sample directory" and str(cal["version"]) == "2.0"


def test_sample_calendars_share_event_text_and_are_stable():
    meetings = sample_meetings()
    everything = calendar(meetings, SITE_URL, "All")
    assert everything == calendar(list(meetings), SITE_URL, "All")
    for m in meetings:
        if m.days and m.time:
            single = calendar([m], SITE_URL, m.name)
            assert event(m, SITE_URL) in single and event(m, SITE_URL) in everything


# --- The same bytes as icalendar ----------------------------------------------------------------------------------

def test_sample_events_are_byte_for_byte_what_icalendar_writes():
    for m in sample_meetings():
        if m.days and m.time:
            for url in (SITE_URL, ""):
                assert event(m, url) == reference_event(m, url), m.slug


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)
"""Anything a volunteer might type, long enough to be folded: backslashes, \\N, carets, line breaks, emoji."""
LIKELY = st.lists(st.sampled_from(["a", "\\", "\\N", ";", ",", "^", "\n", "\r", "é", "日", "😀", " "]),
                  max_size=90).map("".join)


@settings(max_examples=150, deadline=None)
@given(name=st.one_of(TEXT, LIKELY).filter(str.strip), notes=st.one_of(TEXT, LIKELY), place=st.one_of(TEXT, LIKELY),
       days=st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True), start=st.integers(0, 1439),
       length=st.integers(1, 1440), zone=st.sampled_from(["America/Denver", "UTC", "Asia/Kolkata", "Etc/GMT+5",
                                                          "America/Argentina/Buenos_Aires"]),
       status=st.sampled_from(["active", "temporarily_closed"]), online=st.booleans())
def test_any_event_is_byte_for_byte_what_icalendar_writes(name, notes, place, days, start, length, zone, status, online):
    end = (start + length) % 1440
    listing = meeting(name=name, notes=notes, location=place, days=tuple(days), time=f"{start // 60:02d}:{start % 60:02d}",
                      end_time=f"{end // 60:02d}:{end % 60:02d}", timezone=zone, status=status,
                      attendance="online" if online else "in_person", conference_url="https://example.org/j^\\")
    for url in ("https://meetings.example.org", ""):
        assert event(listing, url) == reference_event(listing, url)


@settings(max_examples=200, deadline=None)
@given(line=st.one_of(TEXT, LIKELY).map(lambda text: "X:" + text.replace("\r", "").replace("\n", "")))
def test_any_line_is_folded_as_icalendar_folds_it(line):
    assert fold(line) == Contentline(line).to_ical() + b"\r\n"


@pytest.mark.parametrize("zone", ["America/Denver", "Europe/London", "Australia/Lord_Howe", "America/Santiago",
                                  "Asia/Kolkata", "UTC"])
def test_time_zones_read_back_give_each_weekly_meeting_its_local_time(zone):
    """icalendar writes the VTIMEZONE; read back, it puts a 19:30 meeting at 19:30 local time every week."""
    data = calendar([meeting(timezone=zone, time="19:30", days=(0,))], SITE_URL, "x")
    assert data.count(b"BEGIN:VTIMEZONE") == 1 and zone_text(zone) in data
    (written,) = parse(data).walk("VTIMEZONE")
    tz = written.to_tz()
    local = ZoneInfo(zone)
    for week in range(0, 52 * 10, 3):
        moment = dt.datetime(2026, 1, 4, 19, 30) + dt.timedelta(weeks=week)
        assert moment.replace(tzinfo=tz).utcoffset() == moment.replace(tzinfo=local).utcoffset(), (zone, moment)

