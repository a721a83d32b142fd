"""The Pelican generator: loads the directory once and writes every page from it.

Following Pelican's design, ``generate_context`` loads and checks the listings and puts them in
the shared context (writing nothing); ``generate_output`` writes pages, browse pages, the 404
page, and the files written once per site (see :mod:`site_files`).

Files are not written through Pelican's ``Writer``: it copies the whole context for each page and
checks each name against the files it has written, all in one process, where Pillar writes tens of
thousands of files from several (see :mod:`parallel`) and reuses the last build's (see
:mod:`incremental`). So that other plugins still hear of every file, the generator sends Pelican's
``content_written`` signal for each file it writes or reuses, here, once all are written, in a
stable order: with the file's path and, as ``context``, the site's context with ``output_file``
(not the page's own values, which stay in the process that rendered it).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import time
from collections import ChainMap
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from pelican import __version__ as pelican_version, signals
from pelican.generators import Generator

from pillar import parallel, settings as pillar_settings
from pillar.directory import loadcache, loader, vocab
from pillar.directory.model import Directory, Problem, WEEKDAYS
from pillar.directory.type_codes import type_table
from pillar.feeds import ical, vtimezones
from pillar.finder import finder_data
from pillar.geo import geocache, locate
from pillar.site import (browse, bundle, filters, i18n, incremental, kept, offline, outputs, precompile,
                         site_files, vendor)

logger = logging.getLogger(__name__)
timing_log = logging.getLogger("pillar.timings")
"""Each phase's seconds, as one JSON line: ``pillar build --timings`` shows it."""

HELPERS_WORTH = 50
"""Below this many listings the helpers (see :mod:`precompile`) cost more CPU than they save time
(measured in BENCHMARKS.md)."""

