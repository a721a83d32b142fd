"""The ``pillar`` command's arguments: every command's, and ``pillar build``'s alone.

``pillar build``'s are read first on their own, with nothing but the standard library, so that a
build with nothing changed can say so before Pelican and the other commands' modules are loaded."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DEFAULT_SETTINGS = "pelicanconf.py"


class Overrides(argparse.Action):
    """``-e KEY=JSON …`` as pelican reads it: a dict of settings, each value written in JSON."""

    def __call__(self, parser, namespace, values, option_string=None):
        overrides = {}
        for item in values:
            key, equals, text = item.partition("=")
            if not equals:
                raise ValueError(f"Extra settings must be specified as KEY=VALUE pairs but you specified {item}")
            try:
                overrides[key] = json.loads(text)
            except ValueError:
                raise ValueError(f"Invalid JSON value: {text}. Write each value in JSON: -e KEY='\"text\"' for "
                                 "text, -e KEY=null for None, -e KEY=true or false for yes or no.") from None
        setattr(namespace, self.dest, overrides)


def common(sub) -> None:
    """What every command that reads the settings takes."""
    sub.add_argument("-s", "--settings", default=DEFAULT_SETTINGS,
                     help="the Pelican settings file (default: %(default)s)")
    sub.add_argument("-e", "--extra-settings", dest="overrides", nargs="+", default={},
                     action=Overrides, metavar="KEY=JSON",
                     help="override settings, as pelican does: -e TIMEZONE='\"UTC\"'")
    sub.add_argument("--strict", action="store_true", help="treat warnings as errors")


def build_arguments(build) -> None:
    common(build)
    build.add_argument("-o", "--output", help="where to write the site (default: OUTPUT_PATH)")
    build.add_argument("--timings", action="store_true", help="print the seconds each phase took, as JSON")
    build.add_argument("--full", action="store_true",
                       help="build everything again, even what has not changed since the last build")


def build_only(argv: list[str]) -> argparse.Namespace | None:
    """``pillar build``'s arguments, or None when they are not all understood (the full parser then
    reads them again, and says what is wrong)."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    build_arguments(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except (argparse.ArgumentError, ValueError):
        return None
    return None if rest else args


def overrides(args) -> dict:
    """The settings the command line overrides: ``-e``, ``--strict`` and ``-o``."""
    override = dict(args.overrides)
    if args.strict:
        override["DIRECTORY_STRICT"] = True
    if getattr(args, "output", None):
        override["OUTPUT_PATH"] = str(Path(args.output).resolve())
    return override


def parser() -> argparse.ArgumentParser:
    try:
        import pillar_bench as bench  # beside the package in a clone of the repository, not installed
    except ImportError:
        bench = None
    from pillar import importers
    from pillar.cli import report, scaffold

    top = argparse.ArgumentParser(prog="pillar", description="Publish a recovery directory as a static site.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_arguments(commands.add_parser("build", help="check the directory and build the site"))

    validate = commands.add_parser("validate", help="check listing files and report every problem")
    common(validate)
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                          help="listing files or folders (default: the whole directory)")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="github prints workflow annotations (::error file=…)")

    importer = commands.add_parser("import", help="bring in meetings from another system's feed or file")
    importer.add_argument("format", choices=sorted(importers.FORMATS), help="the source's format")
    importer.add_argument("source", help="a file, or an http(s) URL")
    importer.add_argument("--into", required=True, type=Path, metavar="DIR",
                          help="the folder to write listing files into, e.g. directory/meetings/imported")
    importer.add_argument("--formats", metavar="FILE", help="BMLT only: the server's GetFormats answer")
    importer.add_argument("--days", choices=("auto", "sunday0", "iso"), default="auto",
                          help="how the feed numbers days (meeting-guide, tsml-csv): sunday0 is 0 = Sunday … "
                               "6 = Saturday, the Meeting Guide spec; iso is 1 = Monday … 7 = Sunday; auto "
                               "(default) reads a feed with a day 7 and no day 0 as iso")

    geocode = commands.add_parser("geocode", help="look up coordinates for addresses the cache lacks")
    common(geocode)
    geocode.add_argument("--limit", type=int, metavar="N", help="ask about at most N addresses in this run")
    geocode.add_argument("--format", choices=("text", "github"), default="text",
                         help="github also prints, for each address just looked up, an annotation on its "
                              "listing saying the place found and whether it is approximate")
    geocode.add_argument("--summary", metavar="FILE",
                         help="append the answers as Markdown to FILE, with the latitude and longitude lines "
                              "to add to each listing (a workflow passes $GITHUB_STEP_SUMMARY)")

    scaffold.add_parser(commands, common)
    report.add_parser(commands, common)
    if bench is not None:
        bench.add_parser(commands)
    return top
