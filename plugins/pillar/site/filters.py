"""Jinja2 filters, functions and translations the theme uses, added to every Pelican generator's
template environment (so Pillar's pages and Pelican's content pages share them)."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from functools import cache, partial
from pathlib import Path

from babel.core import get_global
from babel.dates import (format_date, format_time, get_day_names, get_timezone_gmt, get_timezone_location,
                         get_timezone_name)
from babel.lists import format_list

from jinja2 import pass_context
from markupsafe import Markup

from pillar.settings import languages, translations_path
from pillar.directory.model import minutes_of, tel_uri
from pillar.directory.vocab import language_name
from pillar.site import i18n, preloads


@cache
def clock(time: str, lang: str = "en") -> str:
    """ "19:30" → "7:30 PM" in English, "19:30" in Spanish: each language's own way."""
    if not time:
        return ""
    hours, minutes = divmod(minutes_of(time), 60)
    return format_time(dt.time(hours, minutes), "short", locale=lang).replace("\u202f", " ")


@cache
def weekday(number: int, lang: str = "en") -> str:
    """0 → "Sunday" (Meeting Guide numbering), in the given language."""
    return get_day_names("wide", locale=lang)[(number - 1) % 7]


def day_names(days, lang: str = "en", gettext=str) -> str:
    """How the site says a set of weekdays, in the same words as the finder (``daysText`` in
    clock.js): all seven → "Every day"; three or more in a row → "Monday to Friday"; otherwise a
    list, "Monday, Wednesday, and Friday". ``gettext`` translates the first two."""
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return gettext("Every day")
    names = [weekday(day, lang) for day in ordered]
    if len(ordered) > 2 and all(later == earlier + 1 for earlier, later in zip(ordered, ordered[1:])):
        return gettext("%(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    return format_list(names, locale=lang) if names else ""


@cache
def long_date(day: dt.date, lang: str = "en") -> str:
    return format_date(day, "long", locale=lang)


UTC_ZONES = frozenset({"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu"})
NO_PLACE = (None, "ZZ", "001")
"""What Babel's zone_territories says for a zone that belongs to no country (Etc/GMT+5, EST5EDT)."""


def _fixed_offset(zone: zoneinfo.ZoneInfo) -> dt.timedelta | None:
    """The zone's offset from UTC if it is the same in January and July (no daylight saving)."""
    january, july = (dt.datetime(2026, month, 1, tzinfo=zone).utcoffset() for month in (1, 7))
    return january if january == july else None


@cache
def zone_name(zone: str, lang: str = "en") -> str:
    """ "America/Chicago" → "Central Time" ("hora central" in Spanish): a zone as people say it,
    the same in winter and summer (CLDR's generic name, through Babel). A zone without one is
    named by its standard name when it keeps one offset all year ("Hawaii Time"), by its country
    otherwise ("Cuba Time"), and a zone of no country by its offset ("GMT-05:00")."""
    if zone in UTC_ZONES:
        return "UTC"
    try:
        tz = zoneinfo.ZoneInfo(zone)
        generic = get_timezone_name(zone, "long", zone_variant="generic", locale=lang)
        location = get_timezone_location(zone, locale=lang)
    except (LookupError, ValueError, OSError):  # not a zone: a folder ("America"), a data file, nonsense
        return zone
    if generic != location:
        return generic
    offset = _fixed_offset(tz)
    canonical = get_global("zone_aliases").get(zone, zone)
    if get_global("zone_territories").get(canonical) in NO_PLACE:
        if offset is None:
            return zone
        return "UTC" if not offset else get_timezone_gmt(dt.datetime(2026, 1, 1, tzinfo=tz), locale=lang)
    if offset is not None:
        return get_timezone_name(zone, "long", zone_variant="standard", locale=lang)
    return location


LOCALIZED = {"clock": clock, "weekday": weekday, "long_date": long_date, "zone_name": zone_name}
"""Filters that speak the language of the page being rendered."""


@cache
def _messages_json(scripts: Path, folder: Path, lang: str) -> str:
    text = json.dumps(i18n.script_messages(scripts, folder, lang), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _prefix(lang: str, default: str) -> str:
    """Where a language's pages are, under the site root: the first language at the root."""
    return "" if lang == default else f"{lang}/"


@cache
def _days_in(days: tuple, catalog_folder: Path, lang: str) -> str:
    return day_names(days, lang, i18n.translations(catalog_folder, lang).gettext)


def in_language(settings: dict, lang: str, env) -> tuple[dict, dict]:
    """(filters, functions) that speak ``lang`` without asking each page which language it is in:
    for ``env``, an environment whose pages are all in ``lang`` (see :func:`i18n.for_language`). They
    give what :func:`prepare`'s do, with less work on every page (BENCHMARKS.md)."""
    folder, default, site = translations_path(settings), languages(settings)[0], settings.get("SITEURL", "")
    prefix = _prefix(lang, default)
    filters = {name: (lambda value, function=function: function(value, lang)) for name, function in LOCALIZED.items()}
    filters["day_names"] = lambda days: _days_in(tuple(days), folder, lang)
    made = Reused()
    functions = {"link": lambda path="": f"{site}/{prefix}{path}", "lang_prefix": lambda: prefix,
                 "current_language": lambda: lang,
                 "meeting_rows": partial(made.meeting_rows, env, lang), "reused": partial(made.fragment, env, lang),
                 **i18n.in_language(folder, lang, bool(env.autoescape))}
    return filters, functions


class Reused:
    """Parts of pages rendered once per language however many pages show them: meetings' rows and
    the fragments of _fragments.html. One for each environment."""

    def __init__(self):
        self.rows: dict = {}  # (slug, language, show_day, macro) → the row and a line break
        self.fragments: dict = {}  # (arguments, language, macro) → its text

    def meeting_rows(self, env, lang: str, meetings, show_day: bool, macro: str = "row") -> Markup:
        """The rows of a list of meetings, each followed by a line break: the macro ``macro`` of
        _meeting_row.html (``row`` in the site's lists, ``print_row`` on a printed list, where
        ``show_day`` says whether the list has several time zones). Each row is rendered once however
        many pages list the meeting."""
        show_day, rows, found = bool(show_day), self.rows, []
        for meeting in meetings:
            key = (meeting.slug, lang, show_day, macro)
            if key not in rows:
                # Pillar's pages are rendered in an environment of their language, whose globals hold
                # the site's values (i18n.for_language): the row is made from those and the meeting alone.
                row = getattr(env.get_template("_meeting_row.html").module, macro)
                rows[key] = str(row(meeting, show_day)) + "\n"
            found.append(rows[key])
        return Markup("".join(found))

    def fragment(self, env, lang: str, name: str, *arguments) -> Markup:
        """The macro ``name`` of _fragments.html with these arguments (text, numbers, dates, tuples of
        them), rendered once per language however many pages show it."""
        key = (arguments, lang, name)
        if key not in self.fragments:
            self.fragments[key] = Markup(getattr(env.get_template("_fragments.html").module, name)(*arguments))
        return self.fragments[key]


def prepare(generator) -> None:
    """Pelican's ``generator_init`` signal: Pillar's filters, ``link()`` and translations for every generator."""
    settings = generator.settings
    default = languages(settings)[0]
    catalog_folder = translations_path(settings)

    @pass_context
    def prefix(context) -> str:
        return _prefix(i18n.page_language(context, default), default)

    @pass_context
    def link(context, path: str = "") -> str:
        """A page of the site in the language being rendered: link("meetings/") → "/es/meetings/"."""
        return f"{settings.get('SITEURL', '')}/{prefix(context)}{path}"

    @pass_context
    def alternate(context, lang: str) -> str:
        """The same page in another language (its home page when a content page has no translation)."""
        base = f"{settings.get('SITEURL', '')}/{_prefix(lang, default)}"
        content = context.get("page")
        if content is not None and hasattr(content, "translations"):
            versions = [content, *content.translations]
            found = [version for version in versions if version.lang == lang]
            return f"{settings.get('SITEURL', '')}/{found[0].url}" if found else base
        return base + context.get("page_path", "")

    @pass_context
    def content_page(context, slug: str) -> str:
        """The URL of a page from content/, in the page's language when translated; "" if there is none."""
        lang = i18n.page_language(context, default)
        for candidate in context.get("pages", ()):
            if candidate.slug == slug:
                versions = [version for version in (candidate, *candidate.translations) if version.lang == lang]
                return f"{settings.get('SITEURL', '')}/{(versions or [candidate])[0].url}"
        return ""

    @pass_context
    def script_messages(context) -> str:
        """The theme scripts' messages in the page's language, as JSON safe inside <script>."""
        lang = i18n.page_language(context, default)
        scripts = Path(settings["THEME"]) / "static" / "js"
        return Markup(_messages_json(scripts, catalog_folder, lang))

    @pass_context
    def translated(context, table: dict) -> dict:
        """A label table in the page's language: {"in_person": "En persona", …}."""
        catalog = i18n.translations(catalog_folder, i18n.page_language(context, default))
        return {code: catalog.gettext(label) for code, label in table.items()}

    @pass_context
    def current_language(context) -> str:
        return i18n.page_language(context, default)

    parts = {}  # (template, language) → its text, for this environment

    @pass_context
    def shared(context, name: str) -> Markup:
        """A part that is the same on every page of a language (the site's header and footer),
        rendered once per language instead of once per page."""
        key = (name, i18n.page_language(context, default))
        if key not in parts:
            parts[key] = Markup(context.environment.get_template(name).render(context.get_all()))
        return parts[key]

    made = Reused()  # for this environment

    @pass_context
    def meeting_rows(context, meetings, show_day: bool, macro: str = "row") -> Markup:
        return made.meeting_rows(context.environment, i18n.page_language(context, default), meetings, show_day, macro)

    @pass_context
    def reused(context, name: str, *arguments) -> Markup:
        return made.fragment(context.environment, i18n.page_language(context, default), name, *arguments)

    def days_in(days, lang: str) -> str:
        return _days_in(tuple(days), catalog_folder, lang)

    def localized(function):
        return pass_context(lambda context, value: function(value, i18n.page_language(context, default)))

    filters = {name: localized(function) for name, function in {**LOCALIZED, "day_names": days_in}.items()}
    generator.env.filters.update(filters, tel=tel_uri, language_name=language_name)
    generator.env.globals.update(link=link, lang_prefix=prefix, alternate=alternate, current_language=current_language,
                                 content_page=content_page, shared=shared,
                                 meeting_rows=meeting_rows, reused=reused,
                                 script_messages=script_messages, translated=translated)
    generator.env.globals.update(preloads.template_globals(settings))  # module_graph, finder_preloads
    i18n.install(generator.env, catalog_folder, default)
    # Templates do not change while a site is built: look each up once, not on every page.
    generator.env.auto_reload = False