COLLECT_AFTER = 300_000
"""While a directory is loaded and its site written, the garbage collector's youngest pass runs after
this many new objects (Python's default is 700). Loading 10,000 listings leaves about 170,000 in this
process, which are frozen (see generate_context) before any pass walks them; the passes still bound
what a theme's reference cycles can hold (BENCHMARKS.md)."""


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
        self.build: incremental.Build | None = self.settings.get("PILLAR_BUILD")
        """What ``pillar build`` reuses from the last build (see :mod:`incremental`); None under plain ``pelican``."""
        # Listings are written by volunteers and imported from feeds: escape everything they say.
        self.env.autoescape = True
        self._language_envs, self._page_templates = {}, {}
        self.precompiled: precompile.Precompiled | None = None
        """The helper that compiles the templates (see :mod:`precompile`), while the listings are located."""
        self.helpers = precompile.Helpers()
        """Every helper started: that one, the one working out the zones and events from the located
        listings, and on a rebuild the one working out their keys."""
        self.events: dict[str, bytes] = {}
        """Each meeting's calendar event, by slug, when worked out beforehand (see :mod:`precompile`)."""
        self.zones: dict[str, bytes] = {}
        """Each time zone's VTIMEZONE, by name, when worked out beforehand (the same way as the events)."""

    def page_template(self, name: str, lang: str):
        """A theme template for pages in ``lang`` (see :func:`i18n.for_language`)."""
        if (name, lang) not in self._page_templates:
            if lang not in self._language_envs:
                self._language_envs[lang] = self._language_env(lang)
            env = self._language_envs[lang]
            template = env.select_template([name + ext for ext in self.settings["TEMPLATE_EXTENSIONS"]])
            # The language's globals, complete by now, as a plain dict: Jinja keeps a template's
            # globals as a ChainMap over the environment's and, for every page, copies them into the
            # page's context and lists their names one at a time in Python, where a dict is copied
            # in C (BENCHMARKS.md). The environment's own globals are left as they are, so a
            # template that imports macros without context still gets the site's values.
            template.globals = dict(template.globals)
            self._page_templates[name, lang] = template
        return self._page_templates[name, lang]

    def _language_env(self, lang: str):
        env = i18n.for_language(self.env, lang, self.context)
        bound_filters, bound_functions = filters.in_language(self.settings, lang, env)
        env.filters, env.globals = {**env.filters, **bound_filters}, {**env.globals, **bound_functions}
        i18n.translate_when_compiled(env, bound_functions["gettext"])
        catalog = i18n.catalog_path(pillar_settings.translations_path(self.settings), lang)
        kept = self.build.compiled_templates(lang, catalog) if self.build else None
        env.bytecode_cache = self.precompiled.cache(lang, kept) if self.precompiled is not None else kept
        # The theme's macros, made once per language: pages call macros.address_block(…). An import
        # ({% from "_macros.html" import … %}) on every page compares the page's globals with the
        # macros' each time (what it cost: BENCHMARKS.md).
        env.globals["macros"] = env.get_template("_macros.html").module
        return env

    def generate_context(self):
        # Loading makes millions of objects that live until the build ends; the collector's youngest
        # pass, after every 700 of them by default, then costs a tenth of the loading. Set back (and
        # the frozen objects released) when the output is written, or if loading fails.
        self._collector = gc.get_threshold()
        gc.set_threshold(COLLECT_AFTER, *self._collector[1:])
        try:
            self._load_and_view()
        except BaseException:
            self._release_collector()
            raise
        gc.freeze()
        directory = self.directory
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

    def _load_and_view(self) -> None:
        """Load and check the directory, fill in coordinates and time zones, and work out the views."""
        clock = time.perf_counter()
        self.pillar = pillar_settings.read(self.settings)
        self.languages = filters.languages(self.settings)
        options = loader.options_for(self.settings)
        self.processes = self.pillar.build_jobs or parallel.cores()
        build = self.build
        self.load_cache = build.load_cache(options) if build else loadcache.LoadCache(None, "")
        directory = loader.load_directory(self.pillar.directory, options, processes=self.processes,
                                          cache=self.load_cache,
                                          known=build.directory_files(self.pillar.directory) if build else None)
        # The listings live until the build ends: keep the garbage collector from walking them again
        # and again while they are located and viewed and pages are made (and forked processes from
        # copying them when it would). Frozen again once the views are made.
        gc.freeze()
        self.timings = {"load and validate": time.perf_counter() - clock}
        # The other core does what each writing process needs, while this one goes on: first the templates,
        # while the listings are located; then what needs them located, while the views and jobs are made.
        helped = self.processes > 1 and len(directory.listings) >= HELPERS_WORTH
        if helped:  # (made first: the helper's templates compile into its bytecode cache; then it saves
            # the load cache for the next build)
            self.precompiled = precompile.Precompiled()
            self.helpers.start({"templates": partial(precompile.compile_templates, self._language_env, self.languages),
                                "load cache": self.load_cache.save}, self.precompiled)
        clock = time.perf_counter()
        if not directory.errors:
            directory = self._locate(directory)
        self.timings["geocode from cache"] = time.perf_counter() - clock
        self._report(directory)
        if helped:  # one helper, about as long as the views and jobs: with more, three processes would
            # share two cores, and this one, which everything else waits for, would wait its turn
            self.helpers.start({"zones": partial(vtimezones.zones, directory.meetings, kept.remembered),
                                "events": partial(ical.events, directory.meetings, self.settings.get("SITEURL", ""))})
            if build and build.previous.jobs:  # a rebuild needs the keys first (a full build: while writing)
                self.helpers.start({"keys": partial(outputs.listing_keys, directory.listings)})
        clock = time.perf_counter()
        self.views = browse.views(directory, options.regex_subs)
        self.directory = directory
        self.timings["browse views"] = time.perf_counter() - clock

    def _locate(self, directory: Directory) -> Directory:
        """Coordinates from the listings and the geocode cache (asking the service first, if set to)."""
        site = self.pillar
        try:
            cache = geocache.load(site.geocode_cache)
        except geocache.CacheError as error:
            raise DirectoryInvalid((Problem(str(site.geocode_cache), 1, 1, str(error)),)) from None
        if site.geocode_on_build:
            from pillar.geo import geocode, geocode_batch  # geopy, only when asked to look up addresses

            try:
                service = geocode.make_service(site.geocoder, site.bounds, site.geocode_max_wait)
            except geocode.GeocoderConfigError as error:
                raise pillar_settings.SettingsError([str(error)]) from None
            tally = geocode_batch.run(locate.wanted(directory, site.bounds), cache, site.geocode_cache,
                                      service, site.bounds, time_limit=site.geocode_time_limit)
            (logger.warning if tally.failed else logger.info)("%s", tally.summary())
        return locate.locate(directory, cache, site.bounds, site.timezone, self.processes)

    def _report(self, directory: Directory) -> None:
        failing = directory.problems if self.pillar.strict else directory.errors
        if failing:
            raise DirectoryInvalid(directory.problems, self.pillar.strict)
        for problem in directory.warnings:
            logger.warning("%s", problem)

    def generate_output(self, writer):
        """Write the site: the many small files as jobs shared among the cores, then the rest."""
        try:
            self._write_output()
        finally:
            self._release_collector()

    def _write_output(self) -> None:
        clock = time.perf_counter()
        # esbuild joins the finder's modules while the jobs are made; waited for before any is run, as
        # the home page carries the finder's bundle in itself (see bundle.inline).
        bundling = bundle.start(vendor.node_modules(self.settings), Path(self.settings["THEME"]) / "static" / "js",
                                Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / "js")
        site = outputs.Site(Path(self.output_path), self.settings, self.directory, self.views, tuple(self.languages),
                            self.pillar.shard_size, self.page_template, self.zones, self.events)
        build = self.build
        made = outputs.Outputs(site, build.site_key(pelican_version) if build else "")
        jobs = made.jobs()
        self.timings["make jobs"] = time.perf_counter() - clock
        clock = time.perf_counter()
        bundling.wait()
        self.timings["waiting for the bundle"] = time.perf_counter() - clock
        clock = time.perf_counter()
        done = {}
        if self.helpers:
            done = self.helpers.wait()
            self.events.update(done.get("events", {}))  # the jobs hold these dicts
            self.zones.update(done.get("zones", {}))
            made.keys = done.get("keys")
            self.timings["waiting for the helpers"] = time.perf_counter() - clock
            clock = time.perf_counter()
        to_run, meanwhile = jobs, None
        if build and build.previous.jobs:  # keys first, to find the files the last build already wrote
            to_run, keys = build.reuse(jobs, Path(self.output_path))
            build.save(keys)
        elif build:  # nothing to reuse: the keys (for the next build) are worked out while the others write
            meanwhile = partial(build.save, jobs=jobs)
        else:  # plain pelican keeps no state, but the service worker's version needs the listings' keys
            meanwhile = made.work_out_keys
        self.timings["reuse unchanged files"] = time.perf_counter() - clock
        clock = time.perf_counter()
        # Unless a helper saved it, the load cache (for the next build) is saved by whichever process has time.
        first = [] if "load cache" in done else [("load cache", self.load_cache.save)]
        try:
            spent = parallel.run([*first, *((job.what, job.run) for job in to_run)], self.processes, meanwhile)
        except parallel.JobFailed as failed:  # named by the file it was writing
            if failed.number is None or failed.number < len(first):
                raise
            raise parallel.JobFailed(f"writing {to_run[failed.number - len(first)].outputs[0]}",
                                     failed.reason) from failed
        self.timings["write (wall)"] = time.perf_counter() - clock
        self.timings.update({f"  {what} (cpu)": seconds for what, seconds in sorted(spent.items())})
        clock = time.perf_counter()
        self._announce(name for job in jobs for name in job.outputs)
        self.timings["content_written"] = time.perf_counter() - clock
        clock = time.perf_counter()
        vendor.copy(vendor.node_modules(self.settings), Path(self.output_path))
        offline.Writer(self.settings, Path(self.output_path), self.languages, len(self.directory.listings),
                       self.pillar.shard_size).write(self.env, made.keys, self.pillar.description)
        sitemap = site_files.sitemap_urls(self.views, self.directory, self.languages, self.context.get("pages", ()))
        site_files.write(Path(self.output_path), self.env.get_template("embed.js").render(self.context), self.pillar,
                         self.settings.get("SITEURL", ""), self.languages, sitemap)
        self._announce([offline.WORKER, offline.MANIFEST, *site_files.NAMES])
        self.timings["the rest"] = time.perf_counter() - clock
        timing_log.info("pillar timings: %s", json.dumps({"processes": self.processes, "jobs": len(jobs),
                                                          "jobs run": len(to_run), **{
            key: round(value, 3) for key, value in self.timings.items()}}))

    def _release_collector(self) -> None:
        """Set the garbage collector back, and stop the helpers if nobody waited for them (see generate_context)."""
        gc.unfreeze()
        gc.set_threshold(*self._collector)
        self.helpers.stop()  # already waited for, unless the build failed before writing

    def _announce(self, names: Iterable[str]) -> None:
        """Pelican's ``content_written`` for each file (named under the output folder; a name ending in
        "/" stands for every file in that folder), as Pelican's own ``Writer`` sends it. (Not at all
        when no plugin listens: 0.04–0.07 s for 10,000 listings' 22,640 files.)"""
        if not signals.content_written.receivers:
            return
        output = self.output_path
        for name in names:
            path = os.path.join(output, name)
            if name.endswith("/"):
                self._announce(name + file for file in sorted(os.listdir(path)))
            else:
                signals.content_written.send(path, context=ChainMap({"output_file": name}, self.context))
