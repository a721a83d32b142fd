"""``pillar geocode``: look up coordinates for the addresses the geocode cache lacks, saving every answer
as it comes, and say what was found (as text, workflow annotations, or a Markdown summary)."""

from __future__ import annotations

import sys

from pillar import settings as pillar_settings
from pillar.cli.progress import Progress
from pillar.directory import loader
from pillar.geo import geocache, geocode as geocode_module, geocode_batch, locate  # geopy: only here


def run(args, settings: dict) -> int:
    """The entry point: ``settings`` are Pelican's, read by the CLI from ``-s``/``-e``."""
    site = pillar_settings.read(settings)
    directory = loader.load_directory(site.directory, loader.options_for(settings))
    if directory.errors:
        for problem in directory.errors:
            print(problem, file=sys.stderr)
        print("pillar geocode: fix these problems first (pillar validate shows them)", file=sys.stderr)
        return 1
    try:
        cache = geocache.load(site.geocode_cache)
        service = geocode_module.make_service(site.geocoder, site.bounds, site.geocode_max_wait)
    except (geocache.CacheError, geocode_module.GeocoderConfigError) as error:
        print(error, file=sys.stderr)
        return 1
    items = locate.wanted(directory, site.bounds)
    asked = {item.key for item in items if item.key not in cache}
    missing = sum(1 for item in items if item.key not in cache)
    progress = Progress(missing if args.limit is None else min(missing, args.limit))
    try:
        tally = geocode_batch.run(items, cache, site.geocode_cache, service, site.bounds, args.limit, progress,
                                  time_limit=site.geocode_time_limit)
    except KeyboardInterrupt:
        print("\npillar geocode: stopped; every answer so far is saved", file=sys.stderr)
        return 130
    for problem in tally.problems:
        print(problem, file=sys.stderr)
    print(tally.summary(), file=sys.stderr)
    if args.format == "github" or args.summary:
        from pillar.geo import geocode_answers

        answers = geocode_answers.new_answers(items, asked, cache)
        for line in geocode_answers.annotations(answers) if args.format == "github" else ():
            print(line)
        if args.summary:
            with open(args.summary, "a", encoding="utf-8") as out:
                out.write(geocode_answers.markdown(answers, [str(problem) for problem in tally.problems]))
    return 1 if tally.failed else 0
