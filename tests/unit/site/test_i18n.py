"""Translations: the Spanish catalog covers every string, and pages speak their own language."""

import re

import pytest
from hypothesis import given, settings, strategies as st
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


def one_language(lang: str, templates: dict[str, str], folded: bool):
    """An environment for pages in ``lang``, as the generator makes them, translating text without
    variables as its templates compile (``folded``) or on every page."""
    env = Environment(loader=DictLoader(templates), autoescape=True)
    i18n.install(env, THEME / "translations", "en")
    fixed = i18n.for_language(env, lang, {})
    bound = i18n.in_language(THEME / "translations", lang)
    fixed.globals.update(bound)
    if folded:
        i18n.translate_when_compiled(fixed, bound["gettext"])
    return fixed


SAME_PAGE = [
    "{% trans %}Meetings{% endtrans %}",
    "{%- trans -%} Meetings {%- endtrans -%}!",
    "<p>{% trans %}<strong>Sample data:</strong> these listings are made up.{% endtrans %}</p>",
    "{% trans %}50% & more < less{% endtrans %}",
    "{% trans %}100%% sure{% endtrans %}",
    "{{ _('Need help now?') }}|{{ gettext('Where') }}|{{ _(\"Where\")|upper }}|{{ _('Where') ~ '<b>' }}",
    "{{ _('Where').upper() }}|{{ _('Where')[0] }}|{% set w = _('Where') %}{{ w }}{{ w|length }}",
    "{{ _('a & b') }}|{{ _('50%%') }}",
    "{% trans count=n %}{{ count }} meeting{% pluralize %}{{ count }} meetings{% endtrans %}",
    "{% trans group=g %}Group: {{ group }}{% endtrans %}|{% trans %}Group: {{ g }}{% endtrans %}",
    "{% macro _x(a) %}[{{ a }}]{% endmacro %}{{ _x('Where') }}|{{ d._('Where') }}",
    "{% trans %}{% endtrans %}|{{ _(g) }}|{{ _('Where', g=g) }}",
]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("source", SAME_PAGE)
def test_text_translated_as_templates_compile_makes_the_same_page(lang, source):
    page = {"t.html": source}
    values = {"n": 3, "g": "A & B", "d": {"_": lambda text: f"attribute {text}"}}
    assert (one_language(lang, page, folded=True).get_template("t.html").render(values)
            == one_language(lang, page, folded=False).get_template("t.html").render(values))


def test_text_without_variables_is_translated_once_not_on_every_page():
    source = "{% trans %}Meetings{% endtrans %}|{{ _('Where') }}|{% trans group=g %}Group: {{ group }}{% endtrans %}"
    env = one_language("es", {"t.html": source}, folded=True)
    code = env.compile(source, raw=True)
    assert "Reuniones" in code and "Dónde" in code
    assert code.count("context.call(") == 1  # only the text with a variable is translated on the page
    assert env.get_template("t.html").render(g="A & B") == "Reuniones|Dónde|Grupo: A &amp; B"


@settings(max_examples=200)
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
       lang=st.sampled_from(["es", "en"]))
def test_any_text_makes_the_same_page_translated_as_it_compiles_or_on_the_page(text, lang):
    sources = {"block": "{% trans %}" + text + "{% endtrans %}", "call": "{{ _(" + repr(text) + ") }}"}
    for name, source in sources.items():
        pages = []
        for folded in (True, False):
            try:
                pages.append(one_language(lang, {"t.html": source}, folded).get_template("t.html").render())
            except Exception as error:  # (text that is not a template, or not a format: fails alike)
                pages.append(type(error).__name__)
        assert pages[0] == pages[1], (name, source)
