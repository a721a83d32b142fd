"""``pillar report stale``: the listings nobody has checked for a while, so volunteers know whom to call.

    pillar report stale [--older-than 12m] [-s pelicanconf.py] [-e KEY=JSON …] [--format text|csv] [--strict]

A listing is stale when its ``last_verified`` date is older than the given age, or missing. The
report groups them by region (the first two levels of ``regions``; "No region" last), the oldest
first, and ends with a count. It exits 0 — it is a report — unless ``--strict`` asks it to fail
(exit 1) when anything is stale, for a scheduled CI job.

Today's date comes from :func:`today`: the ``PILLAR_TODAY`` environment variable (``YYYY-MM-DD``)
when it is set — for tests, and to reproduce a report as it was on a given day — else the clock.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import dataclasses
import datetime as dt
import io
import os
import re
import sys
from dataclasses import dataclass

from pillar import settings as pillar_settings
from pillar.directory import loader
from pillar.directory.model import Listing
from pillar.directory.safetext import csv_cell, for_terminal

TODAY_VARIABLE = "PILLAR_TODAY"
NO_REGION = "No region"
UNITS = {"d": ("day", "days"), "w": ("week", "weeks"), "m": ("month", "months"), "y": ("year", "years")}
AGE = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$", re.IGNORECASE)
AGE_HELP = "write a number and a unit: 90d (days), 6w (weeks), 12m (months) or 1y (years)"


class ClockError(ValueError):
    """PILLAR_TODAY is set to something that is not a date."""


def today(environ=None) -> dt.date:
    """``PILLAR_TODAY`` (``YYYY-MM-DD``) when set — for tests and reproducible reports — else the clock."""
    value = (os.environ if environ is None else environ).get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClockError(f"{TODAY_VARIABLE}={value!r} is not a date — write YYYY-MM-DD, or unset it") from None


@dataclass(frozen=True)
class Age:
    """How old a verification may be: a number of days, weeks, months or years."""

    count: int
    unit: str
    """``d``, ``w``, ``m`` or ``y``."""

    def __str__(self) -> str:
        singular, plural = UNITS[self.unit]
        return f"{self.count} {singular if self.count == 1 else plural}"

    def before(self, day: dt.date) -> dt.date:
        """The date this long before ``day`` (calendar months and years; the 31st becomes the month's last day)."""
        if self.unit == "d":
            return day - dt.timedelta(days=self.count)
        if self.unit == "w":
            return day - dt.timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
        if year < dt.MINYEAR:
            return dt.date.min
        return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def parse_age(text: str) -> Age:
    """``"12m"`` → 12 months; :class:`argparse.ArgumentTypeError` with the fix for anything else."""
    match = AGE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f'"{text}" is not an age — {AGE_HELP}')
    return Age(int(match.group(1)), match.group(2).lower())


@dataclass(frozen=True)
class Row:
    region: str
    path: str
    name: str
    last_verified: dt.date | None
    age_days: int | None


def region_of(listing: Listing) -> str:
    return " / ".join(listing.regions[:2]) if listing.regions else NO_REGION


def stale(listings, cutoff: dt.date, day: dt.date) -> list[Row]:
    """Listings last verified before ``cutoff`` (or never), by region ("No region" last), oldest first."""
    rows = [Row(region_of(item), item.source, item.name, item.last_verified,
                (day - item.last_verified).days if item.last_verified else None)
            for item in listings if item.last_verified is None or item.last_verified < cutoff]

    def order(row: Row):
        return (row.region == NO_REGION, row.region.casefold(), row.region,
                row.last_verified or dt.date.min, row.path)

    return sorted(rows, key=order)


def summary(found: int, total: int, age: Age, cutoff: dt.date) -> str:
    noun = "listing" if total == 1 else "listings"
    return (f"pillar report stale: {found} of {total} {noun} last verified more than {age} ago "
            f"(before {cutoff.isoformat()}) or never")


def text_report(rows: list[Row]) -> str:
    """Each region's heading, then one line per listing: path, name, last verified (or never), age in days."""
    if not rows:
        return ""
    rows = [dataclasses.replace(row, region=for_terminal(row.region), path=for_terminal(row.path),
                                name=for_terminal(row.name)) for row in rows]
    path_width = max(len(row.path) for row in rows)
    name_width = max(len(row.name) for row in rows)
    lines, region = [], None
    for row in rows:
        if row.region != region:
            region = row.region
            lines.append(region)
        when = f"{row.last_verified.isoformat()}  {row.age_days} days" if row.last_verified else "never"
        lines.append(f"  {row.path:<{path_width}}  {row.name:<{name_width}}  {when}")
    return "\n".join(lines) + "\n"


def csv_report(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["region", "path", "name", "last_verified", "age_days"])
    for row in rows:
        writer.writerow([csv_cell(row.region), csv_cell(row.path), csv_cell(row.name),
                         row.last_verified.isoformat() if row.last_verified else "",
                         "" if row.age_days is None else row.age_days])
    return out.getvalue()


def add_parser(commands, common) -> None:
    """``pillar report stale``: registered by :mod:`pillar.cli` with its ``common`` options."""
    report = commands.add_parser("report", help="reports for volunteers (stale: listings to check again)")
    reports = report.add_subparsers(dest="report", required=True, metavar="REPORT")
    stale_parser = reports.add_parser(
        "stale", help="listings whose last_verified is older than an age, or missing, by region",
        description="List listings whose last_verified is older than --older-than (or missing), grouped by "
                    "region, oldest first. Set PILLAR_TODAY=YYYY-MM-DD to report as of another day.")
    common(stale_parser)
    stale_parser.add_argument("--older-than", type=parse_age, default=parse_age("12m"), metavar="AGE",
                              help="90d, 6w, 12m or 1y (default: 12m)")
    stale_parser.add_argument("--format", choices=("text", "csv"), default="text",
                              help="csv: one row per listing, with a header row (the count goes to stderr)")


def run(args, settings: dict) -> int:
    """The entry point: ``settings`` are Pelican's, read by the CLI from ``-s``/``-e``."""
    try:
        day = today()
    except ClockError as error:
        print(f"pillar report stale: {error}", file=sys.stderr)
        return 2
    site = pillar_settings.read(settings)
    options = dataclasses.replace(loader.options_for(settings), today=day)
    directory = loader.load_directory(site.directory, options)
    cutoff = args.older_than.before(day)
    rows = stale(directory.listings, cutoff, day)
    count = summary(len(rows), len(directory.listings), args.older_than, cutoff)
    if args.format == "csv":
        sys.stdout.write(csv_report(rows))
        print(count, file=sys.stderr)
    else:
        sys.stdout.write(text_report(rows))
        print(count)
    loaded = {listing.source for listing in directory.listings}
    broken = {problem.path for problem in directory.errors} - loaded
    if broken:
        files = "file has an error" if len(broken) == 1 else "files have errors"
        print(f"pillar report stale: {len(broken)} listing {files} and {'is' if len(broken) == 1 else 'are'} "
              "left out — pillar validate shows the problems", file=sys.stderr)
    return 1 if args.strict and rows else 0
