"""Reading a module's imports, and the modules a page's script needs before it runs."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import REPO
from pillar.site.modulegraph import Import, imports, static_graph

THEME_JS = REPO / "theme" / "static" / "js"

SHAPES = [
    ("import { a, b } from './x.js';", [Import("./x.js", True)]),
    ('import {a as b} from "./x.js"', [Import("./x.js", True)]),
    ("import {\n  a,\n  b,\n} from './x.js';", [Import("./x.js", True)]),
    ("import x from './x.js';", [Import("./x.js", True)]),
    ("import x, { y } from './x.js';", [Import("./x.js", True)]),
    ("import * as x from './x.js';", [Import("./x.js", True)]),
    ("import './y.js';", [Import("./y.js", True)]),
    ("import'./y.js'", [Import("./y.js", True)]),
    ("export { a } from './x.js';", [Import("./x.js", True)]),
    ("export * from './x.js';", [Import("./x.js", True)]),
    ("export * as ns from '../x.js';", [Import("../x.js", True)]),
    ("export { a };", []),
    ("export function from() {}", []),
    ("const m = await import('./z.js');", [Import("./z.js", False)]),
    ("button.onclick = () => import( './z.js' ).then(show);", [Import("./z.js", False)]),
    ("import(`./${name}.js`);", []),  # worked out as it runs: not a module one can list
    ("import('./' + name);", []),
    ("// import { a } from './no.js';", []),
    ("/* import './no.js'; */", []),
    ("/*\n * import { a } from './no.js';\n */ import './yes.js';", [Import("./yes.js", True)]),
    ("const s = \"import { a } from './no.js'\";", []),
    ("const s = 'it\\'s import \"./no.js\"';", []),
    ("const s = `import './no.js' ${`nested ${'x'}`}`; import './yes.js';", [Import("./yes.js", True)]),
    ("const re = /import '.\\/no.js'/; import './yes.js';", [Import("./yes.js", True)]),
    ("const half = total / 2; import './yes.js'; const r = a / b;", [Import("./yes.js", True)]),
    ("if (import.meta.url) {}", []),
    ("thing.import('./no.js'); x.import = 1;", []),
    ("import { a } from 'https://example.org/x.js';", [Import("https://example.org/x.js", True)]),
]


@pytest.mark.parametrize(("source", "expected"), SHAPES)
def test_imports_are_read_from_the_code_alone(source, expected):
    assert imports(source) == expected


def write(folder: Path, modules: dict[str, str]) -> Path:
    for name, text in modules.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_graph_is_every_static_import_entry_first_and_each_once(tmp_path):
    write(tmp_path, {
        "main.js": "import { a } from './a.js';\nimport './b.js';\nconst m = () => import('./lazy.js');",
        "a.js": "import { c } from './lib/c.js';\nexport const a = 1;",
        "b.js": "export * from './a.js';",
        "lib/c.js": "import { d } from '../d.js';\nimport { e } from './gone.js';",
        "d.js": "import { main } from './main.js';",  # a cycle back to the entry
        "lazy.js": "import { x } from './never.js';",
    })
    assert static_graph(tmp_path, "main.js") == ["main.js", "a.js", "b.js", "lib/c.js", "d.js"]


def test_the_graph_follows_the_modules_as_they_change(tmp_path):
    write(tmp_path, {"main.js": "import './a.js';", "a.js": ""})
    assert static_graph(tmp_path, "main.js") == ["main.js", "a.js"]
    write(tmp_path, {"main.js": "import './a.js';\nimport './b.js'; // now b too", "b.js": ""})
    assert static_graph(tmp_path, "main.js") == ["main.js", "a.js", "b.js"]


def test_nothing_outside_the_folder_or_missing_is_listed(tmp_path):
    write(tmp_path, {"js/main.js": "import '../../etc/x.js'; import 'bare'; import '/abs.js';"})
    assert static_graph(tmp_path / "js", "main.js") == ["main.js"]
    assert static_graph(tmp_path / "js", "nothing.js") == []


def test_the_finder_waits_for_no_lazy_module():
    found = static_graph(THEME_JS, "finder.js")
    assert found[0] == "finder.js"
    assert "map.js" not in found and "search.js" not in found  # leaflet and lunr stay lazy


NAMES = st.sampled_from([f"{letter}.js" for letter in string.ascii_lowercase[:8]] + ["sub/i.js", "sub/j.js"])
IMPORT_SHAPES = st.sampled_from([  # (the line, whether it is a static import)
    ("import {{ x }} from '{spec}';", True), ("import '{spec}';", True), ("export * from '{spec}';", True),
    ('import * as m from "{spec}";', True), ("const lazy = () => import('{spec}');", False),
    ("// import '{spec}';", False), ("/* import {{ x }} from '{spec}'; */", False),
    ("const s = `import '{spec}'`;", False),
])


@st.composite
def folders(draw):
    """Modules importing one another in every shape, some of them missing: (their text, for each
    module the modules it imports statically)."""
    names = draw(st.lists(NAMES, min_size=1, max_size=10, unique=True))
    modules, static = {}, {}
    for name in names:
        lines, static[name] = [], []
        for target, (shape, is_static) in draw(st.lists(st.tuples(NAMES, IMPORT_SHAPES), max_size=5)):
            inside = name.startswith("sub/")
            lines.append(shape.format(spec=("../" if inside else "./") + target))
            if is_static:
                static[name].append(target)
        modules[name] = "\n".join(lines)
    return modules, static


def closure(static: dict[str, list[str]], entry: str) -> set[str]:
    """Every existing module the static imports reach from ``entry``."""
    reached, todo = set(), [entry]
    while todo:
        name = todo.pop()
        if name in static and name not in reached:
            reached.add(name)
            todo += static[name]
    return reached


@settings(max_examples=150, deadline=None)
@given(folders())
def test_the_graph_is_the_closure_of_static_imports(tmp_path_factory, drawn):
    modules, static = drawn
    folder = write(tmp_path_factory.mktemp("js"), modules)
    entry = next(iter(modules))
    found = static_graph(folder, entry)
    assert found[0] == entry
    assert len(found) == len(set(found))  # each module once
    assert all((folder / name).is_file() for name in found)  # every module listed exists
    assert set(found) == closure(static, entry)  # everything needed, nothing lazy, commented or missing
