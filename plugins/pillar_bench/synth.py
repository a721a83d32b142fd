"""A synthetic directory for the benchmark: N listings spread over real cities worldwide.

Seeded and deterministic: the same N and seed give the same files. The mix follows a real
directory — mostly in-person meetings, some online and hybrid ones, a few peer services and online
communities — and every address has an answer in the geocode cache written beside it, so a build
never asks a geocoder. City coordinates are real (``data/cities.json``: name, country, latitude,
longitude, weight); listings scatter a few kilometres around them, more in bigger cities.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pillar.directory.loader import LoadOptions, make_slug
from pillar.geo import geocache
from pillar.geo.locate import zone_at

WEEKDAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
FIRST = ("Serenity", "Hope", "Freedom", "New Beginnings", "Keep It Simple", "Easy Does It", "Happy Destiny",
         "Sunrise", "Sundown", "Lunch Bunch", "Big Book", "Step Study", "Back to Basics", "Grapevine", "Unity",
         "Courage to Change", "Just for Today", "Miracle", "Gratitude", "Open Arms", "Came to Believe",
         "Principles Before Personalities", "Living Sober", "Daily Reprieve", "Into Action", "Promises")
SECOND = ("Group", "Meeting", "Fellowship", "Circle", "Discussion", "Speakers", "Women's Group", "Men's Group",
          "Young People", "Candlelight", "Nooner", "Early Birds", "Night Owls", "Topic Meeting")
STREETS = ("Main", "Church", "Oak", "Park", "Station", "Market", "Mill", "River", "Hill", "Lake", "Elm", "Bridge",
           "King", "Queen", "Union", "Harbour", "Garden", "School", "Chapel", "Victoria")
PLACES = ("St. Mark's Church", "Community Center", "Public Library", "Fellowship Hall", "Recovery Club",
          "Friends Meeting House", "Neighbourhood House", "Veterans Hall", "Health Center", "Parish Hall")
SENTENCES = ("Newcomers are welcome; come a few minutes early and someone will show you around.",
             "The meeting reads from the Big Book and then opens for sharing.",
             "Park behind the building and use the side door; the room is on the first floor.",
             "Coffee is on from half an hour before the start.", "Childcare is not available.",
             "The chair picks a topic from the daily reading.", "Wheelchair access by the ramp at the back.",
             "We close with the Serenity Prayer.", "Literature is for sale at the table by the door.",
             "The last meeting of the month is a business meeting after the main meeting.")
AA_TYPES = ("O", "C", "D", "B", "ST", "SP", "W", "M", "BE", "TR", "LGBTQ", "Y", "X", "CAN", "LIT")
NA_TYPES = ("OPEN", "CLOSED", "DISC", "BT", "JFT", "SPK", "STEP", "TOP", "BEG", "CAN", "WCHR")
SERVICE_TYPES = ("peer_coaching", "case_management", "recovery_education", "peer_aftercare", "family_support",
                 "recovery_community_center", "employment_support", "warmline")
SERVES = ("everyone", "young_adults", "veterans", "women", "men", "lgbtq", "families", "seniors")
TODAY = "2026-09-01"


@dataclass(frozen=True)
class City:
    name: str
    country: str
    latitude: float
    longitude: float
    weight: int


def cities() -> list[City]:
    text = resources.files("pillar").joinpath("data/cities.json").read_text(encoding="utf-8")
    return [City(*row) for row in json.loads(text)]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _scatter(rng: random.Random, city: City) -> tuple[float, float]:
    """A point a few kilometres from the city centre (spread grows with the city's size)."""
    spread = 0.02 + 0.012 * math.sqrt(city.weight)
    lat = max(-89.9, min(89.9, city.latitude + rng.gauss(0, spread)))
    lon = city.longitude + rng.gauss(0, spread / max(0.2, math.cos(math.radians(city.latitude))))
    lon = (lon + 180) % 360 - 180
    return round(lat, 5), round(lon, 5)


def _slug(name: str) -> str:
    return make_slug(name, LoadOptions.regex_subs)


def _notes(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, rng.choice((0, 0, 1, 1, 2, 3, 4))))


