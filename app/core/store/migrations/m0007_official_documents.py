"""Official documents: versioned texts, seal image and seal register, per-copy print register (issue 8)."""

VERSION = 7


def upgrade(conn) -> None:
    pass  # placeholder: filled in by that work
