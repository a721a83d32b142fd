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
    text = str(duration).strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text)
    if match:
        minutes = int(match.group(1)) * 60 + int(match.group(2))
    elif text.isdigit():
        minutes = int(text)
    else:
        return None
    if minutes <= 0 or minutes >= 24 * 60:
        return None
    hours, mins = map(int, start.split(":"))
    total = (hours * 60 + mins + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def slug_with_id(slug: str, ident) -> str:
    """A slug that ends with a source's own id ("sample-group-1234"), kept within 64 characters."""
    tail = re.sub(r"[^a-z0-9]+", "-", str(ident or "").lower()).strip("-")
    if not tail:
        return slug
    head = slug[:63 - len(tail)].strip("-")
    return f"{head}-{tail}" if head else tail[:64].strip("-")


def language(value) -> str | None:
    """A language code ("en", "ES", "pt-BR") or an English or native name → a code; else None."""
    text = str(value or "").strip()
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
    return str(value or "").strip().lower() in ("true", "yes", "y", "1", "t", "x")


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
