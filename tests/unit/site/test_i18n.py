"""Translations: the Spanish catalog covers every string, and pages speak their own language."""

import re

import pytest
from babel.messages.pofile import read_po
from jinja2 import DictLoader, Environment

from helpers import REPO
from pillar.site import i18n, translations

THEME = REPO / "theme"
PLACEHOLDER = re.compile(r"%\(\w+\)s|<[^>]+>")


def catalog(lang):
    with i18n.catalog_path(THEME / "translations", lang).open("rb") as source:
        return read_po(source)


@pytest.mark.parametrize("lang", ["es"])
def test_every_string_is_translated_with_the_same_placeholders(lang):
    translated = {message.id: message for message in catalog(lang) if message.id}
    problems = []
    for message in translations.extract(THEME / "templates"):
        if not message.id:
            continue
        found = translated.get(message.id)
        strings = found and (found.string if isinstance(found.string, tuple) else (found.string,))
        if not found or found.fuzzy or not all(strings):
            problems.append(f"untranslated: {message.id!r}")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(ids[-1])):
                problems.append(f"placeholders differ: {ids[-1]!r} → {text!r}")
    assert not problems, "run `make translations`, then translate:\n" + "\n".join(problems)


def test_gettext_follows_the_page_language(tmp_path):
    env = Environment(loader=DictLoader({"t.html": "{% trans %}Meetings{% endtrans %}|{{ _('Need help now?') }}"}),
                      autoescape=True)
    i18n.install(env, THEME / "translations", "en")
    template = env.get_template("t.html")
    assert template.render() == "Meetings|Need help now?"
    assert template.render(lang="es") == "Reuniones|¿Necesitas ayuda?"
    assert template.render(lang="fr") == "Meetings|Need help now?"  # no catalog: English, never blank


@pytest.mark.parametrize("lang, expected", [
    ("es", "Reuniones|5 reuniones|Grupo: A &amp; B|¿Necesitas ayuda?|50%"),
    ("en", "Meetings|5 meetings|Group: A &amp; B|Need help now?|50%"),
])
def test_an_environment_for_one_language_speaks_it(lang, expected):
    source = ("{% trans %}Meetings{% endtrans %}|{% trans count=5 %}{{ count }} meeting{% pluralize %}"
              "{{ count }} meetings{% endtrans %}|{% trans group=g %}Group: {{ group }}{% endtrans %}|"
              "{{ _('Need help now?') }}|{% trans %}50%{% endtrans %}")
    env = Environment(loader=DictLoader({"t.html": source}), autoescape=True)
    i18n.install(env, THEME / "translations", "en")
    fixed = i18n.for_language(env, lang, {})
    assert fixed.get_template("t.html").render(g="A & B") == expected
    assert env.get_template("t.html").render(lang=lang, g="A & B") == expected  # the shared one agrees


def test_macros_imported_without_context_see_the_language_and_the_site_values():
    templates = {"m.html": "{% macro where() %}{{ _('Where') }} · {{ site_name }}{% endmacro %}",
                 "page.html": '{% from "m.html" import where %}{{ where() }} · {{ title }}'}
    env = Environment(loader=DictLoader(templates), autoescape=True)
    i18n.install(env, THEME / "translations", "en")
    fixed = i18n.for_language(env, "es", {"site_name": "Sitio", "title": "site-wide"})
    assert fixed.get_template("page.html").render(title="Página") == "Dónde · Sitio · Página"


def test_data_strings_include_labels_and_help_lines():
    strings = translations.data_strings()
    assert "In person" in strings and "SAMHSA National Helpline" in strings and "%(place)s time" in strings
