"""The site once visited, without a connection: the service worker, the web app manifest and its icons.

``sw.js``, at the site's root (so it may look after every page), keeps the site's *shell* — each
language's home and My meetings pages, the stylesheet, the modules pages load (and the finder's file if
a kept page names it),
the list of data shards (and a small directory's only shard) and the gazetteer — and then every page,
shard and calendar the visitor opens. Its cache is named after the build's *version*: a digest of the
listings and of the shell's bytes, so the same directory and theme give byte-identical files, and any
change to a listing or to the shell gives a new name (the browser sees a new ``sw.js``, installs it,
and the new worker deletes the caches of other versions). File times never count: a fresh checkout
builds the same bytes.

``manifest.webmanifest`` names the site (``SITENAME``), opens it at its root, standalone, in the
theme's colours (``--accent`` and ``--bg`` in the stylesheet), with the icons of :mod:`icons`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pillar.site import bundle, icons, modulegraph, preloads
from pillar.site.incremental import digest

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
ICONS = "icons"
"""The icons' folder, inside the theme's static folder in the output."""
PAGES = ("", "saved/")
"""The pages kept in every language: the finder (home) and My meetings."""
PAGE_SCRIPTS = ("listing.js", "save.js", "saved.js", "offline.js", "lang.js")
"""The modules pages load as files of their own (the finder's come as one file, see :mod:`bundle`)."""
FINDER = "finder.js"
STYLESHEET = "css/pillar.css"


def modules(folder: Path) -> list[str]:
    """Every module, under the theme's ``js/``, a page may load as a file of its own: the modules pages
    name, those the finder (or they) import only when needed, and what those import."""
    lazy, seen, waiting = [], set(), [FINDER, *PAGE_SCRIPTS]
    while waiting:
        name = waiting.pop(0)
        if name in seen or not (folder / name).is_file():
            continue
        seen.add(name)
        for found in modulegraph.imports_of(folder / name):
            target = found.specifier.removeprefix("./")
            if found.specifier.startswith("./") and "/" not in target:
                waiting.append(target)
                if not found.static and target not in lazy:
                    lazy.append(target)
    files: list[str] = []
    for entry in (*PAGE_SCRIPTS, *lazy):
        files += [name for name in modulegraph.static_graph(folder, entry) if name not in files]
    return files


def shell(languages, static_dir: str, folder: Path, listings: int, shard_size: int) -> list[str]:
    """What the worker keeps when it is installed: paths under the site's root ("" is the home page)."""
    pages = [("" if lang == languages[0] else f"{lang}/") + page for lang in languages for page in PAGES]
    scripts = [f"{static_dir}/js/{name}" for name in (bundle.bundle_name(FINDER), *modules(folder))]
    data = [*preloads.finder_data(listings, shard_size), "search/places.json"]
    return [*pages, f"{static_dir}/{STYLESHEET}", *scripts, *data]


def version(listing_keys: dict[str, str], shell_bytes: list[tuple[str, bytes]], worker_source: str) -> str:
    """The build's version: changes when a listing, a file of the shell or the worker itself does."""
    return digest(sorted(listing_keys.items()), [(path, digest(data)) for path, data in shell_bytes],
                  worker_source)


def manifest(name: str, description: str, lang: str, colours: icons.Colours, icons_path: str) -> str:
    """The web app manifest, every address relative to it (so to the site's root)."""
    pictures = [{"src": f"{icons_path}/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
                 "purpose": purpose} for size in icons.SIZES for purpose in ("any", "maskable")]
    pictures.append({"src": f"{icons_path}/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"})
    return json.dumps({
        "name": name, "description": description, "lang": lang, "dir": "auto",
        "id": "./", "start_url": "./", "scope": "./", "display": "standalone",
        "theme_color": colours.accent, "background_color": colours.background, "icons": pictures,
    }, ensure_ascii=False, indent=2) + "\n"


def theme_colours(settings: dict) -> icons.Colours:
    """The colours of the theme's stylesheet (see :func:`icons.theme_colours`)."""
    css = Path(settings["THEME"]) / "static" / STYLESHEET
    return icons.theme_colours(css.read_text(encoding="utf-8", errors="replace") if css.is_file() else "")


def icon_path(settings: dict, name: str) -> str:
    """Where the icon called ``name`` is written, under the site's root."""
    return f"{settings.get('THEME_STATIC_DIR', 'theme').strip('/')}/{ICONS}/{name}"


class Writer:
    """Writes the worker and the manifest into a built site (after its pages and the finder's file: the
    worker's version reads them). The icons are jobs like the pages' (see :mod:`outputs`), drawn again
    only when the colours or Pillar change."""

    def __init__(self, settings: dict, output: Path, languages, listings: int, shard_size: int):
        self.settings, self.output = settings, output
        self.static_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
        self.theme_static = Path(settings["THEME"]) / "static"
        self.shell = shell(languages, self.static_dir, self.theme_static / "js", listings, shard_size)
        self.lang = languages[0]

    def _bytes(self, path: str) -> bytes:
        """A shell file's bytes: the theme's own static files from the theme (Pelican copies them after
        Pillar writes), everything else as built."""
        built = self.output / (path or ".")
        if path == "" or path.endswith("/"):
            built = built / "index.html"
        if built.is_file():
            return built.read_bytes()
        theme_file = self.theme_static / path.removeprefix(f"{self.static_dir}/")
        return theme_file.read_bytes() if path.startswith(f"{self.static_dir}/") and theme_file.is_file() else b""

    def write(self, env, listing_keys: dict[str, str], description: str) -> None:
        template = env.get_template(WORKER)
        source = Path(template.filename).read_text(encoding="utf-8") if template.filename else ""
        shell_bytes = [(path, self._bytes(path)) for path in self.shell]
        # The finder's file only if a kept page names it (the home page may carry it inside).
        pages = b"".join(data for path, data in shell_bytes if path == "" or path.endswith("/"))
        shell_bytes = [(path, data) for path, data in shell_bytes
                       if not path.endswith(".bundle.js") or path.rsplit("/", 1)[-1].encode() in pages]
        shell = [path for path, _ in shell_bytes]
        worker = template.render(version=version(listing_keys, shell_bytes, source), shell=shell)
        (self.output / WORKER).write_text(worker, encoding="utf-8")
        (self.output / MANIFEST).write_text(manifest(self.settings.get("SITENAME", "Meetings"), description, self.lang,
                                                     theme_colours(self.settings), f"{self.static_dir}/{ICONS}"),
                                            encoding="utf-8")
