"""The issue register: classification tree, issues, working papers, petitions, leads, rectification (issue 7)."""

VERSION = 6


def upgrade(conn) -> None:
    pass  # placeholder: filled in by that work
