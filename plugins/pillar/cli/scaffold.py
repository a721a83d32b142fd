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
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path


from pillar import importers, settings as pillar_settings
from pillar.cli.report import ClockError, today
from pillar.directory import checks, loader, schema
from pillar.directory.model import WEEKDAYS

KINDS = {"meeting": "meetings", "service": "services", "online": "online"}
"""``pillar new KIND`` → the folder in the directory."""
NOUNS = {"meeting": "a meeting", "service": "a service", "online": "an online community"}
LEFT_OUT = ("hours",)
"""Fields with no flag: a list of day-and-time entries is easier to write in the file."""
REQUIRED = {
    "meeting": (("name",), ("day",), ("time",), ("address", "conference_url", "conference_phone")),
    "service": (("name",), ("organization",), ("service_types",),
                ("address", "service_area", "phone", "website", "email")),
    "online": (("name",), ("platform",), ("url",)),
}
"""What a listing needs, as groups of fields of which at least one must be given.

The schema's required fields, and what the loader's checks require: a meeting's time (unless it is
by appointment) and a place or a way to join; a service's way to reach it."""
OFFERED = {
    "meeting": ("fellowship", "end_time", "types", "location", "regions", "timezone", "notes"),
    "service": ("service_area", "phone", "website", "how_to_start", "regions", "notes"),
    "online": ("fellowship", "how_to_join", "cost", "notes"),
}
"""The optional fields worth asking about in a terminal, in the order asked."""
HEADER = "# Added with pillar new; pillar validate checks your edits."
TRUE, FALSE = ("true", "yes", "y"), ("false", "no", "n")


class Refused(Exception):
    """Nothing was written: ``code`` is the exit status, ``messages`` say why."""

    def __init__(self, code: int, *messages: str):
        super().__init__(*messages)
        self.code = code
        self.messages = messages


def _schema_name(kind: str) -> str:
    return schema.SCHEMA_BY_FOLDER[KINDS[kind]]


def fields(kind: str) -> dict[str, dict]:
    """The fields that have a flag, in the schema's order, with their resolved schemas."""
    return {name: spec for name, spec in schema.fields(_schema_name(kind)).items() if name not in LEFT_OUT}


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _shape(name: str, spec: dict) -> str:
    if name == "day":
        return "day"
    return {"array": "list", "boolean": "bool", "number": "number"}.get(spec.get("type"), "text")


def describe(name: str, spec: dict) -> str:
    """The field's description from the schema, with its choices and how to type a list."""
    text = spec.get("description") or spec.get("x-fix", "")
    shape = _shape(name, spec)
    if shape == "day":
        return (f"{text} Type a weekday (monday), a number (0 = Sunday … 6 = Saturday), several with commas, "
                "or appointment.")
    if name == "address":
        text += " Type it on one line: street, city, state and postal code, country."
    options = schema.choices(spec)
    if options:
        text += f" {'Any' if shape == 'list' else 'One'} of: {', '.join(options)}."
    if shape == "list":
        text += " Separate several with commas."
    elif shape == "bool":
        text += " Type yes or no."
    return text.strip()


def _pieces(raw) -> list[str]:
    values = raw if isinstance(raw, list) else [raw]
    return [piece.strip() for value in values for piece in str(value).split(",") if piece.strip()]


def _weekday(text: str) -> str:
    """A weekday as typed ("Thu", "thursday") → its name; anything else lowercased, for the validator."""
    word = text.lower()
    found = [day for day in WEEKDAYS if len(word) >= 3 and day.startswith(word)]
    return found[0] if len(found) == 1 else word


def convert(name: str, spec: dict, raw):
    """What was typed (one string, or a repeated flag's strings) → the YAML value, or None when empty.

    Values that do not convert are kept as typed, so the validator says what is wrong with them."""
    shape = _shape(name, spec)
    if shape in ("list", "day"):
        items = _pieces(raw)
        if shape == "list":
            return items or None
        days = [int(item) if item.isdigit() else _weekday(item) for item in items]
        return (days[0] if len(days) == 1 else days) if days else None
    text = (" ".join(raw) if isinstance(raw, list) else str(raw)).strip()
    if not text:
        return None
    if shape == "bool" and text.lower() in TRUE + FALSE:
        return text.lower() in TRUE
    if shape == "number":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def problems(data: dict, folder: str, day) -> tuple[list[str], list[str]]:
    """The errors and warnings the loader would report for this data, as messages."""
    errors, invalid = [], set()
    for error in schema.validate(data, folder):
        errors.append(error.message)
        invalid.add(error.path[0] if error.path else "")
    warnings = []
    if "" not in invalid:
        for finding in checks.check(data, folder, day):
            if finding.path and finding.path[0] in invalid:
                continue
            (errors if finding.severity == "error" else warnings).append(finding.message)
    return errors, warnings


def field_problem(data: dict, folder: str, name: str, day) -> str:
    """The first error about ``name`` itself in this data, or "".

    A day with no time yet is not the day's problem while the time is still to be asked."""
    for error in schema.validate(data, folder):
        if error.path[:1] == (name,):
            return error.message
    for finding in checks.check(data, folder, day):
        if finding.severity == "error" and finding.path[:1] == (name,):
            if name == "day" and "time" not in data:
                continue
            return finding.message
    return ""


