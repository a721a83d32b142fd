"""Bringing each language's catalog up to date with the strings in use: the templates', the finder's
scripts', and Pillar's own labels and default settings. ``python -m pillar.site.translations update theme es``
(``make translations``) adds the new strings to ``theme/translations/es/LC_MESSAGES/messages.po``,
untranslated, for a translator to fill in.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from pillar.settings import DEFAULTS
from pillar.directory import vocab
from pillar.site.i18n import DOMAIN, PYTHON_MESSAGES, TEMPLATE_OPTIONS, catalog_path, script_strings


def data_strings() -> list[str]:
    """Labels Pillar shows from its own tables (the type labels carry their own translations)."""
    tables = (vocab.ATTENDANCE, vocab.STATUS, vocab.SERVICE_TYPES, vocab.SERVES, vocab.SERVICE_COST,
              vocab.COMMUNITY_COST, vocab.PLATFORM, vocab.AVAILABILITY, vocab.MODERATION, vocab.LANGUAGES,
              vocab.TYPE_EXPLANATIONS)
    defaults = {DEFAULTS["HELP_EMERGENCY"], DEFAULTS["SITE_DESCRIPTION"]}
    defaults |= {line[key] for line in DEFAULTS["HELP_LINES"] for key in ("name", "text")}
    return sorted({text for table in tables for text in table.values()} | set(PYTHON_MESSAGES) | defaults)


def extract(templates: Path) -> Catalog:
    """Every string to translate: the templates', the scripts' and Pillar's labels."""
    catalog = Catalog(domain=DOMAIN, project="Pillar", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            templates, method_map=[("**.html", "jinja2")], options_map=TEMPLATE_OPTIONS):
        catalog.add(message, locations=[(f"templates/{filename}", lineno)], auto_comments=comments, context=context)
    for message in script_strings(templates.parent / "static" / "js"):
        catalog.add(message, locations=[("static/js", 0)])
    for text in data_strings():
        catalog.add(text, locations=[("plugins/pillar/vocab.py", 0)])
    return catalog


def update(theme: Path, languages: list[str]) -> None:
    """Bring each language's catalog up to date with the strings in use (new ones untranslated)."""
    template = extract(theme / "templates")
    for lang in languages:
        path = catalog_path(theme / "translations", lang)
        if path.is_file():
            with path.open("rb") as source:
                catalog = read_po(source, locale=lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="Pillar")
        catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            write_po(out, catalog, width=100, omit_header=False, sort_output=True, ignore_obsolete=True,
                     include_previous=False, include_lineno=False)
        untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        print(f"{path}: {len(catalog)} strings, {len(untranslated)} to translate", file=sys.stderr)


if __name__ == "__main__" and sys.argv[1:2] == ["update"]:
    update(Path(sys.argv[2] if len(sys.argv) > 2 else "theme"), sys.argv[3:] or ["es"])
