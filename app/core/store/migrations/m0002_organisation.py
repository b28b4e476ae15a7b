"""Terms, rounds, batches, units and their leadership, teams, inspections, staff pool, recusals (issue 4)."""

VERSION = 2


def upgrade(conn) -> None:
    pass  # placeholder: filled in by the organisation work
