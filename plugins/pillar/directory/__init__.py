"""The directory: listing files read (YAML with positions), checked against the schema and the
rules, and turned into frozen listings (:mod:`pillar.directory.model`)."""
