"""Turning what real feeds contain into what a listing file holds: times, days, text, coordinates,
type codes, links, slugs. Each function returns a clean value or None; none raises for odd input."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from html.parser import HTMLParser

from pelican.utils import slugify

from pillar.directory.checks import valid_zone
from pillar.directory.model import WEEKDAYS, clock_of, minutes_of
from pillar.directory.suggest import twenty_four_hour
from pillar.directory.type_codes import type_table

TYPE_ALIASES = {"ONL": None, "ONLINE": None, "HY": None, "HYBRID": None, "TC": "TC"}
"""Codes that are not the spec's but appear in many feeds; None means "says how to attend, not a type"."""
ONLINE_CODES = {"ONL", "ONLINE", "HY", "HYBRID"}
OLDER_CODES = {"BB": "B", "STEP": "ST", "LGBTQIA": "LGBTQ", "LGBTQIA+": "LGBTQ"}
"""Codes older or local feeds write for a spec code (an intergroup's 2018 feed: BB, STEP)."""
SAFE_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
PHONE = re.compile(r"^[+0-9][0-9 ().,;#*+-]{2,40}$")
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
"""Control characters (but tab and newline), lone surrogates and non-characters: never kept."""
SLUG_LENGTH = 64
DAY_CONVENTIONS = ("sunday0", "iso")
"""How a feed numbers days: Meeting Guide's 0 = Sunday … 6 = Saturday, or ISO's 1 = Monday … 7 = Sunday."""


def text_of(value) -> str:
    """A feed's value as text, with what no listing file may hold taken out; lists and objects are not text."""
    if value is None or isinstance(value, (dict, list, tuple, set)):
        return ""
    return UNPRINTABLE.sub("", str(value))


def slug(text, length: int = SLUG_LENGTH) -> str:
    """A URL-safe slug of at most ``length`` characters, cut at a hyphen (a word's end) when the whole
    does not fit. Text with no Latin letters or digits gets a stable one from its hash."""
    words = re.sub(r"[^a-z0-9]+", "-", slugify(text_of(text), regex_subs=()).lower()).strip("-")
    if not words:
        digest = hashlib.sha1(text_of(text).encode("utf-8", "replace")).hexdigest()[:8]
        words = f"listing-{digest}"
    return fit(words, length)


def fit(words: str, length: int = SLUG_LENGTH) -> str:
    """A slug cut to ``length`` at its last hyphen that fits (in the middle of a word only when one
    word alone is longer)."""
    if len(words) <= length:
        return words
    cut = words[:length + 1]
    head = cut[:cut.rfind("-")] if "-" in cut[1:] else ""
    return (head or words[:length]).strip("-")


def time_of_day(value) -> str | None:
    """ "19:30", "7:30 PM", "7pm", "1930", "19:30:00", 1930 → "19:30"."""
    if value is None or isinstance(value, bool):
        return None
    text = text_of(value).strip()[:20]
    text = re.sub(r"^(\d{1,2}:\d{2}):\d{2}$", r"\1", text)
    if re.fullmatch(r"\d{3,4}", text):
        text = text.zfill(4)
    return twenty_four_hour(text) or None


WEEKDAY_STARTS = [day[:3] for day in WEEKDAYS]


def day_number(item) -> int | None:
    """The number a feed wrote for a day (7, "7", " 3 "), or None for a name or anything else."""
    if isinstance(item, bool) or isinstance(item, float) and not item.is_integer():
        return None
    text = text_of(item).strip()
    text = text[:-2] if text.endswith(".0") else text
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 2 else None


def days(value, convention: str = "sunday0") -> list[int] | None:
    """0 = Sunday … 6 = Saturday, from a number, a numeric string, a weekday name or a list of them.
    Numbers follow ``convention``: "sunday0" (0 = Sunday … 6 = Saturday) or "iso" (1 = Monday …
    7 = Sunday). None when any of them is not a day."""
    values = value if isinstance(value, list) else [value]
    found = []
    for item in values:
        number = day_number(item)
        text = text_of(item).strip().lower()
        if number is not None:
            if convention == "iso" and 1 <= number <= 7:
                found.append(number % 7)
            elif convention != "iso" and 0 <= number <= 6:
                found.append(number)
            else:
                return None
        elif len(text) >= 3 and text.isalpha() and text[:3] in WEEKDAY_STARTS:
            found.append(WEEKDAY_STARTS.index(text[:3]))
        else:
            return None
    return sorted(set(found))


