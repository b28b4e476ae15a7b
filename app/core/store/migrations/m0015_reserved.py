"""A placeholder for m0015, which another branch adds in parallel (issue 20's first slice keeps
VERSION = position working on its own branch); it changes nothing and is dropped at the merge."""

VERSION = 15


def upgrade(conn) -> None:
    """Nothing: the real m0015 lives on another branch."""
