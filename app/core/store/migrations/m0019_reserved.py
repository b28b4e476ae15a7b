"""Reserved: version 19 belongs to another branch's migration; here it does nothing, so that each
module's VERSION stays its position in MIGRATIONS."""

VERSION = 19


def upgrade(conn) -> None:
    return None
