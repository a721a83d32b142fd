"""What pages ask for at once, before their scripts run. On a slow network each chain of "this file
names that one" costs a round trip; listing the files in the page's ``<head>`` lets the browser ask
for them together, as soon as the head arrives.

- ``module_graph(entry, …)``: every module an entry imports, read from the modules (see
  :mod:`modulegraph`), for ``<link rel="modulepreload">`` — a listing page's script uses it. The
  finder's pages need none: their modules come as one file (see :mod:`bundle`).
- ``finder_preloads()``: the data the finder fetches first, for ``<link rel="preload" as="fetch"
  crossorigin>``: the list of shards (always), and the only shard of a directory small enough to be
  one (``shards.split``), which the finder loads at once. The gazetteer is fetched later: only a typed
  place needs it, and on a slow link it would share the bandwidth with what the first results need.
  A preload is used only if the later request matches it: ``fetch()``'s defaults (CORS mode,
  same-origin credentials) are what ``crossorigin`` asks for.
- ``inline_finder()`` and ``inline_css()``: the finder's bundle and the stylesheet, for the home page
  to carry in its own ``<script>`` and ``<style>`` (see :func:`bundle.inline`).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup

from pillar.finder import shards
from pillar.site import bundle, modulegraph

FINDER_DATA = (shards.MANIFEST,)
"""What the finder fetches first, whatever the directory's size."""


def modules(folder: Path, entries) -> list[str]:
    """The static import graphs of ``entries`` (modules in ``folder``), each module once, in the order
    a browser would find them."""
    found: list[str] = []
    for entry in entries:
        found += [name for name in modulegraph.static_graph(folder, entry) if name not in found]
    return found


def finder_data(listings: int, shard_size: int) -> list[str]:
    """The data files, under the site's root, the finder fetches at once for ``listings`` listings."""
    single = [f"{shards.FOLDER}/all.json"] if listings <= shard_size else []
    return [*FINDER_DATA, *single]


def template_globals(settings: dict) -> dict:
    """``module_graph("finder.js", …)`` (names under the theme's ``js/``) and ``finder_preloads()``
    (paths under the site's root), for the templates."""
    folder = Path(settings["THEME"]) / "static" / "js"

    @pass_context
    def finder_preloads(context) -> list[str]:
        directory, pillar = context.get("directory"), context.get("pillar")
        if directory is None or pillar is None:
            return list(FINDER_DATA)
        return finder_data(len(directory.listings), pillar.shard_size)

    static = settings.get("THEME_STATIC_DIR", "theme")
    modules_url = f"{settings.get('SITEURL', '')}/{static}/js/"
    made: dict[str, Markup] = {}  # read once in each process that writes pages

    def inline_finder() -> Markup:
        if "finder" not in made:
            output = Path(settings["OUTPUT_PATH"]) / static / "js" / bundle.bundle_name("finder.js")
            made["finder"] = Markup(bundle.inline(output, modules_url, bundle.lazy_modules(folder)))
        return made["finder"]

    def inline_css() -> Markup:
        if "css" not in made:
            text = (Path(settings["THEME"]) / "static" / "css" / "pillar.css").read_text(encoding="utf-8")
            if "</style" in text.lower():
                raise bundle.BundleFailed("pillar: pillar.css holds </style>, so no page can carry it inline")
            made["css"] = Markup(text)
        return made["css"]

    return {"module_graph": lambda *entries: modules(folder, entries), "finder_preloads": finder_preloads,
            "inline_finder": inline_finder, "inline_css": inline_css}
