"""``pillar validate [PATH …]``: check listing files and report every problem, as text or as GitHub
workflow annotations, with what the build would warn about too (addresses with no coordinates yet,
zones that disagree)."""

from __future__ import annotations

import sys
from pathlib import Path

from pillar import parallel, settings as pillar_settings
from pillar.directory import loader
from pillar.directory.safetext import github_command
from pillar.geo import geocache, locate


def run(args, settings: dict) -> int:
    """The entry point: ``settings`` are Pelican's, read by the CLI from ``-s``/``-e``."""
    site = pillar_settings.read(settings)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"pillar: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    only = files(args.paths) if args.paths else None
    processes = site.build_jobs or parallel.cores()
    directory = loader.load_directory(site.directory, loader.options_for(settings), only, processes=processes)
    if not directory.errors:
        # What the build would warn about too: addresses with no coordinates yet, zones that disagree.
        try:
            cache = geocache.load(site.geocode_cache)
        except geocache.CacheError as error:
            print(error, file=sys.stderr)
            return 1
        directory = locate.locate(directory, cache, site.bounds, site.timezone, processes)
    for problem in directory.problems:
        print(github(problem) if args.format == "github" else str(problem))
    errors = len(directory.problems if args.strict else directory.errors)
    checked = len(only) if only is not None else len(loader.listing_files(site.directory))
    print(f"pillar: checked {counted(checked, 'listing file')}: {counted(len(directory.errors), 'error')}, "
          f"{counted(len(directory.warnings), 'warning')}", file=sys.stderr)
    return 1 if errors else 0


def files(paths: list[Path]) -> list[Path]:
    """The listing files named: each file as given, and every listing file in each folder."""
    found = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in path.rglob("*") if loader.is_listing_name(p.name) and p.is_file())
        else:
            found.append(path)
    return found


def github(problem) -> str:
    """A problem as a GitHub workflow annotation (``::error file=…,line=…::message``)."""
    return github_command("error" if problem.is_error else "warning", problem.message,
                          file=problem.path, line=problem.line, col=problem.col)


def counted(number: int, noun: str) -> str:
    """ "1 warning", "2 warnings"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
