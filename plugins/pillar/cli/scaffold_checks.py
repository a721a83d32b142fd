"""What a new listing still needs, and what is wrong with it: the groups of fields ``pillar new``
requires, and the errors and warnings the loader's schema and checks would report."""

from __future__ import annotations

from pillar.cli.scaffold_fields import flag
from pillar.directory import checks, schema

REQUIRED = {
    "meeting": (("name",), ("day",), ("time",), ("address", "conference_url", "conference_phone")),
    "service": (("name",), ("organization",), ("service_types",),
                ("address", "service_area", "phone", "website", "email")),
    "online": (("name",), ("platform",), ("url",)),
}
"""What a listing needs, as groups of fields of which at least one must be given.

The schema's required fields, and what the loader's checks require: a meeting's time (unless it is
by appointment) and a place or a way to join; a service's way to reach it."""


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