def missing(kind: str, data: dict) -> list[tuple[str, ...]]:
    """The groups in :data:`REQUIRED` this data has none of."""
    groups = []
    for group in REQUIRED[kind]:
        if group == ("time",) and data.get("day") == "appointment":
            continue
        if kind == "meeting" and "address" in group and (
                data.get("status") == "temporarily_closed" or "latitude" in data):
            continue
        if not any(name in data for name in group):
            groups.append(group)
    return groups


def missing_message(kind: str, groups) -> str:
    wanted = [flag(group[0]) if len(group) == 1 else "one of " + ", ".join(map(flag, group)) for group in groups]
    listed = wanted[0] if len(wanted) == 1 else ", ".join(wanted[:-1]) + " and " + wanted[-1]
    return (f"pillar new {kind}: missing {listed} — pass them as flags, or run pillar new in a terminal "
            "to be asked for them")


def from_flags(kind: str, args) -> dict:
    data = {}
    for name, spec in fields(kind).items():
        raw = getattr(args, f"field_{name}", None)
        if raw is not None:
            value = convert(name, spec, raw)
            if value is not None:
                data[name] = value
    return data


class Asker:
    """Asks for fields in a terminal: the description first, again with the reason when invalid."""

    def __init__(self, kind: str, day, ask=input, say=print):
        self.kind, self.folder, self.day = kind, KINDS[kind], day
        self.specs = fields(kind)
        self.ask, self.say = ask, say

    def field(self, data: dict, name: str, required: bool, note: str = "") -> bool:
        """Ask for ``name`` until the answer is valid (or empty, when it may be skipped); True if answered."""
        spec = self.specs[name]
        how = "required" if required else "optional — press Enter to skip"
        self.say(f"\n{name} ({note or how}): {describe(name, spec)}")
        while True:
            value = convert(name, spec, self.ask(f"{name}: "))
            if value is None:
                if not required:
                    return False
                self.say(f"  {name} is required — type a value")
                continue
            reason = field_problem({**data, name: value}, self.folder, name, self.day)
            if not reason:
                data[name] = value
                return True
            self.say(f"  {reason}")

    def fill(self, data: dict) -> None:
        """Ask for each missing required field, then offer the common optional ones."""
        self.say(f"New {self.kind} listing: a few questions (Ctrl-C stops without writing anything).")
        while groups := missing(self.kind, data):
            group = groups[0]
            if len(group) == 1:
                self.field(data, group[0], required=True)
                continue
            note = "one of " + ", ".join(group) + " is needed — press Enter to skip to the next"
            if not any(self.field(data, name, required=False, note=note) for name in group):
                self.say(f"  {NOUNS[self.kind]} needs one of {', '.join(group)} — type at least one")
        for name in OFFERED[self.kind]:
            if name not in data:
                self.field(data, name, required=False)


def render(data: dict, folder: str, into: Path) -> str:
    """The file's text, written the way imported listings are: the modeline, the header, the fields in the
    schema's order, times and dates in "quotes"."""
    target = schema.FOLDER / schema.SCHEMA_BY_FOLDER[folder]
    modeline = os.path.relpath(target, into.resolve())
    return importers.listing_text(importers.ordered(data, folder), HEADER, modeline)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def into_folder(into: Path | None, kind_root: Path) -> Path:
    """Where ``--into`` points: the kind's folder when not given; a path into the directory as given
    (``directory/meetings/austin``, from here); else a folder of the kind's folder (``austin`` →
    ``directory/meetings/austin``)."""
    if into is None:
        return kind_root
    if into.is_absolute() or into.resolve().is_relative_to(kind_root.parent.resolve()):
        return into
    return kind_root / into


def create(kind: str, data: dict, directory: Path, options: loader.LoadOptions, into: Path | None = None,
           strict: bool = False) -> tuple[Path, list[str]]:
    """Check ``data`` and write its file; return the path and any warnings. Raises :class:`Refused`."""
    folder = KINDS[kind]
    errors, warnings = problems(data, folder, options.today)
    if errors or (strict and warnings):
        raise Refused(1, *(f"pillar new {kind}: {message}" for message in errors + warnings),
                      f"pillar new {kind}: nothing written")
    kind_root = directory / folder
    target = into_folder(into, kind_root)
    if loader.folder_of(target / "x.yaml", directory) != folder:
        raise Refused(2, f"pillar new {kind}: --into {into} is not inside {_shown(kind_root)}/ — "
                         f"{NOUNS[kind]}'s file must be there to be published")
    slug = data.get("slug") or loader.make_slug(data["name"], options.regex_subs)
    path = target / f"{slug}.yaml"
    if path.exists() or path.with_suffix(".yml").exists():
        raise Refused(1, f"pillar new {kind}: {_shown(path)} already exists — edit that file, "
                         "or choose another name for this one with --slug")
    used = next((item for item in loader.load_directory(directory, options).listings if item.slug == slug), None)
    if used is not None:
        raise Refused(1, f'pillar new {kind}: the slug "{slug}" is already used by {used.source} — '
                         "choose another with --slug")
    target.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:
        out.write(render(data, folder, target))
    return path, warnings


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
            shape = _shape(name, spec)
            help_text = describe(name, spec).replace("%", "%%")
            if name == "last_verified":
                help_text += " (default: today)"
            sub.add_argument(flag(name), dest=f"field_{name}", metavar=name.upper(), help=help_text,
                             action="append" if shape in ("list", "day") else "store")


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
    print(_shown(path))
    return 0
