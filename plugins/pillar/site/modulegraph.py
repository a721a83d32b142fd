"""Which ES modules a page's script needs before it can run, read from the modules themselves.

A browser finds a module's imports only once the module has arrived, so on a slow network a chain of
imports costs a round trip per level. Listing every module of the chain in the page, with
``<link rel="modulepreload">``, lets it ask for them all at once. The list is worked out at build time
from the static ``import … from './x.js'``, ``import './x.js'`` and ``export … from './x.js'``
statements of the theme's scripts, so it stays right as they change. Dynamic ``import('./x.js')``
is left out on purpose: those modules (the map, the full-text search) load when they are needed.

Only relative specifiers (``./``, ``../``) count; text in comments, strings, template literals and
regular expressions is never taken for an import.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
_REGEX_AFTER_WORDS = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw",
                      "yield", "await", "instanceof"}


@dataclass(frozen=True)
class Import:
    specifier: str
    static: bool
    """False for ``import('…')``, which runs when the code reaches it."""


def _mask(text: str) -> tuple[str, dict[int, str]]:
    """The code with comments, strings, template literals and regular expressions blanked out (their
    quotes kept, so positions stay), and each plain string's value by the position of its opening quote."""
    out, strings = list(text), {}
    i, n = 0, len(text)
    braces: list[int] = []  # for each open `${`, the depth of { } it was opened at
    depth = 0

    def blank(start: int, end: int) -> None:
        out[start:end] = " " * (end - start)

    def last_word(at: int) -> str:
        match = re.search(r"([\w$]+)\s*$", text[max(0, at - 20):at])
        return match.group(1) if match else ""

    def template(at: int) -> int:
        """Scans a template literal's text from ``at``; returns where code resumes."""
        while at < n:
            if text[at] == "\\":
                blank(at, at + 2)
                at += 2
            elif text[at] == "`":
                return at + 1
            elif text.startswith("${", at):
                braces.append(depth)
                return at + 2
            else:
                out[at] = " "
                at += 1
        return n

    while i < n:
        char = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            blank(i, end)
            i = end
        elif char in "'\"":
            end = i + 1
            while end < n and text[end] != char and text[end] != "\n":
                end += 2 if text[end] == "\\" else 1
            strings[i] = text[i + 1:end]
            blank(i + 1, min(end, n))
            i = end + 1
        elif char == "`":
            i = template(i + 1)
        elif char == "{":
            depth += 1
            i += 1
        elif char == "}":
            if braces and braces[-1] == depth:
                braces.pop()
                i = template(i + 1)
            else:
                depth -= 1
                i += 1
        elif char == "/":
            before = text[:i].rstrip()
            if not before or before[-1] in _REGEX_AFTER or last_word(len(before)) in _REGEX_AFTER_WORDS:
                end, in_class = i + 1, False
                while end < n and text[end] != "\n" and (in_class or text[end] != "/"):
                    if text[end] == "\\":
                        end += 1
                    elif text[end] == "[":
                        in_class = True
                    elif text[end] == "]":
                        in_class = False
                    end += 1
                blank(i + 1, min(end, n))
                i = end + 1
            else:
                i += 1
        else:
            i += 1
    return "".join(out), strings


_STATIC = re.compile(r"""(?<![\w$.])(?:import\s*(?:[\w$*{][^;()'"`]*?(?<![\w$])from\s*)?"""
                     r"""|export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}'"`]*\})\s*from\s*)(?=['"])""")
_DYNAMIC = re.compile(r"(?<![\w$.])import\s*\(\s*(?=['\"])")


def imports(text: str) -> list[Import]:
    """The imports of a module's source, in the order they appear."""
    code, strings = _mask(text)
    found = [(match.end(), True) for match in _STATIC.finditer(code)]
    for match in _DYNAMIC.finditer(code):
        close = code.find(code[match.end()], match.end() + 1)  # the closing quote
        if re.match(r"\s*\)", code[close + 1:]):  # import('./x.js'), not import('./' + name)
            found.append((match.end(), False))
    return [Import(strings[at], static) for at, static in sorted(found) if at in strings]


def imports_of(path: Path) -> tuple[Import, ...]:
    """The imports of the module at ``path``, read once per build process while the file stays the same
    (the bundle, the pages' preloads and the offline shell all ask)."""
    info = os.stat(path)
    return _imports_of(os.path.realpath(path), info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=256)
def _imports_of(path: str, modified: int, size: int) -> tuple[Import, ...]:  # noqa: ARG001 - they key the cache
    with open(path, encoding="utf-8") as source:
        return tuple(imports(source.read()))


def _relative(specifier: str) -> bool:
    return specifier.startswith(("./", "../"))


def static_graph(folder: Path, entry: str) -> list[str]:
    """Every module ``entry`` needs before it runs, ``entry`` first, then in the order a browser would
    find them (breadth first), each once: paths relative to ``folder``, with "/". Modules that do not
    exist, or lie outside ``folder``, are left out."""
    return list(_graph(str(Path(folder).resolve()), entry, _stamps(Path(folder))))


def _stamps(folder: Path) -> tuple:
    """What the graph depends on: each script's name, modification time and size."""
    found = []
    for dirpath, _, names in os.walk(folder):
        for name in names:
            if name.endswith((".js", ".mjs")):
                info = os.stat(os.path.join(dirpath, name))
                found.append((os.path.join(dirpath, name), info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))


@lru_cache(maxsize=64)
def _graph(folder: str, entry: str, stamps: tuple) -> tuple[str, ...]:  # noqa: ARG001 - stamps key the cache
    root = Path(folder)
    order: list[str] = []
    queue = [entry]
    while queue:
        name = queue.pop(0)
        path = root / name
        if name in order or not path.is_file():
            continue
        order.append(name)
        for found in imports_of(path):
            if not (found.static and _relative(found.specifier)):
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(name), found.specifier.split("?")[0]))
            if not target.startswith(".."):
                queue.append(target.replace(os.sep, "/"))
    return tuple(order)
