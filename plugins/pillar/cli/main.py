"""The ``pillar`` command: build the site, or check listing files.

    pillar build [-s pelicanconf.py] [-o output] [-e KEY=JSON …] [--strict]
    pillar validate [PATH …] [-s pelicanconf.py] [--format text|github] [--strict]
    pillar geocode [-s pelicanconf.py] [-e KEY=JSON …] [--limit N]
    pillar import meeting-guide|bmlt|tsml-csv|naws-csv SOURCE --into DIR [--formats FILE]
    pillar new meeting|service|online [--name …] [field flags …] [--into DIR]
    pillar report stale [--older-than 12m] [--format text|csv]
    pillar bench --listings N [--json] [--keep DIR]
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import logging
import os
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

from pillar.cli import arguments
from pillar.cli.progress import Progress
from pillar.site import incremental

# Pelican and most of Pillar are imported by the commands that use them: "pillar build" with nothing
# changed says so before loading them (see main), in a fraction of the time they take.


def _settings(args) -> dict:
    from pelican.settings import read_settings

    path = Path(args.settings)
    if not path.is_file():
        raise SystemExit(f"pillar: no settings file {str(path)!r} — run pillar from the site's folder or pass -s")
    override = arguments.overrides(args)
    try:
        settings = read_settings(str(path), override=override)
    except Exception as error:  # the settings file is Python: anything can go wrong in it
        raise SystemExit(_settings_failure(path, error)) from None
    return settings


def _settings_failure(path: Path, error: Exception) -> str:
    """``pelicanconf.py:LINE:COL: what went wrong — fix`` for a settings file Python cannot run."""
    if isinstance(error, SyntaxError) and error.lineno:
        return f"{path}:{error.lineno}:{error.offset or 1}: {error.msg} — fix the settings file"
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if os.path.abspath(frame.filename) == os.path.abspath(path)]
    where = f"{path}:{lines[-1]}:1" if lines else str(path)
    return f"{where}: {type(error).__name__}: {error} — fix the settings file"


def _quiet_pelican() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("pillar", "pelican"):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.propagate = False
        log.setLevel(logging.WARNING)


def _swap_into(built: Path, final: Path) -> None:
    """Replace ``final`` with ``built`` so a failed build never leaves a half-written site.

    The old site is renamed aside and deleted by a background process, so the command returns as
    soon as the new site is in place (a big site has hundreds of thousands of files to delete)."""
    old = final.with_name(f".{final.name}.old.{os.getpid()}")
    if final.exists():
        final.rename(old)
    built.rename(final)
    if old.exists():
        _delete_in_background(old)


DELETER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
"""What the background process runs to delete the old site (the folder is its argument)."""


def _delete_in_background(folder: Path) -> None:
    """Delete a folder in a Python process of its own, in a session of its own and holding none of the
    caller's streams, so that it is not stopped with the command (Ctrl-C) and nothing reading the
    command's output waits for it. Nobody waits for it: when the command ends first, the system
    takes it over."""
    subprocess.Popen([sys.executable, "-c", DELETER, str(folder)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def build(args) -> int:
    from pelican import Pelican

    from pillar import parallel, settings as pillar_settings
    from pillar.site import vendor
    from pillar.site.generator import DirectoryInvalid

    if args.timings:
        logging.getLogger("pillar.timings").setLevel(logging.INFO)
    settings = _settings(args)
    started = time.perf_counter()
    final = Path(settings["OUTPUT_PATH"])
    try:
        site = pillar_settings.read(settings)
    except pillar_settings.SettingsError as error:
        print(error.code, file=sys.stderr)
        return 1
    modules = vendor.node_modules(settings)
    inputs = incremental.Inputs.of(Path(args.settings), arguments.overrides(args), settings, site.directory,
                                   # the geocode cache and npm's files may be elsewhere
                                   [site.geocode_cache, *(modules / source for source in vendor.FILES.values())])
    known = args.last_build  # its survey is made already, unless the settings say otherwise
    plan = incremental.Build.plan(final, inputs, known.now if known and known.inputs == inputs else None, args.full)
    if plan.unchanged:
        print(f"pillar: nothing has changed since the last build of {final}", file=sys.stderr)
        return 0
    for leftover in final.parent.glob(f".{final.name}.old.*"):  # from a build stopped while deleting
        _delete_in_background(leftover)
    plan.start()
    staging = plan.staging
    settings.update(OUTPUT_PATH=str(staging), PILLAR_BUILD=plan)
    try:
        Pelican(settings).run()
    except DirectoryInvalid as invalid:
        shutil.rmtree(staging, ignore_errors=True)
        print(invalid.code, file=sys.stderr)
        return 1
    except parallel.JobFailed as failed:  # a bug, or a theme's template that fails on some listing
        shutil.rmtree(staging, ignore_errors=True)
        traceback.print_exception(failed)
        print(f"pillar: {failed} — nothing was published; the traceback above says where", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    plan.forget()  # a crash between these lines means a full build next time
    _swap_into(staging, final)
    plan.remember()
    print(f"pillar: built the site into {final} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def _files(paths: list[Path]) -> list[Path]:
    from pillar.directory import loader

    files = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in path.rglob("*") if loader.is_listing_name(p.name) and p.is_file())
        else:
            files.append(path)
    return files


def _github(problem) -> str:
    from pillar.directory.safetext import github_command

    return github_command("error" if problem.is_error else "warning", problem.message,
                          file=problem.path, line=problem.line, col=problem.col)


def _counted(number: int, noun: str) -> str:
    """ "1 warning", "2 warnings"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def validate(args) -> int:
    from pillar import parallel, settings as pillar_settings
    from pillar.directory import loader
    from pillar.geo import geocache, locate

    settings = _settings(args)
    site = pillar_settings.read(settings)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"pillar: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    only = _files(args.paths) if args.paths else None
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
        print(_github(problem) if args.format == "github" else str(problem))
    errors = len(directory.problems if args.strict else directory.errors)
    checked = len(only) if only is not None else len(loader.listing_files(site.directory))
    print(f"pillar: checked {_counted(checked, 'listing file')}: {_counted(len(directory.errors), 'error')}, "
          f"{_counted(len(directory.warnings), 'warning')}", file=sys.stderr)
    return 1 if errors else 0


