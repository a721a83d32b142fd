"""The JSON Schemas in ``schema/``: the one source of truth for listing fields.

Each kind of listing has one schema file (``meeting.json``, ``service.json``, ``online.json``);
shared definitions live in ``definitions.json``. The same files are published with the site under
``/schema/`` so editors can check listings as volunteers type.

This module loads them, validates loaded YAML against them, and turns each ``jsonschema`` error
into a message that says what is wrong and how to fix it. Fixes come from each field's ``x-fix``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import fastjsonschema

from pillar.directory.suggest import did_you_mean, twenty_four_hour

FOLDER = Path(__file__).resolve().parents[1] / "schema"
"""The JSON Schemas (published with the site, and named by listing files for editors)."""
SCHEMA_FILES = ("definitions.json", "meeting.json", "service.json", "online.json")
SCHEMA_BY_FOLDER = {"meetings": "meeting.json", "services": "service.json", "online": "online.json"}
UNSAFE_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)


@dataclass(frozen=True)
class SchemaError:
    path: tuple
    message: str
    at_key: bool = False
    """True when the position to report is the key itself (an unknown field)."""


def schema_text(name: str) -> str:
    return resources.files("pillar").joinpath("schema", name).read_text(encoding="utf-8")


@cache
def _schemas() -> dict[str, dict]:
    return {name: json.loads(schema_text(name)) for name in SCHEMA_FILES}


@cache
def _validator(name: str):
    schemas = _schemas()
    from jsonschema import Draft202012Validator  # only for files that fail the quick check
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (file, Resource.from_contents(contents)) for file, contents in schemas.items())
    return Draft202012Validator(schemas[name], registry=registry)


def _resolve(schema, defs):
    """Inline ``$ref``s into definitions (the schemas have no cycles)."""
    if isinstance(schema, list):
        return [_resolve(item, defs) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        target = defs[schema["$ref"].rsplit("/", 1)[-1]]
        merged = {**_resolve(target, defs), **{k: v for k, v in schema.items() if k != "$ref"}}
        return merged
    return {key: _resolve(value, defs) for key, value in schema.items()}


@cache
def fields(name: str) -> dict[str, dict]:
    """Each top-level field of a kind's schema, with its references resolved."""
    schemas = _schemas()
    defs = schemas["definitions.json"]["$defs"]
    return {key: _resolve(value, defs) for key, value in schemas[name]["properties"].items()}


def choices(schema) -> list[str]:
    """Every string an ``enum`` or ``const`` in this (resolved) schema allows."""
    found: list[str] = []
    if isinstance(schema, dict):
        for value in schema.get("enum", []):
            if isinstance(value, str):
                found.append(value)
        if isinstance(schema.get("const"), str):
            found.append(schema["const"])
        for key in ("anyOf", "oneOf", "items"):
            sub = schema.get(key)
            for item in sub if isinstance(sub, list) else [sub] if sub else []:
                found.extend(choices(item))
    return list(dict.fromkeys(found))


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return "empty"


def _shown(value) -> str:
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}…"'
    if isinstance(value, (list, dict)) or value is None:
        return _describe(value)
    return json.dumps(value)


def _label(path) -> str:
    """``("day", 1)`` → ``day, item 2``: how a volunteer counts."""
    words = [f"item {step + 1}" if isinstance(step, int) else step for step in path]
    return ", ".join(words) if words else "the listing"


def _link_message(field_name: str, value: str, fix: str) -> str | None:
    match = UNSAFE_SCHEME.match(value)
    if not match:
        return None
    scheme = match.group(1).lower()
    if scheme == "http":
        return f"{field_name}: the link must use https:// so the connection is private — {fix}"
    if scheme != "https":
        return f'{field_name}: "{scheme}:" links are not allowed (they can be unsafe) — {fix}'
    return None


