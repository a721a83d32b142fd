"""Pillar's settings: flat ``UPPER_CASE`` names in ``pelicanconf.py``, checked once.

Every setting has a default here. A bad value stops the build with a message that names the
setting and says what it should be; every bad value is reported at once. The settings whose values
have parts (help lines, bounds, the geocoder) are read by :mod:`pillar.setting_values`, whose types
:class:`HelpLine` and :class:`Bounds` are importable from here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pillar import setting_values
from pillar.directory.checks import valid_zone
from pillar.setting_values import Bounds, HelpLine
from pillar.site.i18n import catalog_path

DEFAULT_HELP_LINES = (
    {
        "name": "988 Suicide & Crisis Lifeline",
        "phone": "988",
        "sms": "988",
        "text": "Call or text 988, any time, if you are thinking about suicide or are in crisis (US).",
    },
    {
        "name": "SAMHSA National Helpline",
        "phone": "1-800-662-4357",
        "text": "Free, confidential treatment referral and information, 24 hours a day (US).",
    },
)

DEFAULTS = {
    "DIRECTORY_PATH": "directory",
    "DIRECTORY_STRICT": False,
    "SAMPLE_DATA_NOTICE": True,
    "HELP_LINES": DEFAULT_HELP_LINES,
    "HELP_EMERGENCY": "In an emergency, call 911.",
    "SITE_DESCRIPTION": "Find recovery meetings, peer recovery support services and online communities.",
    "DIRECTORY_GEOCODER": {"service": "nominatim"},
    "DIRECTORY_GEOCODE_CACHE": "geocode-cache.json",
    "DIRECTORY_GEOCODE_ON_BUILD": False,
    "DIRECTORY_GEOCODE_MAX_WAIT_SECONDS": 60,
    "DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES": 60,
    "DIRECTORY_BOUNDS": None,
    "FINDER_UNITS": "mi",
    "FINDER_RADII": (1, 5, 10, 25, 50),
    "FINDER_GEOCODER_URL": "",
    "FINDER_SHARD_SIZE": 250,
    "BUILD_JOBS": 0,
    "MAP_TILES": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "MAP_ATTRIBUTION": "© OpenStreetMap contributors",
    "DIRECTIONS_URL": "https://www.openstreetmap.org/directions?to={lat}%2C{lon}",
    "REPO_URL": "",
    "REPO_BRANCH": "main",
    "STALE_NOTICE_MONTHS": 12,
    "EMBED_ALLOWED_ORIGINS": (),
    "CONFERENCE_PASSCODES": "public",
    "CONFERENCE_PASSCODES_HOW_TO_ASK": "",
}


class SettingsError(SystemExit):
    """A bad setting: stops Pelican cleanly (no traceback) with what to change."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("pelicanconf.py: " + "\npelicanconf.py: ".join(messages))


@dataclass(frozen=True)
class PillarSettings:
    directory: Path
    timezone: str
    strict: bool
    sample_notice: bool
    help_lines: tuple[HelpLine, ...]
    help_emergency: str
    description: str
    geocoder: dict
    geocode_cache: Path
    geocode_on_build: bool
    geocode_max_wait: float
    """Seconds: the longest wait before asking the geocoder again, whatever its Retry-After says."""
    geocode_time_limit: float | None
    """Seconds a geocoding run may ask for, or None for no limit."""
    bounds: Bounds
    units: str
    radii: tuple[int, ...]
    finder_geocoder: str
    shard_size: int
    build_jobs: int
    map_tiles: str
    map_attribution: str
    directions: str
    repo_url: str
    repo_branch: str
    stale_months: int | None
    embed_origins: tuple[str, ...]
    passcodes: str
    """``public`` or ``hidden``: whether meetings' conference passcodes are published (see :mod:`passcodes`)."""
    passcodes_how_to_ask: str
    """What a page whose passcodes were withheld says about getting them; empty: Pillar's own words."""


