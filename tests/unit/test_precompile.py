"""Templates compiled by a forked process, one cache per language, render as if compiled on the spot."""

import os
from functools import partial

import pytest
from jinja2 import DictLoader, Environment, TemplateSyntaxError

from pillar.precompile import Precompiled, compile_templates, save, saved

TEMPLATES = {
    "page.html": '{% extends "base.html" %}{% block body %}{{ "x"|said }} {{ who }}{% endblock %}',
    "base.html": "<p>{% block body %}{% endblock %}</p>",
    "broken.html": "{% if %}",
}


def _environment_for(precompiled):
    def environment_for(lang):
        env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
        # A filter of a constant is worked out when the template is compiled, as translations are.
        env.filters["said"] = lambda text: f"{text} in {lang}"
        env.bytecode_cache = precompiled.cache(lang)
        return env

    return environment_for


def test_each_language_gets_its_own_compiled_templates():
    precompiled = Precompiled()
    environment_for = _environment_for(precompiled)
    try:
        precompiled.start(partial(compile_templates, environment_for, ["en", "es"]))
        precompiled.wait()
        for lang in ("en", "es"):
            assert len(os.listdir(os.path.join(precompiled.folder, lang))) == 2  # page and base, not broken
            env = environment_for(lang)
            assert env.get_template("page.html").render(who="<b>") == f"<p>x in {lang} &lt;b&gt;</p>"
    finally:
        precompiled.close()
    assert not os.path.exists(precompiled.folder)


def test_a_template_that_does_not_compile_fails_where_it_is_used():
    precompiled = Precompiled()
    environment_for = _environment_for(precompiled)
    try:
        precompiled.start(partial(compile_templates, environment_for, ["en"]))
        precompiled.wait()
        with pytest.raises(TemplateSyntaxError):
            environment_for("en").get_template("broken.html")
    finally:
        precompiled.close()


def test_a_task_that_fails_leaves_only_its_own_part_undone():
    precompiled = Precompiled()
    try:
        def broken():
            raise ValueError("no")

        precompiled.start(broken, partial(save, {"a": b"event"}, precompiled.path("events")))
        precompiled.wait()
        assert saved(precompiled.path("events"), {}) == {"a": b"event"}
        assert saved(precompiled.path("nothing"), {}) == {}
    finally:
        precompiled.close()
