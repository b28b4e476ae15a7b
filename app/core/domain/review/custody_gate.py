"""Document review (调阅资料): the phase gate on the custody of borrowed items.

An inspection cannot leave 了解情况 (the on-site phase) while received items are not returned, unless
the team's leader approves an exception with a reason (Cap.PHASE_OVERRIDE; audited); an approval
serves one move. app.core.domain.phase_moves names the gate in PHASE_GATES, and every phase move goes
through phase_moves (which also holds the leader's approve-and-advance step).

The rest of document review lives beside this module: the request item and its category in
request_item, the custody states and events in custody, reaching an item in access, the writes in
writes, the list and its counts in listing, reading notes, excerpts and imported material in reading,
search in search.
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain.organisation.inspections import Inspection, Phase
from app.core.errors import Conflict, PermissionDenied
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


def unreturned_count(conn, inspection_id: str) -> int:
    return f.count(
        conn,
        "SELECT count(*) FROM request_items WHERE inspection_id = ? AND received_on IS NOT NULL AND returned_on IS NULL",
        (inspection_id,),
    )


def _leaves_on_site(inspection: Inspection, new_phase: Phase) -> bool:
    return inspection.phase is Phase.ON_SITE and new_phase.index > Phase.ON_SITE.index


def custody_gate(session: Session, inspection: Inspection, new_phase: Phase) -> None:
    """PHASE_GATES entry: no leaving 了解情况 with items unreturned, unless the leader approved it."""
    if not _leaves_on_site(inspection, new_phase):
        return
    conn = session.conn
    n = unreturned_count(conn, inspection.id)
    if not n:
        return
    row = conn.execute(
        "SELECT id FROM custody_overrides WHERE inspection_id = ? AND used_at IS NULL ORDER BY created_at DESC LIMIT 1",
        (inspection.id,),
    ).fetchone()
    if row is None:
        raise Conflict(
            f"尚有 {n} 件调阅资料未归还，不能结束“了解情况”阶段。请先办理归还，或由组长批准例外并说明理由。"
        )
    f.update(conn, "custody_overrides", row["id"], {"used_at": f.now()})
    session.audit("custody_override_used", "inspection", inspection.id, f"override {row['id']}, {n} 件未归还")


def approve_override(session: Session, inspection_id: str, reason: str) -> str:
    """The team's leader lets the inspection leave 了解情况 with items unreturned, once. Returns its id."""
    session.require(Cap.PHASE_OVERRIDE)
    visibility.require_inspection_visible(session, inspection_id)
    if not visibility.is_leader_of_inspection(session, inspection_id):
        raise PermissionDenied("只有本组组长可以批准带未归还资料推进阶段。")
    text = f.long_text(reason, "reason", "批准理由", max_len=500)
    conn = session.conn
    n = unreturned_count(conn, inspection_id)
    if not n:
        raise Conflict("调阅资料已全部归还，无需批准例外。")
    values = session.record_values()
    with session.transaction():
        f.insert(
            conn,
            "custody_overrides",
            {**values, "inspection_id": inspection_id, "reason": text, "unreturned": n},
        )
        session.audit(
            "custody_override_approve", "inspection", inspection_id, f"override {values['id']}, {n} 件未归还"
        )
    return values["id"]
