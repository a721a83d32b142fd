"""Pillar: a Pelican plugin (and the ``pillar`` command) that publishes a recovery directory."""


def _generators(pelican):
    from pillar.site.generator import DirectoryGenerator

    return DirectoryGenerator


def _guard(generators):
    from pillar.site.guard import check

    check(generators)


def register():
    """Pelican calls this for ``PLUGINS = ["pillar"]``. (Pelican is imported here, not above, so the
    ``pillar`` command can tell that nothing changed without loading it.)"""
    from pelican import signals

    from pillar.site.filters import prepare

    signals.get_generators.connect(_generators)
    signals.all_generators_finalized.connect(_guard)
    signals.generator_init.connect(prepare)
