"""Work done by a forked process comes back: templates compiled once per language render as if
compiled on the spot, and a task that fails leaves only its own part undone."""

import os
from functools import partial

import pytest
from jinja2 import DictLoader, Environment, TemplateSyntaxError

from pillar.precompile import Precompiled, compile_templates

TEMPLATES = {
    "page.html": '{% extends "base.html" %}{% block body %}{{ "x"|said }} {{ who }}{% endblock %}',
    "base.html": "<p>{% block body %}{% endblock %}</p>",
    "broken.html": "{% if %}",
}


def _environment_for(precompiled, compiled_here: list):
    def environment_for(lang):
        env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
        # A filter of a constant is worked out when the template is compiled, as translations are.
        env.filters["said"] = lambda text: f"{text} in {lang}"
        env.bytecode_cache = precompiled.cache(lang)
        compile_source = env._compile

        def counted(source, filename):
            compiled_here.append((os.getpid(), lang, filename))
            return compile_source(source, filename)

        env._compile = counted
        return env

    return environment_for


def test_each_language_gets_its_own_templates_compiled_in_the_other_process():
    compiled = []
    precompiled = Precompiled()
    environment_for = _environment_for(precompiled, compiled)
    precompiled.start({"templates": partial(compile_templates, environment_for, ["en", "es"])})
    assert precompiled.wait() == {"templates": None}
    assert len(precompiled.bytecode) == 4  # page and base in each language; broken does not compile
    for lang in ("en", "es"):
        env = environment_for(lang)
        assert env.get_template("page.html").render(who="<b>") == f"<p>x in {lang} &lt;b&gt;</p>"
    assert compiled == []  # nothing was compiled in this process


def test_a_template_that_does_not_compile_fails_where_it_is_used():
    precompiled = Precompiled()
    environment_for = _environment_for(precompiled, [])
    precompiled.start({"templates": partial(compile_templates, environment_for, ["en"])})
    precompiled.wait()
    with pytest.raises(TemplateSyntaxError):
        environment_for("en").get_template("broken.html")


def test_a_task_that_fails_leaves_only_its_own_part_undone():
    def broken():
        raise ValueError("no")

    precompiled = Precompiled()
    precompiled.start({"broken": broken, "events": lambda: {"a": b"event"}})
    assert precompiled.wait() == {"events": {"a": b"event"}}
    assert precompiled.wait() == {}  # once only