def _message(error, field_info: dict[str, dict]) -> SchemaError:
    path = tuple(error.absolute_path)
    field_name = next((step for step in path if isinstance(step, str)), "")
    info = field_info.get(field_name, {})
    own = error.schema.get("x-fix") if isinstance(error.schema, dict) else None
    fix = own or info.get("x-fix", "see the field's description in the schema")
    value = error.instance
    kind = error.validator
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        known = list(error.schema.get("properties", {}))
        name = extra[0]
        hint = did_you_mean(name, known) or " — remove it, or check the spelling against the schema"
        return SchemaError(path + (name,), f"unknown field {_shown(name)}{hint}", at_key=True)
    if kind == "required":
        missing = re.match(r"'([^']+)'", error.message)
        name = missing.group(1) if missing else "?"
        where = f"{_label(path)}: " if path else ""
        return SchemaError(path, f'{where}missing required field "{name}" — add a line "{name}: …"')
    label = _label(path)
    if kind == "maxItems":
        return SchemaError(path, f"{label}: the list has {len(value):,} items — at most "
                                 f"{error.validator_value:,} are allowed")
    if kind == "maxLength":
        return SchemaError(path, f"{label}: the text is {len(value):,} characters long — at most "
                                 f"{error.validator_value:,} are allowed")
    if isinstance(value, str) and field_name == "email" and value.strip().lower().startswith("mailto:"):
        return SchemaError(path, f"{label}: write just the address, without mailto: (the site makes the link)")
    if isinstance(value, str):
        link = _link_message(label, value, fix)
        if link and kind in ("pattern", "anyOf") and "://" in info.get("x-fix", ""):
            return SchemaError(path, link)
        options = list(dict.fromkeys(choices(error.schema) + choices(info)))
        if options and kind in ("enum", "anyOf", "const"):
            hint = did_you_mean(value, options)
            if hint:
                return SchemaError(path, f"{label}: {_shown(value)} is not allowed{hint} ({fix})")
            return SchemaError(path, f"{label}: {_shown(value)} is not allowed — {fix}")
    if kind == "pattern" and "HH:MM" in fix and isinstance(value, str):
        better = twenty_four_hour(value)
        hint = f' — did you mean "{better}"?' if better else ""
        return SchemaError(path, f"{label}: {_shown(value)} is not a 24-hour time{hint} ({fix})")
    if kind == "type" or (kind == "anyOf" and not isinstance(value, (str, int, list, dict))):
        return SchemaError(path, f"{label}: {_describe(value)} is not allowed here — {fix}")
    if kind == "uniqueItems":
        return SchemaError(path, f"{label}: the list repeats an item — give each one once")
    if kind == "minItems":
        return SchemaError(path, f"{label}: the list is empty — {fix}")
    return SchemaError(path, f"{label}: {_shown(value)} is not valid — {fix}")


def _leaves(error):
    """A failed ``anyOf`` over a list or a mapping stands for the errors inside it: report those.

    Items' errors are reported where the items are; otherwise, when only one alternative fits
    the value's type (an address written as parts, say), that alternative's errors are reported.
    """
    if error.validator in ("anyOf", "oneOf") and isinstance(error.instance, (list, dict)):
        deeper = [sub for sub in error.context if sub.relative_path]
        if not deeper:
            branches: dict[int, list] = {}
            for sub in error.context:
                branches.setdefault(sub.relative_schema_path[0], []).append(sub)
            fitting = [subs for subs in branches.values()
                       if not any(s.validator in ("type", "const", "enum") and not s.relative_path for s in subs)]
            deeper = fitting[0] if len(fitting) == 1 else []
        if deeper:
            for sub in deeper:
                yield from _leaves(sub)
            return
    yield error


@cache
def _quick_check(name: str):
    """A compiled yes/no check of the same schema (references inlined), about fifty times faster
    than ``jsonschema``. Most files are valid, so only the others go through the full validator,
    which says what is wrong. Its failures carry no detail: a failing branch of an ``anyOf`` (a day
    written as a name fails "integer" first) then costs little."""
    resolved = _resolve(_schemas()[name], _schemas()["definitions.json"]["$defs"])
    return fastjsonschema.compile(_for_fastjsonschema(resolved), use_formats=False, detailed_exceptions=False)


def _for_fastjsonschema(schema):
    """The same schema, written so fastjsonschema reads it right and fast: it takes every unescaped
    ``$`` in a pattern for the end (so those inside are escaped); without detailed exceptions it
    cannot report a failed ``const`` (so a const is written as an enum of one); and each failed
    branch of an ``anyOf`` raises an exception, so lists and text are tried before numbers (days
    are written as names far more often than as numbers; which branch passes does not matter)."""
    if isinstance(schema, list):
        return [_for_fastjsonschema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {"enum" if key == "const" else key:
            re.sub(r"(?<!\\)\$(?!$)", r"\\$", value) if key == "pattern" and isinstance(value, str)
            else [value] if key == "const"
            else sorted(_for_fastjsonschema(value), key=_branch_order) if key == "anyOf"
            else _for_fastjsonschema(value)
            for key, value in schema.items() if key != "$schema"}


def _branch_order(branch) -> int:
    return {"array": 0, "string": 1}.get(branch.get("type") if isinstance(branch, dict) else None, 2)


def is_valid(data, folder: str) -> bool:
    try:
        _quick_check(SCHEMA_BY_FOLDER[folder])(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def validate(data, folder: str) -> list[SchemaError]:
    """Check loaded data against its kind's schema. One message per place, in document order."""
    if is_valid(data, folder):
        return []
    name = SCHEMA_BY_FOLDER[folder]
    field_info = fields(name)
    seen, found = set(), []
    for error in (leaf for top in _validator(name).iter_errors(data) for leaf in _leaves(top)):
        message = _message(error, field_info)
        key = (message.path, message.at_key, message.message)
        if key not in seen:
            seen.add(key)
            found.append(message)
    return found
