"""Reserved: migration 17 belongs to a branch merged separately (dropped at merge)."""

VERSION = 17


def upgrade(conn) -> None:
    return None
