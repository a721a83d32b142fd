"""Load the directory: YAML files → validated, frozen listings and every problem found.

``load_directory`` reads each listing file once, checks it against its schema and the extra
checks, and builds a :class:`~pillar.directory.model.Directory`. It never raises for anything a file can
contain: every problem becomes a :class:`~pillar.directory.model.Problem` with its file, line and column.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from pillar import parallel
from pillar.directory import checks, passcodes, schema, yamlpos
from pillar.directory.loadcache import LoadCache
from pillar.directory.model import Address, Community, Directory, Hours, KINDS, Meeting, Problem, Service, WEEKDAYS
from pillar.directory.slugs import duplicate_slugs, make_slug, region_clashes
from pillar.directory.yamllimits import MAX_FILE_BYTES, TooLarge, read_text

LISTING_SUFFIXES = (".yaml", ".yml")
POSITIONED = ("address", "timezone", "last_verified", "regions")
"""Fields whose position listings keep, for problems found after loading (geocoding, staleness)."""


@dataclass(frozen=True)
class LoadOptions:
    """What loading needs from the site's settings."""

    today: dt.date = field(default_factory=dt.date.today)
    regex_subs: tuple = tuple(DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    """Pelican's ``SLUG_REGEX_SUBSTITUTIONS``, so derived slugs honour the site's slug settings."""
    passcodes: str = "public"
    """``CONFERENCE_PASSCODES``: whether meetings' conference passcodes are published (see :mod:`passcodes`)."""


def options_for(settings: dict) -> LoadOptions:
    """Loading options from Pelican's settings (already checked by :func:`pillar.settings.read`)."""
    return LoadOptions(today=dt.date.today(),
                       regex_subs=tuple(settings.get("SLUG_REGEX_SUBSTITUTIONS", LoadOptions.regex_subs)),
                       passcodes=settings.get("CONFERENCE_PASSCODES", LoadOptions.passcodes))


def listing_files(root: Path) -> list[Path]:
    """Every listing file under ``root``, in a stable order. Like ``Path.rglob``, linked folders are
    not followed; a linked file counts when what it links to is a file."""
    return [Path(path) for path in _listing_paths(root)]


def _listing_paths(root: Path, known: dict[str, tuple[int, int]] | None = None) -> list[str]:
    """:func:`listing_files` as text, taken from ``known`` (every file under ``root``) when given."""
    found = []
    if known is None:
        for folder in KINDS:
            _walk(os.path.join(root, folder), found)
    else:
        start = len(os.path.join(root, ""))
        found = [path for path in known if path[start:].split(os.sep, 1)[0] in KINDS
                 and os.sep in path[start:] and is_listing_name(os.path.basename(path))]
    return sorted(found, key=lambda name: name.split(os.sep))


def _walk(folder: str, found: list[str]) -> None:
    """Add the listing files under ``folder`` to ``found``. The folder's own list says which entries
    are files or folders, so a plain file costs no call to the operating system of its own."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # a missing or unreadable folder holds no listings, as for os.walk
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, found)
        elif is_listing_name(entry.name) and entry.is_file():
            found.append(entry.path)


def is_listing_name(name: str) -> bool:
    """Whether a file name ends in a listing suffix, as ``Path(name).suffix`` sees it (".yaml" has none)."""
    dot = name.rfind(".")
    return 0 < dot < len(name) - 1 and name[dot:] in LISTING_SUFFIXES


def folder_of(path: Path, root: Path) -> str | None:
    """The kind folder (``meetings``, ``services``, ``online``) a file belongs to."""
    try:
        first = path.resolve().relative_to(root.resolve()).parts[0]
    except (ValueError, IndexError):
        return None
    return first if first in KINDS else None


def _days(value) -> tuple[int, ...]:
    if value == "appointment":
        return ()
    values = value if isinstance(value, list) else [value]
    days = {v if isinstance(v, int) else WEEKDAYS.index(v.lower()) for v in values}
    return tuple(sorted(days))


def _address(value) -> Address | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Address(formatted=value.strip())
    return Address(**{key: str(part).strip() for key, part in value.items()})


def _hours(value) -> tuple[Hours, ...]:
    return tuple(Hours(_days(item["day"]), item["opens"], item["closes"]) for item in value or ())


def _common(data, options: LoadOptions, source: str, slug: str) -> dict:
    verified = data.get("last_verified")
    return {
        "slug": slug,
        "name": data["name"].strip(),
        "source": source,
        "status": data.get("status", "active"),
        "timezone": data.get("timezone", ""),
        "address": _address(data.get("address")),
        "latitude": data.get("latitude"),
        "longitude": data.get("longitude"),
        "approximate": data.get("approximate", False),
        "regions": tuple(data.get("regions", ())),
        "languages": tuple(data.get("languages", ())),
        "notes": data.get("notes", "").strip(),
        "website": data.get("website", ""),
        "email": data.get("email", ""),
        "last_verified": dt.date.fromisoformat(verified) if verified else None,
        "positions": tuple((name, *yamlpos.locate(data, [name])) for name in POSITIONED if name in data),
    }


def _text_fields(data, names) -> dict:
    return {name: data.get(name, "").strip() for name in names}


def _build(folder: str, data, common: dict, options: LoadOptions):
    if folder == "meetings":
        conference = passcodes.withhold(_text_fields(data, passcodes.CONFERENCE_FIELDS),
                                        passcodes.policy_of(data, options.passcodes))
        return Meeting(
            **common,
            fellowship=data.get("fellowship", ""),
            days=_days(data["day"]),
            time=data.get("time", ""),
            end_time=data.get("end_time", ""),
            types=tuple(data.get("types", ())),
            attendance=checks.attendance(data),
            **_text_fields(data, ("location", "location_notes", "group", "group_notes")),
            **conference.fields,
            passcodes_withheld=conference.withheld,
        )
    if folder == "services":
        return Service(
            **common,
            service_types=tuple(data["service_types"]),
            serves=tuple(data.get("serves", ())),
            cost=tuple(data.get("cost", ())),
            certified_peers=data.get("certified_peers"),
            works_with_treatment=data.get("works_with_treatment"),
            hours=_hours(data.get("hours")),
            **_text_fields(data, ("organization", "service_area", "hours_notes", "phone", "how_to_start")),
        )
    return Community(
        **common,
        platform=tuple(data["platform"]),
        availability=data.get("availability", "scheduled" if "hours" in data else "always"),
        hours=_hours(data.get("hours")),
        fellowship=data.get("fellowship", ""),
        serves=tuple(data.get("serves", ())),
        cost=data.get("cost", ""),
        moderation=data.get("moderation", ""),
        **_text_fields(data, ("approach", "url", "how_to_join")),
    )


def _problem(source: str, data, path: tuple, message: str, severity="error", at_key=False) -> Problem:
    line, col = (yamlpos.locate_key if at_key else yamlpos.locate)(data, list(path))
    return Problem(source, line, col, message, severity)


def load_file(path: Path, folder: str, source: str, options: LoadOptions):
    """One listing file → ``(listing or None, problems, slug position)``."""
    try:
        text = read_text(path)
    except UnicodeDecodeError as error:
        return None, [Problem(source, 1, 1, f"the file is not UTF-8 text ({error.reason}) — save it as UTF-8")], None
    except TooLarge:
        return None, [Problem(source, 1, 1, f"the file is larger than {MAX_FILE_BYTES // 1024} KB, the most a "
                                            "listing file may be — one file holds one listing")], None
    except OSError as error:
        return None, [Problem(source, 1, 1, f"cannot read the file: {error.strerror}")], None
    data, yaml_problems = yamlpos.load(text)
    problems = [Problem(source, p.line, p.col, p.message) for p in yaml_problems]
    if data is None and not problems:
        problems.append(Problem(source, 1, 1, "the file is empty — add the listing's fields (name: …)"))
    if not isinstance(data, dict):
        if data is not None:
            problems.append(Problem(source, 1, 1, "a listing file must hold fields (name: …), one per line"))
        return None, problems, None
    invalid_fields = set()
    for error in schema.validate(data, folder):
        problems.append(_problem(source, data, error.path, error.message, at_key=error.at_key))
        invalid_fields.add(error.path[0] if error.path else "")
    if "" not in invalid_fields:
        found = checks.check(data, folder, options.today) + passcodes.findings(data, folder, options.passcodes)
        for finding in found:
            if not finding.path or finding.path[0] not in invalid_fields:
                problems.append(_problem(source, data, finding.path, finding.message, finding.severity,
                                         at_key=finding.at_key))
    if any(p.is_error for p in problems):
        return None, problems, None
    slug = data.get("slug") or make_slug(data["name"], options.regex_subs)
    slug_at = yamlpos.locate(data, ["slug"] if "slug" in data else ["name"])
    listing = _build(folder, data, _common(data, options, source, slug), options)
    return listing, problems, slug_at


def load_directory(root: Path, options: LoadOptions, only: list[Path] | None = None,
                   processes: int = 1, cache: LoadCache | None = None,
                   known: dict[str, tuple[int, int]] | None = None) -> Directory:
    """Load every listing under ``root`` (or just the files in ``only``), on ``processes`` cores,
    taking unchanged files' results from ``cache`` (and putting the others in it). ``known``: every
    file under ``root`` with its size and modification time, when the caller has just looked
    (``pillar build`` has, for its fingerprint), so they are not looked up again."""
    files = sorted(only) if only is not None else _listing_paths(root, known)
    base = root.resolve().parent
    stamp_of = known.__getitem__ if known is not None and only is None else LoadCache.stamp
    stamps = [stamp_of(path) for path in files] if cache else []
    loaded = [cache.get(path, stamp) for path, stamp in zip(files, stamps)] if cache else [None] * len(files)
    missing = [number for number, result in enumerate(loaded) if result is None]
    fresh = parallel.map_in_order(partial(_load_one, root=str(root.resolve()), base=str(base), options=options,
                                          folders={}),
                                  [files[number] for number in missing], processes, worth=1000)
    for number, result in zip(missing, fresh):
        loaded[number] = result
        if cache:
            cache.put(files[number], stamps[number], result)
    if cache and only is None:
        cache.keep_only(files)
    listings, problems = [], []
    for listing, found, slug_at in loaded:
        problems.extend(found)
        if listing is not None:
            listings.append((listing, slug_at))
    problems.extend(duplicate_slugs(listings))
    problems.extend(region_clashes(listings, options.regex_subs))
    by_kind = {folder: sorted((l for l, _ in listings if l.folder == folder), key=lambda l: l.slug)
               for folder in KINDS}
    return Directory(
        meetings=tuple(by_kind["meetings"]),
        services=tuple(by_kind["services"]),
        communities=tuple(by_kind["online"]),
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.line, p.col))),
    )


def _under(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` (both resolved), or None when it lies elsewhere."""
    prefix = folder.rstrip(os.sep) + os.sep
    return path[len(prefix):] if path.startswith(prefix) else None


def _load_one(path: Path, root: str, base: str, options: LoadOptions, folders: dict[str, str]):
    """:func:`_load_file_at`, never raising: one file that Pillar cannot read must not hide the others'
    problems, so anything unforeseen becomes a problem of that file."""
    try:
        return _load_file_at(path, root, base, options, folders)
    except Exception as error:  # noqa: BLE001 — reported, with what happened, for this file alone
        return None, [Problem(os.fspath(path), 1, 1, f"Pillar could not read this file ({type(error).__name__}: "
                                                      f"{str(error)[:200]}) — please report this as a bug")], None


def _load_file_at(path: Path, root: str, base: str, options: LoadOptions, folders: dict[str, str]):
    # Resolved as path.resolve() would (os.path.realpath), with each folder resolved once (kept in
    # ``folders``) rather than once per file. Paths are handled as text: a directory has many files.
    name = os.fspath(path)
    parent, file_name = os.path.split(name)
    if parent not in folders:
        folders[parent] = os.path.realpath(parent)
    resolved = os.path.realpath(name) if os.path.islink(name) else os.path.join(folders[parent], file_name)
    source = _under(resolved, base) or name
    inside = _under(resolved, root)
    parts = inside.split(os.sep) if inside else ()
    folder = parts[0] if parts and parts[0] in KINDS else None
    if inside is None and os.path.islink(name):
        link = _under(os.path.join(folders[parent], file_name), base) or name
        return None, [Problem(link, 1, 1, "the file is a link to a file outside the directory, which is never "
                                          "read — put the listing itself here")], None
    if folder is None:
        return None, [Problem(source, 1, 1, "listing files belong in directory/meetings/, "
                                            "directory/services/ or directory/online/ — move the file")], None
    return load_file(path, folder, source, options)
