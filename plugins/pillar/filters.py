"""Jinja2 filters the theme uses, added to every Pelican generator's template environment."""

from __future__ import annotations

from .model import WEEKDAYS, tel_uri
from .vocab import language_name


def clock(time: str) -> str:
    """ "19:30" → "7:30 PM"."""
    if not time:
        return ""
    hours, minutes = map(int, time.split(":"))
    suffix = "AM" if hours < 12 else "PM"
    return f"{hours % 12 or 12}:{minutes:02d} {suffix}"


def day_names(days) -> str:
    """ (1, 3, 5) → "Monday, Wednesday and Friday"."""
    names = [WEEKDAYS[day].capitalize() for day in days]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def zone_name(zone: str) -> str:
    """ "America/New_York" → "New York time": how people name a zone."""
    place = zone.rsplit("/", 1)[-1].replace("_", " ")
    return "UTC" if zone in ("UTC", "Etc/UTC") else f"{place} time"


FILTERS = {"zone_name": zone_name, "clock": clock, "day_names": day_names, "tel": tel_uri, "language_name": language_name}


def add_filters(generator) -> None:
    """Pelican's ``generator_init`` signal: give every generator's templates Pillar's filters."""
    generator.env.filters.update(FILTERS)
