"""Reading a built site's finder data the way the tests need it: every listing, from every shard.

The build writes ``search/shards.json`` (the list of shards) and ``search/shards/<name>.json`` (each
shard's listings); the tests work out their expected answers from all of them together.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import REPO


def manifest(site: Path) -> dict:
    return json.loads((site / "search" / "shards.json").read_text(encoding="utf-8"))


def shard(site: Path, name: str) -> dict:
    return json.loads((site / "search" / "shards" / f"{name}.json").read_text(encoding="utf-8"))


def all_listings(site: Path) -> list[dict]:
    """Every listing of the site, in manifest order then file order (the finder's own order)."""
    found: list[dict] = []
    for entry in manifest(site)["shards"]:
        found += shard(site, entry["name"])["listings"]
    return found


def page_size() -> int:
    """The finder's rows per page (PAGE in theme/static/js/results.js)."""
    text = (REPO / "theme/static/js/results.js").read_text(encoding="utf-8")
    return int(re.search(r"export const PAGE = (\d+);", text).group(1))
