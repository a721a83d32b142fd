"""The schemas: messages for each kind of mistake, and agreement with labels and README."""

import json
import re

import pytest

from helpers import REPO
from pillar import settings
from pillar.directory import schema, vocab


def test_every_field_has_a_description_for_editors():
    for name in ("meeting.json", "service.json", "online.json"):
        for field, definition in schema.fields(name).items():
            assert definition.get("description"), f"{name}: {field}"


def test_every_fixed_value_has_a_label():
    pairs = [("service.json", "service_types", vocab.SERVICE_TYPES), ("service.json", "serves", vocab.SERVES),
             ("service.json", "cost", vocab.SERVICE_COST), ("online.json", "cost", vocab.COMMUNITY_COST),
             ("online.json", "platform", vocab.PLATFORM), ("online.json", "availability", vocab.AVAILABILITY),
             ("online.json", "moderation", vocab.MODERATION), ("meeting.json", "attendance", vocab.ATTENDANCE),
             ("meeting.json", "status", vocab.STATUS)]
    for name, field, labels in pairs:
        assert schema.choices(schema.fields(name)[field]) == list(labels), f"{name}: {field}"


def test_readme_documents_every_field_and_setting():
    readme = (REPO / "README.md").read_text()
    documented = set(re.findall(r"`([a-z_]+)`", readme))
    for name in ("meeting.json", "service.json", "online.json"):
        missing = set(schema.fields(name)) - documented
        assert not missing, f"README lacks {name} fields {sorted(missing)}"
    for key in settings.DEFAULTS:
        assert f"`{key}`" in readme, key


@pytest.mark.parametrize("data, messages", [
    ({"name": "A", "day": "monday", "time": True},
     ["time: true/false is not allowed here — write a 24-hour time as HH:MM, e.g. 07:00 or 19:30"]),
    ({"name": "A", "day": "monday", "types": ["O", "O"]}, ["types: the list repeats an item — give each one once"]),
    ({"name": "A", "day": []},
     ["day: a list is not valid — write a weekday such as monday, a list such as [monday, thursday], or appointment"]),
    ({"name": "", "day": "monday"}, ['name: "" is not valid — write the name as plain text']),
    ({"name": "A", "day": "monday", "address": {"town": "X"}},
     ['unknown field "town" — remove it, or check the spelling against the schema']),
    ({"name": "A", "day": "monday", "x" * 5000: 1},
     ['unknown field "' + "x" * 57 + '…" — remove it, or check the spelling against the schema']),
    ({"name": "A", "day": "monday", "email": "mailto:office@example.org"},
     ["email: write just the address, without mailto: (the site makes the link)"]),
    ({"name": "A", "day": "monday", "email": "office@example..org"},
     ['email: "office@example..org" is not valid — write an email address such as office@example.org']),
    ({"name": "A", "day": "monday", "regions": [f"R{n}" for n in range(250)]},
     ["regions: the list has 250 items — at most 8 are allowed"]),
    ({"name": "A", "day": "monday", "regions": ["x" * 101]},
     ["regions, item 1: the text is 101 characters long — at most 100 are allowed"]),
])
def test_messages(data, messages):
    assert [e.message for e in schema.validate(data, "meetings")] == messages


def test_published_schemas_are_the_package_files():
    for name in schema.SCHEMA_FILES:
        assert json.loads(schema.schema_text(name)) == json.loads((REPO / "plugins/pillar/schema" / name).read_text())


MEETING = {"name": "A", "day": "monday", "time": "19:00", "address": "1 Main Street, Austin"}


@pytest.mark.parametrize("folder, changes", [
    ("meetings", {}),
    ("meetings", {"day": 1}),
    ("meetings", {"day": ["monday", 4]}),
    ("meetings", {"day": "appointment"}),
    ("meetings", {"day": "Appointment"}),
    ("meetings", {"day": 7}),
    ("meetings", {"day": True}),
    ("meetings", {"day": []}),
    ("meetings", {"day": ["monday", "monday"]}),
    ("meetings", {"day": ["appointment"]}),
    ("meetings", {"address": {"street": "1 Main Street", "postal_code": 78701}}),
    ("meetings", {"address": {"street": "1 Main Street", "floor": "2"}}),
    ("meetings", {"address": "x"}),
    ("meetings", {"conference_url": "https://example.org/$join"}),
    ("meetings", {"conference_url": "http://example.org/"}),
    ("meetings", {"time": "7:00"}),
    ("meetings", {"colour": "red"}),
])
def test_the_quick_check_agrees_with_the_full_validator(folder, changes):
    data = {**MEETING, **changes}
    name = schema.SCHEMA_BY_FOLDER[folder]
    full = not any(True for _ in schema._validator(name).iter_errors(data))
    assert schema.is_valid(data, folder) is full
