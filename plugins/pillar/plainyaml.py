"""Listing files in their everyday shape, read without PyYAML's general machinery.

Nearly every listing file, whether typed by hand, written by ``pillar new`` or by ``pillar import``,
is a column of ``field: value`` lines. Lists are written ``[a, b]`` or as ``- item`` lines, an
address is a few indented ``field: value`` lines, opening hours are a list of small mappings, and
some lines are comments. Read line by line, such a file takes a fraction of the time PyYAML's
parser spends making a node object for every value and walking them all again.

:func:`read` gives the data exactly as :func:`pillar.yamlpos.load` would, with the same positions.
For anything outside that shape it gives None and leaves the file to PyYAML. That covers escapes,
quotes inside quotes, text over several lines, comments after a value, anchors, tags, tabs, a key
given twice and empty values, and PyYAML also explains any error. So does anything past
:mod:`pillar.yamllimits` (nesting, items, text length), so those hold on both paths. ``tests/unit/test_plainyaml.py``
reads many generated files both ways and compares the results.
"""

from __future__ import annotations

import re

from .yamllimits import MAX_DEPTH, MAX_ITEMS, MAX_TEXT
from .yamlpos import Mapping, Positions, Sequence

_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Tabs, carriage returns, byte-order marks, other line breaks and characters YAML forbids."""
_BLOCK_PLAIN = r"""(?![- ?:,\[\]{}#&*!|>'"%@`])[^#]*(?<![ :])|[-?:][^ #][^#]*(?<![ :])"""
"""A plain (unquoted) value on its own line: no indicator first (``-``, ``?`` and ``:`` may start one
when a character follows), no ``#`` at all (a comment may start there) and no ``:`` at the end. It
must not hold ``: `` either, which the code checks."""
_FLOW_PLAIN = r"""(?![- ?:,\[\]{}#&*!|>'"%@`])[^,?\[\]{}#:]+(?<! )|-[^ ,?\[\]{}#:][^,?\[\]{}#:]*(?<! )"""
"""A plain item of a ``[…]`` list: none of ``,?[]{}:#`` anywhere."""
_VALUE = r"""("([^"\\]*)"|'([^']*)'|\[([^\]]*)\]|(%s))""" % _BLOCK_PLAIN
"""A value on the line of its field or dash. Groups: the value, then its text when it is "quoted",
'quoted', a [list] or plain."""
_NOT_TEXT = ("true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL")
"""The plain words that are not text (true, false, null): as field names, PyYAML reads those."""
_FIELD = re.compile(r"( *)((?!(?:%s):)[A-Za-z_][A-Za-z0-9_]{0,99}):(?: +%s)? *" % ("|".join(_NOT_TEXT), _VALUE))
"""``field: value`` (or ``field:`` with its value on the next lines), after any indentation. Groups:
the indentation, the field, then those of ``_VALUE``."""
_DASH = re.compile(r"( *)- +(?=[^ ])")
"""The start of a ``- item`` line: any indentation, the dash and the spaces after it."""
_ITEM = re.compile(_VALUE + " *")
_LIST_ITEM = re.compile(r""" *("([^"\\]*)"|'([^']*)'|(%s)) *(?:,|$)""" % _FLOW_PLAIN)
"""One item of a ``[…]`` list. Groups: the item, then its text when "quoted", 'quoted' or plain."""
_MAY_RESOLVE = frozenset(Positions.yaml_implicit_resolvers)
"""First characters of plain scalars that may be something other than text (numbers, true, null…)."""
_BOOLS = {"true": True, "false": False}
_BUILD = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda text: _BOOLS[text.lower()],
    "tag:yaml.org,2002:null": lambda text: None,
}
"""The values plain scalars resolve to (as :class:`pillar.yamlpos.Positions` resolves them)."""


class _Unusual(Exception):
    """The file is not in the everyday shape: PyYAML reads it."""


def read(text: str):
    """``(data, [])`` as :func:`pillar.yamlpos.load` gives it, or None to leave the file to PyYAML."""
    if _UNUSUAL.search(text):
        return None
    if len(text) > MAX_TEXT and max(map(len, text.split("\n"))) > MAX_TEXT:
        return None  # a value may be too long (values here are one line each)
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1)
             if line.strip(" ") and not line.lstrip(" ").startswith("#")]
    if not lines:
        return None
    try:
        data, end = _mapping(lines, 0, 0, 1)
    except _Unusual:
        return None
    return (data, []) if end == len(lines) else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _mapping(lines: list, at: int, indent: int, depth: int) -> tuple[Mapping, int]:
    """The mapping whose fields start at ``lines[at]``, indented by ``indent``, ``depth`` levels deep;
    and where it ends."""
    if depth >= MAX_DEPTH:  # PyYAML says exactly where the limit is passed
        raise _Unusual
    result = Mapping()
    result.pos = (lines[at][0], indent + 1)
    result.key_pos, result.value_pos = key_pos, value_pos = {}, {}
    while at < len(lines):
        number, line = lines[at]
        found = _FIELD.fullmatch(line)
        if not found or len(found[1]) != indent:
            if _indent(line) < indent:
                break
            raise _Unusual
        key = found[2]
        if key in result:
            raise _Unusual
        if found[3]:
            value, pos, at = _value(found, 3, number), (number, found.start(3) + 1), at + 1
        else:
            value, pos, at = _block(lines, at + 1, indent, depth)
        result[key] = value
        key_pos[key] = (number, indent + 1)
        value_pos[key] = pos
    if len(result) > MAX_ITEMS:
        raise _Unusual
    return result, at


