"""Work done by a forked helper comes back: templates compiled once per language render as if
compiled on the spot; a task that fails, or a helper that dies, fails the build with a message
saying so (a template that does not compile fails where a page uses it)."""

import os
import signal
import traceback
from functools import partial

import pytest
from jinja2 import DictLoader, Environment, TemplateSyntaxError

from pillar.parallel import JobFailed
from pillar.site.precompile import Helpers, Precompiled, compile_templates

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


def test_a_task_that_fails_fails_the_build_with_the_helpers_traceback():
    def broken():
        raise ValueError("no zone named Mars/Olympus")

    precompiled = Precompiled()
    precompiled.start({"events": lambda: {"a": b"event"}, "zones": broken})
    with pytest.raises(JobFailed) as raised:
        precompiled.wait()
    assert str(raised.value) == "working out zones beforehand failed: ValueError: no zone named Mars/Olympus"
    told = "".join(traceback.format_exception(raised.value))
    assert 'raise ValueError("no zone named Mars/Olympus")' in told  # the line in the helper that raised
    assert precompiled.wait() == {}  # once only


def test_a_helper_that_dies_is_reported_in_words():
    precompiled = Precompiled()
    precompiled.start({"events": lambda: os.kill(os.getpid(), signal.SIGKILL)})
    with pytest.raises(JobFailed) as raised:
        precompiled.wait()
    assert str(raised.value) == ("the helper working out events failed: it was killed by signal 9 (Killed) "
                                 "before it finished (out of memory?)")


def test_helpers_give_what_each_worked_out_and_stop_the_others_when_one_fails(tmp_path):
    helpers = Helpers()
    helpers.start({"keys": lambda: {"a": "1"}})
    helpers.start({"zones": lambda: {"UTC": b"zone"}})
    assert helpers.wait() == {"keys": {"a": "1"}, "zones": {"UTC": b"zone"}}

    def forever():
        (tmp_path / "started").touch()
        signal.pause()

    def broken():
        raise OSError("no space left")

    helpers = Helpers()
    slow = helpers.start({"events": forever})
    helpers.start({"keys": broken})
    with pytest.raises(JobFailed, match="working out keys beforehand failed: OSError: no space left"):
        helpers.wait()
    assert slow.process is None  # stopped, not waited for


def test_a_helper_stopped_before_it_is_waited_for_gives_nothing():
    helpers = Helpers()
    helpers.start({"events": signal.pause})
    helpers.stop()
    assert helpers.wait() == {}
