"""The print register: every printed or exported copy with its copy number (issue 5)."""

VERSION = 3


def upgrade(conn) -> None:
    pass  # placeholder: filled in by the printing work
