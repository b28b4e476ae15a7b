"""A placeholder: this number belongs to another branch (dropped when the branches are merged)."""

VERSION = 16


def upgrade(conn) -> None:
    return None