def day_convention(values) -> str:
    """ "iso" when the feed's day numbers include 7 and no 0 (1 = Monday … 7 = Sunday), else "sunday0"."""
    numbers = set()
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            number = day_number(item)
            if number is not None:
                numbers.add(number)
    return "iso" if 7 in numbers and 0 not in numbers else "sunday0"


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
    value = text_of(value)
    if not value:
        return ""
    parser = _Text()
    parser.feed(html.unescape(value) if "<" not in value else value)
    parser.close()
    text = UNPRINTABLE.sub("", "".join(parser.parts).replace("\r", ""))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def coordinate(value, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180); zero, blank and out-of-range values are None."""
    if isinstance(value, bool):
        return None
    try:
        number = float(text_of(value).strip())
    except (TypeError, ValueError, OverflowError):
        return None
    if number == 0 or abs(number) > limit or number != number:
        return None
    return round(number, 6)


def type_codes(values, fellowship: str = "") -> tuple[list[str], bool, list[str]]:
    """(known codes, whether a code said "online", unknown codes) from a list or a comma string.

    Real feeds write them every way: ["O", "D"], "O,D", "[open]", "Open, Discussion", "o"."""
    if not isinstance(values, list):
        values = re.split(r"[,;]", text_of(values))
    values = [part for value in values for part in (re.split(r"[,;]", text_of(value))
                                                    if isinstance(value, str) else [text_of(value)])]
    known_codes = type_table().codes(fellowship)
    by_label = {labels["en"].casefold(): code for code, labels in known_codes.items()}
    codes, online, unknown = [], False, []
    for value in values:
        text = value.strip().strip("[]\"' ").strip()
        if not text:
            continue
        upper = text.upper()
        if upper in ONLINE_CODES:
            online = True
            continue
        code = text if text in known_codes else upper if upper in known_codes else by_label.get(text.casefold())
        if code is None and OLDER_CODES.get(upper) in known_codes:
            code = OLDER_CODES[upper]
        if code is None and text.casefold() in ("wheelchair accessible", "wheelchair"):
            code = "X"
        if code is None:
            unknown.append(text)
        elif code not in codes:
            codes.append(code)
    return codes, online, unknown


def url(value) -> str | None:
    """A web address, or None: also when it holds invisible or direction-changing characters."""
    text = text_of(value).strip()
    if len(text) > 2000 or any(unicodedata.category(char) in ("Cf", "Zl", "Zp") for char in text):
        return None
    return text if SAFE_URL.match(text) else None


def phone(value) -> str | None:
    text = text_of(value).strip()
    return text if PHONE.match(text) else None


def zone(value) -> str | None:
    text = text_of(value).strip()
    return text if text and len(text) < 64 and valid_zone(text) else None


LANGUAGE_NAMES = {
    "english": "en", "spanish": "es", "espanol": "es", "español": "es", "french": "fr", "français": "fr",
    "german": "de", "deutsch": "de", "portuguese": "pt", "português": "pt", "italian": "it", "russian": "ru",
    "polish": "pl", "farsi": "fa", "persian": "fa", "arabic": "ar", "ukrainian": "uk", "dutch": "nl",
    "american sign language": "sgn-US", "asl": "sgn-US",
}


def duration_end(start: str | None, duration) -> str | None:
    """The end time from a start ("19:30") and a duration ("01:30:00", "1:30", "90" minutes);
    None when either is missing or the duration is zero. Wraps past midnight."""
    if not start or duration in (None, ""):
        return None
    text = text_of(duration).strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text)
    if match:
        minutes = int(match.group(1)) * 60 + int(match.group(2))
    elif text.isdigit():
        minutes = int(text)
    else:
        return None
    if minutes <= 0 or minutes >= 24 * 60:
        return None
    return clock_of(minutes_of(start) + minutes)


def slug_with_id(slug: str, ident) -> str:
    """A slug that ends with a source's own id ("sample-group-1234"), kept within 64 characters."""
    tail = fit(re.sub(r"[^a-z0-9]+", "-", text_of(ident).lower()).strip("-"), SLUG_LENGTH)
    if not tail:
        return slug
    head = fit(slug, SLUG_LENGTH - 1 - len(tail)) if len(tail) < SLUG_LENGTH - 1 else ""
    return f"{head}-{tail}" if head else tail


def language(value) -> str | None:
    """A language code ("en", "ES", "pt-BR") or an English or native name → a code; else None."""
    text = text_of(value).strip()
    if not text:
        return None
    if re.fullmatch(r"[A-Za-z]{2,3}", text):
        return text.lower()
    if re.fullmatch(r"[A-Za-z]{2,3}[-_][A-Za-z0-9]{2,8}", text):
        head, tail = re.split(r"[-_]", text)
        return f"{head.lower()}-{tail.upper() if len(tail) == 2 else tail}"
    return LANGUAGE_NAMES.get(text.casefold())


def column_key(name) -> str:
    """A CSV header in a comparable form: "Sub Region", "sub_region", " SUB-REGION " → "subregion"."""
    return re.sub(r"[^a-z0-9]+", "", str(name or "").strip().lstrip("\ufeff").lower())


def truthy(value) -> bool:
    return text_of(value).strip().lower() in ("true", "yes", "y", "1", "t", "x")


def schedule(found_days: list[int], raw_time, raw_end, note, end_name: str = "end_time") -> dict | None:
    """``day``, ``time`` and ``end_time`` from parsed days and the source's times. None (with a note)
    when a meeting that has a day has no readable time; an unreadable end time is only left out."""
    names = [WEEKDAYS[day] for day in found_days]
    fields = {"day": names[0] if len(names) == 1 else names or "appointment"}
    if not found_days:
        return fields
    fields["time"] = time_of_day(raw_time)
    if fields["time"] is None:
        note(f"time {raw_time!r} is not a time of day", skipped=True)
        return None
    if raw_end not in (None, ""):
        fields["end_time"] = time_of_day(raw_end)
        if fields["end_time"] is None:
            note(f"{end_name} {raw_end!r} is not a time of day: left out")
    return fields


def settle_attendance(attendance: str, online_link: bool, closed: bool, note, online_word: str = "an online"):
    """How people attend, checked against what the record gives: an online meeting with no link or phone
    is skipped (None, with a note); a hybrid one becomes in person."""
    if attendance in ("online", "hybrid") and not online_link and not closed:
        if attendance == "online":
            note(f"{online_word} meeting with no link or phone", skipped=True)
            return None
        note("said hybrid but gives no link or phone: imported as in person")
        return "in_person"
    return attendance
