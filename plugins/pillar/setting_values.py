"""The settings whose values have parts — the help lines, the directory's bounds, the geocoder — as
frozen types (:class:`HelpLine`, :class:`Bounds`), and how each is read from its ``pelicanconf.py``
value, with a message for each thing wrong with it (:func:`pillar.settings.read` reports them all)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pillar.directory.model import tel_uri

SAFE_LINK = re.compile(r"^(https://|http://|tel:|sms:|mailto:)[^\s]+$")
"""What a help line's ``url`` may be: a web address, or a ``tel:``, ``sms:`` or ``mailto:`` link."""


@dataclass(frozen=True)
class HelpLine:
    name: str
    text: str = ""
    phone: str = ""
    sms: str = ""
    url: str = ""

    @property
    def tel(self) -> str:
        return tel_uri(self.phone)

    @property
    def sms_uri(self) -> str:
        """An ``sms:`` link for the number that takes text messages ("988" → "sms:988")."""
        kept = re.sub(r"[^0-9+]", "", self.sms)
        return "sms:" + kept if kept else ""


@dataclass(frozen=True)
class Bounds:
    """Where the directory's listings may be: a box (south, west, north, east) or countries."""

    box: tuple[float, float, float, float] | None = None
    countries: tuple[str, ...] = ()

    def contains(self, latitude: float, longitude: float, country: str = "") -> bool:
        if self.box:
            south, west, north, east = self.box
            inside_lon = west <= longitude <= east if west <= east else longitude >= west or longitude <= east
            if not (south <= latitude <= north and inside_lon):
                return False
        if self.countries and country:
            return country.lower() in self.countries
        return True


def help_lines(value, errors: list[str]) -> tuple[HelpLine, ...]:
    if not isinstance(value, (list, tuple)):
        errors.append("HELP_LINES must be a list of {name, text, phone, sms, url} entries")
        return ()
    lines = []
    for number, entry in enumerate(value, 1):
        where = f"HELP_LINES entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            errors.append(f"{where} needs a name (a dict such as {{'name': …, 'phone': …}})")
            continue
        unknown = set(entry) - {"name", "text", "phone", "sms", "url"}
        if unknown:
            errors.append(f"{where}: unknown key {sorted(unknown)[0]!r} — use name, text, phone, sms and url")
        line = HelpLine(**{k: str(v) for k, v in entry.items() if k in ("name", "text", "phone", "sms", "url")})
        if line.sms and not line.sms_uri:
            errors.append(f"{where}: sms must be a number that takes text messages, such as '988' or '741741'")
        if line.url and not SAFE_LINK.match(line.url):
            errors.append(f"{where}: url must start with https://, tel:, sms: or mailto:")
        if not line.phone and not line.url:
            errors.append(f"{where} needs a phone or a url")
        lines.append(line)
    return tuple(lines)


def bounds(value, errors: list[str]) -> Bounds:
    if value is None:
        return Bounds()
    if isinstance(value, dict):
        value = [value.get(key) for key in ("south", "west", "north", "east")]
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        if all(re.fullmatch(r"[A-Za-z]{2}", v) for v in value):
            return Bounds(countries=tuple(sorted(v.lower() for v in value)))
        errors.append("DIRECTORY_BOUNDS countries must be two-letter codes such as ['us', 'ca']")
        return Bounds()
    numbers = isinstance(value, (list, tuple)) and len(value) == 4 and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    if not numbers or not (-90 <= value[0] < value[2] <= 90 and -180 <= value[1] <= 180 and -180 <= value[3] <= 180):
        errors.append("DIRECTORY_BOUNDS must be [south, west, north, east] in degrees (or a dict with those keys), "
                      "or a list of country codes such as ['us']")
        return Bounds()
    return Bounds(box=tuple(float(v) for v in value))


def geocoder(value, errors: list[str]) -> dict:
    if not isinstance(value, dict) or not isinstance(value.get("service", "nominatim"), str):
        errors.append("DIRECTORY_GEOCODER must be a dict such as {'service': 'nominatim', 'user_agent': '…'}")
        return {}
    for key in ("min_delay_seconds", "retry_wait_seconds", "timeout"):
        if key in value and (not isinstance(value[key], (int, float)) or isinstance(value[key], bool)
                             or value[key] < 0):
            errors.append(f"DIRECTORY_GEOCODER {key} must be a number of seconds, not {value[key]!r}")
    if "max_retries" in value and (not isinstance(value["max_retries"], int) or value["max_retries"] < 0):
        errors.append(f"DIRECTORY_GEOCODER max_retries must be a whole number, not {value['max_retries']!r}")
    return {"service": "nominatim", **value}
