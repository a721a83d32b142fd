"""The finder's first view as one file: esbuild (installed from npm, pinned in package-lock.json) joins
an entry module and every module it imports into ``<name>.bundle.js`` beside the theme's modules.

On a slow phone each file costs a round trip, and a browser opens at most six connections to a host:
the finder's eleven modules took three waves of requests before Near me could work. The bundle is one
request. Modules the finder imports only when needed (``import('./map.js')``, the search) stay
outside it, loaded from their own files when first asked for, as before. The theme's modules stay
as they are written; only the page's ``<script>`` names the bundle.

The home page goes one step further and carries the finder's bundle in its own ``<script>``
(:func:`inline`), as it carries the stylesheet: its first visit then needs no request before Near me
works (see BENCHMARKS.md, "slow network"). Other pages, and the embedded finder, name the files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pillar.site import kept, modulegraph

ENTRIES = ("finder.js", "embed-frame.js")
"""The modules pages start from that are worth one file each (see home.html and embed.html)."""


class BundleFailed(SystemExit):
    """esbuild is missing or refused the modules: the build stops with what to do."""


def bundle_name(entry: str) -> str:
    """ "finder.js" → "finder.bundle.js"."""
    return entry[: -len(".js")] + ".bundle.js"


def lazy_modules(folder: Path) -> list[str]:
    """Every module some theme module imports with ``import('./…')``: they stay files of their own.
    Worked out once for the same scripts and Pillar, then kept (see :mod:`kept`)."""
    def find() -> bytes:
        found = set()
        for path in sorted(folder.glob("*.js")):
            for found_import in modulegraph.imports_of(path):
                if not found_import.static and found_import.specifier.startswith("./"):
                    found.add(found_import.specifier)
        return "\n".join(sorted(found)).encode()

    names = kept.remembered("lazy", [*kept.code_of(modulegraph, sys.modules[__name__]), *kept.scripts(folder)],
                            find).decode()
    return names.split("\n") if names else []


def esbuild(node_modules: Path) -> Path:
    return node_modules / ".bin" / "esbuild"


def inline(bundle: Path, modules_url: str, lazy: list[str]) -> str:
    """The bundle's text for a page's own ``<script type="module">``: its lazy imports (``lazy``, as
    ``"./map.js"``) named from ``modules_url`` (the folder of the theme's modules), since an inline
    module resolves ``./`` from the page."""
    text = bundle.read_text(encoding="utf-8")
    for name in lazy:
        text = text.replace(f'import("{name}")', f'import("{modules_url}{name[2:]}")')
    if 'import("./' in text or "</script" in text.lower():
        raise BundleFailed(f"pillar: {bundle.name} cannot go inside a page: it still imports a module by a "
                           "relative name, or holds </script> (see bundle.inline)")
    return text


class Bundling:
    """esbuild at work on each entry's bundle, in processes of its own (see :func:`start`)."""

    def __init__(self, running: list[tuple[str, Path, subprocess.Popen]]):
        self.running = running

    def wait(self) -> list[Path]:
        """The bundles, once every esbuild is done; :class:`BundleFailed` if one refused its modules."""
        written, failed = [], None
        for entry, target, process in self.running:
            _, errors = process.communicate()
            if process.returncode and failed is None:
                failed = f"pillar: esbuild could not join {entry}'s modules:\n{errors.strip()}"
            written.append(target)
        self.running = []
        if failed:
            raise BundleFailed(failed)
        return written


def start(node_modules: Path, folder: Path, output: Path, entries=ENTRIES) -> Bundling:
    """Start writing ``output/<entry>.bundle.js`` for each of ``entries`` (modules in ``folder``), each
    entry's esbuild at once, and go on: :meth:`Bundling.wait` for them. The same modules give the
    same bytes."""
    program = esbuild(node_modules)
    if not program.exists():
        raise BundleFailed(f"pillar: {program} is missing — run `npm ci` in the site's folder "
                           "(make install does it), or set NODE_MODULES_PATH")
    output.mkdir(parents=True, exist_ok=True)
    external = [f"--external:{name}" for name in lazy_modules(folder)]
    running = []
    for entry in entries:
        target = output / bundle_name(entry)
        command = [str(program), str(folder / entry), "--bundle", "--format=esm", "--minify",
                   "--charset=utf8", "--log-level=error", "--legal-comments=none", *external,
                   f"--outfile={target}"]
        running.append((entry, target, subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                                        text=True)))
    return Bundling(running)


def write(node_modules: Path, folder: Path, output: Path, entries=ENTRIES) -> list[Path]:
    """Write ``output/<entry>.bundle.js`` for each of ``entries`` (modules in ``folder``); returns them."""
    return start(node_modules, folder, output, entries).wait()
