"""The files written once per site, beside the pages: ``embed.js`` (the one-line embed), ``_headers``
(what static hosts such as Netlify and Cloudflare Pages send with each page), ``sitemap.xml`` and
the published JSON Schemas of listing files, under ``schema/``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from pillar.directory import schema
from pillar.directory.model import Directory
from pillar.settings import PillarSettings
from pillar.site import browse, printed

NAMES = ("embed.js", "_headers", "sitemap.xml", *(f"schema/{name}" for name in schema.SCHEMA_FILES))
"""Every file written here, under the output folder."""


def write(output: Path, embed_script: str, site: PillarSettings, site_url: str, languages: Sequence[str],
          sitemap_urls: Sequence[str]) -> None:
    (output / "embed.js").write_text(embed_script, encoding="utf-8")
    (output / "_headers").write_text(headers(site.embed_origins, languages), encoding="utf-8")
    (output / "sitemap.xml").write_text(sitemap(site_url, sitemap_urls), encoding="utf-8")
    folder = output / "schema"
    folder.mkdir(parents=True, exist_ok=True)
    for name in schema.SCHEMA_FILES:
        (folder / name).write_text(schema.schema_text(name), encoding="utf-8")


def headers(embed_origins: Sequence[str], languages: Sequence[str]) -> str:
    """Rules for every page, and ``frame-ancestors`` for the embed pages of each language, which lets
    EMBED_ALLOWED_ORIGINS frame the finder."""
    ancestors = " ".join(("'self'", *embed_origins))
    prefixes = ["/"] + [f"/{lang}/" for lang in languages[1:]]
    rules = ["/*", "  X-Content-Type-Options: nosniff", "  Referrer-Policy: no-referrer",
             "  Permissions-Policy: geolocation=(self), camera=(), microphone=()"]
    for prefix in prefixes:
        rules += [f"{prefix}embed/*", f"  Content-Security-Policy: frame-ancestors {ancestors}"]
    return "\n".join(rules) + "\n"


def sitemap(site_url: str, urls: Sequence[str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(site_url)}/{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>\n")
    return "\n".join(lines)


def sitemap_urls(views: browse.Views, directory: Directory, languages: Sequence[str], content_pages=()) -> list[str]:
    """Every page's address under the site's: the browse pages, each region's page and printed list,
    each listing's page, in every language, then Pelican's pages (``content_pages``) and their translations."""
    paths = ["", "meetings/", "regions/", "services/", "online/", "embed/builder/"]
    paths += [day.page_url for day in views.week]
    paths += [region.page_url for region in browse.all_regions(views.regions)]
    paths += [printed.page_url(region) for region in (None, *browse.all_regions(views.regions))]
    paths += [listing.page_url for listing in directory.listings]
    urls = [("" if lang == languages[0] else f"{lang}/") + path for lang in languages for path in paths]
    for content_page in content_pages:
        urls += [content_page.url] + [translation.url for translation in content_page.translations]
    return urls
