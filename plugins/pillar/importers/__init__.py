"""``pillar import FORMAT SOURCE --into DIR``: other systems' meeting data → one listing file each.

Each format module turns the source into :class:`Record`s (YAML-ready listings in Pillar's field
names) and :class:`Note`s (what it had to leave out or skip, and why). :func:`write` checks every
record against the schema, writes one file per listing with a stable name, and says what was
added, changed, left alone, merged, skipped and removed.

The contract: every file written passes ``pillar validate --strict`` (but for coordinates still to
be looked up) and builds — each is read back by the loader before it is written, and a record that
would not pass is skipped with its reason. One bad record never stops the others
(:func:`each_record`). The files depend only on the source's records, not on their order:
importing the same source twice, or shuffled, changes nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pillar.directory import checks, schema
from pillar.directory.safetext import for_terminal as printable
from pillar.importers import allot, tidy

FORMATS = {"meeting-guide": "meeting_guide", "bmlt": "bmlt", "tsml-csv": "tsml_csv", "naws-csv": "naws_csv"}
"""Format names on the command line → modules in this package, each with convert(text, source)."""
NUMBERED_DAYS = ("meeting-guide", "tsml-csv")
"""The formats whose converter takes ``days`` ("sunday0" or "iso"): their days may be numbers either way."""
HEADER = "# Imported by pillar import {format} from {source}; the next import of it replaces this file."


class ImportFailed(Exception):
    """The source as a whole cannot be read or understood: the message says why."""


@dataclass(frozen=True)
class Note:
    """Something about one source record: where it was, its slug, and what happened."""

    position: str
    slug: str
    reason: str
    skipped: bool = False
    about_feed: bool = False
    """Said of the whole source (how its days are numbered…): shown in the summary too."""

    def __str__(self) -> str:
        if self.about_feed:
            return printable(f"{self.position}: {self.reason}")
        return printable(f"{self.position} ({self.slug or 'no slug'}): {'skipped: ' if self.skipped else ''}"
                         f"{self.reason}")


def counted(number: int, noun: str, plural: str = "") -> str:
    """ "1 record", "2 records"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def each_record(items, convert_one, notes: list, what: str = "record"):
    """``convert_one(item, position)`` for each ``(position, item)``, yielding its records: a record it
    cannot read (any exception — a shape no feed should have) is skipped with a note saying so, and
    the others still come."""
    for position, item in items:
        try:
            record = convert_one(item, position)
        except Exception as error:  # noqa: BLE001 — one record's surprise never sinks the feed
            kind = type(error).__name__
            notes.append(Note(position, "", f"this {what} could not be read ({kind}: {str(error)[:200]})",
                              skipped=True))
            continue
        if record:
            yield record


@dataclass(frozen=True)
class Record:
    position: str
    data: dict


@dataclass
class Report:
    records: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    merged: int = 0
    removed: int = 0
    notes: list[Note] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(note.skipped for note in self.notes)

    def summary(self) -> str:
        imported = self.added + self.changed + self.unchanged
        text = (f"pillar import: {counted(self.records, 'record')}: {imported} imported ({self.added} added, "
                f"{self.changed} changed, {self.unchanged} unchanged), {self.merged} merged, {self.skipped} "
                f"skipped, {self.removed} removed")
        for note in self.notes:
            if note.about_feed:
                text += "\n  " + printable(note.reason)
        why = Counter(note.reason for note in self.notes if note.skipped)
        if why:
            text += "\n  skipped: " + printable("; ".join(f"{reason} ({count})" for reason, count in why.most_common()))
        return text


def read_source(source: str, timeout: float = 30) -> str:
    """The text of a file, or of an http(s) URL (with a time limit)."""
    if source.startswith(("http://", "https://")):
        from urllib.error import URLError
        from urllib.request import Request, urlopen

        try:
            with urlopen(Request(source, headers={"User-Agent": "pillar-import"}), timeout=timeout) as answer:
                return answer.read().decode(answer.headers.get_content_charset() or "utf-8", errors="replace")
        except (URLError, TimeoutError, OSError, ValueError) as error:
            raise ImportFailed(f"{source}: could not fetch it ({getattr(error, 'reason', error)})") from None
    try:
        return Path(source).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return Path(source).read_text(encoding="latin-1")
    except OSError as error:
        raise ImportFailed(f"{source}: cannot read it ({error.strerror})") from None


def converter(format_name: str):
    from importlib import import_module

    return import_module(f".{FORMATS[format_name]}", __name__).convert


