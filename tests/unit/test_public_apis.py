"""Pillar uses only the public names of the packages it depends on.

A private name (``_escape_inner``, ``CodeGenerator._output_child_pre``) can change or vanish in any
release, and the ones that mattered here sat on the path that escapes volunteers' text. The check
reads every module under plugins/ and fails with the offending lines when one:

- imports a private name or module of another package (``from markupsafe._speedups import …``,
  ``from jinja2 import _x``);
- reads or calls a private attribute that Pillar does not define itself (``module._x``,
  ``super()._make_node(…)``, ``token._private``) — Pillar's own private helpers are fine, and so is
  the standard library (``os._exit`` is documented);
- defines a method that overrides a private method of another package's class;
- replaces a method on an object by assigning a function to it (``env.make_globals = lambda …``).
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

from helpers import REPO

PLUGINS = REPO / "plugins"
STDLIB = frozenset(sys.stdlib_module_names)
NAMEDTUPLE_API = frozenset({"_replace", "_asdict", "_fields", "_make", "_field_defaults"})
"""The standard library's documented names that start with an underscore, usable on any named tuple."""


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _third_party(module: str | None, level: int = 0) -> bool:
    if level or not module:
        return False
    top = module.split(".")[0]
    return top != "pillar" and top not in STDLIB


class _Module:
    """One module's imports and the places where it may use another package's private names."""

    def __init__(self, path: Path, source: str):
        self.path, self.tree = path, ast.parse(source, str(path))
        self.lines = source.splitlines()
        self.foreign: dict[str, str] = {}  # local name → the third-party module path it stands for
        self.stdlib: set[str] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    target = alias.name if alias.asname else alias.name.split(".")[0]
                    if _third_party(alias.name):
                        self.foreign[local] = target
                    elif alias.name.split(".")[0] in STDLIB:
                        self.stdlib.add(local)
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    local = alias.asname or alias.name
                    if _third_party(node.module, node.level):
                        self.foreign[local] = f"{node.module}.{alias.name}"
                    elif not node.level and (node.module or "").split(".")[0] in STDLIB:
                        self.stdlib.add(local)

    def where(self, node: ast.AST, why: str) -> str:
        return f"{self.path.relative_to(REPO)}:{node.lineno}: {why}: {self.lines[node.lineno - 1].strip()}"


def own_names(modules: list[_Module]) -> set[str]:
    """Every name Pillar defines: functions, classes, variables, arguments, attributes it assigns."""
    names = set()
    for module in modules:
        for node in ast.walk(module.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.alias) and node.asname:
                names.add(node.asname)
            elif isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
    return names


def _resolve(dotted: str):
    """The object a dotted name from an import stands for (None if it cannot be imported here)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:]:
                value = getattr(value, part)
        except AttributeError:
            return None
        return value
    return None


def _foreign_bases(module: _Module, node: ast.ClassDef) -> list[type]:
    bases = []
    for base in node.bases:
        dotted = ast.unparse(base)
        head, _, rest = dotted.partition(".")
        if head in module.foreign:
            resolved = _resolve(module.foreign[head] + ("." + rest if rest else ""))
            if isinstance(resolved, type):
                bases.append(resolved)
    return bases


def offences(modules: list[_Module], ours: set[str]) -> list[str]:
    found = []
    for module in modules:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if _third_party(alias.name) and any(map(_private, alias.name.split("."))):
                        found.append(module.where(node, f"imports the private module {alias.name}"))
            elif isinstance(node, ast.ImportFrom) and _third_party(node.module, node.level):
                if any(map(_private, node.module.split("."))):
                    found.append(module.where(node, f"imports from the private module {node.module}"))
                for alias in node.names:
                    if _private(alias.name):
                        found.append(module.where(node, f"imports the private name {node.module}.{alias.name}"))
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                value = node.value
                if isinstance(value, ast.Name) and value.id in module.foreign:
                    found.append(module.where(node, f"uses {module.foreign[value.id]}.{node.attr}"))
                elif isinstance(value, ast.Name) and value.id in module.stdlib:
                    continue  # the standard library's (os._exit, sys._getframe)
                elif node.attr not in ours and node.attr not in NAMEDTUPLE_API:
                    found.append(module.where(node, f"uses {node.attr}, which Pillar does not define"))
            elif isinstance(node, ast.ClassDef):
                bases = _foreign_bases(module, node)
                for item in node.body:
                    if (isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and _private(item.name)
                            and any(hasattr(base, item.name) for base in bases)):
                        found.append(module.where(item, f"overrides the private method {item.name}"))
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
                for target in node.targets:
                    if isinstance(target, ast.Attribute):
                        found.append(module.where(node, f"replaces the method {target.attr} with a function"))
    return found


def read(folder: Path) -> list[_Module]:
    return [_Module(path, path.read_text(encoding="utf-8")) for path in sorted(folder.rglob("*.py"))]


def test_pillar_uses_only_public_names_of_other_packages():
    modules = read(PLUGINS)
    assert len(modules) > 30
    problems = offences(modules, own_names(modules))
    assert not problems, "private names of other packages:\n" + "\n".join(problems)


# The check itself, on code that did each of these things, and on code that is fine.

@pytest.mark.parametrize("source", [
    "from markupsafe._speedups import _escape_inner\n",
    "from markupsafe import _escape_inner\n",
    "import markupsafe._speedups\n",
    "import jinja2\nx = jinja2._make_node\n",
    "from jinja2.compiler import CodeGenerator\n"
    "class Plain(CodeGenerator):\n    def _output_child_pre(self, node, frame, finalize):\n        pass\n",
    "from jinja2.ext import InternationalizationExtension as I18n\n"
    "class Fixed(I18n):\n    def parse(self, parser):\n        return super()._make_node(parser)\n",
    "def f(env):\n    env.make_globals = lambda extra=None: {}\n",
    "def f(token):\n    return token._undocumented\n",
])
def test_the_check_finds_private_names(source):
    modules = [_Module(REPO / "bad.py", source)]
    assert offences(modules, own_names(modules))


@pytest.mark.parametrize("source", [
    "import os\ndef f():\n    os._exit(0)\n",
    "from collections import namedtuple\nP = namedtuple('P', 'x')\nq = P(1)._replace(x=2)\n",
    "class Cache:\n    def _load(self):\n        return self._data\n    def __init__(self):\n        self._data = {}\n",
    "from pelican.generators import Generator\nclass G(Generator):\n    def _mine(self):\n        pass\n",
    "from markupsafe import Markup, escape\nx = escape('<') + Markup('<b>')\n",
    "def f(x):\n    return x.__html__()\n",
])
def test_the_check_lets_public_and_own_names_be(source):
    modules = [_Module(REPO / "fine.py", source)]
    assert offences(modules, own_names(modules)) == []
