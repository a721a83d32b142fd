"""The finder page is light: everything a first answer needs weighs at most 100 KB gzipped."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

BUDGET = 100 * 1024
IMPORT = re.compile(r"""(?:^|[;\s])import\s*(?:[^'"]*?from\s*)?['"](\.{1,2}/[^'"]+)['"]""", re.MULTILINE)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def modules(entry: Path) -> set[Path]:
    """A script and every module it imports, statically, from the site."""
    seen, todo = set(), [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo += [(path.parent / found).resolve() for found in IMPORT.findall(path.read_text())]
    return seen


def test_the_finder_page_before_the_map_weighs_at_most_100_kb(sample_site):
    home = sample_site / "index.html"
    html = home.read_text()
    local = lambda url: (sample_site / url.lstrip("/")).resolve()  # noqa: E731
    styles = [local(u) for u in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)]
    scripts = set()
    for url in re.findall(r'<script type="module" src="([^"]+)"', html):
        scripts |= modules(local(url))
    data = [local(re.search(rf'data-{name}="([^"]+)"', html).group(1)) for name in ("shards", "places")]
    data.append(data[0].parent / "shards" / "all.json")  # the sample directory is one shard, loaded at start
    files = [home, *styles, *sorted(scripts), *data]
    sizes = {str(path.relative_to(sample_site.resolve())): gz(path) for path in files}
    total = sum(sizes.values())
    assert scripts, "the finder page loads no script"
    assert total <= BUDGET, f"{total} bytes gzipped: {sizes}"
    assert not any("vendor/leaflet" in name for name in sizes)  # the map loads only when opened
