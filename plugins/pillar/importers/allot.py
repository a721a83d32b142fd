"""Names for a whole import, worked out from the set of records and never from their order.

A feed read twice, or its records shuffled, must write the same files: which of two records that
want one slug keeps it, and how a region spelled two ways ("São Paulo", "Sao Paulo") is written,
are decided by the records' content alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from pillar.importers import clean

MAX_REGIONS = 6
"""Levels of a region hierarchy an imported listing keeps (country, state, county, city, area…)."""
SLUG_LINE = re.compile(r"^slug:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


def content_key(data: dict) -> str:
    """The record's fields but its slug, as one comparable text."""
    return json.dumps({key: value for key, value in data.items() if key != "slug"}, sort_keys=True,
                      ensure_ascii=True, default=str)


def slugs(items: list[tuple[str, dict]], taken: set[str]) -> list[tuple[str, dict, str, str]]:
    """``(position, data)`` pairs whose data carries a wanted slug → ``(position, data, slug, how)``,
    where ``how`` is "" (its own slug), "merged" (the same listing again: not written twice) or
    "renamed" (another record has the slug: a suffix -2, -3 … was added, the slug cut at a word's end
    first so that it fits). ``taken`` are slugs of files that are not this import's."""
    groups: dict[str, list[tuple[str, dict]]] = {}
    for position, data in items:
        groups.setdefault(data["slug"], []).append((position, data))
    used = set(taken) | set(groups)
    answer = []
    for wanted in sorted(groups):
        members = sorted(groups[wanted], key=lambda item: (content_key(item[1]), item[0]))
        number, previous = 1, None
        for index, (position, data) in enumerate(members):
            key = content_key(data)
            if key == previous:
                answer.append((position, data, "", "merged"))
                continue
            previous = key
            if index == 0 and wanted not in taken:
                answer.append((position, data, wanted, ""))
                continue
            while True:
                number += 1
                suffix = f"-{number}"
                candidate = f"{clean.fit(wanted, clean.SLUG_LENGTH - len(suffix))}{suffix}"
                if candidate not in used:
                    break
            used.add(candidate)
            answer.append((position, data, candidate, "renamed"))
    return answer


def _region_key(name: str) -> str:
    """The region's part of its page address, as the loader and the browse views work it out."""
    from pillar.directory.loader import LoadOptions

    try:
        from pillar.directory.slugs import region_slug
    except ImportError:  # before the slug functions had a module of their own
        from pillar.directory.loader import region_slug
    return region_slug(name, LoadOptions.regex_subs)


def region_spellings(records: list[dict], existing=()) -> dict[tuple, str]:
    """For each region (by its page address: the slugs of it and the regions above it), the one
    spelling to write, so two spellings never make one page: the directory's own (``existing``,
    tuples of names), else the most used, then the first in sorted order."""
    counts: dict[tuple, Counter] = {}
    for weight, hierarchies in ((1 << 40, existing), (1, [data.get("regions") or [] for data in records])):
        for names in hierarchies:
            parents: tuple = ()
            for name in names:
                key = (*parents, _region_key(name))
                counts.setdefault(key, Counter())[name] += weight
                parents = key
    return {key: min(found, key=lambda name: (-found[name], name)) for key, found in counts.items()}


def spell_regions(data: dict, spellings: dict[tuple, str]) -> None:
    parents: tuple = ()
    names = []
    for name in data.get("regions") or []:
        key = (*parents, _region_key(name))
        names.append(spellings.get(key, name))
        parents = key
    if names:
        data["regions"] = list(dict.fromkeys(names))


def elsewhere(into: Path, today) -> tuple[set[str], list[tuple]]:
    """The slugs and the regions of the listings in the rest of the directory ``into`` belongs to
    (the folder above its nearest ``meetings``, ``services`` or ``online``): slugs are unique across
    the directory, and a region is written one way."""
    from pillar.directory import loader
    from pillar.directory.model import KINDS

    kind = next((folder for folder in [into, *into.parents] if folder.name in KINDS), None)
    if kind is None or not kind.parent.is_dir():
        return set(), []
    root, here = kind.parent, into.resolve()
    found = loader.load_directory(root, loader.LoadOptions(today=today))
    others = [listing for listing in found.listings
              if (root.resolve().parent / listing.source).resolve().parent != here]
    return {listing.slug for listing in others}, [listing.regions for listing in others]


def taken_slugs(into: Path, header: str, taken: set[str]) -> set[str]:
    """The slugs this import must not use: ``taken`` (every listing's elsewhere in the directory),
    and those of listing files in ``into`` that it did not write (they are kept)."""
    taken = set(taken)
    if not into.is_dir():
        return taken
    for path in sorted([*into.glob("*.yaml"), *into.glob("*.yml")]):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if header in text.splitlines()[:2]:
            continue
        found = SLUG_LINE.search(text)
        taken.add(path.stem)
        if found:
            taken.add(found.group(1))
    return taken
