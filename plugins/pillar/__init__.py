"""Pillar: a Pelican plugin (and the ``pillar`` command) that publishes a recovery directory."""

from pelican import signals


def _generators(pelican):
    from .generator import DirectoryGenerator

    return DirectoryGenerator


def register():
    """Pelican calls this for ``PLUGINS = ["pillar"]``."""
    from .filters import prepare

    signals.get_generators.connect(_generators)
    signals.generator_init.connect(prepare)
