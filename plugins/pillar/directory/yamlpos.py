"""Read a YAML file into plain data that remembers where every key and value was written.

Volunteers write listings by hand, so every problem must point at a line and column. PyYAML's
``SafeLoader`` knows each node's position; this loader keeps it:

* mappings become :class:`Mapping` (a ``dict``) with ``key_pos`` and ``value_pos`` per key;
* sequences become :class:`Sequence` (a ``list``) with ``item_pos`` per item;
* both carry ``pos``, where they start.

Positions are 1-based ``(line, column)`` pairs. Duplicate keys are reported instead of silently
keeping the last one. Scalars follow YAML 1.2's plain rules where YAML 1.1 surprises people:
``no``/``on``/``yes`` stay strings, ``19:30`` stays a string (not 1170 minutes), and dates stay
strings so that the schema checks them as written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import yaml

from pillar.directory.safetext import clip
from pillar.directory.yamllimits import (EXPLAIN_LIMIT, FORBIDDEN, MAX_DEPTH, MAX_ITEMS, MAX_TEXT, character,
                                        forbidden_characters, syntax_hint)

Pos = tuple[int, int]


@dataclass(frozen=True)
class YamlProblem:
    line: int
    col: int
    message: str


class Mapping(dict):
    """A dict that remembers the position of itself, of each key and of each value."""

    pos: Pos = (1, 1)
    key_pos: dict
    value_pos: dict


class Sequence(list):
    """A list that remembers the position of itself and of each item."""

    pos: Pos = (1, 1)
    item_pos: list


class _Implicit(str):
    """A tag the loader resolved itself (from how a value is written), not one the file wrote (``!!int``)."""


def _position(node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _resolvers():
    """SafeLoader's implicit resolvers, minus the YAML 1.1 surprises."""
    resolvers = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept = [
            (tag, regexp)
            for tag, regexp in entries
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp",
                           "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
        ]
        resolvers[first] = [(_Implicit(tag), regexp) for tag, regexp in kept]
    extra = [
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
        ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789"),
        ("tag:yaml.org,2002:float",
         re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), "-+0123456789."),
    ]
    for tag, regexp, firsts in extra:
        for first in firsts:
            resolvers.setdefault(first, []).append((_Implicit(tag), regexp))
    return resolvers


class Positions:
    """PyYAML's loaders with YAML 1.2 scalars and resolved tags marked (nodes only: :class:`_Builder` makes values)."""

    yaml_implicit_resolvers = _resolvers()

    def resolve(self, kind, value, implicit):
        """PyYAML's implicit tag resolution, without the path resolvers no loader here uses (asked for every node)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


def _mapping(node, builder: _Builder, depth: int) -> Mapping:
    """A mapping node's value (each key and value read by ``builder`` at ``depth``), with positions; a key
    that is not a plain word, or is given twice, is a problem."""
    result = Mapping()
    result.pos = _position(node)
    result.key_pos, result.value_pos = key_pos, value_pos = {}, {}
    text_of = builder.plain_text
    for key_node, value_node in node.value:
        key = text_of(key_node)
        if key is None:
            key = builder.value(key_node, depth)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                builder.problems.append(YamlProblem(*_position(key_node), "a key must be a plain word"))
                continue
            key = str(key)
        if key in result:
            builder.problems.append(YamlProblem(*_position(key_node), f'"{clip(key)}" is given twice (first on '
                                                f'line {key_pos[key][0]}) — keep one and delete the other'))
            continue
        value = text_of(value_node)
        result[key] = builder.value(value_node, depth) if value is None else value
        key_pos[key] = _position(key_node)
        value_pos[key] = _position(value_node)
    return result


def _sequence(node, builder: _Builder, depth: int) -> Sequence:
    result = Sequence(builder.value(child, depth) for child in node.value)
    result.pos = _position(node)
    result.item_pos = [_position(child) for child in node.value]
    return result


class PositionLoader(Positions, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's fast parser when PyYAML has it."""


class ExplainingLoader(Positions, yaml.SafeLoader):
    """The pure-Python parser: slower, but its syntax errors say more. Used to explain a failure."""


_STR, _MAP, _SEQ = (_Implicit(f"tag:yaml.org,2002:{name}") for name in ("str", "map", "seq"))
_BUILD = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float,
          "tag:yaml.org,2002:bool": lambda text: text.lower() == "true", "tag:yaml.org,2002:null": lambda text: None}
"""What the plain scalars the resolvers above recognise become. Merge keys (``<<``) and value keys
(``=``) stay text, so they are reported as unknown fields rather than merging anything."""

class _Refused(Exception):
    """Reading stops: the file holds something it may not (the problem is recorded already)."""


