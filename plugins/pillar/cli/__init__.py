"""The ``pillar`` command: build, validate, geocode, import, new, report and bench."""

from pillar.cli.main import main, run
