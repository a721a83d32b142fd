"""``pillar import FORMAT SOURCE --into DIR``: bring in meetings from another system's feed or file
(Meeting Guide JSON, BMLT, TSML CSV or NAWS CSV) as listing files, and say what the import noticed."""

from __future__ import annotations

import datetime as dt
import sys

from pillar import importers
from pillar.cli.progress import Progress


def run(args) -> int:
    """The entry point: ``pillar import`` reads no settings."""
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
