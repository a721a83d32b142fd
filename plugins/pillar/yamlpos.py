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

import re
from dataclasses import dataclass
from functools import partial

import yaml

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
        resolvers[first] = kept
    extra = [
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
        ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789"),
        ("tag:yaml.org,2002:float",
         re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), "-+0123456789."),
    ]
    for tag, regexp, firsts in extra:
        for first in firsts:
            resolvers.setdefault(first, []).append((tag, regexp))
    return resolvers


class Positions:
    """What both loaders below add to PyYAML's: positions, duplicate keys as problems, YAML 1.2 scalars."""

    yaml_implicit_resolvers = _resolvers()

    def __init__(self, stream):
        super().__init__(stream)
        self.problems: list[YamlProblem] = []

    def resolve(self, kind, value, implicit):
        """PyYAML's implicit tag resolution, without its path resolvers (which no loader here uses):
        the composer asks for every node, so this is worth keeping short."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_yaml_int(self, node):
        return int(self.construct_scalar(node))

    def construct_yaml_float(self, node):
        return float(self.construct_scalar(node))

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping", node.start_mark)
        self.flatten_mapping(node)
        return _mapping(node, self._deep, self.problems)

    def construct_sequence(self, node, deep=False):
        return _sequence(node, self._deep)

    def _deep(self, node):
        return self.construct_object(node, deep=True)


def _mapping(node, value_of, problems: list[YamlProblem]) -> Mapping:
    """A mapping node's value (each key and value read by ``value_of``), with positions; a key that is
    not a plain word, or is given twice, is a problem."""
    result = Mapping()
    result.pos = _position(node)
    result.key_pos, result.value_pos = key_pos, value_pos = {}, {}
    for key_node, value_node in node.value:
        key = value_of(key_node)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            line, col = _position(key_node)
            problems.append(YamlProblem(line, col, "a key must be a plain word"))
            continue
        key = str(key)
        if key in result:
            line, col = _position(key_node)
            problems.append(YamlProblem(
                line, col, f'"{key}" is given twice (first on line {key_pos[key][0]}) — keep one and delete the other'))
            continue
        result[key] = value_of(value_node)
        key_pos[key] = _position(key_node)
        value_pos[key] = _position(value_node)
    return result


def _sequence(node, value_of) -> Sequence:
    result = Sequence(value_of(child) for child in node.value)
    result.pos = _position(node)
    result.item_pos = [_position(child) for child in node.value]
    return result


class PositionLoader(Positions, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's fast parser when PyYAML has it."""


class ExplainingLoader(Positions, yaml.SafeLoader):
    """The pure-Python parser: slower, but its syntax errors say more. Used to explain a failure."""


for _loader in (PositionLoader, ExplainingLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", Positions.construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", Positions.construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:int", Positions.construct_yaml_int)
    _loader.add_constructor("tag:yaml.org,2002:float", Positions.construct_yaml_float)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SPECIAL_KEYS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")
"""Keys (``<<`` and ``=``) that PyYAML's mapping constructor treats specially."""


class _Builder:
    """Turns one document's nodes into values, as the loader's constructors would, but directly:
    a listing file is a mapping of strings and short lists, and PyYAML's general machinery costs more
    than reading the file. Anything unusual (merge keys, explicit tags) is handed to the loader; both
    share the loader's record of what is built, so an alias is built once and a collection that
    contains itself is reported as PyYAML reports it."""

    def __init__(self, loader):
        self.loader = loader

    def value(self, node):
        if node.tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        loader = self.loader
        if node in loader.constructed_objects:
            return loader.constructed_objects[node]
        if node.tag == _MAP and type(node) is yaml.MappingNode:
            if any(key.tag in _SPECIAL_KEYS for key, _ in node.value):
                return loader.construct_object(node, deep=True)
            build = partial(_mapping, value_of=self.value, problems=loader.problems)
        elif node.tag == _SEQ and type(node) is yaml.SequenceNode:
            build = partial(_sequence, value_of=self.value)
        else:
            return loader.construct_object(node, deep=True)
        if node in loader.recursive_objects:
            raise yaml.constructor.ConstructorError(None, None, "found unconstructable recursive node",
                                                    node.start_mark)
        loader.recursive_objects[node] = None
        result = loader.constructed_objects[node] = build(node)
        del loader.recursive_objects[node]
        return result

    def document(self, node):
        """The document's value; the loader forgets what it built, as after ``construct_document``."""
        try:
            return self.value(node)
        finally:
            self.loader.constructed_objects, self.loader.recursive_objects = {}, {}


def load(text: str):
    """Parse one YAML document. Returns ``(data, problems)``; data is None when unreadable."""
    found = _load(text, PositionLoader)
    if found[0] is None and found[1] and found[1][0].message.startswith("YAML syntax error"):
        return _load(text, ExplainingLoader)
    return found


def _load(text: str, loader_class):
    loader = loader_class(text)
    try:
        documents = []
        while loader.check_node():
            documents.append(_Builder(loader).document(loader.get_node()))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "unreadable YAML"
        return None, [YamlProblem(line, col, f"YAML syntax error: {what} — {_syntax_hint(what)}")]
    except yaml.YAMLError as error:
        return None, [YamlProblem(1, 1, f"YAML syntax error: {error}")]
    finally:
        loader.dispose()
    if len(documents) > 1:
        return None, [YamlProblem(1, 1, "the file holds several YAML documents (---) — keep one listing per file")]
    return (documents[0] if documents else None), loader.problems


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "put text that contains a colon in quotes"
    if "tab" in problem or "\\t" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return 'each line needs "field: value"'
    if "found character" in problem and ("'@'" in problem or "'`'" in problem):
        return "put the value in quotes"
    return "check the indentation and quotes on this line and the one before"


def locate(data, path) -> Pos:
    """The position of the value at ``path`` (keys and indexes) inside loaded data.

    Walks as far as the path exists; a missing tail gives the deepest known position.
    """
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
