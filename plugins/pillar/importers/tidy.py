"""A record made ready to write: its fields in the schema's order, its slug fitted, and what no listing
file may hold (text or lists longer than the schema allows, a time zone its coordinates contradict,
a date in the future) cut or left out — each with a note saying so."""

from __future__ import annotations

import re

from pillar.directory import schema
from pillar.importers import allot, clean


def _cut(text: str, length: int) -> str:
    """The text cut to ``length`` characters at a word's end, with "…"."""
    head = text[:length - 1]
    return (head.rsplit(" ", 1)[0] if " " in head[length // 2:] else head).rstrip() + "…"


def _fit_to_schema(data: dict, folder: str) -> list[str]:
    """Cut text and lists longer than the schema allows (a 300-character name, 2,000 regions), in place;
    what was cut, as messages."""
    from pillar.directory.yamlpos import MAX_TEXT

    said = []
    for name, spec in schema.fields(schema.SCHEMA_BY_FOLDER[folder]).items():
        value = data.get(name)
        if isinstance(value, str) and name != "slug":
            limit = min(spec.get("maxLength", MAX_TEXT), MAX_TEXT)
            if len(value) > limit:
                data[name] = _cut(value, limit)
                said.append(f"{name} is {len(value):,} characters long: cut to {limit:,}")
        elif isinstance(value, list):
            most = spec.get("maxItems", allot.MAX_REGIONS if name == "regions" else 1000)
            if len(value) > most:
                said.append(f"{name}: {len(value):,} of them, only the first {most} kept")
                data[name] = value = value[:most]
            limit = min(spec.get("items", {}).get("maxLength", MAX_TEXT), MAX_TEXT)
            if any(isinstance(item, str) and len(item) > limit for item in value):
                data[name] = [_cut(item, limit) if isinstance(item, str) and len(item) > limit else item
                              for item in value]
                said.append(f"{name}: items longer than {limit:,} characters cut")
        elif isinstance(value, dict):
            for key, part in value.items():
                if isinstance(part, str) and len(part) > MAX_TEXT:
                    value[key] = _cut(part, MAX_TEXT)
                    said.append(f"{name} {key} is {len(part):,} characters long: cut to {MAX_TEXT:,}")
    return said


def tidy(data: dict, folder: str, today) -> list[str]:
    """Make the record's data (its fields in the schema's order) ready to write, in place: its slug
    fitted, absurd or future values cut or left out. What was done, as messages."""
    slug = data.get("slug") or ""
    if not (re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= clean.SLUG_LENGTH):
        data["slug"] = clean.slug(slug or data.get("name", ""))
    said = _fit_to_schema(data, folder)
    zone = data.get("timezone")
    if zone and isinstance(data.get("latitude"), float) and isinstance(data.get("longitude"), float):
        from pillar.geo.locate import same_clock, zone_at  # the time zone finder: loaded only when needed

        found = zone_at(data["latitude"], data["longitude"])
        if found and not same_clock(zone, found):
            said.append(f"timezone {zone} does not keep the time of the meeting's place ({found}): left out")
            del data["timezone"]
    verified = data.get("last_verified")
    if isinstance(verified, str) and verified > today.isoformat():
        said.append(f"updated {verified} is in the future: left out")
        del data["last_verified"]
    return said
