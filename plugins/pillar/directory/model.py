"""The directory's one model: frozen listings, built once from validated YAML.

Everything Pillar publishes — pages, browse pages, sitemap, and later feeds and the search index —
reads these objects. Derived values (the slug, attendance, the default end time) are worked out
here, once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar

from pillar.directory.safetext import for_terminal

WEEKDAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
"""Meeting Guide numbering: 0 = Sunday … 6 = Saturday."""

DEFAULT_DURATION_MINUTES = 60
"""The Meeting Guide spec: a meeting with no end time lasts an hour."""


def minutes_of(clock: str) -> int:
    """ "19:30" → 1170, minutes after midnight: the one place a time written "HH:MM" is read (the
    schema has checked the shape)."""
    hours, _, minutes = clock.partition(":")
    return int(hours) * 60 + int(minutes)


def clock_of(minutes: int) -> str:
    """1170 → "19:30" (minutes past a day wrap round)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def tel_uri(phone: str) -> str:
    """A ``tel:`` link for a phone number as people write it ("+1 555-0100,,123#")."""
    kept = re.sub(r"[^0-9+,;*#]", "", phone)
    return "tel:" + kept.replace("#", "%23") if kept else ""


@dataclass(frozen=True)
class Problem:
    """Something wrong in a listing file, with where it is and how to fix it."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        """``path:line:col: message``, safe to print: what a file holds is shown, never acted on."""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{for_terminal(self.path)}:{self.line}:{self.col}: {prefix}{for_terminal(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Address:
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""
    formatted: str = ""

    @property
    def text(self) -> str:
        """One line, as people write it."""
        if self.formatted:
            return self.formatted
        state_zip = " ".join(part for part in (self.state, self.postal_code) if part)
        return ", ".join(part for part in (self.street, self.city, state_zip, self.country) if part)


@dataclass(frozen=True)
class Hours:
    days: tuple[int, ...]
    opens: str
    closes: str


@dataclass(frozen=True, kw_only=True)
class Listing:
    """What every kind of listing has."""

    kind: ClassVar[str] = ""
    folder: ClassVar[str] = ""

    slug: str
    name: str
    source: str
    """The listing file, relative to the directory's parent (e.g. ``directory/meetings/x.yaml``)."""
    status: str = "active"
    timezone: str = ""
    address: Address | None = None
    latitude: float | None = None
    longitude: float | None = None
    approximate: bool = False
    regions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    notes: str = ""
    website: str = ""
    email: str = ""
    last_verified: dt.date | None = None
    positions: tuple[tuple[str, int, int], ...] = ()
    """Where some fields were written, as (field, line, column), for problems found after loading."""

    def at(self, field: str) -> tuple[int, int]:
        """The line and column of a field in the listing's file (the file's start if absent)."""
        for name, line, col in self.positions:
            if name == field:
                return line, col
        return 1, 1

    @property
    def page_url(self) -> str:
        """The listing's page, relative to the site root."""
        return f"{self.folder}/{self.slug}/"

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True, kw_only=True)
class Meeting(Listing):
    kind: ClassVar[str] = "meeting"
    folder: ClassVar[str] = "meetings"

    fellowship: str = ""
    days: tuple[int, ...] = ()
    """Weekdays, 0 = Sunday; empty for a meeting by appointment."""
    time: str = ""
    end_time: str = ""
    types: tuple[str, ...] = ()
    attendance: str = "in_person"
    location: str = ""
    location_notes: str = ""
    conference_url: str = ""
    conference_url_notes: str = ""
    conference_phone: str = ""
    conference_phone_notes: str = ""
    group: str = ""
    group_notes: str = ""
    passcodes_withheld: bool = False
    """Whether passcodes were taken out of the conference fields (see :mod:`passcodes`): the page then
    says how to ask for them."""

    @property
    def by_appointment(self) -> bool:
        return not self.days

    @property
    def end(self) -> str:
        """The end time, or an hour after the start when none is given."""
        if self.end_time or not self.time:
            return self.end_time
        return clock_of(minutes_of(self.time) + DEFAULT_DURATION_MINUTES)

    @property
    def in_person(self) -> bool:
        return self.attendance in ("in_person", "hybrid")

    @property
    def online(self) -> bool:
        return self.attendance in ("online", "hybrid")


@dataclass(frozen=True, kw_only=True)
class Service(Listing):
    kind: ClassVar[str] = "service"
    folder: ClassVar[str] = "services"

    organization: str = ""
    service_types: tuple[str, ...] = ()
    serves: tuple[str, ...] = ()
    cost: tuple[str, ...] = ()
    certified_peers: bool | None = None
    works_with_treatment: bool | None = None
    service_area: str = ""
    hours: tuple[Hours, ...] = ()
    hours_notes: str = ""
    phone: str = ""
    how_to_start: str = ""


@dataclass(frozen=True, kw_only=True)
class Community(Listing):
    kind: ClassVar[str] = "online"
    folder: ClassVar[str] = "online"

    platform: tuple[str, ...] = ()
    availability: str = "always"
    hours: tuple[Hours, ...] = ()
    fellowship: str = ""
    approach: str = ""
    serves: tuple[str, ...] = ()
    cost: str = ""
    moderation: str = ""
    url: str = ""
    how_to_join: str = ""


KINDS: dict[str, type[Listing]] = {cls.folder: cls for cls in (Meeting, Service, Community)}
"""Listing classes by their folder in ``directory/`` (and in the site)."""


@dataclass(frozen=True)
class Directory:
    """All listings, sorted by kind then slug, and every problem found while loading them."""

    meetings: tuple[Meeting, ...] = ()
    services: tuple[Service, ...] = ()
    communities: tuple[Community, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def listings(self) -> tuple[Listing, ...]:
        return self.meetings + self.services + self.communities

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)
