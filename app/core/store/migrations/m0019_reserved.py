"""A reserved schema version (another branch's migration lands here when merged); it changes nothing."""

VERSION = 19


def upgrade(conn) -> None:  # noqa: ARG001 - nothing to do
    return None
