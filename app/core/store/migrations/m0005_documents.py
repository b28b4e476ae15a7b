"""Document review: request lists, custody, reading notes, excerpts, imported material (issue 6)."""

VERSION = 5


def upgrade(conn) -> None:
    pass  # placeholder: filled in by that work
