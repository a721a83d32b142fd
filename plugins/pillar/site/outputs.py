"""Every file the directory becomes, as jobs: listing and browse pages, calendars, feeds, finder data.

A :class:`Job` names the files it writes and, where it can, a *key*: a digest of everything those
files depend on, worked out only when asked for (a first build needs keys only for the next one). A
rebuild reuses the last build's files for every job whose key is unchanged (see :mod:`incremental`).
Jobs run in any process, in any order: each only renders and writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from jinja2 import Template

from pillar.directory.model import Directory
from pillar.directory.type_codes import type_table
from pillar.feeds import geojson, hsds, ical, meeting_guide
from pillar.finder import finder_data, index, shards
from pillar.fingerprint import digest
from pillar.geo import gazetteer
from pillar.site import browse, icons, jsonld, offline, printed

CALENDAR_FILE = "meeting.ics"
WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
NEIGHBOURS_SHOWN = 12
"""A meeting page lists at most this many other meetings at the same location."""


@dataclass(frozen=True)
class Job:
    what: str
    """What kind of file it writes ("pages", "index"…), for the build's timings."""
    outputs: tuple[str, ...]
    run: Callable[[], None]
    key: Callable[[], str] | None = None
    """Gives a digest of everything the files depend on; None when they are always written again."""


@dataclass(frozen=True)
class Site:
    """What the jobs are made from: the generator's loaded directory and views, and its settings."""

    output: Path
    settings: Mapping[str, object]
    directory: Directory
    views: browse.Views
    languages: tuple[str, ...]
    shard_size: int
    page_template: Callable[[str, str], Template]
    """The template of a kind of page ("meeting", "day"…) in a language (see :meth:`DirectoryGenerator.page_template`)."""
    zones: Mapping[str, bytes]
    """Each time zone's VTIMEZONE, if worked out beforehand (filled in before the jobs run: see :mod:`precompile`)."""
    events: Mapping[str, bytes]
    """Each meeting's calendar event, by slug, the same way."""