def _finder(values: dict, errors: list[str]) -> None:
    if values["FINDER_UNITS"] not in ("mi", "km"):
        errors.append(f"FINDER_UNITS must be 'mi' or 'km', not {values['FINDER_UNITS']!r}")
    radii = values["FINDER_RADII"]
    if not isinstance(radii, (list, tuple)) or not radii or not all(
            isinstance(r, int) and not isinstance(r, bool) and r > 0 for r in radii):
        errors.append("FINDER_RADII must be a list of whole distances such as [1, 5, 10, 25]")
    for key in ("FINDER_GEOCODER_URL", "MAP_TILES", "DIRECTIONS_URL", "REPO_URL"):
        value = values[key]
        optional = key in ("FINDER_GEOCODER_URL", "REPO_URL")
        if not isinstance(value, str) or (value or not optional) and not value.startswith("https://"):
            errors.append(f"{key} must be an https:// address{' or empty' if optional else ''}")
    if isinstance(values["MAP_TILES"], str) and not all(part in values["MAP_TILES"] for part in ("{z}", "{x}", "{y}")):
        errors.append("MAP_TILES must contain {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png")
    if isinstance(values["DIRECTIONS_URL"], str) and "{lat}" not in values["DIRECTIONS_URL"]:
        errors.append("DIRECTIONS_URL must contain {lat} and {lon}")


def languages(settings: dict) -> tuple[str, ...]:
    """The site's languages; the first is served at the root, the others under /<lang>/."""
    return tuple(settings.get("LANGUAGES") or (settings.get("DEFAULT_LANG", "en"),))


def translations_path(settings: dict) -> Path:
    return Path(settings.get("TRANSLATIONS_PATH") or Path(settings["THEME"]) / "translations")


