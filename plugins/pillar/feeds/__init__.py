"""Feeds out, written by every build from the same listings as the pages: one module per format."""