class Writer:
    """Writes listing files and collects the geocode cache's answers."""

    def __init__(self, root: Path, seed: int):
        self.root, self.rng, self.cache = root, random.Random(seed), {}
        self.cities = cities()
        self.weights = [c.weight for c in self.cities]

    def _city(self) -> City:
        return self.rng.choices(self.cities, self.weights)[0]

    def _address(self, city: City) -> list[str]:
        street = f"{self.rng.randint(1, 2400)} {self.rng.choice(STREETS)} Street"
        text = f"{street}, {city.name}, {city.country}"
        lat, lon = _scatter(self.rng, city)
        self.cache[geocache.normalize(text)] = {"date": TODAY, "display_name": text, "latitude": lat,
                                                "longitude": lon, "service": "synthetic",
                                                "timezone": zone_at(lat, lon)}  # as pillar geocode stores it
        return [f"address: {_q(text)}"]

    def _file(self, folder: str, city: City, slug: str, lines: list[str]) -> None:
        path = self.root / folder / city.country.lower() / f"{slug}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def meeting(self, number: int) -> None:
        rng, city = self.rng, self._city()
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)}"
        slug = f"m{number}-{_slug(city.name)}"
        fellowship = rng.choices(("AA", "NA", "CA", "Al-Anon"), (70, 22, 4, 4))[0]
        codes = NA_TYPES if fellowship == "NA" else AA_TYPES
        start = rng.randrange(6 * 4, 22 * 4) * 15
        days = rng.sample(WEEKDAYS, rng.choice((1, 1, 1, 1, 2, 5, 7)))
        lines = [f"name: {_q(name)}", f"slug: {slug}", f"fellowship: {fellowship}",
                 f"day: [{', '.join(days)}]" if len(days) > 1 else f"day: {days[0]}",
                 f'time: "{start // 60:02d}:{start % 60:02d}"',
                 f'end_time: "{(start + 60) // 60 % 24:02d}:{start % 60:02d}"',
                 f"types: [{', '.join(rng.sample(codes, rng.randint(1, 4)))}]"]
        how = rng.choices(("in_person", "online", "hybrid"), (82, 10, 8))[0]
        if how != "online":
            lines += [f"location: {_q(city.name + ' ' + rng.choice(PLACES))}", *self._address(city)]
        if how != "in_person":
            lines.append(f"conference_url: https://meet.example.org/{slug}")
        district = f"{city.name} {rng.choice(('North', 'South', 'East', 'West', 'Central'))}"
        lines += [f"regions: [{_q(city.country)}, {_q(city.name)}, {_q(district)}]",
                  f"languages: [{rng.choices(('en', 'es', 'fr'), (80, 15, 5))[0]}]"]
        notes = _notes(rng)
        if notes:
            lines.append(f"notes: {_q(notes)}")
        lines.append(f'last_verified: "{TODAY}"')
        self._file("meetings", city, slug, lines)

    def service(self, number: int) -> None:
        rng, city = self.rng, self._city()
        slug = f"s{number}-{_slug(city.name)}"
        lines = [f"name: {_q(city.name + ' Peer Recovery ' + rng.choice(('Hub', 'Center', 'Network', 'Project')))}",
                 f"slug: {slug}", f"organization: {_q(city.name + ' Recovery Community')}",
                 f"service_types: [{', '.join(rng.sample(SERVICE_TYPES, rng.randint(1, 3)))}]",
                 f"serves: [{rng.choice(SERVES)}]", "cost: [free]", *self._address(city),
                 f"regions: [{_q(city.country)}, {_q(city.name)}]", "phone: \"+1-555-0100\"",
                 f"notes: {_q(_notes(rng) or 'Call ahead.')}", f'last_verified: "{TODAY}"']
        self._file("services", city, slug, lines)

    def community(self, number: int) -> None:
        rng = self.rng
        slug = f"c{number}-online"
        lines = [f"name: {_q(rng.choice(FIRST) + ' Online ' + rng.choice(('Chat', 'Forum', 'Circle')))}",
                 f"slug: {slug}", f"platform: [{rng.choice(('chat', 'forum', 'video', 'app'))}]",
                 "availability: always", f"url: https://example.org/{slug}",
                 f"serves: [{rng.choice(SERVES)}]", "cost: free", "languages: [en]",
                 f"notes: {_q(_notes(rng) or 'Open to anyone.')}", f'last_verified: "{TODAY}"']
        path = self.root / "online" / f"{slug}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_directory(root: Path, listings: int, seed: int = 1) -> dict[str, int]:
    """Write ``listings`` listing files and ``geocode-cache.json`` under ``root``; returns the counts."""
    writer = Writer(root, seed)
    services = max(1, listings * 5 // 100)
    communities = max(1, listings * 2 // 100)
    meetings = max(0, listings - services - communities)
    for number in range(meetings):
        writer.meeting(number)
    for number in range(services):
        writer.service(number)
    for number in range(communities):
        writer.community(number)
    geocache.save(root / "geocode-cache.json", {key: geocache.Entry(**value) for key, value in writer.cache.items()})
    return {"meetings": meetings, "services": services, "online": communities}


SETTINGS = """SITENAME = "Pillar benchmark"
SITEURL = ""
TIMEZONE = "UTC"
PATH = "content"
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = ["pillar"]
NODE_MODULES_PATH = {node_modules!r}
DIRECTORY_PATH = "directory"
LANGUAGES = {languages!r}
ARTICLE_PATHS = []
PAGE_PATHS = []
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DISPLAY_PAGES_ON_MENU = False
DEFAULT_PAGINATION = False
"""


def write_site(root: Path, listings: int, seed: int = 1, languages: tuple[str, ...] = ("en",)) -> dict[str, int]:
    """A whole site folder: ``pelicanconf.py`` (Pillar's theme and plugin), ``content/`` and the directory."""
    repo = Path(__file__).resolve().parents[2]
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "pelicanconf.py").write_text(SETTINGS.format(
        theme=str(repo / "theme"), plugins=str(repo / "plugins"), node_modules=str(repo / "node_modules"),
        languages=list(languages)), encoding="utf-8")
    return write_directory(root / "directory", listings, seed)
