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
    from app.core.domain.meetings import writes as meeting_writes

    first = office.conn.execute(
        "SELECT id FROM meetings WHERE inspection_id = ? ORDER BY number LIMIT 1", (row["id"],)
    ).fetchone()
    if first is not None:
        agenda = "巡察青石镇党组织工作动员会议程\n一、主持人介绍巡察组成员\n二、巡察组组长作动员讲话\n三、镇党委书记作表态发言\n"
        meeting_writes.add_attachment(office, first["id"], "动员会议程.txt", agenda.encode("utf-8"))
    archive = filing.open_archive(
        office, row["id"], fonds_no="X012", org_code="XCB", filer="陈巡明", today="2026-10-28", year=2026
    )
    closed = filing.close_archive(office, archive.id, checker="李档案", today="2026-10-30")
    return {"archive_id": closed.id, "inspection_id": row["id"]}
