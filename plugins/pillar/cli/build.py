"""``pillar build``: check the directory and build the site into a staging folder, then put it in
place of the last one, so that a failed build never leaves a half-written site.

A build with nothing changed since the last is told by :func:`pillar.cli.main.main` before Pelican
is loaded; :func:`run` asks :mod:`pillar.site.incremental` again once the settings are read."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

from pillar.cli import arguments, settings_file
from pillar.site import incremental


def run(args) -> int:
    from pelican import Pelican

    from pillar import parallel, settings as pillar_settings
    from pillar.site import vendor
    from pillar.site.generator import DirectoryInvalid

    if args.timings:
        logging.getLogger("pillar.timings").setLevel(logging.INFO)
    settings = settings_file.read(args)
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
                                   [site.geocode_cache, *(modules / source for source in vendor.FILES.values())],
                                   [pillar_settings.translations_path(settings)])
    known = args.last_build  # its survey is made already, unless the settings say otherwise
    plan = incremental.Build.plan(final, inputs, known.now if known and known.inputs == inputs else None, args.full)
    if plan.unchanged:
        print(f"pillar: nothing has changed since the last build of {final}", file=sys.stderr)
        return 0
    for leftover in final.parent.glob(f".{final.name}.old.*"):  # from a build stopped while deleting
        delete_in_background(leftover)
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
    swap_into(staging, final)
    plan.remember()
    print(f"pillar: built the site into {final} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def swap_into(built: Path, final: Path) -> None:
    """Replace ``final`` with ``built`` so a failed build never leaves a half-written site.

    The old site is renamed aside and deleted by a background process, so the command returns as
    soon as the new site is in place (a big site has hundreds of thousands of files to delete)."""
    old = final.with_name(f".{final.name}.old.{os.getpid()}")
    if final.exists():
        final.rename(old)
    built.rename(final)
    if old.exists():
        delete_in_background(old)


DELETER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
"""What the background process runs to delete the old site (the folder is its argument)."""


def delete_in_background(folder: Path) -> None:
    """Delete a folder in a Python process of its own, in a session of its own and holding none of the
    caller's streams, so that it is not stopped with the command (Ctrl-C) and nothing reading the
    command's output waits for it. Nobody waits for it: when the command ends first, the system
    takes it over."""
    subprocess.Popen([sys.executable, "-c", DELETER, str(folder)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
