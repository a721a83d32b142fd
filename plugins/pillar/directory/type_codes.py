"""Meeting type codes: the Meeting Guide spec's table, plus tables of a fellowship's own formats.

The data is ``data/types.json``: ``meeting_guide`` maps each spec code to its labels by language;
``fellowships`` maps a fellowship (``NA``) to its own codes (NA World Services' format codes).
A meeting may use the spec's codes, and its fellowship's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pillar.directory.suggest import did_you_mean


@dataclass(frozen=True)
class TypeTable:
    meeting_guide: dict[str, dict[str, str]]
    fellowships: dict[str, dict[str, dict[str, str]]]

    def codes(self, fellowship: str = "") -> dict[str, dict[str, str]]:
        """Every code a meeting of this fellowship may use, with its labels."""
        return {**self.meeting_guide, **self.fellowships.get(fellowship, {})}

    def label(self, code: str, fellowship: str = "", lang: str = "en") -> str:
        own = self.fellowships.get(fellowship, {})  # (what codes() gives, without making it for each label)
        labels = own[code] if code in own else self.meeting_guide.get(code, {})
        return labels.get(lang) or labels.get("en") or code

    def suggestion(self, code: str, fellowship: str = "") -> str:
        """' — did you mean "O" (Open)?', matching codes and their English labels."""
        known = self.codes(fellowship)
        by_label = {labels["en"].casefold(): known_code for known_code, labels in known.items()}
        for word in (code, code.upper()):
            if word in known:
                return f' — did you mean "{word}" ({known[word]["en"]})?'
        if code.casefold() in by_label:
            match = by_label[code.casefold()]
            return f' — did you mean "{match}" ({known[match]["en"]})?'
        for other, table in sorted(self.fellowships.items()):
            if other != fellowship and code in table:
                return f" — that is a {other} format code: set fellowship: {other}, or remove it"
        hint = did_you_mean(code, list(known) + [labels["en"] for labels in known.values()], 0.5)
        if not hint:
            return ""
        word = hint.split('"')[1]
        match = word if word in known else by_label[word.casefold()]
        return f' — did you mean "{match}" ({known[match]["en"]})?'


@cache
def type_table() -> TypeTable:
    text = resources.files("pillar").joinpath("data", "types.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return TypeTable(meeting_guide=data["meeting_guide"], fellowships=data["fellowships"])
