"""The settings file a command names (``-s``, with ``-e`` overrides), read as Pelican reads it; a file
Python cannot run stops the command with ``pelicanconf.py:LINE:COL: what went wrong — fix``."""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from pillar.cli import arguments


def read(args) -> dict:
    """Pelican's settings from ``args.settings``, with the command line's overrides."""
    from pelican.settings import read_settings  # only once a command runs (see pillar.cli.main)

    path = Path(args.settings)
    if not path.is_file():
        raise SystemExit(f"pillar: no settings file {str(path)!r} — run pillar from the site's folder or pass -s")
    override = arguments.overrides(args)
    try:
        settings = read_settings(str(path), override=override)
    except Exception as error:  # the settings file is Python: anything can go wrong in it
        raise SystemExit(failure(path, error)) from None
    return settings


def failure(path: Path, error: Exception) -> str:
    """``pelicanconf.py:LINE:COL: what went wrong — fix`` for a settings file Python cannot run."""
    if isinstance(error, SyntaxError) and error.lineno:
        return f"{path}:{error.lineno}:{error.offset or 1}: {error.msg} — fix the settings file"
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if os.path.abspath(frame.filename) == os.path.abspath(path)]
    where = f"{path}:{lines[-1]}:1" if lines else str(path)
    return f"{where}: {type(error).__name__}: {error} — fix the settings file"
