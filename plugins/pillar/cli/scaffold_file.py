"""The file ``pillar new`` writes: checked as the loader checks it, written only when it passes, only
where the kind's listings are published, only when no file is there and no other listing has its slug;
its text as imported listings are written (the schema modeline, the fields in the schema's order)."""

from __future__ import annotations

import os
from pathlib import Path

from pillar import importers
from pillar.cli.scaffold_checks import problems
from pillar.cli.scaffold_fields import KINDS, NOUNS
from pillar.directory import loader, schema

HEADER = "# Added with pillar new; pillar validate checks your edits."


class Refused(Exception):
    """Nothing was written: ``code`` is the exit status, ``messages`` say why."""

    def __init__(self, code: int, *messages: str):
        super().__init__(*messages)
        self.code = code
        self.messages = messages


def render(data: dict, folder: str, into: Path) -> str:
    """The file's text, written the way imported listings are: the modeline, the header, the fields in the
    schema's order, times and dates in "quotes"."""
    target = schema.FOLDER / schema.SCHEMA_BY_FOLDER[folder]
    modeline = os.path.relpath(target, into.resolve())
    return importers.listing_text(importers.ordered(data, folder), HEADER, modeline)


def shown(path: Path) -> str:
    """A path as printed: from the current folder when it is inside it, else as it is."""
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
        raise Refused(2, f"pillar new {kind}: --into {into} is not inside {shown(kind_root)}/ — "
                         f"{NOUNS[kind]}'s file must be there to be published")
    slug = data.get("slug") or loader.make_slug(data["name"], options.regex_subs)
    path = target / f"{slug}.yaml"
    if path.exists() or path.with_suffix(".yml").exists():
        raise Refused(1, f"pillar new {kind}: {shown(path)} already exists — edit that file, "
                         "or choose another name for this one with --slug")
    used = next((item for item in loader.load_directory(directory, options).listings if item.slug == slug), None)
    if used is not None:
        raise Refused(1, f'pillar new {kind}: the slug "{slug}" is already used by {used.source} — '
                         "choose another with --slug")
    target.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:
        out.write(render(data, folder, target))
    return path, warnings
