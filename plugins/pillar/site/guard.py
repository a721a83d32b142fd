"""Checks made once every generator has read its input and before anything is written.

A pull request can add any file to the site's folders. Two things it adds must never be published:

* **a link to a file outside the site** (``theme/static/leak.txt`` → ``/etc/passwd``): Pelican copies
  what a link points at. Every link in the content folder (``PATH``) and the theme (``THEME``) must
  resolve inside the site's folder (the one holding ``PATH``) or inside that input folder itself;
  listing files in ``directory/`` are checked as they are read (see :mod:`pillar.directory.loader`).
* **a page at an address the build makes** (``Slug: search``, ``Slug: meetings``): the page would
  replace the finder, a list or a listing — or be replaced by it. Content pages, articles, their
  translations and static files may not be published inside the folders the directory's pages use,
  nor on one of its files, nor at the same address as each other.

Pelican sends ``all_generators_finalized`` after every ``generate_context`` and before the first
``generate_output``: a problem found here stops the build with nothing written, like a listing error.
"""

from __future__ import annotations

import os
import re

from pillar.settings import languages
from pillar.directory.model import KINDS, Problem
from pillar.site.generator import DirectoryInvalid

GENERATED_FOLDERS = (*KINDS, "regions", "schedule", "search", "feeds", "embed", "schema", "vendor", "saved", "print")
"""The folders the directory's pages and data fill (under the site's root and each language's)."""
GENERATED_FILES = ("index.html", "404.html", "sitemap.xml", "embed.js", "_headers", "sw.js", "manifest.webmanifest")
CONTENT_LISTS = ("pages", "hidden_pages", "draft_pages", "translations", "hidden_translations",
                 "draft_translations", "articles", "drafts", "hidden_articles", "drafts_translations",
                 "staticfiles")
"""The attributes of Pelican's generators that hold what they will write."""
SLUG_LINE = re.compile(r"^\s*:?slug:", re.IGNORECASE | re.MULTILINE)


class SiteInvalid(DirectoryInvalid):
    """What :class:`DirectoryInvalid` is for listings, for the site's other files: every problem, then
    that nothing was published (``pillar build`` and plain ``pelican`` stop the same way)."""

    def __init__(self, problems: tuple[Problem, ...]):
        self.problems = problems
        count = len(problems)
        lines = [*map(str, problems), f"pillar: {count} problem{'s' if count != 1 else ''} in the site's "
                                      "pages, theme or links — nothing was published"]
        SystemExit.__init__(self, "\n".join(lines))


def check(generators) -> None:
    """The ``all_generators_finalized`` receiver: raises :class:`DirectoryInvalid` listing every link
    out of the site and every page on a generated address."""
    settings = generators[0].settings
    site = os.path.dirname(os.path.realpath(settings["PATH"]))
    problems = []
    for folder in (settings["PATH"], settings.get("THEME", "")):
        if folder and os.path.isdir(folder):
            problems += outside_links(folder, site)
    problems += collisions(generators, settings, site)
    if problems:
        raise SiteInvalid(tuple(problems))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _shown(path: str, site: str) -> str:
    """A path as messages show it: relative to the site's folder when inside it."""
    real = os.path.abspath(path)
    return os.path.relpath(real, site) if _inside(real, site) else real


def outside_links(folder: str, site: str) -> list[Problem]:
    """A problem for every link under ``folder`` that resolves outside both ``site`` and ``folder``.
    Links that stay inside are followed (as Pelican follows them), each real folder once."""
    own = os.path.realpath(folder)
    problems, seen, waiting = [], {own}, [folder]
    while waiting:
        try:
            entries = sorted(os.scandir(waiting.pop()), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if not (_inside(target, site) or _inside(target, own)):
                    problems.append(Problem(_shown(entry.path, site), 1, 1,
                                            f"this is a link to {target}, outside the site's folder — nothing "
                                            "outside it is published: copy the file in, or remove the link"))
                    continue
                if os.path.isdir(target) and target not in seen:
                    seen.add(target)
                    waiting.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                real = os.path.realpath(entry.path)
                if real not in seen:  # (a link to it may have been walked already)
                    seen.add(real)
                    waiting.append(entry.path)
    return problems


def _reserved(settings) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folders and files the build makes, under the root and each other language's folder."""
    prefixes = ["", *(f"{lang}/" for lang in languages(settings)[1:])]
    static = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    folders = tuple(prefix + name + "/" for prefix in prefixes for name in (*GENERATED_FOLDERS, static))
    files = tuple(prefix + name for prefix in prefixes for name in GENERATED_FILES)
    return folders, files


def _slug_line(path: str) -> int:
    """The line of a content file that sets its slug (1 when none does)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            text = source.read(64 * 1024)
    except OSError:
        return 1
    found = SLUG_LINE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def collisions(generators, settings, site: str) -> list[Problem]:
    """A problem for each content page, article or static file published where the directory's pages
    are (or where another one is)."""
    folders, files = _reserved(settings)
    problems, taken = [], {}
    for generator in generators:
        for name in CONTENT_LISTS:
            for item in getattr(generator, name, ()) or ():
                save_as = (getattr(item, "save_as", "") or "").replace(os.sep, "/").lstrip("/")
                source = getattr(item, "source_path", "") or ""
                if not save_as or (save_as, source) in taken.items():
                    continue
                where = _shown(source, site) if source else save_as
                address = "/" + save_as.removesuffix("index.html")
                clash = next((folder for folder in folders if save_as.startswith(folder)), None)
                if clash or save_as in files:
                    what = ("an address the directory's pages use" if address == f"/{clash}"
                            else f"inside /{clash}, which the directory's pages use" if clash
                            else "where the directory's own page is")
                    problems.append(Problem(where, _slug_line(source), 1,
                                            f"this page would be published at {address}, {what} — give it "
                                            "another slug (Slug: …)"))
                elif save_as in taken:
                    problems.append(Problem(where, _slug_line(source), 1,
                                            f"this page would be published at {address}, where "
                                            f"{_shown(taken[save_as], site)} is published too — give one of them "
                                            "another slug (Slug: …)"))
                else:
                    taken[save_as] = source
    return problems
