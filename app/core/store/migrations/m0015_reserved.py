"""Reserved: migration 15 belongs to a branch merged separately (dropped at merge)."""

VERSION = 15


def upgrade(conn) -> None:
    return None
