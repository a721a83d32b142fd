"""``python -m pillar.cli``: the ``pillar`` command."""

from pillar.cli.main import run

run()
