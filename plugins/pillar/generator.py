"""The Pelican generator: loads the directory once and writes every page from it.

Following Pelican's design, ``generate_context`` loads and checks the listings and puts them in
the shared context (writing nothing); ``generate_output`` writes pages, browse pages, the 404
page, the sitemap and the published schemas.
"""

from __future__ import annotations

import json
import logging
import os
import time
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from pelican.generators import Generator

from . import (browse, parallel, shards, filters, finder_data, gazetteer, geocache, geocode, geocode_batch, i18n, ical, index, jsonld,
               loader, locate, schema, vendor)
from .feeds import geojson, hsds, meeting_guide
from . import settings as pillar_settings
from . import vocab
from .model import WEEKDAYS, Directory, Problem
from .types import type_table

logger = logging.getLogger(__name__)
timing_log = logging.getLogger("pillar.timings")
"""Each phase's seconds, as one JSON line: ``pillar build --timings`` shows it."""

CALENDAR_FILE = "meeting.ics"
NEIGHBOURS_SHOWN = 12
"""A meeting page lists at most this many other meetings at the same location."""


class DirectoryInvalid(SystemExit):
    """The directory has errors, so nothing is published.

    A ``SystemExit`` whose message lists every problem: plain ``pelican`` prints it and exits 1,
    with no traceback, and ``pillar build`` prints the same lines.
    """

    def __init__(self, problems: tuple[Problem, ...], strict: bool = False):
        self.problems = problems
        errors = sum(1 for p in problems if p.is_error or strict)
        lines = [str(p) for p in problems]
        lines.append(f"pillar: {errors} problem{'s' if errors != 1 else ''} in the directory"
                     f"{' (warnings count, --strict)' if strict else ''} — nothing was published")
        super().__init__("\n".join(lines))


