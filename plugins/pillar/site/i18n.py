"""Translations: one gettext catalog per language for every visible string — templates, the finder's
messages, Pillar's labels — read from ``theme/translations/<lang>/LC_MESSAGES/messages.po``.

Templates use Jinja2's i18n extension (``{% trans %}``, ``_()``). The gettext function looks at the
page being rendered to choose the language (its ``lang``, or a Pelican page's ``page.lang``), so one
template environment renders every language. A string missing from a catalog falls back to English.

Bringing the catalogs up to date with the strings in use is :mod:`pillar.site.translations`'s job.
"""

from __future__ import annotations

import io
import json
import re
import sys
from functools import cache
from gettext import NullTranslations
from pathlib import Path

import babel
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup

from pillar.site import kept


DOMAIN = "messages"
TEMPLATE_OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
JS_KEYWORDS = {"t": None, "tn": (1, 2)}
"""The theme's scripts translate with t("…", {name: …}) and tn("one …", "%(count)s …", count)."""
PYTHON_MESSAGES = ("%(place)s time", "Every day", "%(first)s to %(last)s")
"""Strings Pillar's Python code translates itself."""
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
"""Each language's name in itself, for the language switch."""


def catalog_path(folder: Path, lang: str) -> Path:
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _compiled(path: Path) -> Translations:
    with path.open("rb") as source:
        catalog = read_po(source)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out: they fall back to English
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


@cache
def translations(folder: Path, lang: str):
    """The catalog for a language (English: the strings as written), read once per build process."""
    path = catalog_path(folder, lang)
    if lang == "en" or not path.is_file():
        return NullTranslations()
    return _compiled(path)


def page_language(context, default: str) -> str:
    lang = context.get("lang")
    if lang:
        return lang
    page = context.get("page") or context.get("article")
    return getattr(page, "lang", None) or default


def install(env, folder: Path, default: str) -> None:
    """Give a Jinja2 environment gettext functions that follow the language of the page."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")

    bound = {}  # (language, autoescape) → that language's functions (see in_language), for this environment

    def speaking(context) -> dict:
        key = (page_language(context, default), bool(context.eval_ctx.autoescape))
        if key not in bound:
            bound[key] = in_language(folder, *key)
        return bound[key]

    # Jinja's "newstyle" gettext (variables as keywords, the result escaped and %-formatted), in the
    # language of the page being rendered.
    @pass_context
    def gettext(context, message, /, **variables):
        return speaking(context)["gettext"](message, **variables)

    @pass_context
    def ngettext(context, singular, plural, number, /, **variables):
        return speaking(context)["ngettext"](singular, plural, number, **variables)

    env.globals.update(gettext=gettext, ngettext=ngettext, pgettext=None, npgettext=None)
    env.newstyle_gettext = True


def in_language(folder: Path, lang: str, autoescape: bool = True) -> dict:
    """``gettext``, ``ngettext`` and ``_`` in ``lang``: Jinja's "newstyle" gettext (variables as
    keywords, the result escaped when ``autoescape`` and %-formatted), each message without variables
    translated once. An environment whose pages are all in ``lang`` (see :func:`for_language`) has
    them as they are; :func:`install`'s ask the page its language first."""
    catalog = translations(folder, lang)
    texts = {}  # message → its text

    def gettext(message, /, **variables):
        if variables:
            text = catalog.gettext(message)
            return (Markup(text) if autoescape else text) % variables
        if message not in texts:
            text = catalog.gettext(message)
            texts[message] = (Markup(text) if autoescape else text) % {}
        return texts[message]

    def ngettext(singular, plural, number, /, **variables):
        variables.setdefault("num", number)
        text = catalog.ngettext(singular, plural, number)
        return (Markup(text) if autoescape else text) % variables

    return {"gettext": gettext, "ngettext": ngettext, "_": gettext}


def for_language(env, lang: str, site: dict):
    """An environment like ``env`` (same loader, filters and globals) for Pillar's pages in one
    language, keeping its own compiled templates. The site-wide values its templates name (from
    ``site``: Pelican's context, which holds every setting) and ``lang`` are its globals, so a template
    can import macros without ``with context`` and Jinja makes the macros once, not on every page.

    Only the values named somewhere in a template are taken: Jinja compares the page's globals with
    the macros' on every import and copies them on every render, one name at a time, and Pelican's
    context holds some 160 names the templates never use (measured in BENCHMARKS.md).

    Make it once the context and globals are complete, when pages are written. The templates do not
    change while the site is built, so Jinja does not look at a template's file again each time a page
    extends it (``auto_reload``; what it saves: BENCHMARKS.md)."""
    overlay = env.overlay(cache_size=400, auto_reload=False)
    named = template_names(env)
    overlay.globals = {**env.globals, **{key: value for key, value in site.items() if key in named}, "lang": lang}
    return overlay


