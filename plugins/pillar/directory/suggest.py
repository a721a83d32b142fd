"""Suggestions for a mistyped value: the nearest known word, or a time written the 24-hour way."""

from __future__ import annotations

import difflib
import re

TIME_12H = re.compile(r"^\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*([ap])\.?\s*m?\.?\s*$", re.IGNORECASE)
TIME_LOOSE = re.compile(r"^\s*(\d{1,2})[:.h]?(\d{2})\s*$")


def did_you_mean(word: str, options, cutoff: float = 0.6) -> str:
    """' — did you mean "x"?' for the closest option, or an empty string."""
    if len(str(word)) > 200:  # no option is this long: nothing to compare, in any time
        return ""
    by_fold: dict[str, str] = {}
    for option in options:
        by_fold.setdefault(str(option).casefold(), option)
    close = difflib.get_close_matches(str(word).casefold(), list(by_fold), n=1, cutoff=cutoff)
    return f' — did you mean "{by_fold[close[0]]}"?' if close else ""


def twenty_four_hour(text: str) -> str:
    """ "7:30 pm" → "19:30", "730" → "07:30"; empty when the text is no recognisable time."""
    if len(text) > 20:  # no time is written this long (and the patterns below need not look)
        return ""
    match = TIME_12H.match(text)
    if match:
        hours, minutes = int(match.group(1)) % 12, int(match.group(2) or 0)
        hours += 12 if match.group(3).lower() == "p" else 0
    else:
        match = TIME_LOOSE.match(text)
        if not match:
            return ""
        hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return ""
    return f"{hours:02d}:{minutes:02d}"