def geocode(args) -> int:
    from pillar.directory import loader
    from pillar.geo import geocache, geocode as geocode_module, geocode_batch, locate  # geopy: only here
    from pillar import settings as pillar_settings

    settings = _settings(args)
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


def import_listings(args) -> int:
    from pillar import importers

    try:
        text = importers.read_source(args.source)
        convert = importers.converter(args.format)
        extra = {"formats": importers.read_source(args.formats)} if args.formats else {}
        if args.days != "auto":
            if args.format not in importers.NUMBERED_DAYS:
                raise importers.ImportFailed(f"--days: {args.format} feeds say which day they mean by name or "
                                             "by their own fixed numbers")
            extra["days"] = args.days
        records, notes = convert(text, args.source, **extra)
    except importers.ImportFailed as error:
        print(f"pillar import: {importers.printable(str(error))}", file=sys.stderr)
        return 1
    report = importers.write(records, notes, args.into, args.format, args.source, dt.date.today(),
                             progress=Progress(len(records)) if len(records) >= 500 else None)
    for note in report.notes:
        print(note, file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 0


def _command_in(module: str, with_settings: bool = True):
    """A command whose code lives in ``module`` (its ``run``; a full name), loaded only when the command
    runs."""
    def run_command(args) -> int:
        command = importlib.import_module(module)
        return command.run(args, _settings(args)) if with_settings else command.run(args)

    return run_command


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    quick = arguments.build_only(argv[1:]) if argv[:1] == ["build"] else None
    last_build = (incremental.last_build(Path(quick.settings), arguments.overrides(quick))
                  if quick and not quick.full else None)  # all without loading Pelican
    if last_build and last_build.now.fingerprint == last_build.then:
        print(f"pillar: nothing has changed since the last build of {last_build.output}", file=sys.stderr)
        return 0
    from pillar import settings as pillar_settings

    if quick is not None:  # a build, its arguments all understood: the other commands' modules are not needed
        args = quick
        args.command = "build"
    else:
        parser = arguments.parser()
        try:
            args = parser.parse_args(argv)
        except ValueError as error:  # a bad -e value
            parser.error(str(error))
    args.last_build = last_build
    _quiet_pelican()
    command = {"build": build, "validate": validate, "geocode": geocode, "import": import_listings,
               "new": _command_in("pillar.cli.scaffold"), "report": _command_in("pillar.cli.report"),
               "bench": _command_in("pillar_bench", with_settings=False)}[args.command]
    try:
        return command(args)
    except pillar_settings.SettingsError as error:
        print(error.code, file=sys.stderr)
        return 1


def run() -> None:
    """The ``pillar`` command: :func:`main`, then exit as Python does, with every object left frozen
    first (``gc.freeze``), so that Python's last garbage collection does not walk what a big build
    left behind: after a 10,000-listing build the process then ends 0.03 s after :func:`main` returns,
    instead of 0.19 s (leaving with ``os._exit``, which skips every clean-up, took 0.01 s)."""
    code = main()
    gc.freeze()
    raise SystemExit(code)


if __name__ == "__main__":
    run()