class TranslatedWhenCompiled(Extension):
    """Text without variables, translated once as a template compiles instead of on every page: the
    text of ``{% trans %}Text{% endtrans %}`` becomes the translation, as template text, and
    ``_("Text")`` (or ``gettext("Text")``) the translation marked safe, as newstyle gettext gives it.
    The page is the same; what is saved is a call to gettext for each, on every page.

    Only for an environment whose pages are all in one language (see :func:`for_language`), given
    that language's gettext by :func:`translate_when_compiled`; its compiled templates are
    kept apart from other languages' (see :mod:`compiled`). A text gettext fails on is left to fail
    where it did, on the page."""

    TRANS = (("block_begin", None), ("name", "trans"), ("block_end", None))
    END = (("block_begin", None), ("name", "endtrans"), ("block_end", None))

    def filter_stream(self, stream):
        gettext = getattr(self.environment, "translate_when_compiled", None)
        tokens = list(stream)
        done, at = [], 0
        while at < len(tokens):
            folded = (self._block(tokens, at, gettext) or self._call(tokens, at, gettext)) if gettext else None
            if folded:
                made, at = folded
                done.extend(made)
            else:
                done.append(tokens[at])
                at += 1
        return iter(done)

    @staticmethod
    def _is(tokens, at: int, pattern) -> bool:
        return len(tokens) >= at + len(pattern) and all(
            tokens[at + n].type == kind and (value is None or tokens[at + n].value == value)
            for n, (kind, value) in enumerate(pattern))

    def _block(self, tokens, at: int, gettext):
        """``{% trans %}text{% endtrans %}`` at ``at``: the translation as template text."""
        if not self._is(tokens, at, self.TRANS):
            return None
        end = at + 3
        while end < len(tokens) and tokens[end].type == "data":
            end += 1
        if end == at + 3 or not self._is(tokens, end, self.END):
            return None  # variables, a plural, options: left to the i18n extension
        # (As the i18n extension reads it: "%" doubled, then undone by newstyle gettext's formatting.)
        message = "".join(token.value for token in tokens[at + 3:end]).replace("%", "%%")
        try:
            text = str(gettext(message))
        except (ValueError, KeyError, TypeError):
            return None
        return [Token(tokens[at].lineno, "data", text)], end + 3

    def _call(self, tokens, at: int, gettext):
        """``_("text")`` at ``at``: ``("translation"|safe)``."""
        if not (self._is(tokens, at, (("name", None), ("lparen", None), ("string", None), ("rparen", None)))
                and tokens[at].value in ("_", "gettext")
                and not (at and (tokens[at - 1].type == "dot" or tokens[at - 1].value in ("macro", "call")))):
            return None
        try:
            text = str(gettext(tokens[at + 2].value))
        except (ValueError, KeyError, TypeError):
            return None
        line = tokens[at].lineno
        return [Token(line, "lparen", "("), Token(line, "string", text), Token(line, "pipe", "|"),
                Token(line, "name", "safe"), Token(line, "rparen", ")")], at + 4


def translate_when_compiled(env, gettext) -> None:
    """Have ``env``, whose pages are all in the language ``gettext`` speaks, translate text without
    variables as its templates compile (see :class:`TranslatedWhenCompiled`)."""
    env.add_extension(TranslatedWhenCompiled)
    env.extend(translate_when_compiled=gettext)


NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def template_names(env) -> set[str]:
    """Every word that could be a name in one of the environment's templates: a superset of the names
    they look up (their text and attributes count too)."""
    if env.loader is None:
        return set()
    return {word for name in env.list_templates() for word in NAME.findall(env.loader.get_source(env, name)[0])}


def script_strings(scripts: Path) -> list:
    """The messages the theme's JavaScript translates (a plural is a (singular, plural) pair)."""
    found = extract_from_dir(scripts, method_map=[("**.js", "javascript")], keywords=JS_KEYWORDS)
    return sorted({message for _, _, message, _, _ in found}, key=str)


def kept_script_strings(scripts: Path) -> list:
    """:func:`script_strings`, worked out once for the same scripts, Babel and Pillar and then kept
    (see :mod:`kept`): Babel's reading of JavaScript was 0.21 s of a one-listing build's 1.48 s (cProfile)."""
    found = kept.remembered("strings", [babel.__version__.encode(), *kept.code_of(sys.modules[__name__]),
                                        *kept.scripts(scripts)],
                            lambda: json.dumps(script_strings(scripts)).encode())
    return [tuple(message) if isinstance(message, list) else message for message in json.loads(found)]


@cache
def script_messages(scripts: Path, folder: Path, lang: str) -> dict:
    """The scripts' messages in a language, for the page to hand to theme/static/js/i18n.js
    (worked out once per build process and language)."""
    catalog = translations(folder, lang)
    messages = {}
    for message in kept_script_strings(scripts):
        if isinstance(message, tuple):
            messages[message[0]] = [catalog.ngettext(message[0], message[1], n) for n in (1, 2)]
        else:
            messages[message] = catalog.gettext(message)
    return messages
