"""Slugs, and the page addresses they make: a listing's, a region's, and the clashes between them.

A listing's slug is its own (``slug:``) or made from its name; two listings with one slug would
share a page. A region's address is its names' slugs, broadest first: two regions written
differently ("São Paulo", "SAO PAULO!") may make the same address, and would share a page that can
list only one of them. Both are reported at the later file, naming the earlier one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pelican.utils import slugify

from pillar.directory.model import Problem


def make_slug(name: str, regex_subs) -> str:
    """A URL-safe slug from a name, through Pelican's slugify so the site's slug settings apply."""
    slug = re.sub(r"[^a-z0-9]+", "-", slugify(name, regex_subs=regex_subs).lower())
    return slug[:64].strip("-") or "listing"


@lru_cache(maxsize=1 << 16)
def region_slug(name: str, regex_subs) -> str:
    """A region name's part of its page address: :func:`make_slug`, worked out once per name (a
    directory has far fewer regions than listings; loading checks them, the browse views use them)."""
    return make_slug(name, regex_subs)


def duplicate_slugs(found: list) -> list[Problem]:
    """A problem for every listing whose slug an earlier file already uses."""
    first: dict[str, tuple] = {}
    problems = []
    for listing, (line, col) in found:
        if listing.slug in first:
            other, other_line = first[listing.slug]
            problems.append(Problem(
                listing.source, line, col,
                f'the slug "{listing.slug}" is already used by {other}:{other_line} — '
                f"give this listing its own slug: line, e.g. slug: {listing.slug}-2"))
        else:
            first[listing.slug] = (listing.source, line)
    return problems


def region_clashes(listings: list, regex_subs) -> list[Problem]:
    """A problem for every listing with a region whose page address another region, written
    differently, has too: "São Paulo", "Sao Paulo" and "SAO PAULO!" all make regions/sao-paulo/,
    which could list only one of them."""
    first: dict[str, tuple] = {}
    clash_of: dict[tuple, tuple | None] = {}  # by regions: most listings share theirs with others
    problems = []
    for listing, _ in listings:
        if listing.regions not in clash_of:
            clash_of[listing.regions] = None
            path = ""
            for depth, name in enumerate(listing.regions):
                slug = region_slug(name, regex_subs)
                path = f"{path}/{slug}" if path else slug
                names = listing.regions[: depth + 1]
                other_names, other = first.setdefault(path, (names, listing))
                if other_names != names:
                    clash_of[listing.regions] = (names, other_names, other, path)
                    break
        clash = clash_of[listing.regions]
        if clash:
            names, other_names, other, path = clash
            line, col = listing.at("regions")
            problems.append(Problem(
                listing.source, line, col,
                f'regions: "{" / ".join(names)}" and "{" / ".join(other_names)}" '
                f"({other.source}:{other.at('regions')[0]}) would share one page, regions/{path}/ — "
                "write the region the same way in both"))
    return problems
