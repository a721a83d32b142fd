"""Text from listing files, feeds and geocoders, made safe for where Pillar prints it.

Anything a pull request or a feed contains may end up in a message: a listing's name, a file's
name, a geocoder's answer. Each output has its own syntax, and each escaper here makes outside text
unable to break out of it:

* :func:`for_terminal`: control characters (ESC starts terminal commands, CR rewrites a line),
  bidirectional overrides (U+202E shows text backwards), invisible characters, line separators and
  lone surrogates (which cannot be printed at all) become visible escapes such as ``\\x1b`` and
  ``\\u202e``;
* :func:`github_data` and :func:`github_property`: GitHub's workflow commands
  (``::error file=…,line=…::message``), where ``%``, CR and LF — and ``:`` and ``,`` in a
  property — must be written ``%25``, ``%0D``, ``%0A``, ``%3A`` and ``%2C``;
* :func:`csv_cell`: a spreadsheet takes a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
  or CR for a formula; such a cell is given a leading ``'`` so it stays text. Control characters
  are shown as for the terminal first (a CR would start a new row in Python's CSV, which quotes
  only the line ending it writes).
"""

from __future__ import annotations

import re

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
                    "\ufeff\ufff9-\ufffb\ud800-\udfff]")
"""Characters a terminal or a log would act on or hide: C0 and C1 controls (tab and newline too,
since a message is one line), bidirectional marks, embeddings, overrides and isolates, zero-width
and invisible characters, line and paragraph separators, and lone surrogates."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list)."""


def _escaped(found: re.Match) -> str:
    code = ord(found[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every character in :data:`UNSAFE` written as a visible escape (``\\x1b``)."""
    return UNSAFE.sub(_escaped, text) if UNSAFE.search(text) else text


def clip(text: str, most: int = 60) -> str:
    """Outside text quoted in a message: at most ``most`` characters, an ellipsis marking the cut."""
    return text if len(text) <= most else text[: most - 1] + "…"


def github_data(text: str) -> str:
    """A workflow command's message: safe for the terminal, then ``%``, CR and LF escaped."""
    return for_terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property value (``file=…``): as :func:`github_data`, and ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, message: str, **properties) -> str:
    """``::level name=value,…::message`` with everything escaped."""
    listed = ",".join(f"{name}={github_property(str(value))}" for name, value in properties.items())
    return f"::{level} {listed}::{github_data(message)}" if listed else f"::{level}::{github_data(message)}"


def csv_cell(value):
    """A value for a CSV cell: text safe for the terminal, with a leading ``'`` when a spreadsheet
    would run it as a formula. Numbers are left as numbers."""
    if not isinstance(value, str):
        return value
    value = for_terminal(value)
    return "'" + value if value.startswith(FORMULA_START) else value
