"""``pillar new meeting|service|online``: start a new listing file that already validates.

    pillar new meeting --name "Sample Group" --day monday --time 19:30 --address "1 Sample St, Austin, TX"
    pillar new service --name … --organization … --service-types peer_coaching --phone …
    pillar new online --name … --platform forum --url https://…

Every field of the kind's schema (but ``hours``, which is easier to write in the file) has a flag:
``--end-time`` for ``end_time`` and so on. List fields take a comma list or the flag repeated.
Run in a terminal with required fields missing, it asks for each of them — showing the field's
description from the schema and asking again when an answer is not valid — then offers the common
optional ones (an empty answer skips). Otherwise a missing required field stops it (exit 2).

The data is checked with the same schema and checks the loader uses, and the file is written only
when it passes, only when no file is there already, and only when no other listing has the slug.
The file starts with the schema modeline, lists the fields in the schema's order, quotes times and
dates ("19:30"), and its path is printed.

The command is in four parts: the fields and their flags (:mod:`pillar.cli.scaffold_fields`), what a
listing still needs and what is wrong with it (:mod:`pillar.cli.scaffold_checks`), asking in a
terminal (:mod:`pillar.cli.scaffold_asker`) and the file written (:mod:`pillar.cli.scaffold_file`);
the names in ``__all__`` are importable from here too.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from pillar import settings as pillar_settings
from pillar.cli.report import ClockError, today
from pillar.cli.scaffold_asker import Asker
from pillar.cli.scaffold_checks import field_problem, missing, missing_message, problems
from pillar.cli.scaffold_fields import KINDS, NOUNS, convert, describe, fields, flag, from_flags, shape
from pillar.cli.scaffold_file import Refused, create, render, shown
from pillar.directory import loader

__all__ = ["Asker", "Refused", "add_parser", "convert", "create", "describe", "field_problem", "fields", "missing",
           "missing_message", "problems", "render", "run"]


def add_parser(commands, common) -> None:
    """``pillar new KIND``: registered by :mod:`pillar.cli` with its ``common`` options."""
    new = commands.add_parser("new", help="write a new listing file that passes pillar validate")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind, folder in KINDS.items():
        sub = kinds.add_parser(kind, help=f"a new listing in {folder}/",
                               description=f"Write {NOUNS[kind]}'s listing file. Missing required fields are asked "
                                           "for in a terminal; elsewhere they stop the command (exit 2).")
        common(sub)
        sub.add_argument("--into", type=Path, metavar="DIR",
                         help=f"the folder to write into, inside DIRECTORY_PATH/{folder} (the default): a folder "
                              f"there by its name (--into austin), or its path from here")
        for name, spec in fields(kind).items():
            typed = shape(name, spec)
            help_text = describe(name, spec).replace("%", "%%")
            if name == "last_verified":
                help_text += " (default: today)"
            sub.add_argument(flag(name), dest=f"field_{name}", metavar=name.upper(), help=help_text,
                             action="append" if typed in ("list", "day") else "store")


def run(args, settings: dict) -> int:
    """The entry point: ``settings`` are Pelican's, read by the CLI from ``-s``/``-e``."""
    kind = args.kind
    try:
        day = today()
    except ClockError as error:
        print(f"pillar new {kind}: {error}", file=sys.stderr)
        return 2
    site = pillar_settings.read(settings)
    options = dataclasses.replace(loader.options_for(settings), today=day)
    data = from_flags(kind, args)
    data.setdefault("last_verified", day.isoformat())
    if missing(kind, data):
        if not sys.stdin.isatty():
            print(missing_message(kind, missing(kind, data)), file=sys.stderr)
            return 2
        try:
            Asker(kind, day).fill(data)
        except (EOFError, KeyboardInterrupt) as stop:
            print(f"\npillar new {kind}: stopped; nothing written", file=sys.stderr)
            return 130 if isinstance(stop, KeyboardInterrupt) else 1
    try:
        path, warnings = create(kind, data, site.directory, options, args.into, args.strict)
    except Refused as refused:
        for message in refused.messages:
            print(message, file=sys.stderr)
        return refused.code
    for warning in warnings:
        print(f"pillar new {kind}: warning: {warning}", file=sys.stderr)
    print(shown(path))
    return 0
