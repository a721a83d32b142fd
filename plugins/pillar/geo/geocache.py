"""The geocode cache: one JSON file in ``directory/`` that remembers every answer a service gave.

Keys are normalized addresses (case, spacing and punctuation folded, with the country bias the
query used), so the same address written two ways is asked about once. The file is sorted and
indented one field per line, so a pull request shows exactly the new entries. Writes are atomic:
a temporary file beside the cache, then a rename, so the file on disk is always the old cache or
the new one, never half of either.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from pillar.directory.checks import valid_zone


@dataclass(frozen=True)
class Entry:
    """One answer. ``found`` is False when the service knew no such place; ``suspect`` marks an
    answer outside ``DIRECTORY_BOUNDS``, which is kept (so it is not asked again) but never used."""

    service: str
    date: str
    found: bool = True
    latitude: float | None = None
    longitude: float | None = None
    display_name: str = ""
    approximate: bool = False
    suspect: bool = False
    timezone: str = ""
    """The time zone at the coordinates, found (offline) when the answer was stored; a build looks it
    up itself when this is empty, which takes it a fifth of a second more."""

    @property
    def usable(self) -> bool:
        return self.found and not self.suspect and self.latitude is not None


class CacheError(Exception):
    """The cache file cannot be read: says which file and what to do."""


def normalize(address: str, countries: tuple[str, ...] = ()) -> str:
    """The cache key: ``"1 Sample St., Austin TX"`` and ``"1 sample st austin, tx"`` are one key."""
    text = unicodedata.normalize("NFKC", address).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return f"{text} @{','.join(sorted(countries))}" if countries else text


def load(path: Path) -> dict[str, Entry]:
    """Read the cache; a missing file is an empty cache."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise CacheError(f"{path}: the geocode cache cannot be read ({error}) — restore it with "
                         "git checkout, or delete it to start again") from None
    if not isinstance(raw, dict):
        raise CacheError(f"{path}: the geocode cache must be a JSON object — restore it with git checkout")
    entries = {}
    fields = set(Entry.__dataclass_fields__)
    for key, value in raw.items():
        if (not isinstance(value, dict) or not {"service", "date"} <= set(value) or set(value) - fields
                or _wrong(key, value)):
            shown = repr(key if len(key) <= 80 else key[:79] + "…")
            raise CacheError(f"{path}: the entry {shown} is not a geocode answer — fix or remove it")
        entries[key] = Entry(**value)
    return entries


_TYPES = {"service": str, "date": str, "found": bool, "display_name": str, "approximate": bool, "suspect": bool,
          "timezone": str}
_RANGES = {"latitude": 90, "longitude": 180}


def _wrong(key: str, value: dict) -> bool:
    """Whether an entry (which a pull request may have edited) holds anything but what the cache
    writes: each field of its type, coordinates finite and within range, text that can be printed."""
    texts = [key]
    for name, item in value.items():
        if name in _RANGES:
            if item is None:
                continue
            if (not isinstance(item, (int, float)) or isinstance(item, bool) or not math.isfinite(item)
                    or abs(item) > _RANGES[name]):
                return True
        elif not isinstance(item, _TYPES[name]):
            return True
        elif name == "timezone" and item and not valid_zone(item):
            return True
        elif isinstance(item, str):
            texts.append(item)
    try:
        "".join(texts).encode("utf-8")  # a lone surrogate, written "\ud800" in the file, cannot be
    except UnicodeEncodeError:
        return True
    return False


def dumps(entries: dict[str, Entry]) -> str:
    """Stable text: sorted keys, defaults left out, one field per line."""
    defaults = asdict(Entry(service="", date=""))
    data = {key: {k: v for k, v in asdict(entry).items() if k in ("service", "date") or v != defaults[k]}
            for key, entry in entries.items()}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def save(path: Path, entries: dict[str, Entry]) -> None:
    """Write the cache atomically: whatever happens, the file is the old cache or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(dumps(entries))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
