"""The Pelican generator: loads the directory once and writes every page from it.

Following Pelican's design, ``generate_context`` loads and checks the listings and puts them in
the shared context (writing nothing); ``generate_output`` writes pages, browse pages, the 404
page, the sitemap and the published schemas.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from pelican.generators import Generator

from . import (browse, filters, finder_data, gazetteer, geocache, geocode, geocode_batch, i18n, ical, index, jsonld,
               loader, locate, schema, vendor)
from .feeds import geojson, hsds, meeting_guide
from . import settings as pillar_settings
from . import vocab
from .model import WEEKDAYS, Directory, Problem
from .types import type_table

logger = logging.getLogger(__name__)

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
        self.pillar = pillar_settings.read(self.settings)
        self.languages = filters.languages(self.settings)
        options = loader.options_for(self.settings)
        directory = loader.load_directory(self.pillar.directory, options)
        if not directory.errors:
            directory = self._locate(directory)
        self._report(directory)
        self.views = browse.views(directory, options.regex_subs)
        self.directory = directory
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
        write = partial(writer.write_file, relative_urls=False)
        for lang in self.languages:
            prefix = "" if lang == self.languages[0] else f"{lang}/"

            def page(path: str, template: str, **values) -> None:
                name = prefix + (path + "index.html" if path.endswith("/") or not path else path)
                write(name, self.get_template(template), self.context, lang=lang, page_path=path, **values)

            self._write_pages(page)
        self._write_calendars()
        self._write_feeds()
        self._write_finder_data()
        vendor.copy(vendor.node_modules(self.settings), Path(self.output_path))
        self._write_schemas()
        self._write_embedding()
        self._write_sitemap()

    def _write_pages(self, page) -> None:
        """Every page of one language."""
        views = self.views
        site_url = self.settings.get("SITEURL", "")
        for listing in self.directory.listings:
            extra = {"neighbours": self._neighbours(listing)} if listing.kind == "meeting" else {}
            page(listing.page_url, listing.kind, listing=listing, json_ld=jsonld.json_ld(listing, site_url), **extra)
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

    def _write_calendars(self) -> None:
        site_url = self.settings.get("SITEURL", "")
        for meeting in self.directory.meetings:
            if not meeting.by_appointment:
                path = Path(self.output_path) / meeting.page_url / CALENDAR_FILE
                path.write_bytes(ical.calendar([meeting], site_url, meeting.name))

    def _neighbours(self, meeting, limit: int = NEIGHBOURS_SHOWN):
        """The first few other meetings at the meeting's location, and how many more there are."""
        group = self.views.neighbours.get(meeting.slug, ())
        others = [m for m in group[: limit + 1] if m is not meeting][:limit]
        return {"shown": others, "more": max(0, len(group) - 1 - len(others))}

    def _write_feeds(self) -> None:
        """Meeting Guide JSON, iCalendar (all meetings and per region), GeoJSON and HSDS, under feeds/."""
        site_url = self.settings.get("SITEURL", "")
        name = self.settings.get("SITENAME", "Meetings")
        folder = Path(self.output_path) / "feeds"
        writes = {
            "meetings.json": meeting_guide.feed(self.directory.meetings, site_url).encode(),
            "meetings.ics": ical.calendar(self.directory.meetings, site_url, name),
            "directory.geojson": geojson.feed(self.directory.listings, site_url).encode(),
        }
        for region in browse.all_regions(self.views.regions):
            writes[f"regions/{region.slug}.ics"] = ical.calendar(region.meetings, site_url, f"{name}: {region.name}")
        for file, text in hsds.files(self.directory.services, site_url).items():
            writes[f"hsds/{file}"] = text.encode()
        for relative, data in writes.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def _write_finder_data(self) -> None:
        folder = Path(self.output_path) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        site_url = self.settings.get("SITEURL", "")
        for name, text in (("listings.json", finder_data.listings_json(self.directory, site_url)),
                           ("places.json", gazetteer.places_json(self.directory)),
                           ("index.json", index.index_json(self.directory))):
            (folder / name).write_text(text, encoding="utf-8")

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