class _Builder:
    """Turns one document's nodes into values directly: a listing file is a mapping of strings and
    short lists, and PyYAML's general machinery costs more than reading the file. It also refuses
    what a listing never needs and a hostile file could use: explicit tags (``!!binary``,
    ``!!timestamp``…), anchors and aliases (an alias bomb grows exponentially), nesting deeper than
    :data:`MAX_DEPTH`, more than :data:`MAX_ITEMS` items in a list or fields in a mapping, text longer
    than :data:`MAX_TEXT`, control characters and lone surrogates written as escapes."""

    def __init__(self, problems: list[YamlProblem], aliases_possible: bool, escapes_possible: bool):
        self.problems = problems
        self.seen: set[int] | None = set() if aliases_possible else None
        self.escapes = escapes_possible

    def refuse(self, node, message: str):
        self.problems.append(YamlProblem(*_position(node), message))
        raise _Refused

    def value(self, node, depth: int = 1):
        tag = node.tag
        if type(tag) is not _Implicit:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.refuse(node, f"tags such as {clip(shown)} are not allowed — write the value plainly "
                              "(put text in quotes)")
        if self.seen is not None:
            if id(node) in self.seen:
                self.refuse(node, "aliases (*name) are not allowed — write the value out in full")
            self.seen.add(id(node))
        kind = type(node)
        if kind is yaml.ScalarNode:
            if tag == _STR:
                return self.text(node, node.value)
            if tag in _BUILD:
                return self.number(node, tag)
            return self.text(node, node.value)  # "<<" and "=": text, an unknown field
        if depth > MAX_DEPTH:
            self.refuse(node, f"the values are nested more than {MAX_DEPTH} levels deep — a listing needs "
                              "at most four (hours: - day: [monday])")
        if len(node.value) > MAX_ITEMS:
            what = "list has" if kind is yaml.SequenceNode else "set of fields has"
            self.refuse(node, f"this {what} {len(node.value):,} items — at most {MAX_ITEMS:,} are allowed")
        if kind is yaml.SequenceNode:
            return _sequence(node, self, depth + 1)
        return _mapping(node, self, depth + 1)

    def plain_text(self, node) -> str | None:
        """A scalar resolved as text, when :meth:`value` would give it unchanged (no alias, no escape,
        not too long), else None: most of a listing, which a mapping takes this quicker way."""
        if type(node) is yaml.ScalarNode and node.tag is _STR and self.seen is None and not self.escapes:
            text = node.value
            if len(text) <= MAX_TEXT:
                return text
        return None

    def text(self, node, value: str) -> str:
        if len(value) > MAX_TEXT:
            self.refuse(node, f"this text is {len(value):,} characters long — at most {MAX_TEXT:,} are allowed")
        if self.escapes and FORBIDDEN.search(value):
            try:  # an escaped pair of surrogates ("\ud83d\ude00") is one character
                value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            except UnicodeDecodeError:
                pass
            bad = FORBIDDEN.search(value)
            if bad:
                self.refuse(node, f"the text holds {character(bad[0])}, which is not allowed — delete the "
                                  "escape that writes it")
        return value

    def number(self, node, tag: str):
        try:
            value = _BUILD[tag](node.value)
        except ValueError:  # more digits than Python reads (4,300)
            self.refuse(node, f"this number is {len(node.value):,} characters long — write a shorter one")
        if isinstance(value, float) and not math.isfinite(value):
            self.refuse(node, "this number is too large — write a shorter one")
        return value


def load(text: str):
    """Parse one YAML document. Returns ``(data, problems)``; data is None when unreadable or refused.
    Never raises for anything the text holds."""
    if FORBIDDEN.search(text):
        return None, [YamlProblem(*found) for found in forbidden_characters(text)]
    found = _load(text, PositionLoader)
    if (found[0] is None and found[1] and found[1][0].message.startswith("YAML syntax error")
            and "nested too deeply" not in found[1][0].message and len(text) <= EXPLAIN_LIMIT):
        return _load(text, ExplainingLoader)
    return found


def _load(text: str, loader_class):
    problems: list[YamlProblem] = []
    builder = _Builder(problems, aliases_possible="*" in text, escapes_possible="\\" in text)
    loader = None
    try:
        loader = loader_class(text)
        documents = []
        while loader.check_node():
            documents.append(builder.value(loader.get_node()))
    except _Refused:
        return None, problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "unreadable YAML"
        if "maximum nesting depth" in what:
            return None, [YamlProblem(line, col, "YAML syntax error: the values are nested too deeply — a "
                                                 "listing needs at most four levels")]
        return None, [YamlProblem(line, col, f"YAML syntax error: {what} — {syntax_hint(what)}")]
    except yaml.YAMLError as error:
        return None, [YamlProblem(1, 1, f"YAML syntax error: {error}")]
    except RecursionError:  # PyYAML's own parser, without libyaml, nests a call per level
        return None, [YamlProblem(1, 1, "the values are nested too deeply — a listing needs at most four levels")]
    finally:
        if loader is not None:
            loader.dispose()
    if len(documents) > 1:
        return None, [YamlProblem(1, 1, "the file holds several YAML documents (---) — keep one listing per file")]
    return (documents[0] if documents else None), problems


def locate(data, path) -> Pos:
    """The position of the value at ``path`` (keys and indexes) inside loaded data, as far as the path
    exists: a missing tail gives the deepest known position."""
    pos = getattr(data, "pos", (1, 1))
    node = data
    for step in path:
        if isinstance(node, Mapping) and step in node:
            pos = node.value_pos[step]
            node = node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            pos = node.item_pos[step]
            node = node[step]
        else:
            break
    return pos


def locate_key(data, path) -> Pos:
    """The position of the key that ends ``path`` (or of the mapping, when the path is empty)."""
    if not path:
        return getattr(data, "pos", (1, 1))
    parent = data
    for step in path[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return locate(data, path)
    if isinstance(parent, Mapping) and path[-1] in parent:
        return parent.key_pos[path[-1]]
    return locate(data, path)
