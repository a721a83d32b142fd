"""Positions, duplicate keys and YAML 1.1 surprises."""

import pytest

from pillar import yamlpos


def test_positions_of_keys_values_and_items():
    data, problems = yamlpos.load("# comment\nname: A\nday:\n  - monday\n  - friday\naddress: {city: X}\n")
    assert problems == []
    assert data.key_pos["name"] == (2, 1)
    assert data.value_pos["name"] == (2, 7)
    assert data["day"].item_pos == [(4, 5), (5, 5)]
    assert yamlpos.locate(data, ["day", 1]) == (5, 5)
    assert yamlpos.locate(data, ["address", "city"]) == (6, 17)
    assert yamlpos.locate_key(data, ["address"]) == (6, 1)
    assert yamlpos.locate(data, ["missing", 3]) == data.pos


@pytest.mark.parametrize("text, value", [
    ("t: 19:30", "19:30"),          # YAML 1.1: 1170 (sexagesimal minutes)
    ("t: no", "no"),                # YAML 1.1: False
    ("t: on", "on"),
    ("t: 2026-01-01", "2026-01-01"),  # YAML 1.1: a date object
    ("t: true", True),
    ("t: 0", 0),
    ("t: -97.5", -97.5),
    ("t: 0755", "0755"),
    ("t: 1_000", "1_000"),
    ("t: ~", None),
])
def test_plain_scalars(text, value):
    data, problems = yamlpos.load(text)
    assert problems == [] and data["t"] == value and type(data["t"]) is type(value)


def test_duplicate_keys_are_problems_not_silently_dropped():
    data, problems = yamlpos.load("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert [(p.line, p.col, p.message) for p in problems] == [
        (4, 3, '"c" is given twice (first on line 3) — keep one and delete the other'),
        (5, 1, '"a" is given twice (first on line 1) — keep one and delete the other'),
    ]
    assert data["a"] == 1


@pytest.mark.parametrize("text, line, col, hint", [
    ("name: a: b\n", 1, 8, "put text that contains a colon in quotes"),
    ("name: a\n  day: b\n", 2, 6, "put text that contains a colon in quotes"),
    ("name: 'open\n", 2, 1, "check the indentation and quotes on this line and the one before"),
    ("name: `x`\n", 1, 7, "put the value in quotes"),
    ("a: 1\n---\nb: 2\n", 1, 1, None),
])
def test_syntax_errors_have_a_position_and_a_hint(text, line, col, hint):
    data, problems = yamlpos.load(text)
    assert data is None
    (problem,) = problems
    assert (problem.line, problem.col) == (line, col)
    if hint:
        assert problem.message.endswith(hint)
    else:
        assert problem.message == "the file holds several YAML documents (---) — keep one listing per file"


def test_keys_must_be_plain():
    data, problems = yamlpos.load("[a]: 1\nb: 2\n")
    assert [(p.line, p.message) for p in problems] == [(1, "a key must be a plain word")]
    assert data == {"b": 2}


@pytest.mark.parametrize("text, value", [
    ("a: &x {p: 1}\nb: *x\n", {"a": {"p": 1}, "b": {"p": 1}}),           # an alias
    ("a: &x {p: 1}\nb:\n  <<: *x\n  q: 3\n", {"a": {"p": 1}, "b": {"p": 1, "q": 3}}),  # a merge key
    ("a: !!str 5\nb: !!int '7'\nc: !!float '1'\n", {"a": "5", "b": 7, "c": 1.0}),  # explicit tags
    ("a: [1, [2, 3]]\n", {"a": [1, [2, 3]]}),
    ("=: x\n", {"=": "x"}),                                             # "=" is a key like any other
])
def test_unusual_yaml_reads_as_pyyaml_would(text, value):
    data, problems = yamlpos.load(text)
    assert problems == [] and data == value


def test_a_problem_inside_an_aliased_mapping_is_reported_once():
    data, problems = yamlpos.load("a: &i {x: 1, x: 2}\nc: *i\n")
    assert [(p.line, p.col) for p in problems] == [(1, 14)] and data["c"] is data["a"]


def test_an_alias_is_the_same_value_in_both_places():
    data, _ = yamlpos.load("a: &x [1]\nb: *x\n")
    assert data["a"] is data["b"] and data["b"].item_pos == [(1, 8)]


@pytest.mark.parametrize("text, message", [
    ("a: &x [1, *x]\n", "found unconstructable recursive node"),
    ("a: !python/name:os.system x\n", "could not determine a constructor for the tag"),
])
def test_yaml_a_listing_cannot_hold_is_a_problem_not_a_crash(text, message):
    data, (problem,) = yamlpos.load(text)
    assert data is None and problem.line == 1 and message in problem.message