class DirectoryGenerator(Generator):
    """Publishes the YAML directory: listing pages and the browse pages that lead to them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Listings are written by volunteers and imported from feeds: escape everything they say.
        self.env.autoescape = True

    def generate_context(self):
        clock = time.perf_counter()
        self.pillar = pillar_settings.read(self.settings)
        self.languages = filters.languages(self.settings)
        options = loader.options_for(self.settings)
        self.processes = self.pillar.build_jobs or parallel.cores()
        directory = loader.load_directory(self.pillar.directory, options, processes=self.processes)
        self.timings = {"load and validate": time.perf_counter() - clock}
        clock = time.perf_counter()
        if not directory.errors:
            directory = self._locate(directory)
        self.timings["geocode from cache"] = time.perf_counter() - clock
        self._report(directory)
        clock = time.perf_counter()
        self.views = browse.views(directory, options.regex_subs)
        self.directory = directory
        self.timings["browse views"] = time.perf_counter() - clock
        self.context.update(
            directory=directory,
            views=self.views,
            pillar=self.pillar,
            vocab=vocab,
            type_table=type_table(),
            weekdays=WEEKDAYS,
            facets=finder_data.facets(directory),
            pillar_languages=self.languages,
            language_names=i18n.LANGUAGE_NAMES,
        )

    def _locate(self, directory: Directory) -> Directory:
        """Coordinates from the listings and the geocode cache (asking the service first, if set to)."""
        site = self.pillar
        try:
            cache = geocache.load(site.geocode_cache)
        except geocache.CacheError as error:
            raise DirectoryInvalid((Problem(str(site.geocode_cache), 1, 1, str(error)),)) from None
        if site.geocode_on_build:
            try:
                service = geocode.make_service(site.geocoder, site.bounds)
            except geocode.GeocoderConfigError as error:
                raise pillar_settings.SettingsError([str(error)]) from None
            tally = geocode_batch.run(locate.wanted(directory, site.bounds), cache, site.geocode_cache,
                                      service, site.bounds)
            (logger.warning if tally.failed else logger.info)("%s", tally.summary())
        return locate.locate(directory, cache, site.bounds, site.timezone)

    def _report(self, directory: Directory) -> None:
        failing = directory.problems if self.pillar.strict else directory.errors
        if failing:
            raise DirectoryInvalid(directory.problems, self.pillar.strict)
        for problem in directory.warnings:
            logger.warning("%s", problem)

    def generate_output(self, writer):
        """Write the site: the many small files as jobs shared among the cores, then the rest."""
        clock = time.perf_counter()
        jobs = [*self._finder_jobs(), *self._feed_jobs(), *self._page_jobs(), *self._calendar_jobs()]
        processes = self.processes
        spent = parallel.run(jobs, processes)
        self.timings["write (wall)"] = time.perf_counter() - clock
        self.timings.update({f"  {what} (cpu)": seconds for what, seconds in sorted(spent.items())})
        clock = time.perf_counter()
        vendor.copy(vendor.node_modules(self.settings), Path(self.output_path))
        self._write_schemas()
        self._write_embedding()
        self._write_sitemap()
        self.timings["the rest"] = time.perf_counter() - clock
        timing_log.info("pillar timings: %s", json.dumps({"processes": processes, **{
            key: round(value, 3) for key, value in self.timings.items()}}))

    def _write_page(self, name: str, template: str, values: dict) -> None:
        """Render one template to ``name`` under the output folder (what Pelican's writer does)."""
        if "listing" in values:  # worked out here, in whichever process writes the page
            values = {**values, **self._listing_values(values["listing"])}
        context = {**self.context, "localsiteurl": self.context.get("localsiteurl"), "output_file": name, **values}
        path = Path(self.output_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.get_template(template).render(context), encoding="utf-8")

    def _page_jobs(self) -> list:
        """One job per page, in every language."""
        jobs = []
        for lang in self.languages:
            prefix = "" if lang == self.languages[0] else f"{lang}/"

            def page(path: str, template: str, **values) -> None:
                name = prefix + (path + "index.html" if path.endswith("/") or not path else path)
                jobs.append(("pages", partial(self._write_page, name, template,
                                               {"lang": lang, "page_path": path, **values})))

            self._pages(page)
        return jobs

    def _pages(self, page) -> None:
        """Every page of one language."""
        views = self.views
        for listing in self.directory.listings:
            page(listing.page_url, listing.kind, listing=listing)
        page("", "home", page_name="home")
        page("meetings/", "meetings")
        for day in views.week:
            page(day.page_url, "day", day=day)
        page("regions/", "regions")
        for region in browse.all_regions(views.regions):
            page(region.page_url, "region", region=region)
        page("services/", "services")
        page("online/", "communities")
        page("404.html", "404")
        page("embed/", "embed")
        page("embed/builder/", "embed-builder")

    def _calendar_jobs(self) -> list:
        return [("calendars", partial(self._write_calendar, meeting)) for meeting in self.directory.meetings
                if not meeting.by_appointment]

    def _write_calendar(self, meeting) -> None:
        path = Path(self.output_path) / meeting.page_url / CALENDAR_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(ical.calendar([meeting], self.settings.get("SITEURL", ""), meeting.name))

    def _listing_values(self, listing) -> dict:
        values = {"json_ld": jsonld.json_ld(listing, self.settings.get("SITEURL", ""))}
        if listing.kind == "meeting":
            values["neighbours"] = self._neighbours(listing)
        return values

    def _neighbours(self, meeting, limit: int = NEIGHBOURS_SHOWN):
        """The first few other meetings at the meeting's location, and how many more there are."""
        group = self.views.neighbours.get(meeting.slug, ())
        others = [m for m in group[: limit + 1] if m is not meeting][:limit]
        return {"shown": others, "more": max(0, len(group) - 1 - len(others))}

    def _feed_jobs(self) -> list:
        """Meeting Guide JSON, iCalendar (all meetings and per region), GeoJSON and HSDS, under feeds/."""
        site_url = self.settings.get("SITEURL", "")
        name = self.settings.get("SITENAME", "Meetings")
        directory = self.directory
        writes = {
            "meetings.json": lambda: meeting_guide.feed(directory.meetings, site_url).encode(),
            "meetings.ics": lambda: ical.calendar(directory.meetings, site_url, name),
            "directory.geojson": lambda: geojson.feed(directory.listings, site_url).encode(),
            "hsds": lambda: {file: text.encode() for file, text in hsds.files(directory.services, site_url).items()},
        }
        for region in browse.all_regions(self.views.regions):
            writes[f"regions/{region.slug}.ics"] = partial(ical.calendar, region.meetings, site_url,
                                                           f"{name}: {region.name}")
        return [("feeds", partial(self._write_bytes, f"feeds/{relative}", make)) for relative, make in writes.items()]

    def _write_bytes(self, relative: str, make) -> None:
        """Write what ``make()`` returns to ``relative``; a dict of {name: bytes} makes a folder."""
        data = make()
        for name, content in (data.items() if isinstance(data, dict) else [("", data)]):
            path = Path(self.output_path) / relative / name if name else Path(self.output_path) / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)

    def _finder_jobs(self) -> list:
        """The finder's data: the gazetteer, the list of shards, and each shard's records and index."""
        site_url = self.settings.get("SITEURL", "")
        size = self.pillar.shard_size
        split = shards.split(self.directory, size)
        jobs = [("finder data", partial(self._write_bytes, "search/places.json",
                                        lambda: gazetteer.places_json(self.directory).encode())),
                ("finder data", partial(self._write_bytes, shards.MANIFEST,
                                        lambda: shards.manifest_json(split, size).encode()))]
        for shard in split:
            base = f"{shards.FOLDER}/{shard.name}"
            jobs.append(("finder data", partial(self._write_bytes, f"{base}.json", partial(
                lambda s: finder_data.records_json(s.listings, site_url).encode(), shard))))
            jobs.append(("index", partial(self._write_bytes, f"{base}.index.json", partial(
                lambda s: index.index_json(s.listings).encode(), shard))))
        return jobs

    def _write_embedding(self) -> None:
        """/embed.js (the one-line embed) and _headers, which lets EMBED_ALLOWED_ORIGINS frame the finder."""
        output = Path(self.output_path)
        script = self.env.get_template("embed.js").render(self.context)
        (output / "embed.js").write_text(script, encoding="utf-8")
        ancestors = " ".join(("'self'", *self.pillar.embed_origins))
        prefixes = ["/"] + [f"/{lang}/" for lang in self.languages[1:]]
        rules = ["/*", "  X-Content-Type-Options: nosniff", "  Referrer-Policy: no-referrer",
                 "  Permissions-Policy: geolocation=(self), camera=(), microphone=()"]
        for prefix in prefixes:
            rules += [f"{prefix}embed/*", f"  Content-Security-Policy: frame-ancestors {ancestors}"]
        (output / "_headers").write_text("\n".join(rules) + "\n", encoding="utf-8")

    def _write_schemas(self) -> None:
        folder = Path(self.output_path) / "schema"
        folder.mkdir(parents=True, exist_ok=True)
        for name in schema.SCHEMA_FILES:
            (folder / name).write_text(schema.schema_text(name), encoding="utf-8")

    def sitemap_urls(self) -> list[str]:
        views = self.views
        paths = ["", "meetings/", "regions/", "services/", "online/", "embed/builder/"]
        paths += [day.page_url for day in views.week]
        paths += [region.page_url for region in browse.all_regions(views.regions)]
        paths += [listing.page_url for listing in self.directory.listings]
        urls = [("" if lang == self.languages[0] else f"{lang}/") + path for lang in self.languages for path in paths]
        for content_page in self.context.get("pages", ()):
            urls += [content_page.url] + [translation.url for translation in content_page.translations]
        return urls

    def _write_sitemap(self) -> None:
        base = self.settings.get("SITEURL", "")
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        lines += [f"  <url><loc>{escape(base)}/{escape(url)}</loc></url>" for url in self.sitemap_urls()]
        lines.append("</urlset>\n")
        path = os.path.join(self.output_path, "sitemap.xml")
        with open(path, "w", encoding="utf-8") as out:
            out.write("\n".join(lines))
