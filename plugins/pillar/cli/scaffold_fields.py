"""The fields ``pillar new`` has a flag for: each kind's fields from its schema, their flags and
descriptions, and what was typed for them (a flag's value, or an answer in a terminal) as YAML values."""

from __future__ import annotations

from pillar.directory import schema
from pillar.directory.model import WEEKDAYS

KINDS = {"meeting": "meetings", "service": "services", "online": "online"}
"""``pillar new KIND`` → the folder in the directory."""
NOUNS = {"meeting": "a meeting", "service": "a service", "online": "an online community"}
LEFT_OUT = ("hours",)
"""Fields with no flag: a list of day-and-time entries is easier to write in the file."""
TRUE, FALSE = ("true", "yes", "y"), ("false", "no", "n")


def _schema_name(kind: str) -> str:
    return schema.SCHEMA_BY_FOLDER[KINDS[kind]]


def fields(kind: str) -> dict[str, dict]:
    """The fields that have a flag, in the schema's order, with their resolved schemas."""
    return {name: spec for name, spec in schema.fields(_schema_name(kind)).items() if name not in LEFT_OUT}


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def shape(name: str, spec: dict) -> str:
    """How a field is typed: "day", "list", "bool", "number" or "text"."""
    if name == "day":
        return "day"
    return {"array": "list", "boolean": "bool", "number": "number"}.get(spec.get("type"), "text")


def describe(name: str, spec: dict) -> str:
    """The field's description from the schema, with its choices and how to type a list."""
    text = spec.get("description") or spec.get("x-fix", "")
    typed = shape(name, spec)
    if typed == "day":
        return (f"{text} Type a weekday (monday), a number (0 = Sunday … 6 = Saturday), several with commas, "
                "or appointment.")
    if name == "address":
        text += " Type it on one line: street, city, state and postal code, country."
    options = schema.choices(spec)
    if options:
        text += f" {'Any' if typed == 'list' else 'One'} of: {', '.join(options)}."
    if typed == "list":
        text += " Separate several with commas."
    elif typed == "bool":
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
    typed = shape(name, spec)
    if typed in ("list", "day"):
        items = _pieces(raw)
        if typed == "list":
            return items or None
        days = [int(item) if item.isdigit() else _weekday(item) for item in items]
        return (days[0] if len(days) == 1 else days) if days else None
    text = (" ".join(raw) if isinstance(raw, list) else str(raw)).strip()
    if not text:
        return None
    if typed == "bool" and text.lower() in TRUE + FALSE:
        return text.lower() in TRUE
    if typed == "number":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def from_flags(kind: str, args) -> dict:
    """The fields given as flags, as YAML values."""
    data = {}
    for name, spec in fields(kind).items():
        raw = getattr(args, f"field_{name}", None)
        if raw is not None:
            value = convert(name, spec, raw)
            if value is not None:
                data[name] = value
    return data
