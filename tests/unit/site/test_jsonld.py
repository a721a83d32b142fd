import json

from pillar.directory.model import Address, Community, Meeting, Service
from pillar.site.jsonld import json_ld


def test_meeting_event_schedule():
    meeting = Meeting(slug="a", name="A </script>", source="x", days=(1,), time="07:00", timezone="America/Chicago",
                      attendance="hybrid", address=Address(street="1 Sample St", city="Austin"),
                      conference_url="https://example.org/j", latitude=30.2, longitude=-97.7)
    text = json_ld(meeting, "https://x.org")
    assert "</script>" not in text
    data = json.loads(text)
    assert data["@type"] == "Event" and data["name"] == "A </script>"
    assert data["eventSchedule"] == {"@type": "Schedule", "byDay": ["https://schema.org/Monday"], "endTime": "08:00",
                                     "repeatFrequency": "P1W", "scheduleTimezone": "America/Chicago",
                                     "startTime": "07:00"}
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][0]["address"]["addressLocality"] == "Austin"


def test_service_and_community():
    service = json.loads(json_ld(Service(slug="s", name="S", source="x", organization="Org", phone="1",
                                         service_area="Texas"), ""))
    assert service["provider"] == {"@type": "Organization", "name": "Org", "telephone": "1"}
    community = json.loads(json_ld(Community(slug="c", name="C", source="x", url="https://example.org"), ""))
    assert community["url"] == "https://example.org" and community["mainEntityOfPage"] == "/online/c/"