class Outputs:
    """The jobs for one build of a :class:`Site`. ``site_key`` is what every file depends on besides
    the listings (see :mod:`incremental`)."""

    def __init__(self, site: Site, site_key: str = ""):
        self.site = site
        self.out = site.output
        self.site_url = site.settings.get("SITEURL", "")
        self.base = site_key
        self._keys: dict[str, str] | None = None

    @property
    def keys(self) -> dict[str, str]:
        """Each listing's digest, by slug: worked out here, unless set beforehand."""
        if self._keys is None:
            self._keys = listing_keys(self.site.directory.listings)
        return self._keys

    @keys.setter
    def keys(self, keys: dict[str, str] | None) -> None:
        self._keys = keys

    def work_out_keys(self) -> dict[str, str]:
        """:attr:`keys`, worked out now unless set beforehand (while other processes write)."""
        return self.keys

    def everything(self) -> str:
        """Changes when anything does: the key of site-wide files."""
        return self._everything

    @cached_property
    def _everything(self) -> str:
        return digest(self.base, sorted(self.keys.items()))

    def _key(self, *parts, listings=()) -> Callable[[], str]:
        return partial(self._digest, parts, listings)

    def _digest(self, parts: tuple, listings) -> str:
        return digest(self.base, parts, [self.keys[listing.slug] for listing in listings])

    def jobs(self) -> list[Job]:
        return [*self._finder_jobs(), *self._feed_jobs(), *self._page_jobs(), *self._calendar_jobs(), *self._icon_jobs()]

    # Pages

    def _page_jobs(self) -> list[Job]:
        jobs = []
        languages = self.site.languages
        for lang in languages:
            prefix = "" if lang == languages[0] else f"{lang}/"

            def page(path: str, template: str, key: str, **values) -> None:
                name = prefix + (path + "index.html" if path.endswith("/") or not path else path)
                jobs.append(Job("pages", (name,), partial(self._write_page, name, template,
                                                          {"lang": lang, "page_path": path, **values}),
                                partial(_page_key, key, lang, template, path)))

            self._pages(page)
        return jobs

    def _pages(self, page) -> None:
        """Every page of one language, each with the key of what it shows."""
        views = self.site.views
        for listing in self.site.directory.listings:
            page(listing.page_url, listing.kind, self._key(listings=(listing, *self._group(listing))), listing=listing)
        for day in views.week:
            page(day.page_url, "day", self._key(listings=day.meetings), day=day)
        for region in browse.all_regions(views.regions):
            children = [(child.name, child.count, child.slug) for child in region.subregions]
            own = (*region.own_meetings, *region.own_services, *region.own_communities)
            page(region.page_url, "region", self._key(region.names, children, bool(region.meetings), listings=own),
                 region=region)
        updated = printed.updated(self.site.directory)
        for source in printed.sources(self.site.directory, views.regions):  # each list made by its job
            page(source.page_url, "print",
                 self._key("print", source.names, source.area_pages, updated, listings=source.listings),
                 print_source=source, updated=updated)
        page("", "home", self.everything, page_name="home")
        for path, template in (("meetings/", "meetings"), ("regions/", "regions"), ("services/", "services"),
                               ("online/", "communities"), ("404.html", "404"), ("embed/", "embed"),
                               ("embed/builder/", "embed-builder")):
            page(path, template, self.everything)
        page("saved/", "saved", self._key("saved"))  # My meetings: filled in the browser, from the visitor's device

    def _write_page(self, name: str, template: str, values: dict) -> None:
        """Render one template to ``name`` under the output folder (what Pelican's writer does)."""
        if "listing" in values:  # worked out here, in whichever process writes the page
            values = {**values, **self._listing_values(values["listing"])}
        elif "print_source" in values:  # the same for a printed list
            values = {**values, "print_list": values["print_source"].made(type_table(), lang=values["lang"])}
        # The site-wide values are the language environment's globals: only the page's own are passed.
        context = {"output_file": name, **values}
        self._write(name, self.site.page_template(template, values["lang"]).render(context).encode())

    def _group(self, listing) -> tuple:
        """The meetings sharing a meeting's location (itself included), or nothing."""
        return self.site.views.neighbours.get(listing.slug, ()) if listing.kind == "meeting" else ()

    def _listing_values(self, listing) -> dict:
        values = {"json_ld": jsonld.json_ld(listing, self.site_url)}
        if listing.kind == "meeting":
            group = self._group(listing)
            others = [m for m in group[: NEIGHBOURS_SHOWN + 1] if m is not listing][:NEIGHBOURS_SHOWN]
            values["neighbours"] = {"shown": others, "more": max(0, len(group) - 1 - len(others))}
        return values

    # Calendars and feeds

    def _calendar_jobs(self) -> list[Job]:
        return [Job("calendars", (f"{meeting.page_url}{CALENDAR_FILE}",), partial(self._write_calendar, meeting),
                    self._key("calendar", listings=(meeting,)))
                for meeting in self.site.directory.meetings if not meeting.by_appointment]

    def _write_calendar(self, meeting) -> None:
        self._write(f"{meeting.page_url}{CALENDAR_FILE}",
                    ical.calendar([meeting], self.site_url, meeting.name, self.site.zones, self.site.events))

    def _feed_jobs(self) -> list[Job]:
        """Meeting Guide JSON, iCalendar (all meetings and per region), GeoJSON and HSDS, under feeds/."""
        site_url, directory, zones, events = self.site_url, self.site.directory, self.site.zones, self.site.events
        name = self.site.settings.get("SITENAME", "Meetings")
        jobs = [
            self._data("feeds", "feeds/meetings.json", lambda: meeting_guide.feed(directory.meetings, site_url)),
            self._data("feeds", "feeds/meetings.ics",
                       lambda: ical.calendar(directory.meetings, site_url, name, zones, events)),
            self._data("feeds", "feeds/directory.geojson", lambda: geojson.feed(directory.listings, site_url)),
            Job("feeds", ("feeds/hsds/",), self._write_hsds),
        ]
        for region in browse.all_regions(self.site.views.regions):
            jobs.append(self._data("feeds", f"feeds/regions/{region.slug}.ics", partial(
                ical.calendar, region.meetings, site_url, f"{name}: {region.name}", zones, events),
                self._key(name, region.names, listings=region.meetings)))
        return jobs

    def _write_hsds(self) -> None:
        for file, text in hsds.files(self.site.directory.services, self.site_url).items():
            self._write(f"feeds/hsds/{file}", text.encode())

    # The finder's data

    def _finder_jobs(self) -> list[Job]:
        """The gazetteer, the list of shards, and each shard's records and index."""
        directory, size = self.site.directory, self.site.shard_size
        split = shards.split(directory, size)
        jobs = [self._data("finder data", "search/places.json", lambda: gazetteer.places_json(directory)),
                self._data("finder data", shards.MANIFEST, lambda: shards.manifest_json(split, size))]
        for shard in split:
            base, key = f"{shards.FOLDER}/{shard.name}", self._key(shard.name, listings=shard.listings)
            jobs.append(self._data("finder data", f"{base}.json", partial(
                finder_data.records_json, shard.listings, self.site_url), key))
            jobs.append(self._data("index", f"{base}.index.json", partial(index.index_json, shard.listings), key))
        return jobs

    # The web app's icons (see offline.py), in the theme's colours

    def _icon_jobs(self) -> list[Job]:
        colours = offline.theme_colours(self.site.settings)
        return [self._data("icons", offline.icon_path(self.site.settings, name), partial(icons.file, colours, name),
                           self._key("icons", colours)) for name in icons.NAMES]

    # Writing

    def _data(self, what: str, name: str, make: Callable[[], str | bytes], key: Callable[[], str] | None = None) -> Job:
        """A job writing what ``make()`` returns; unless given a key, keyed on the whole directory."""
        def run():
            data = make()
            self._write(name, data.encode() if isinstance(data, str) else data)

        return Job(what, (name,), run, key or self.everything)

    def _write(self, name: str, data: bytes) -> None:
        """Write a file as ``open(path, "wb")`` would, without its buffered file object (a build writes
        tens of thousands of files)."""
        path = os.path.join(self.out, name)
        try:  # most files go in a folder that is already there, or in one new folder
            fd = os.open(path, WRITE_FLAGS, 0o666)
        except FileNotFoundError:
            _make_folder(os.path.dirname(path))
            fd = os.open(path, WRITE_FLAGS, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


def listing_keys(listings) -> dict[str, str]:
    """Each listing's digest, by slug (what its files' keys are made of)."""
    return {listing.slug: digest(listing) for listing in listings}


def _page_key(key: Callable[[], str], lang: str, template: str, path: str) -> str:
    return digest(key(), lang, template, path)


def _make_folder(folder: str) -> None:
    """Make a file's folder: one call when its parent is there (a listing's folder), else all of them."""
    try:
        os.mkdir(folder)
    except FileExistsError:  # another process made it first
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
