"""Browse views of the directory: the weekly schedule, the region tree, shared locations.

Each is worked out once from the loaded listings, in one pass over them, so that every page
that shows a view costs only what that page lists.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass, field

from pillar.directory.model import Community, Directory, Listing, Meeting, Service, WEEKDAYS
from pillar.directory.slugs import region_slug


def by_time(meeting: Meeting) -> tuple:
    return (meeting.time, meeting.name.casefold(), meeting.slug)


DAY_PAGE_LIMIT = 500
"""A day with more meetings than this has a schedule page that lists regions instead of meetings."""


@dataclass(frozen=True)
class Day:
    number: int
    name: str
    meetings: tuple[Meeting, ...]
    regions: tuple[tuple[str, str, int], ...] = ()
    """(name, page URL, meetings this day) of each top region: what a long day's page lists."""

    @property
    def page_url(self) -> str:
        return f"schedule/{self.name}/"

    @property
    def too_long(self) -> bool:
        return len(self.meetings) > DAY_PAGE_LIMIT

    @property
    def unfiled(self) -> tuple[Meeting, ...]:
        """Meetings with no region (listed on the page even when it lists regions)."""
        return tuple(m for m in self.meetings if not m.regions)


@dataclass
class Region:
    """One level of the region hierarchy, with everything listed in it or below it."""

    names: tuple[str, ...]
    slug: str
    children: dict[str, Region] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names[-1]

    @property
    def page_url(self) -> str:
        return f"regions/{self.slug}/"

    @property
    def count(self) -> int:
        return len(self.meetings) + len(self.services) + len(self.communities)

    @property
    def subregions(self) -> list[Region]:
        return sorted(self.children.values(), key=lambda r: r.name.casefold())

    def _here(self, listings: list) -> list:
        return [listing for listing in listings if len(listing.regions) == len(self.names)]

    @property
    def own_meetings(self) -> list[Meeting]:
        """Meetings filed at this level, not in one of its areas: the region's page lists these
        (its areas list theirs), so a big region's page stays small."""
        return self._here(self.meetings)

    @property
    def own_services(self) -> list[Service]:
        return self._here(self.services)

    @property
    def own_communities(self) -> list[Community]:
        return self._here(self.communities)

    def schedule(self) -> list[Day]:
        return week(self.own_meetings)


def week(meetings) -> list[Day]:
    """Meetings by weekday, Sunday first; a meeting held on several days is under each."""
    days: list[list[Meeting]] = [[] for _ in WEEKDAYS]
    for meeting in meetings:
        for number in meeting.days:
            days[number].append(meeting)
    return [Day(number, WEEKDAYS[number], tuple(sorted(days[number], key=by_time)))
            for number in range(len(WEEKDAYS))]


def _region_slug(names, regex_subs) -> str:
    return "/".join(region_slug(name, regex_subs) for name in names)


def region_tree(listings: tuple[Listing, ...], regex_subs) -> Region:
    """The root of the region hierarchy; each listing is filed under every level of its regions."""
    root = Region(names=("All regions",), slug="")
    for listing in listings:
        node = root
        for depth, name in enumerate(listing.regions):
            names = listing.regions[: depth + 1]
            if name not in node.children:  # its slug: its parent's, then its own name's
                slug = region_slug(name, regex_subs)
                node.children[name] = Region(names, f"{node.slug}/{slug}" if node.slug else slug)
            node = node.children[name]
            bucket = {"meeting": node.meetings, "service": node.services, "online": node.communities}
            bucket[listing.kind].append(listing)
    return root


def all_regions(root: Region) -> list[Region]:
    """Every region below the root, parents before children, alphabetically."""
    found = []
    for child in root.subregions:
        found.append(child)
        found.extend(all_regions(child))
    return found


def location_key(meeting: Meeting) -> str:
    """Meetings with the same place name and address share a location."""
    address = meeting.address.text if meeting.address else ""
    if not address:
        return ""
    return _NOT_WORDS.sub(" ", f"{meeting.location} {address}".casefold()).strip()


_NOT_WORDS = re.compile(r"[^a-z0-9]+")


def shared_locations(meetings) -> dict[str, tuple[Meeting, ...]]:
    """For each meeting slug, every meeting at its location (itself included), in weekly order.

    Meetings at one location share one tuple, so memory stays linear however many meet there.
    """
    groups: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        key = location_key(meeting)
        if key:
            groups[key].append(meeting)
    shared = {}
    for group in groups.values():
        if len(group) > 1:
            ordered = tuple(sorted(group, key=lambda m: (m.days[:1], m.time, m.slug)))
            for meeting in group:
                shared[meeting.slug] = ordered
    return shared


@dataclass(frozen=True)
class Views:
    """Everything the browse pages show, built once."""

    week: list[Day]
    appointment: tuple[Meeting, ...]
    regions: Region
    neighbours: dict[str, tuple[Meeting, ...]]


def _with_regions(day: Day, regex_subs) -> Day:
    counts: dict[str, int] = defaultdict(int)
    for meeting in day.meetings:
        if meeting.regions:
            counts[meeting.regions[0]] += 1
    regions = tuple((name, f"regions/{_region_slug((name,), regex_subs)}/", count)
                    for name, count in sorted(counts.items(), key=lambda item: item[0].casefold()))
    return dataclasses.replace(day, regions=regions)


def views(directory: Directory, regex_subs) -> Views:
    return Views(
        week=[_with_regions(day, regex_subs) if day.too_long else day for day in week(directory.meetings)],
        appointment=tuple(m for m in directory.meetings if m.by_appointment),
        regions=region_tree(directory.listings, regex_subs),
        neighbours=shared_locations(directory.meetings),
    )
