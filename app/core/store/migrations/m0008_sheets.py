"""Spreadsheet import: remembered column mappings and import batches (issue 9)."""

VERSION = 8


def upgrade(conn) -> None:
    pass  # placeholder: filled in by that work
