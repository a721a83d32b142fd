"""The printed meeting lists: ``print/`` for the whole directory and ``print/<region>/`` for each region.

Intergroups hand paper schedules out where phones are not allowed (hospitals, detox units, jails,
shelters). A printed list holds every meeting of its region, areas included, by day and start time,
with the meaning of each type code it uses, then the region's services and online communities.

A list is kept to a size people print: past :data:`PRINT_LIMIT` meetings a region's list names its
areas (each has a list of its own) and prints only the meetings filed at its own level, as the region
page does.

The date a list says it was updated is the newest ``last_verified`` in the directory, never the
clock, so the same directory always prints the same page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pillar.directory.model import Community, Directory, Listing, Meeting, Service
from pillar.directory.type_codes import TypeTable
from pillar.site.browse import Day, Region, all_regions, week

PRINT_LIMIT = 500
"""A region with more meetings than this (and areas) prints its areas' lists' names instead of them."""

FOLDER = "print/"


@dataclass(frozen=True)
class Code:
    """One line of a list's legend."""

    code: str
    fellowship: str = ""
    """The fellowship whose own table labels the code ("NA"), or "" for the Meeting Guide's."""
    shared: bool = False
    """Another line of the legend has the same code (with another meaning), so the fellowship is named."""
    label: str = ""
    """What the code means, in the list's language."""


@dataclass(frozen=True)
class PrintList:
    names: tuple[str, ...]
    """The region's names, broadest first; () for the whole directory."""
    slug: str
    """The region's path ("texas/austin"), "" for the whole directory."""
    days: tuple[Day, ...]
    """The weekdays that have meetings on this list, Sunday first, each by start time."""
    appointment: tuple[Meeting, ...]
    services: tuple[Service, ...]
    communities: tuple[Community, ...]
    legend: tuple[Code, ...]
    zones: tuple[str, ...]
    """The time zones of the times listed (meetings', and services' and communities' hours), each once:
    when there are several, each time says its zone."""
    total: int
    """Meetings in the region, its areas included (more than the list holds when it names its areas)."""
    areas: tuple[tuple[str, str, int], ...] = ()
    """(name, print page, meetings) of each area, when the region has too many meetings for one list."""

    @property
    def name(self) -> str:
        return self.names[-1] if self.names else ""

    @property
    def page_url(self) -> str:
        return _page(self.slug)

    @property
    def source_url(self) -> str:
        """The page this list prints: the region's page, or the schedule."""
        return f"regions/{self.slug}/" if self.slug else "meetings/"

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        """Every meeting on the list, each once."""
        seen = {m.slug: m for day in self.days for m in day.meetings}
        seen.update((m.slug, m) for m in self.appointment)
        return tuple(sorted(seen.values(), key=lambda m: m.slug))

    @property
    def listings(self) -> tuple[Listing, ...]:
        return (*self.meetings, *self.services, *self.communities)


def page_url(region: Region | None) -> str:
    """The print page of a region (None: of the whole directory)."""
    return _page(region.slug if region is not None else "")


def _page(slug: str) -> str:
    """The print page of the region whose path is ``slug`` ("" for the whole directory)."""
    return f"{FOLDER}{slug}/" if slug else FOLDER


def area_pages(areas) -> tuple[tuple[str, str, int], ...]:
    """(name, print page, meetings) of each area."""
    return tuple((area.name, page_url(area), len(area.meetings)) for area in areas)


def legend(meetings, table: TypeTable, lang: str = "en") -> tuple[Code, ...]:
    """Each type code the meetings use, once (once per meaning, when a fellowship's table gives a code
    of the spec's another meaning), by code, with its meaning in ``lang``."""
    used = set()
    for meeting in meetings:
        own = table.fellowships.get(meeting.fellowship, {})
        for code in meeting.types:
            used.add((code, meeting.fellowship if code in own else ""))
    meanings = {}
    for code, fellowship in used:
        meanings.setdefault(code, set()).add(table.label(code, fellowship))
    return tuple(Code(code, fellowship, len(meanings[code]) > 1, table.label(code, fellowship, lang))
                 for code, fellowship in sorted(used, key=lambda item: (item[0].casefold(), item[0], item[1])))


def print_list(names: tuple[str, ...], slug: str, meetings, services, communities, areas: list[Region],
               table: TypeTable, limit: int = PRINT_LIMIT, lang: str = "en") -> PrintList:
    """The list of one region (or of everything) in ``lang``: ``meetings``, ``services`` and ``communities``
    are all of it, areas included; ``areas`` its areas, whose lists it names instead when it is too long."""
    total = len(meetings)
    named = ()
    if total > limit and areas:
        depth = len(names)
        meetings, services, communities = ([item for item in listings if len(item.regions) == depth]
                                           for listings in (meetings, services, communities))
        named = area_pages(areas)
    shown = [m for m in meetings if not m.by_appointment]
    return PrintList(
        names=names, slug=slug,
        days=tuple(day for day in week(shown) if day.meetings),
        appointment=tuple(sorted((m for m in meetings if m.by_appointment), key=lambda m: (m.name.casefold(), m.slug))),
        services=tuple(services), communities=tuple(communities),
        legend=legend(meetings, table, lang),
        zones=tuple(sorted({item.timezone for item in (*meetings, *services, *communities)
                            if item.timezone and (item.kind == "meeting" or item.hours)})),
        total=total, areas=named)


@dataclass(frozen=True)
class Source:
    """What one list is made from: its region's names and slug, all its listings (areas included) and its
    areas. A build makes each list (:meth:`made`) in the process that writes its page."""

    names: tuple[str, ...]
    slug: str
    meetings: tuple[Meeting, ...]
    services: tuple[Service, ...]
    communities: tuple[Community, ...]
    areas: tuple[Region, ...]

    @property
    def page_url(self) -> str:
        return _page(self.slug)

    @property
    def listings(self) -> tuple[Listing, ...]:
        return (*self.meetings, *self.services, *self.communities)

    @property
    def area_pages(self) -> tuple[tuple[str, str, int], ...]:
        """What a list too long names instead of its areas' meetings (see :func:`area_pages`)."""
        return area_pages(self.areas)

    def made(self, table: TypeTable, limit: int = PRINT_LIMIT, lang: str = "en") -> PrintList:
        return print_list(self.names, self.slug, self.meetings, self.services, self.communities, list(self.areas),
                          table, limit, lang)


def sources(directory: Directory, root: Region) -> list[Source]:
    """What the list of the whole directory, then each region's, is made from, parents before children."""
    found = [Source((), "", tuple(directory.meetings), tuple(directory.services), tuple(directory.communities),
                    tuple(root.subregions))]
    found.extend(Source(region.names, region.slug, tuple(region.meetings), tuple(region.services),
                        tuple(region.communities), tuple(region.subregions)) for region in all_regions(root))
    return found


def print_lists(directory: Directory, root: Region, table: TypeTable, limit: int = PRINT_LIMIT,
                lang: str = "en") -> list[PrintList]:
    """The list of the whole directory, then each region's, parents before children."""
    return [source.made(table, limit, lang) for source in sources(directory, root)]


def updated(directory: Directory) -> dt.date | None:
    """The date the lists say they were updated: the newest ``last_verified`` in the directory."""
    return max((listing.last_verified for listing in directory.listings if listing.last_verified), default=None)
