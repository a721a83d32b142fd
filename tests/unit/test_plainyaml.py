"""The fast reader of everyday listing files gives what PyYAML gives, or leaves the file to it."""

import random

import pytest

from pillar import plainyaml, yamlpos


def shape(value):
    """A value with every position and type in it, for comparing two readings exactly."""
    if isinstance(value, yamlpos.Mapping):
        return ("mapping", value.pos, [(key, value.key_pos[key], value.value_pos[key], shape(item))
                                       for key, item in value.items()])
    if isinstance(value, yamlpos.Sequence):
        return ("sequence", value.pos, value.item_pos, [shape(item) for item in value])
    return (type(value).__name__, value)


def same_as_pyyaml(text: str) -> bool:
    """Whether the fast reader took the file; when it did, it must agree with PyYAML exactly."""
    fast = plainyaml.read(text)
    if fast is None:
        return False
    data, problems = yamlpos.load(text)
    assert problems == [] and fast[1] == []
    assert shape(fast[0]) == shape(data), text
    return True


EVERYDAY = [
    "name: A\n",
    "name: A",                                                    # no line break at the end
    "# a comment\n\nname: Freedom Group\nday: sunday\n",
    'time: "19:30"\nend_time: \'20:30\'\nnotes: ""\n',
    "time: 19:30\nt2: no\nt3: on\nwhen: 2026-01-01\n",           # YAML 1.1 surprises stay text
    "a: true\nb: False\nc: 0\nd: -97.5\ne: 0755\nf: 1_000\ng: ~\nh: null\ni: +3\nj: .5\n",
    "types: [M, X, CAN]\nregions: [\"AE\", 'Dubai', North Austin]\nempty: []\nspaced: [ a ,  b ]\n",
    "types:\n- O\n- D\nname: x\n",                              # a list with its dashes at the field's indent
    "types:\n  - O\n  -   D\nname: x\n",
    "address:\n  street: 1 Main St\n  city: Austin\n  postal_code: '64113'\nname: x\n",
    "hours:\n  - day: [monday, tuesday]\n    opens: \"10:00\"\n    closes: \"18:00\"\n  - day: friday\n"
    "    opens: \"10:00\"\n    closes: \"15:00\"\nphone: \"+1-512-555-0121\"\n",
    "hours:\n- day:\n  - monday\n  opens: x\n",
    "website: https://example.com/a?b=c&d=e\nemail: a@example.org\nname: St. Paul's [north] {hall}\n",
    "name: a:b, c - d, e|f >g 'h' \"i\" %j @k `l` !m &n *o\n",   # indicators after the first character
    "lat: -97.7654\nname: -x\nq: ?x\nc: :x\n",
    "name: Café Zürich — 会議\n",
    "name:    spaced out   \nnext:  [x]  \n",
    "n: 12 Step Group\nm: 1.2.3\nk: 1e5\nl: 3.\n",
    "trueish: x\nnullable: y\nfalse_alarm: z\n",
    "regions: ['Little Rock, AR', \"a, b\", c]\n",                 # commas inside quoted items
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_files_read_as_pyyaml_reads_them(text):
    assert same_as_pyyaml(text)


UNUSUAL = [
    "",                                        # empty: PyYAML says null
    "# only a comment\n",
    "name: A\tB\n",                            # a tab
    "name: A\r\nday: monday\r\n",              # Windows line ends
    "\ufeffname: A\n",                         # a byte-order mark
    "name: A\x85B\n",                          # a YAML 1.1 line break
    'name: "A \\"B\\""\n',                     # escapes
    "name: 'it''s'\n",                         # a quote inside quotes
    "name: A # a comment\n",
    "name: Room #3\n",
    "name: A\n  continued\n",                  # text over several lines
    "notes: |\n  line one\n  line two\n",
    "notes: >\n  folded\n",
    "name: 'open\n",
    "name: &a x\nother: *a\n",                 # an anchor and an alias
    "name: !!str 5\n",
    "name: A\nname: B\n",                      # a field given twice
    "name:\nday: monday\n",                    # an empty value
    "name: a: b\n",
    "name: a:\n",
    "true: x\n",                               # a field PyYAML reads as a boolean
    "null: x\n",
    "<<: x\n",
    "a: <<\n",
    "a: =\n",
    "name : A\n",                              # a space before the colon
    "  name: A\n",                             # an indented first field
    "name: A\n  day: monday\n",
    "---\nname: A\n",
    "name: A\n...\n",
    "%YAML 1.2\n---\nname: A\n",
    "address: {city: X}\n",
    "types: [a, [b]]\n",
    "types: [a, b,]\n",
    "types: [a,, b]\n",
    "types: [a: b]\n",
    "types: [what?]\n",
    "types: [a\n",
    "types:\n- a\n -b\n",
    "types:\n  - a\n - b\n",
    "types:\n-\n",
    "- a\n- b\n",                              # a list, not a mapping
    "hours:\n  - day: monday\n     opens: x\n",
    "name: -\n",
    "name: - x\n",
    "name: ? x\n",
    "name: [a] b\n",
    "k" * 101 + ": x\n",                       # longer than a field name can be
]


@pytest.mark.parametrize("text", UNUSUAL)
def test_anything_else_is_left_to_pyyaml(text):
    assert plainyaml.read(text) is None


# Generated files: fields and lists built from pieces chosen to sit on the edges of the rules.
WORDS = ["a", "name", "North Austin", "St. Paul's", "19:30", "2026-01-01", "true", "FALSE", "null", "~",
         "0", "-1", "+2", "3.5", ".5", "1e5", "0755", "12 Step", "a:b", "a: b", "a :b", "a:", "a #b", "a#b",
         "-x", "- x", "-", "?x", ":x", "[x]", "x]", "{x}", "x,y", "x, y", "'q'", '"q"', "it's", 'say "hi"',
         "<<", "=", "&x", "*x", "!x", "|x", ">x", "%x", "@x", "`x`", "Café", "a  b", "yes", "no", "on"]
KEYS = ["name", "day", "types", "true", "notes", "_x", "k1", "name", "Null", "trueish"]


def _scalar(rng):
    word = rng.choice(WORDS)
    return rng.choice([word, f'"{word}"', f"'{word}'"])


def _flow(rng):
    items = [_scalar(rng) for _ in range(rng.randrange(0, 4))]
    return "[" + rng.choice([",", ", ", " , "]).join(items) + rng.choice(["]", " ]"])


def _field(rng, indent: int) -> list[str]:
    pad, key = " " * indent, rng.choice(KEYS)
    form = rng.randrange(6)
    if form == 0:
        return [f"{pad}{key}:{rng.choice([' ', '  '])}{_flow(rng)}"]
    if form == 1:
        dash = " " * (indent + rng.choice([0, 2]))
        return [f"{pad}{key}:"] + [f"{dash}- {_scalar(rng)}" for _ in range(rng.randrange(1, 4))]
    if form == 2 and indent == 0:
        return [f"{pad}{key}:"] + [line for _ in range(rng.randrange(1, 3)) for line in _field(rng, 2)]
    if form == 3 and indent == 0:
        lines = [f"{pad}{key}:"]
        for _ in range(rng.randrange(1, 3)):
            first, *rest = _field(rng, 4)
            lines += [f"  - {first.lstrip()}"] + rest
        return lines
    return [f"{pad}{key}: {_scalar(rng)}{rng.choice(['', ' '])}"]


def test_generated_files_read_as_pyyaml_reads_them():
    rng = random.Random(20261126)
    taken = 0
    for _ in range(4000):
        lines = []
        for _ in range(rng.randrange(1, 6)):
            lines += _field(rng, 0)
            if rng.random() < 0.1:
                lines.append(rng.choice(["", "# note", "  # indented note"]))
        taken += same_as_pyyaml("\n".join(lines) + rng.choice(["\n", ""]))
    assert taken > 400  # the generator makes plenty of everyday files, not only unusual ones
