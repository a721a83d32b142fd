"""``pillar new`` in a terminal: ask for each missing required field — the field's description first,
and again with the reason while an answer is not valid — then offer the common optional ones."""

from __future__ import annotations

from pillar.cli.scaffold_checks import field_problem, missing
from pillar.cli.scaffold_fields import KINDS, NOUNS, convert, describe, fields

OFFERED = {
    "meeting": ("fellowship", "end_time", "types", "location", "regions", "timezone", "notes"),
    "service": ("service_area", "phone", "website", "how_to_start", "regions", "notes"),
    "online": ("fellowship", "how_to_join", "cost", "notes"),
}
"""The optional fields worth asking about in a terminal, in the order asked."""


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
