"""Individual talks: talk records, outlines, addenda, signed scans, search index (issue 5)."""

VERSION = 4


def upgrade(conn) -> None:
    pass  # placeholder: filled in by that work
