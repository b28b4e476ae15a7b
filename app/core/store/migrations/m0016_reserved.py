"""Reserved: migration 16 belongs to a branch merged separately (dropped at merge)."""

VERSION = 16


def upgrade(conn) -> None:
    return None