def _languages(settings: dict, errors: list[str]) -> None:
    chosen = languages(settings)
    if not all(isinstance(code, str) and re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", code) for code in chosen):
        errors.append(f"LANGUAGES must be a list of language codes such as ['en', 'es'], not {chosen!r}")
        return
    for code in chosen:
        if code != "en" and not catalog_path(translations_path(settings), code).is_file():
            errors.append(f"LANGUAGES: no translations for {code!r} — add "
                          f"{catalog_path(translations_path(settings), code)} (make translations)")


def _volunteers(values: dict, errors: list[str]) -> None:
    months = values["STALE_NOTICE_MONTHS"]
    if months is not None and (not isinstance(months, int) or isinstance(months, bool) or months < 1):
        errors.append(f"STALE_NOTICE_MONTHS must be a whole number of months, or None to show no notice, "
                      f"not {months!r}")
    if not isinstance(values["REPO_BRANCH"], str) or not values["REPO_BRANCH"]:
        errors.append("REPO_BRANCH must be the name of the repository's main branch, such as 'main'")
    origins = values["EMBED_ALLOWED_ORIGINS"]
    if not isinstance(origins, (list, tuple)) or not all(
            isinstance(o, str) and re.fullmatch(r"https://[a-z0-9.-]+(:\d+)?|http://(localhost|127\.0\.0\.1)(:\d+)?",
                                                o) for o in origins):
        errors.append("EMBED_ALLOWED_ORIGINS must be a list of origins such as ['https://aa-austin.example.org'] "
                      "(https://, no path)")


def _passcodes(values: dict, errors: list[str]) -> None:
    if values["CONFERENCE_PASSCODES"] not in ("public", "hidden"):
        errors.append(f"CONFERENCE_PASSCODES must be 'public' (passcodes published as written) or 'hidden' (taken "
                      f"out of the pages and feeds), not {values['CONFERENCE_PASSCODES']!r}")
    if not isinstance(values["CONFERENCE_PASSCODES_HOW_TO_ASK"], str):
        errors.append("CONFERENCE_PASSCODES_HOW_TO_ASK must be text, such as 'Call the intergroup office at "
                      f"512-555-0100 for the passcode.', not {values['CONFERENCE_PASSCODES_HOW_TO_ASK']!r}")


def read(settings: dict) -> PillarSettings:
    """Pillar's view of Pelican's settings, with every bad value reported at once."""
    values = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    errors: list[str] = []
    for key in ("DIRECTORY_STRICT", "SAMPLE_DATA_NOTICE", "DIRECTORY_GEOCODE_ON_BUILD"):
        if not isinstance(values[key], bool):
            errors.append(f"{key} must be True or False, not {values[key]!r}")
    for key in ("DIRECTORY_PATH", "HELP_EMERGENCY", "SITE_DESCRIPTION", "DIRECTORY_GEOCODE_CACHE"):
        if not isinstance(values[key], str):
            errors.append(f"{key} must be text, not {values[key]!r}")
    timezone = settings.get("TIMEZONE") or "UTC"
    if not valid_zone(timezone):
        errors.append(f"TIMEZONE {timezone!r} is not an IANA time zone — use a name such as 'America/Chicago'")
    help_lines = setting_values.help_lines(values["HELP_LINES"], errors)
    _languages(settings, errors)
    geocoder = setting_values.geocoder(values["DIRECTORY_GEOCODER"], errors)
    bounds = setting_values.bounds(values["DIRECTORY_BOUNDS"], errors)
    _finder(values, errors)
    for key, least in (("FINDER_SHARD_SIZE", 1), ("BUILD_JOBS", 0)):
        value = values[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            errors.append(f"{key} must be a whole number of at least {least}, not {value!r}"
                          + (" (0 uses every core)" if key == "BUILD_JOBS" else ""))
    _volunteers(values, errors)
    _passcodes(values, errors)
    for key, optional in (("DIRECTORY_GEOCODE_MAX_WAIT_SECONDS", False), ("DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES", True)):
        value = values[key]
        if not (value is None and optional) and (not isinstance(value, (int, float)) or isinstance(value, bool)
                                                 or not 0 <= value < float("inf")):
            errors.append(f"{key} must be a number of {key.rsplit('_', 1)[1].lower()} (0 or more)"
                          + (", or None for no limit" if optional else "") + f", not {value!r}")
    for key in ("MAP_ATTRIBUTION",):
        if not isinstance(values[key], str):
            errors.append(f"{key} must be text, not {values[key]!r}")
    if errors:
        raise SettingsError(errors)
    directory = Path(values["DIRECTORY_PATH"])
    if not directory.is_absolute():
        directory = Path(settings["PATH"]).parent / directory
    if not directory.is_dir():
        raise SettingsError([f"DIRECTORY_PATH {str(directory)!r} is not a folder — create it or fix the setting"])
    return PillarSettings(
        directory=directory,
        timezone=timezone,
        strict=values["DIRECTORY_STRICT"],
        sample_notice=values["SAMPLE_DATA_NOTICE"],
        help_lines=help_lines,
        help_emergency=values["HELP_EMERGENCY"],
        description=values["SITE_DESCRIPTION"],
        geocoder=geocoder,
        geocode_cache=directory / values["DIRECTORY_GEOCODE_CACHE"],
        geocode_on_build=values["DIRECTORY_GEOCODE_ON_BUILD"],
        geocode_max_wait=float(values["DIRECTORY_GEOCODE_MAX_WAIT_SECONDS"]),
        geocode_time_limit=(None if values["DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES"] is None
                            else values["DIRECTORY_GEOCODE_TIME_LIMIT_MINUTES"] * 60.0),
        bounds=bounds,
        units=values["FINDER_UNITS"],
        radii=tuple(values["FINDER_RADII"]),
        finder_geocoder=values["FINDER_GEOCODER_URL"],
        shard_size=values["FINDER_SHARD_SIZE"],
        build_jobs=values["BUILD_JOBS"],
        map_tiles=values["MAP_TILES"],
        map_attribution=values["MAP_ATTRIBUTION"],
        directions=values["DIRECTIONS_URL"],
        repo_url=values["REPO_URL"].rstrip("/"),
        repo_branch=values["REPO_BRANCH"],
        stale_months=values["STALE_NOTICE_MONTHS"],
        embed_origins=tuple(values["EMBED_ALLOWED_ORIGINS"]),
        passcodes=values["CONFERENCE_PASSCODES"],
        passcodes_how_to_ask=values["CONFERENCE_PASSCODES_HOW_TO_ASK"].strip(),
    )