def ordered(data: dict, folder: str = "meetings") -> dict:
    """The fields in the schema's order, empty ones left out."""
    order = list(schema.fields(schema.SCHEMA_BY_FOLDER[folder]))
    return {key: data[key] for key in order if key in data and data[key] not in (None, "", [], {})}


class _Dumper(yaml.SafeDumper):
    """Text of several lines is written as a block (|), the way a person would type it."""


def _text_style(text: str):
    if "\n" in text:
        return "|"
    return '"' if re.fullmatch(r"\d{2}:\d{2}|\d{4}-\d{2}-\d{2}", text) else None  # times and dates, as documented


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text,
                                                                          style=_text_style(text)))
_Dumper.add_representer(list, lambda dumper, items: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", items, flow_style=all(isinstance(item, (str, int, float)) for item in items)))


def listing_text(data: dict, header: str, modeline: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return f"# yaml-language-server: $schema={modeline}\n{header}\n{body}"


def _problem(data: dict, folder: str, today) -> str:
    """The first reason the listing would not validate, or ""."""
    errors = schema.validate(data, folder)
    if errors:
        return errors[0].message
    findings = [f for f in checks.check(data, folder, today) if f.severity == "error"]
    return findings[0].message if findings else ""


def _atomic_write(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


class _Reader:
    """Reads a listing's text back as ``pillar validate`` would, from a scratch file."""

    def __init__(self, folder: str, today):
        from pillar.directory import loader

        self.loader, self.folder = loader, folder
        self.options = loader.LoadOptions(today=today)
        self.scratch = tempfile.TemporaryDirectory(prefix="pillar-import-")
        self.path = Path(self.scratch.name) / "listing.yaml"

    def problem(self, text: str) -> str:
        """The first problem (error or warning) the loader finds in the text, or ""."""
        self.path.write_text(text, encoding="utf-8")
        listing, problems, _ = self.loader.load_file(self.path, self.folder, "listing.yaml", self.options)
        if problems:
            return problems[0].message
        return "" if listing is not None else "the listing could not be read back"


def write(records: list[Record], notes: list[Note], into: Path, format_name: str, source: str, today,
          folder: str = "meetings", progress=None) -> Report:
    """Write each valid record to ``into/<slug>.yaml``; remove files an earlier import of this source
    wrote that the source no longer has."""
    report = Report(records=len(records) + sum(n.skipped for n in notes), notes=list(notes))
    header = HEADER.format(format=format_name, source=printable(source))
    modeline = os.path.relpath(schema.FOLDER / schema.SCHEMA_BY_FOLDER[folder], into)
    tidied = []
    for record in records:
        data = ordered(record.data, folder)
        report.notes.extend(Note(record.position, data["slug"], message) for message in tidy.tidy(data, folder, today))
        tidied.append((record.position, data))
    other_slugs, other_regions = allot.elsewhere(into.absolute(), today)
    spellings = allot.region_spellings([data for _, data in tidied], other_regions)
    valid = []
    for position, data in tidied:
        allot.spell_regions(data, spellings)
        reason = _problem(data, folder, today)
        if reason:
            report.notes.append(Note(position, data["slug"], reason, skipped=True))
        else:
            valid.append((position, data))
    written: dict[str, str] = {}
    reader = _Reader(folder, today)
    with reader.scratch:
        allotted = allot.slugs(valid, allot.taken_slugs(into, header, other_slugs))
        for done, (position, data, slug, how) in enumerate(allotted, 1):
            if how == "merged":
                report.merged += 1
                report.notes.append(Note(position, data["slug"], "the same meeting again: merged"))
                continue
            if how == "renamed":
                report.notes.append(Note(position, data["slug"], f"slug already used: saved as {slug}"))
            text = listing_text({**data, "slug": slug}, header, modeline)
            reason = reader.problem(text)
            if reason:
                report.notes.append(Note(position, slug, reason, skipped=True))
            else:
                written[slug] = text
            if progress:
                progress.update(done)
    into.mkdir(parents=True, exist_ok=True)
    for slug, text in sorted(written.items()):
        path = into / f"{slug}.yaml"
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old == text:
            report.unchanged += 1
            continue
        report.added += old is None
        report.changed += old is not None
        _atomic_write(path, text)
    for path in sorted(into.glob("*.yaml")):
        if path.stem not in written and header in path.read_text(encoding="utf-8", errors="replace").splitlines()[:2]:
            path.unlink()
            report.removed += 1
    return report
