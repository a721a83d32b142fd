"""Turning what real feeds contain into what a listing file holds: times, days, text, coordinates,
type codes, links. Each function returns a clean value or None; none raises for odd input."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..checks import valid_zone
from ..model import WEEKDAYS
from ..suggest import twenty_four_hour
from ..types import type_table

TYPE_ALIASES = {"ONL": None, "ONLINE": None, "HY": None, "HYBRID": None, "TC": "TC"}
"""Codes that are not the spec's but appear in many feeds; None means "says how to attend, not a type"."""
ONLINE_CODES = {"ONL", "ONLINE", "HY", "HYBRID"}
SAFE_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
PHONE = re.compile(r"^[+0-9][0-9 ().,;#*+-]{2,40}$")


def time_of_day(value) -> str | None:
    """ "19:30", "7:30 PM", "7pm", "1930", "19:30:00", 1930 → "19:30"."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    text = re.sub(r"^(\d{1,2}:\d{2}):\d{2}$", r"\1", text)
    if re.fullmatch(r"\d{3,4}", text):
        text = text.zfill(4)
    return twenty_four_hour(text) or None


def days(value) -> list[int] | None:
    """0 = Sunday … 6 = Saturday, from a number, a numeric string, a weekday name or a list of them."""
    values = value if isinstance(value, list) else [value]
    found = []
    for item in values:
        text = str(item).strip().lower()
        if text.isdigit() and 0 <= int(text) <= 6:
            found.append(int(text))
        elif text[:3] in [day[:3] for day in WEEKDAYS]:
            found.append([day[:3] for day in WEEKDAYS].index(text[:3]))
        else:
            return None
    return sorted(set(found))


class _Text(HTMLParser):
    BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(value) -> str:
    """HTML and entities → plain text, paragraphs kept, spaces tidied."""
    if value is None:
        return ""
    parser = _Text()
    parser.feed(html.unescape(str(value)) if "<" not in str(value) else str(value))
    parser.close()
    text = "".join(parser.parts).replace("\r", "")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def coordinate(value, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180); zero, blank and out-of-range values are None."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    if number == 0 or abs(number) > limit or number != number:
        return None
    return round(number, 6)


def type_codes(values, fellowship: str = "") -> tuple[list[str], bool, list[str]]:
    """(known codes, whether a code said "online", unknown codes) from a list or a comma string."""
    if isinstance(values, str):
        values = [part for part in re.split(r"[,;]", values)]
    known_codes = type_table().codes(fellowship)
    by_label = {labels["en"].casefold(): code for code, labels in known_codes.items()}
    codes, online, unknown = [], False, []
    for value in values or []:
        text = str(value).strip()
        if not text:
            continue
        upper = text.upper()
        if upper in ONLINE_CODES:
            online = True
            continue
        code = text if text in known_codes else upper if upper in known_codes else by_label.get(text.casefold())
        if code is None and text.casefold() in ("wheelchair accessible", "wheelchair"):
            code = "X"
        if code is None:
            unknown.append(text)
        elif code not in codes:
            codes.append(code)
    return codes, online, unknown


def url(value) -> str | None:
    text = str(value or "").strip()
    return text if SAFE_URL.match(text) else None


def phone(value) -> str | None:
    text = str(value or "").strip()
    return text if PHONE.match(text) else None


def zone(value) -> str | None:
    text = str(value or "").strip()
    return text if text and valid_zone(text) else None
