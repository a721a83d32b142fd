"""``pillar import FORMAT SOURCE --into DIR``: other systems' meeting data → one listing file each.

Each format module turns the source into :class:`Record`s (YAML-ready listings in Pillar's field
names) and :class:`Note`s (what it had to leave out or skip, and why). :func:`write` checks every
record against the schema, writes one file per listing with a stable name, and says what was
added, changed, left alone, merged, skipped and removed. Importing the same source twice changes
nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import checks, schema

FORMATS = {"meeting-guide": "meeting_guide", "bmlt": "bmlt", "tsml-csv": "tsml_csv", "naws-csv": "naws_csv"}
"""Format names on the command line → modules in this package, each with convert(text, source)."""
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

    def __str__(self) -> str:
        return f"{self.position} ({self.slug or 'no slug'}): {'skipped: ' if self.skipped else ''}{self.reason}"


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
        text = (f"pillar import: {self.records} records: {imported} imported ({self.added} added, {self.changed} "
                f"changed, {self.unchanged} unchanged), {self.merged} merged, {self.skipped} skipped, "
                f"{self.removed} removed")
        why = Counter(note.reason for note in self.notes if note.skipped)
        if why:
            text += "\n  skipped: " + "; ".join(f"{reason} ({count})" for reason, count in why.most_common())
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


def write(records: list[Record], notes: list[Note], into: Path, format_name: str, source: str, today,
          folder: str = "meetings", progress=None) -> Report:
    """Write each valid record to ``into/<slug>.yaml``; remove files an earlier import of this source
    wrote that the source no longer has."""
    report = Report(records=len(records) + sum(n.skipped for n in notes), notes=list(notes))
    into.mkdir(parents=True, exist_ok=True)
    header = HEADER.format(format=format_name, source=source)
    modeline = os.path.relpath(Path(schema.__file__).parent / "schema" / schema.SCHEMA_BY_FOLDER[folder], into)
    written: dict[str, dict] = {}
    for done, record in enumerate(records, 1):
        data = ordered(record.data, folder)
        slug = data.get("slug", "")
        reason = _problem(data, folder, today)
        if reason:
            report.notes.append(Note(record.position, slug, reason, skipped=True))
        elif slug in written and written[slug] == data:
            report.merged += 1
            report.notes.append(Note(record.position, slug, "the same meeting again: merged"))
        else:
            if slug in written:
                number = 2
                while f"{slug}-{number}" in written:
                    number += 1
                report.notes.append(Note(record.position, slug, f"slug already used: saved as {slug}-{number}"))
                slug = data["slug"] = f"{slug}-{number}"
            written[slug] = data
        if progress:
            progress.update(done)
    for slug, data in sorted(written.items()):
        path = into / f"{slug}.yaml"
        text = listing_text(data, header, modeline)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old == text:
            report.unchanged += 1
            continue
        report.added += old is None
        report.changed += old is not None
        _atomic_write(path, text)
    for path in sorted(into.glob("*.yaml")):
        if path.stem not in written and header in path.read_text(encoding="utf-8").splitlines()[:2]:
            path.unlink()
            report.removed += 1
    return report
