"""Other names people type for a place: "TX" for Texas, "USA" for the United States, "St Paul" for
Saint Paul, "NE Portland" for Northeast Portland.

The gazetteer gives a place these short forms (its ``aka``) only when it needs them, so the finder can
read "austin tx" without carrying a table of its own. Names are compared squashed: lower case, no
accents, letters and digits only ("Québec" = "QUEBEC", "D.C." = "dc").
"""

from __future__ import annotations

import unicodedata

COUNTRIES = {
    "United States": ("US", "USA", "United States of America", "Estados Unidos", "EEUU"),
    "Canada": (),
    "Australia": (),
    "United Kingdom": ("UK",),
    "United Arab Emirates": ("UAE",),
}
"""Countries, and the short names people write for them."""

SUBDIVISIONS = {
    "United States": """AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|
        DE Delaware|DC District of Columbia|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|
        IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|MI Michigan|
        MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|NH New Hampshire|
        NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|
        OR Oregon|PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|
        UT Utah|VT Vermont|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming|
        PR Puerto Rico|GU Guam|VI Virgin Islands|AS American Samoa|MP Northern Mariana Islands""",
    "Canada": """AB Alberta|BC British Columbia|MB Manitoba|NB New Brunswick|NL Newfoundland and Labrador|
        NS Nova Scotia|NT Northwest Territories|NU Nunavut|ON Ontario|PE Prince Edward Island|QC Québec|
        SK Saskatchewan|YT Yukon""",
    "Australia": """NSW New South Wales|VIC Victoria|QLD Queensland|WA Western Australia|SA South Australia|
        TAS Tasmania|ACT Australian Capital Territory|NT Northern Territory""",
}
"""States, provinces and territories by country: the postal abbreviation, then the name."""

WORDS = (("Saint", "St"), ("Sainte", "Ste"), ("Fort", "Ft"), ("Mount", "Mt"),
         ("Northeast", "NE"), ("Northwest", "NW"), ("Southeast", "SE"), ("Southwest", "SW"))
"""Words people shorten inside a name of two words or more ("St. Paul", "NE Portland")."""


def squash(text: str) -> str:
    """Lower case, no accents, letters and digits only — as the finder compares names."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in bare.casefold() if c.isalnum())


def _groups() -> dict[str, list[tuple[str, ...]]]:
    """country → its subdivisions, each (name, abbreviation)."""
    return {country: [tuple(reversed(entry.strip().split(" ", 1))) for entry in table.split("|")]
            for country, table in SUBDIVISIONS.items()}


GROUPS = _groups()
COUNTRY_FORMS = {squash(form): country for country, short in COUNTRIES.items() for form in (country, *short)}
SHORT_WORDS = {squash(word): other for pair in WORDS for word, other in (pair, pair[::-1])}


def _others(name: str, forms: list[tuple[str, ...]]) -> list[str]:
    """The other forms in whichever of `forms` holds `name`."""
    key = squash(name)
    return [form for group in forms if key in map(squash, group) for form in group if squash(form) != key]


def _short_words(name: str) -> list[str]:
    words = name.split()
    if len(words) < 2:
        return []
    swapped = [SHORT_WORDS.get(squash(word), word) for word in words]
    return [" ".join(swapped)] if swapped != words else []


def coded_countries(top_names) -> frozenset[str]:
    """The countries whose state codes the directory's top-level regions are written in: those whose
    table holds every short top-level name ("TX", "OR"). None when one is not a state ("FR", "GB"):
    then "CA" at the top is a country too, not California."""
    codes = {squash(name) for name in top_names if len(squash(name)) <= 3}
    return frozenset(country for country, groups in GROUPS.items()
                     if codes and codes <= {squash(short) for _, short in groups})


def other_names(name: str, kind: str, within: str, coded: frozenset[str] = frozenset(GROUPS)) -> tuple[str, ...]:
    """The names, other than `name`, people type for a place of this `kind` inside `within`.

    A state or province is recognized at the top of the directory, or just inside its country;
    a country only at the top. A state code at the top ("TX") is read only as a state of the
    `coded` countries (see coded_countries).
    """
    found: list[str] = []
    if kind == "region":
        around = within.rsplit(", ", 1)[-1] if within else ""
        country = COUNTRY_FORMS.get(squash(around)) if around else None
        if not within:
            found += _others(name, [(country, *short) for country, short in COUNTRIES.items()])
        short = len(squash(name)) <= 3
        found += _others(name, [group for c, groups in GROUPS.items()
                                if c == country or (not within and (c in coded or not short))
                                for group in groups])
    found += _short_words(name)
    own = squash(name)
    unique: dict[str, str] = {}
    for form in found:
        unique.setdefault(squash(form), form)
    return tuple(form for key, form in unique.items() if key and key != own)


def country_of(name: str, within: str, coded: frozenset[str] = frozenset(GROUPS)) -> tuple[str, ...]:
    """For a state or province at the top of the directory, its country's names, so "Austin, TX, USA"
    is read when the directory itself starts at the states; () when it is not one, or could be two."""
    if within:
        return ()
    key = squash(name)
    short = len(key) <= 3
    found = [country for country, groups in GROUPS.items() if (country in coded or not short)
             and any(key in (squash(state), squash(code)) for state, code in groups)]
    return (found[0], *COUNTRIES[found[0]][:2]) if len(found) == 1 else ()  # the names most written