def _block(lines: list, at: int, indent: int, depth: int) -> tuple:
    """The value of a field written on the lines after it: (value, its position, where it ends)."""
    if at < len(lines):
        number, line = lines[at]
        own = _indent(line)
        if own >= indent and _DASH.match(line):
            return _sequence(lines, at, own, depth + 1)
        if own > indent:
            value, end = _mapping(lines, at, own, depth + 1)
            return value, value.pos, end
    raise _Unusual  # an empty value: null, as PyYAML says


def _sequence(lines: list, at: int, indent: int, depth: int) -> tuple:
    """The ``- item`` lines from ``lines[at]``, dashes indented by ``indent``."""
    if depth >= MAX_DEPTH:  # PyYAML says exactly where the limit is passed
        raise _Unusual
    result = Sequence()
    result.pos = (lines[at][0], indent + 1)
    result.item_pos = []
    while at < len(lines):
        number, line = lines[at]
        dash = _DASH.match(line)
        if not dash or len(dash[1]) != indent:
            if _indent(line) > indent:
                raise _Unusual
            break
        column = dash.end() + 1
        as_field = line[:indent] + " " + line[indent + 1:]
        if _FIELD.fullmatch(as_field):  # "- field: value": a mapping, read as if the dash were a space
            lines[at] = (number, as_field)
            value, at = _mapping(lines, at, column - 1, depth + 1)
        else:
            found = _ITEM.fullmatch(line, dash.end())
            if not found:
                raise _Unusual
            value, at = _value(found, 1, number), at + 1
        result.append(value)
        result.item_pos.append((number, column))
    if len(result) > MAX_ITEMS:
        raise _Unusual
    return result, result.pos, at


def _value(found: re.Match, group: int, line: int):
    """The value ``_VALUE`` matched, its groups starting at ``group``."""
    if found[group + 1] is not None:
        return found[group + 1]
    if found[group + 2] is not None:
        return found[group + 2]
    if found[group + 3] is not None:
        return _list(found[group + 3], line, found.start(group) + 1)
    return _plain(found[group + 4])


def _plain(text: str):
    """A plain scalar's value: the text itself, or the number, true/false or null it spells."""
    if not text or ": " in text:
        raise _Unusual
    if text[0] in _MAY_RESOLVE:
        for tag, pattern in Positions.yaml_implicit_resolvers[text[0]]:
            if pattern.match(text):
                if tag not in _BUILD:
                    raise _Unusual
                try:
                    value = _BUILD[tag](text)
                except ValueError:  # more digits than Python reads
                    raise _Unusual from None
                if value != value or value in (float("inf"), float("-inf")):
                    raise _Unusual
                return value
    return text


def _list(inner: str, line: int, column: int) -> Sequence:
    """The items of ``[a, "b", 'c']`` (``inner`` is what the brackets hold; ``column`` is where ``[``
    is), each with its position."""
    result = Sequence()
    result.pos, result.item_pos = (line, column), []
    if not inner.strip(" "):
        return result
    start, end = column + 1, 0  # the column of inner's first character; where the last item ended
    for found in _LIST_ITEM.finditer(inner):
        if found.start() != end:
            raise _Unusual
        result.append(found[2] if found[2] is not None else found[3] if found[3] is not None
                      else _plain(found[4]))
        result.item_pos.append((line, start + found.start(1)))
        end = found.end()
    if end != len(inner) or inner.endswith(",") or len(result) > MAX_ITEMS:
        raise _Unusual
    return result
