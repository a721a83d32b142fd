"""The files written once per site: _headers and sitemap.xml."""

import xml.etree.ElementTree as ET

import pytest

from pillar.site.site_files import headers, sitemap


@pytest.mark.parametrize("origins, languages, framed", [
    ((), ["en"], ["/embed/*\n  Content-Security-Policy: frame-ancestors 'self'"]),
    (("https://intergroup.example",), ["en", "es"],
     ["/embed/*\n  Content-Security-Policy: frame-ancestors 'self' https://intergroup.example",
      "/es/embed/*\n  Content-Security-Policy: frame-ancestors 'self' https://intergroup.example"]),
])
def test_only_the_embed_pages_may_be_framed_and_only_by_the_origins_allowed(origins, languages, framed):
    text = headers(origins, languages)
    assert text.startswith("/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n")
    assert text.count("frame-ancestors") == len(languages)
    for rule in framed:
        assert rule in text


def test_the_sitemap_is_xml_whatever_the_site_address_holds():
    text = sitemap("https://example.org/a&b<c", ["", "meetings/", "es/meetings/x-&-y/"])
    locations = [element.text for element in ET.fromstring(text)
                 .iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations == ["https://example.org/a&b<c/", "https://example.org/a&b<c/meetings/",
                         "https://example.org/a&b<c/es/meetings/x-&-y/"]
    assert text.endswith("</urlset>\n")
