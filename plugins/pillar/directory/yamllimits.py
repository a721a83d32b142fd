"""The limits a listing file is read within, the characters it may not hold, and how it is read.

The reader (:mod:`pillar.directory.yamlpos`) keeps these: a listing needs little (a few kilobytes, four levels,
short lists), and a hostile file must not make reading slow or what is read unprintable.
"""

from __future__ import annotations

import os
import re

MAX_FILE_BYTES = 256 * 1024
"""The largest listing file read: a listing is a few kilobytes; anything bigger is a mistake or an attack."""
MAX_DEPTH = 8
"""How deeply values may nest (a listing needs four levels: ``hours: - day: [monday]``)."""
MAX_ITEMS = 1_000
"""The most items one list, or fields one mapping, may hold."""
MAX_TEXT = 20_000
"""The most characters one value may hold (a long ``notes`` is a few thousand)."""
EXPLAIN_LIMIT = 32 * 1024
"""The longest text whose syntax error PyYAML's slower pure-Python parser explains (a listing is a
few kilobytes; for anything longer, libyaml's own message is quick and good enough)."""

FORBIDDEN = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters a listing file may not hold: controls other than tab and newline (carriage returns
are newlines by now), NEL, line and paragraph separators (YAML counts them as line breaks, editors
do not, so every line number after one would be wrong), lone surrogates and U+FFFE/U+FFFF."""
NAMES = {0x85: "NEXT LINE", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"}


def character(char: str) -> str:
    """A character as a message names it: ``U+001B (a control character)``."""
    code = ord(char)
    if code in NAMES:
        return f"U+{code:04X} ({NAMES[code]}, a line break editors do not show)"
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (half of a character, a lone surrogate)"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"U+{code:04X} (a control character)"
    return f"U+{code:04X} (not a character)"


def forbidden_characters(text: str) -> list[tuple[int, int, str]]:
    """A problem for each line that holds a character :data:`FORBIDDEN` names (the first ten)."""
    problems, last_line = [], 0
    for found in FORBIDDEN.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        if line == last_line:
            continue
        last_line = line
        col = found.start() - text.rfind("\n", 0, found.start())
        fix = ("replace it with an ordinary line break" if ord(found[0]) in NAMES
               else "delete it (an editor may show it as a box or not at all)")
        problems.append((line, col, f"the file holds {character(found[0])} — {fix}"))
        if len(problems) == 10:
            break
    return problems


READ_PIECE = 64 * 1024
"""Bytes read at a time: a listing file is usually under 1 KB."""


class TooLarge(Exception):
    """The file is larger than :data:`MAX_FILE_BYTES`."""


def read_text(path) -> str:
    """The file's text as ``open(path, encoding="utf-8").read()`` gives it (every line ending made
    "\\n"), without the three file objects that makes: a directory has many small files. Raises
    :class:`TooLarge` past :data:`MAX_FILE_BYTES`, having read no more than that."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        # In pieces: os.read makes a buffer of the size asked for, and a buffer of the whole limit
        # for each small file cost more than reading it (BENCHMARKS.md).
        parts, size = [], 0
        while size <= MAX_FILE_BYTES:
            more = os.read(fd, min(READ_PIECE, MAX_FILE_BYTES + 1 - size))
            if not more:
                break
            parts.append(more)
            size += len(more)
        if size > MAX_FILE_BYTES:
            raise TooLarge
        data = b"".join(parts)
        text = data.decode("utf-8")
    finally:
        os.close(fd)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def syntax_hint(problem: str) -> str:
    """How to fix what a YAML parser says is wrong, in a volunteer's words."""
    if "mapping values are not allowed" in problem:
        return "put text that contains a colon in quotes"
    if "tab" in problem or "\\t" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return 'each line needs "field: value"'
    if "found character" in problem and ("'@'" in problem or "'`'" in problem):
        return "put the value in quotes"
    return "check the indentation and quotes on this line and the one before"
