"""Demo data for 立卷归档: the filed inspection of 青石镇 archived and closed (封存)."""

from __future__ import annotations

from app.core.domain.archive import filing

DEMO_UNIT = "青石镇"


def populate_archive(office) -> dict:
    row = office.conn.execute(
        "SELECT x.id FROM inspections x JOIN units u ON u.id = x.unit_id WHERE u.name = ? AND x.phase = 'filed'",
        (DEMO_UNIT,),
    ).fetchone()
    if row is None:
        return {}
    archive = filing.open_archive(
        office, row["id"], fonds_no="X012", org_code="XCB", filer="陈巡明", today="2026-10-28", year=2026
    )
    closed = filing.close_archive(office, archive.id, checker="李档案", today="2026-10-30")
    return {"archive_id": closed.id, "inspection_id": row["id"]}
