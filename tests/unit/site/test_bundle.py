"""bundle.py: esbuild joins an entry module and its static imports into one file; lazy modules stay out."""

from __future__ import annotations

import pytest

from helpers import REPO
from pillar.site import bundle
from pillar.site.modulegraph import imports

NODE_MODULES = REPO / "node_modules"


def modules(folder, files: dict[str, str]):
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_one_file_holds_the_static_imports_and_leaves_the_lazy_ones_to_their_own_files(tmp_path):
    source = tmp_path / "js"
    source.mkdir()
    modules(source, {
        "entry.js": "import { twice } from './math.js';\nexport const shown = twice(21);\n"
                    "document.title = String(shown);\nexport const later = () => import('./lazy.js');\n",
        "math.js": "export const twice = (n) => n * 2;\n",
        "lazy.js": "import { twice } from './math.js';\nexport default twice(1);\n",
    })
    assert bundle.lazy_modules(source) == ["./lazy.js"]
    [written] = bundle.write(NODE_MODULES, source, tmp_path / "out", entries=("entry.js",))
    assert written.name == "entry.bundle.js"
    text = written.read_text(encoding="utf-8")
    found = imports(text)
    assert [(i.specifier, i.static) for i in found] == [("./lazy.js", False)]
    assert "*2" in text.replace(" ", "")  # math.js's code is inside
    again = bundle.write(NODE_MODULES, source, tmp_path / "again", entries=("entry.js",))[0]
    assert again.read_bytes() == written.read_bytes()  # the same modules give the same bytes


def test_the_themes_lazy_modules_are_the_map_and_the_search_and_friends():
    lazy = bundle.lazy_modules(REPO / "theme" / "static" / "js")
    assert {"./map.js", "./search.js"} <= set(lazy)
    assert "./finder.js" not in lazy and "./clock.js" not in lazy


def test_a_missing_esbuild_says_what_to_do(tmp_path):
    with pytest.raises(bundle.BundleFailed) as failed:
        bundle.write(tmp_path / "node_modules", tmp_path, tmp_path / "out", entries=("x.js",))
    assert str(failed.value.code) == (f"pillar: {tmp_path}/node_modules/.bin/esbuild is missing — run `npm ci` in "
                                      "the site's folder (make install does it), or set NODE_MODULES_PATH")


def test_a_module_esbuild_cannot_read_is_named_without_a_traceback(tmp_path):
    source = tmp_path / "js"
    source.mkdir()
    modules(source, {"broken.js": "export const = ;\n"})
    with pytest.raises(bundle.BundleFailed) as failed:
        bundle.write(NODE_MODULES, source, tmp_path / "out", entries=("broken.js",))
    message = str(failed.value.code)
    assert message.startswith("pillar: esbuild could not join broken.js's modules:")
    assert "broken.js:1:" in message
