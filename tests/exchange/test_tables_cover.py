"""Every table that holds an inspection's rows either travels in a hand-in or is named as staying on
the office's workstation: a new kind of team record cannot be forgotten by the exchange."""

from __future__ import annotations

from app.core.exchange import tables
from tests.conftest import DEMO_PASSWORD


def test_every_inspection_table_is_handed_in_or_stays_on_purpose(workstation):
    session = workstation.unlock("office", DEMO_PASSWORD)
    try:
        names = [
            r["name"] for r in session.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        scoped = {n for n in names if "inspection_id" in tables.columns(session.conn, n)}
    finally:
        session.close()
    forgotten = sorted(scoped - set(tables.BY_NAME) - tables.OFFICE_ONLY)
    assert forgotten == [], f"tables with inspection rows in neither HAND_IN nor OFFICE_ONLY: {forgotten}"
    assert tables.OFFICE_ONLY <= set(names)  # no stale name
    assert not (tables.OFFICE_ONLY & set(tables.BY_NAME))
    for spec in tables.HAND_IN:  # every scope is valid SQL over the team's id
        assert spec.name in names, spec.name
