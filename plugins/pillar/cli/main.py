"""The ``pillar`` command: read its arguments and run the command asked for.

    pillar build [-s pelicanconf.py] [-o output] [-e KEY=JSON …] [--strict]
    pillar validate [PATH …] [-s pelicanconf.py] [--format text|github] [--strict]
    pillar geocode [-s pelicanconf.py] [-e KEY=JSON …] [--limit N]
    pillar import meeting-guide|bmlt|tsml-csv|naws-csv SOURCE --into DIR [--formats FILE]
    pillar new meeting|service|online [--name …] [field flags …] [--into DIR]
    pillar report stale [--older-than 12m] [--format text|csv]
    pillar bench --listings N [--json] [--keep DIR]

Each command is a module of its own: ``pillar.cli.build``, and, loaded only when they run,
``validate``, ``geocode``, ``import_listings``, ``scaffold`` (``new``), ``report`` and ``pillar_bench``.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
from pathlib import Path

from pillar.cli import arguments, build, settings_file
from pillar.site import incremental

# Pelican and most of Pillar are imported by the commands that use them: "pillar build" with nothing
# changed says so before loading them (see main), in a fraction of the time they take.


def _quiet_pelican() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("pillar", "pelican"):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.propagate = False
        log.setLevel(logging.WARNING)


def _command_in(module: str, with_settings: bool = True):
    """A command whose code lives in ``module`` (its ``run``; a full name), loaded only when the command
    runs."""
    def run_command(args) -> int:
        command = importlib.import_module(module)
        return command.run(args, settings_file.read(args)) if with_settings else command.run(args)

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
    command = {"build": build.run, "validate": _command_in("pillar.cli.validate"),
               "geocode": _command_in("pillar.cli.geocode"),
               "import": _command_in("pillar.cli.import_listings", with_settings=False),
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
