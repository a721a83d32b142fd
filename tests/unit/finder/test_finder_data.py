import json

from pillar.directory.model import Community, Directory, Meeting, Service
from pillar.finder.finder_data import facets, records_json


def sample():
    return Directory(
        meetings=(Meeting(slug="m", name="M", source="x", days=(1,), time="19:00", timezone="America/Chicago",
                          fellowship="NA", types=("O", "JFT", "X"), regions=("Texas", "Austin", "East"),
                          languages=("es",), latitude=30.0, longitude=-97.0, approximate=True),),
        services=(Service(slug="s", name="S", source="x", organization="O", service_types=("warmline",),
                          cost=("free",)),),
        communities=(Community(slug="c", name="C", source="x", platform=("forum",), cost="donation"),),
    )


def test_records_carry_what_the_finder_needs():
    data = json.loads(records_json(sample().listings, "https://x.org"))
    meeting, service, community = data["listings"]
    assert meeting == {"slug": "m", "kind": "meeting", "name": "M", "url": "https://x.org/meetings/m/",
                       "tz": "America/Chicago", "regions": ["Texas", "Austin", "East"], "languages": ["es"],
                       "status": "active", "lat": 30.0, "lon": -97.0, "approximate": True, "days": [1],
                       "time": "19:00", "end": "20:00", "attendance": "in_person", "fellowship": "NA",
                       "types": ["O", "JFT", "X"], "location": ""}
    assert service["service_types"] == ["warmline"] and "lat" not in service
    assert community["always_open"] is True and community["cost"] == ["donation"]
    assert set(data) == {"version", "listings"}  # labels come with each page, in its language


def test_facets_offer_only_what_is_used():
    found = facets(sample())
    assert found["fellowships"] == ["NA"]
    assert found["types"] == [("JFT", {"en": "Just for Today reading", "es": "Lectura de Sólo por hoy"}),
                              ("O", {"en": "Open", "es": "Abierta"})]
    assert found["accessibility"] == [("X", {"en": "Wheelchair Access", "es": "Acceso en silla de ruedas"})]
    assert found["regions"] == ["Texas", "Texas › Austin"]
    assert found["languages"] == [("es", "Spanish")]
    assert found["service_cost"] == [("free", "Free")] and found["community_cost"] == [("donation", "Donations welcome")]
