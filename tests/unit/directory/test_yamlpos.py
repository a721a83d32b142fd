"""Positions, duplicate keys and YAML 1.1 surprises."""

import pytest

from pillar.directory import yamlpos


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
    ("a: [1, [2, 3]]\n", {"a": [1, [2, 3]]}),
    ("=: x\n", {"=": "x"}),                                             # "=" is a key like any other
    ("<<: {p: 1}\nq: 3\n", {"<<": {"p": 1}, "q": 3}),                   # so is "<<": nothing is merged
    ("a: \"\\ud83d\\ude00 \\u00e9\"\n", {"a": "\U0001f600 \u00e9"}),      # an escaped surrogate pair is one character
])
def test_unusual_yaml_reads_as_pyyaml_would(text, value):
    data, problems = yamlpos.load(text)
    assert problems == [] and data == value


@pytest.mark.parametrize("text, line, col, message", [
    ("a: &x {p: 1}\nb: *x\n", 1, 4, "aliases (*name) are not allowed"),
    ("a: &x {p: 1}\nb:\n  <<: *x\n  q: 3\n", 1, 4, "aliases (*name) are not allowed"),
    ("a: &x [1, *x]\n", 1, 4, "aliases (*name) are not allowed"),
    ("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", 1, 4, "aliases (*name) are not allowed"),
    ("a: !!str 5\n", 1, 4, "tags such as !!str are not allowed"),
    ("b: x\na: !!int 0x1F\n", 2, 4, "tags such as !!int are not allowed"),
    ("a: !!float .inf\n", 1, 4, "tags such as !!float are not allowed"),
    ("a: !!timestamp 2026-99-99\n", 1, 4, "tags such as !!timestamp are not allowed"),
    ("a: !!set {x, y}\n", 1, 4, "tags such as !!set are not allowed"),
    ("a: !!binary aGk=\n", 1, 4, "tags such as !!binary are not allowed"),
    ("a: !python/name:os.system x\n", 1, 4, "tags such as !python/name:os.system are not allowed"),
    ('a: "x\\0y"\n', 1, 4, "U+0000 (a control character)"),
    ('a: "\\e[31m"\n', 1, 4, "U+001B (a control character)"),
    ('a: "\\ud800"\n', 1, 4, "U+D800 (half of a character, a lone surrogate)"),
    ('a: "\\U0000DFFF"\n', 1, 4, "U+DFFF (half of a character, a lone surrogate)"),
    ("a: 1\nb: x\x00y\n", 2, 5, "the file holds U+0000 (a control character) — delete it"),
    ("a: 1\nb: x\x1b[2Jy\n", 2, 5, "U+001B (a control character)"),
    ("a: x\x85b: y\n", 1, 5, "U+0085 (NEXT LINE, a line break editors do not show) — replace it"),
    ("a: x\u2028b: y\nc: d\u2029\n", 1, 5, "U+2028 (LINE SEPARATOR"),
    ("a: \ufffe\n", 1, 4, "U+FFFE (not a character)"),
    ("a: " + "1" * 5000 + "\n", 1, 4, "this number is 5,000 characters long"),
    ("a: 1.0e999\n", 1, 4, "this number is too large"),
    ("a: " + "[" * 9 + "]" * 9 + "\n", 1, 11, "nested more than 8 levels deep"),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1, 1003, "nested too deeply"),
    ("a: [" + ", ".join(["x"] * 1001) + "]\n", 1, 4, "this list has 1,001 items — at most 1,000 are allowed"),
    ("a: " + "x" * 20_001 + "\n", 1, 4, "this text is 20,001 characters long — at most 20,000 are allowed"),
])
def test_yaml_a_listing_cannot_hold_is_a_problem_not_a_crash(text, line, col, message):
    data, (problem, *more) = yamlpos.load(text)
    assert data is None and (problem.line, problem.col) == (line, col) and message in problem.message


def test_line_numbers_count_lines_as_editors_do():
    """NEL, LS and PS are line breaks to YAML but not to editors: each is reported on the line an
    editor shows, and a position never points past the end of the file."""
    text = "a: 1\nb: x\u2028y\u2028z\nc: w\x85v\n"
    data, problems = yamlpos.load(text)
    assert [(p.line, p.col) for p in problems] == [(2, 5), (3, 5)]
    assert all(p.line <= text.count("\n") for p in problems)
