"""Pillar's pages compiled to cheaper Python: each ``{{ value }}`` is escaped to plain text.

Jinja escapes every value a template writes with ``markupsafe.escape``, which wraps the escaped
text in a ``Markup`` object: a Python-level constructor, on a listing page some fifty times. A
written value only ever joins the page's other text, so the wrapper is not needed there.
:func:`use` makes an environment compile its templates to call :func:`output_escape` instead. It
gives the same characters as ``escape``, as a plain ``str``, through markupsafe's own escaping
code. Everything else Jinja compiles is as before. ``tests/unit/test_fastjinja.py`` renders the
same templates both ways and compares them.
"""

from __future__ import annotations

from jinja2.compiler import CodeGenerator
from markupsafe import escape

try:
    from markupsafe._speedups import _escape_inner  # MarkupSafe 3: the C half of escape()
except ImportError:  # another MarkupSafe: escape() itself
    _escape_inner = None


def output_escape(value) -> str:
    """``str(markupsafe.escape(value))``, without making the ``Markup``."""
    if _escape_inner is None:
        return escape(value)
    if type(value) is str:
        return _escape_inner(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    return _escape_inner(str(value))


class _PlainOutput(CodeGenerator):
    """Jinja's code generator, writing ``environment.output_escape(…)`` around each autoescaped value
    a template writes (a ``{% autoescape %}`` block, decided as the page renders, stays Jinja's)."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.output_escape(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


def use(env) -> None:
    """Make ``env`` compile the templates it loads from now on with plain-text output escaping."""
    env.code_generator_class = _PlainOutput
    env.output_escape = output_escape
