"""Templates compiled with plain-text output escaping render exactly what Jinja renders."""

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined, UndefinedError
from markupsafe import Markup

from pillar import fastjinja


class Html:
    def __html__(self):
        return "<b>safe</b>"


class Text:
    def __str__(self):
        return "<i>&'\""


TEMPLATES = {
    "page.html": """{% from "macros.html" import badge %}<p title="{{ v }}">{{ v }}</p>{{ badge(v) }}
{% set joined %}<em>{{ v }}</em>{% endset %}{{ joined }}|{{ v ~ "<x>" }}|{{ v|e }}|{{ v|safe }}
{% for item in [v, v] %}{{ loop.index }}{{ item }}{% endfor %}
{% autoescape false %}{{ v }}{% endautoescape %}{% autoescape on_off %}{{ v }}{% endautoescape %}""",
    "macros.html": """{% macro badge(x) %}<span>{{ x }}</span>{% endmacro %}""",
}
VALUES = ["plain", "<script>alert('x') & \"q\"</script>", "", "café — 会議", 0, 3.5, None, True,
          Markup("<b>kept</b>"), Html(), Text(), ["<a>", 1], {"k": "<v>"}]


def _environments(**options):
    plain = Environment(loader=DictLoader(TEMPLATES), autoescape=True, **options)
    fast = Environment(loader=DictLoader(TEMPLATES), autoescape=True, **options)
    fastjinja.use(fast)
    return plain, fast


@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("on_off", [True, False])
def test_pages_render_the_same_characters(value, on_off):
    plain, fast = _environments(trim_blocks=True, lstrip_blocks=True)
    expected = plain.get_template("page.html").render(v=value, on_off=on_off)
    assert fast.get_template("page.html").render(v=value, on_off=on_off) == expected
    assert "environment.output_escape(" in fast.compile(TEMPLATES["page.html"], raw=True)


def test_an_undefined_value_fails_the_same_way():
    plain, fast = _environments(undefined=StrictUndefined)
    for env in (plain, fast):
        with pytest.raises(UndefinedError):
            env.get_template("page.html").render(on_off=True)


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_output_escape_is_escape_as_text(value):
    from markupsafe import escape

    assert fastjinja.output_escape(value) == str(escape(value))
