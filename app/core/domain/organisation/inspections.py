"""Inspections (巡察): one team at one unit in one round, its phase, phase dates and the unit's liaison.

Phases run in order: 巡前准备 → 进驻 → 了解情况 → 撰写报告 → 反馈 → 移交 → 整改 → 立卷归档. A move goes
forward one step, or back one step with a reason; each is recorded (phase_moves) and audited.
Other areas add conditions on moving (e.g. every borrowed document returned): the caller passes
them as `gates`, each called as gate(session, inspection, new_phase) inside the move's transaction,
before anything is written, refusing by raising Conflict. The list of gates is named in one place,
app.core.domain.phase_moves, and that is what callers use to move a phase; the gates are a required
argument here so that no call can leave them out by accident.

Who may do what:
- Create, re-point (team/unit/batch) and delete: the office (Cap.ORG_MANAGE).
- Move the phase, correct a phase date, set the liaison: the office, or the leader (组长) of the
  inspection's own team (Cap.CASE_WRITE and need-to-know); deputies and members may not steer.
- Read: the office sees all; team roles see their own teams' inspections; invisible ones are
  reported as NotFound; administrators are refused. Lists, searches and opening one are audited.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain import attachments
from app.core.domain.organisation import staff
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.rows import record


class Phase(StrEnum):
    PREPARATION = "preparation"
    ENTRY = "entry"
    ON_SITE = "on_site"
    REPORT = "report"
    FEEDBACK = "feedback"
    TRANSFER = "transfer"
    RECTIFICATION = "rectification"
    FILED = "filed"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]

    @property
    def index(self) -> int:
        return PHASES.index(self)

    def next(self) -> Phase | None:
        return PHASES[self.index + 1] if self.index + 1 < len(PHASES) else None

    def previous(self) -> Phase | None:
        return PHASES[self.index - 1] if self.index > 0 else None


PHASES: list[Phase] = list(Phase)
PHASE_LABELS = {
    Phase.PREPARATION: "巡前准备",
    Phase.ENTRY: "进驻",
    Phase.ON_SITE: "了解情况",
    Phase.REPORT: "撰写报告",
    Phase.FEEDBACK: "反馈",
    Phase.TRANSFER: "移交",
    Phase.RECTIFICATION: "整改",
    Phase.FILED: "立卷归档",
}


@dataclass
class Inspection:
    id: str
    round_id: str
    team_id: str
    unit_id: str
    batch_id: str | None
    phase: Phase
    liaison_name: str
    liaison_phone: str
    unit_name: str
    team_name: str
    round_number: int
    phase_dates: dict[Phase, str] = field(default_factory=dict)  # when each reached phase began

    COLUMNS = (
        "i.id, i.round_id, i.team_id, i.unit_id, i.batch_id, i.phase, i.liaison_name, i.liaison_phone,"
        " n.name AS unit_name, t.name AS team_name, r.number AS round_number"
    )
    FROM = (
        "inspections i JOIN units n ON n.id = i.unit_id JOIN teams t ON t.id = i.team_id"
        " JOIN rounds r ON r.id = i.round_id"
    )

    @classmethod
    def from_row(cls, row) -> Inspection:
        return record(cls, row, phase=Phase, round_number=int)


@dataclass
class PhaseMove:
    id: str
    inspection_id: str
    from_phase: Phase
    to_phase: Phase
    moved_on: str
    reason: str
    author_id: str | None
    created_at: str

    COLUMNS = "id, inspection_id, from_phase, to_phase, moved_on, reason, author_id, created_at"

    @classmethod
    def from_row(cls, row) -> PhaseMove:
        return record(cls, row, from_phase=Phase, to_phase=Phase)

    @property
    def forward(self) -> bool:
        return self.to_phase.index > self.from_phase.index


# A condition on a phase move (see app.core.domain.phase_moves.PHASE_GATES); raises Conflict to refuse it.
PhaseGate = Callable[[Session, Inspection, Phase], None]


# ---- reading -------------------------------------------------------------------------------------


def _with_dates(conn, items: list[Inspection]) -> list[Inspection]:
    by_id = {i.id: i for i in items}
    if not by_id:
        return items
    marks = ",".join("?" * len(by_id))
    for row in conn.execute(
        f"SELECT inspection_id, phase, began_on FROM inspection_phases WHERE inspection_id IN ({marks})",
        tuple(by_id),
    ):
        by_id[row["inspection_id"]].phase_dates[Phase(row["phase"])] = row["began_on"]
    for item in items:
        item.phase_dates = {p: item.phase_dates[p] for p in PHASES if p in item.phase_dates}
    return items


def _inspection(conn, inspection_id: str) -> Inspection:
    row = conn.execute(
        f"SELECT {Inspection.COLUMNS} FROM {Inspection.FROM} WHERE i.id = ?", (inspection_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该巡察，或您不在其知悉范围内。")
    return _with_dates(conn, [Inspection.from_row(row)])[0]


def list_inspections(
    session: Session,
    *,
    round_id: str | None = None,
    team_id: str | None = None,
    unit_id: str | None = None,
    phase: Phase | str | None = None,
    text: str | None = None,
) -> list[Inspection]:
    """The inspections this session may see, filtered; `text` searches unit and team names. Audited."""
    where, params = visibility.inspection_filter_sql(session, "i.id")
    sql = f"SELECT {Inspection.COLUMNS} FROM {Inspection.FROM} WHERE {where}"
    for column, value in (("i.round_id", round_id), ("i.team_id", team_id), ("i.unit_id", unit_id)):
        if value is not None:
            sql += f" AND {column} = ?"
            params = (*params, value)
    if phase is not None:
        sql += " AND i.phase = ?"
        params = (*params, f.choice(Phase, phase, "phase", "巡察阶段").value)
    if text:
        sql += " AND (instr(n.name, ?) > 0 OR instr(t.name, ?) > 0)"
        params = (*params, text.strip(), text.strip())
    rows = session.conn.execute(sql + " ORDER BY r.number, t.created_at, n.name", params).fetchall()
    action = "inspections_search" if text else "inspections_view"
    session.audit(action, "inspection", "", f"{len(rows)} 项")
    return _with_dates(session.conn, [Inspection.from_row(r) for r in rows])


def search_inspections(session: Session, text: str) -> list[Inspection]:
    """Visible inspections whose unit or team name contains `text`. Audited as inspections_search."""
    return list_inspections(session, text=text)


def get_inspection(session: Session, inspection_id: str) -> Inspection:
    """Open one inspection; NotFound when missing or outside need-to-know. Audited."""
    visibility.require_inspection_visible(session, inspection_id)
    item = _inspection(session.conn, inspection_id)
    session.audit("inspection_open", "inspection", inspection_id)
    return item


def phase_history(session: Session, inspection_id: str) -> list[PhaseMove]:
    """Every phase move of a visible inspection, oldest first (with the reasons for going back). Audited."""
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        f"SELECT {PhaseMove.COLUMNS} FROM phase_moves WHERE inspection_id = ? ORDER BY created_at",
        (inspection_id,),
    ).fetchall()
    session.audit("phase_history_view", "inspection", inspection_id, f"{len(rows)} 次")
    return [PhaseMove.from_row(r) for r in rows]


# ---- creating and editing (the office) -----------------------------------------------------------


def _placement(conn, team_id, unit_id, batch_id, exclude_id=None) -> tuple[str, str | None]:
    """Check team, unit and batch; returns (round_id, batch_id)."""
    row = conn.execute("SELECT round_id FROM teams WHERE id = ?", (team_id or "",)).fetchone()
    if row is None:
        raise ValidationError("请选择有效的巡察组。", field="team_id")
    round_id = row[0]
    f.must_exist(conn, "units", unit_id, "被巡察单位", field="unit_id")
    batch_id = batch_id or None
    if batch_id is not None:
        b = conn.execute("SELECT round_id FROM batches WHERE id = ?", (batch_id,)).fetchone()
        if b is None or b[0] != round_id:
            raise ValidationError("所选批次不属于该巡察组所在的轮次。", field="batch_id")
    clash = conn.execute(
        "SELECT t.name FROM inspections i JOIN teams t ON t.id = i.team_id"
        " WHERE i.round_id = ? AND i.unit_id = ? AND i.id IS NOT ?",
        (round_id, unit_id, exclude_id),
    ).fetchone()
    if clash:
        raise ValidationError(f"该单位本轮已由{clash[0]}巡察，同一轮次只能安排一次。", field="unit_id")
    return round_id, batch_id


def _team_users(conn, team_id: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT user_id FROM team_members WHERE team_id = ?", (team_id,))]


def create_inspection(
    session: Session,
    team_id: str,
    unit_id: str,
    *,
    batch_id: str | None = None,
    liaison_name: str = "",
    liaison_phone: str = "",
    began_on: str | date | None = None,
    override_reason: str | None = None,
) -> Inspection:
    """Assign a team to a unit in the team's round; the inspection starts in 巡前准备 on `began_on` (today).

    Refused (Conflict) if a team member declared a tie to the unit, unless `override_reason` is given
    by a session with Cap.RECUSAL_OVERRIDE.
    """
    session.require(Cap.ORG_MANAGE)
    conn = session.conn
    round_id, batch_id = _placement(conn, team_id, unit_id, batch_id)
    liaison_name = f.text(liaison_name, "liaison_name", "联络员姓名", required=False, max_len=40)
    liaison_phone = f.phone(liaison_phone, "liaison_phone", "联络员电话")
    began = f.iso_date(began_on or date.today(), "began_on", "开始日期")
    values = session.record_values()
    with session.transaction():
        staff.enforce_recusals(session, team_id, _team_users(conn, team_id), [unit_id], override_reason)
        f.insert(
            conn,
            "inspections",
            {
                **values,
                "round_id": round_id,
                "team_id": team_id,
                "unit_id": unit_id,
                "batch_id": batch_id,
                "phase": Phase.PREPARATION.value,
                "liaison_name": liaison_name,
                "liaison_phone": liaison_phone,
            },
        )
        _set_began(session, values["id"], Phase.PREPARATION, began)
        session.audit("inspection_create", "inspection", values["id"], f"team {team_id} unit {unit_id}")
    return _inspection(conn, values["id"])


def update_inspection(
    session: Session,
    inspection_id: str,
    team_id: str,
    unit_id: str,
    batch_id: str | None,
    *,
    override_reason: str | None = None,
) -> Inspection:
    """Re-point an inspection to another team of the same round, another unit, or another batch."""
    session.require(Cap.ORG_MANAGE)
    conn = session.conn
    current = _inspection(conn, inspection_id)
    round_id, batch_id = _placement(conn, team_id, unit_id, batch_id, exclude_id=inspection_id)
    if round_id != current.round_id:
        raise ValidationError("只能改派给同一轮次的巡察组。", field="team_id")
    with session.transaction():
        staff.enforce_recusals(session, team_id, _team_users(conn, team_id), [unit_id], override_reason)
        f.update(
            conn, "inspections", inspection_id, {"team_id": team_id, "unit_id": unit_id, "batch_id": batch_id}
        )
        session.audit("inspection_update", "inspection", inspection_id, f"team {team_id} unit {unit_id}")
    return _inspection(conn, inspection_id)


def delete_inspection(session: Session, inspection_id: str) -> None:
    """Only while still in 巡前准备; once the team has entered, the inspection's record stays."""
    session.require(Cap.ORG_MANAGE)
    current = _inspection(session.conn, inspection_id)
    if current.phase is not Phase.PREPARATION:
        raise Conflict(f"该巡察已进入“{current.phase.label}”阶段，不能删除。")
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM phase_moves WHERE inspection_id = ?",
            (inspection_id,),
            "该巡察已有 {n} 次阶段变动记录，不能删除。",
        )
        conn.execute("DELETE FROM inspection_phases WHERE inspection_id = ?", (inspection_id,))
        conn.execute(
            "DELETE FROM recusal_overrides WHERE team_id = ? AND unit_id = ?",
            (current.team_id, current.unit_id),
        )
        # The talk plan drafted in preparation goes with the inspection, unless a talk was held for it
        # (the talk refers to the inspection too, and that refuses the deletion below).
        planned = f.count(
            conn, "SELECT count(*) FROM talk_plan_lines WHERE inspection_id = ?", (inspection_id,)
        )
        conn.execute(
            "DELETE FROM talk_plan_interviewers WHERE line_id IN"
            " (SELECT id FROM talk_plan_lines WHERE inspection_id = ?)",
            (inspection_id,),
        )
        conn.execute("DELETE FROM talk_plan_lines WHERE inspection_id = ?", (inspection_id,))
        # So do the briefings asked for and the work plan drawn up before entry (their attachments too).
        for row in conn.execute(
            "SELECT a.id FROM attachments a JOIN briefing_items x ON x.id = a.owner_id"
            " WHERE a.owner_type = 'briefing_item' AND x.inspection_id = ?",
            (inspection_id,),
        ).fetchall():
            attachments.delete(conn, row["id"])
        for table in ("briefing_items", "briefing_requests", "work_plans", "team_log_entries"):
            conn.execute(f"DELETE FROM {table} WHERE inspection_id = ?", (inspection_id,))
        f.delete(conn, "inspections", inspection_id, "巡察")
        session.audit(
            "inspection_delete", "inspection", inspection_id, f"谈话计划 {planned} 人" if planned else ""
        )


# ---- steering (the office or the team's leader) --------------------------------------------------


def set_liaison(session: Session, inspection_id: str, name: str, phone: str) -> Inspection:
    """The unit's liaison (联络员) and phone."""
    visibility.require_leader_or_office(session, inspection_id)
    name = f.text(name, "liaison_name", "联络员姓名", required=False, max_len=40)
    phone = f.phone(phone, "liaison_phone", "联络员电话")
    with session.transaction() as conn:
        f.update(conn, "inspections", inspection_id, {"liaison_name": name, "liaison_phone": phone})
        session.audit("inspection_liaison", "inspection", inspection_id)
    return _inspection(session.conn, inspection_id)


def _set_began(session: Session, inspection_id: str, phase: Phase, began: str) -> None:
    values = session.record_values()
    session.conn.execute(
        "INSERT INTO inspection_phases (id, created_at, updated_at, author_id, workstation_id, inspection_id,"
        " phase, began_on) VALUES (?,?,?,?,?,?,?,?)"
        " ON CONFLICT (inspection_id, phase) DO UPDATE SET began_on = excluded.began_on,"
        " updated_at = excluded.updated_at",
        (*values.values(), inspection_id, phase.value, began),
    )


def move_phase(
    session: Session,
    inspection_id: str,
    new_phase: Phase | str,
    *,
    on: str | date | None = None,
    reason: str | None = None,
    gates: Sequence[PhaseGate],
) -> Inspection:
    """Move to the next phase (beginning `on`, default today), or back to the previous one with a reason.

    Refused: skipping phases (ValidationError, field "phase"), going back without a reason (field
    "reason"), a date before the current phase began (field "on"), or one of `gates` (Conflict).
    Callers go through app.core.domain.phase_moves, which passes the gates.
    """
    visibility.require_leader_or_office(session, inspection_id)
    conn = session.conn
    new_phase = f.choice(Phase, new_phase, "phase", "巡察阶段")
    current = _inspection(conn, inspection_id)
    forward = new_phase is current.phase.next()
    if not forward and new_phase is not current.phase.previous():
        raise ValidationError(
            f"只能推进到下一阶段或退回上一阶段（当前为“{current.phase.label}”）。", field="phase"
        )
    when = f.iso_date(on or date.today(), "on", "日期")
    started = current.phase_dates.get(current.phase)
    if forward and started and when < started:
        raise ValidationError(f"下一阶段的开始日期不能早于本阶段的开始日期（{started}）。", field="on")
    reason_text = ""
    if not forward:
        reason_text = f.long_text(reason, "reason", "退回的理由", max_len=500)
    with session.transaction():
        # Gates read the state under the write lock, so nothing can change between check and move.
        for gate in gates:
            gate(session, current, new_phase)
        f.update(conn, "inspections", inspection_id, {"phase": new_phase.value})
        if forward:
            _set_began(session, inspection_id, new_phase, when)
        else:
            conn.execute(
                "DELETE FROM inspection_phases WHERE inspection_id = ? AND phase = ?",
                (inspection_id, current.phase.value),
            )
        values = session.record_values()
        f.insert(
            conn,
            "phase_moves",
            {
                **values,
                "inspection_id": inspection_id,
                "from_phase": current.phase.value,
                "to_phase": new_phase.value,
                "moved_on": when,
                "reason": reason_text,
            },
        )
        action = "phase_advance" if forward else "phase_revert"
        session.audit(action, "inspection", inspection_id, f"{current.phase.value} -> {new_phase.value}")
    return _inspection(conn, inspection_id)


def advance_phase(
    session: Session, inspection_id: str, *, on: str | date | None = None, gates: Sequence[PhaseGate]
) -> Inspection:
    """Move to the next phase; Conflict when already filed."""
    visibility.require_inspection_visible(session, inspection_id)
    nxt = _inspection(session.conn, inspection_id).phase.next()
    if nxt is None:
        raise Conflict("该巡察已立卷归档，没有下一阶段。")
    return move_phase(session, inspection_id, nxt, on=on, gates=gates)


def revert_phase(
    session: Session, inspection_id: str, reason: str, *, gates: Sequence[PhaseGate]
) -> Inspection:
    """Go back one phase, saying why; Conflict when still in preparation."""
    visibility.require_inspection_visible(session, inspection_id)
    prev = _inspection(session.conn, inspection_id).phase.previous()
    if prev is None:
        raise Conflict("该巡察尚在巡前准备阶段，不能再退回。")
    return move_phase(session, inspection_id, prev, reason=reason, gates=gates)


def set_phase_date(session: Session, inspection_id: str, phase: Phase | str, on: str | date) -> Inspection:
    """Correct the date a reached phase began (kept in order with its neighbours)."""
    visibility.require_leader_or_office(session, inspection_id)
    phase = f.choice(Phase, phase, "phase", "巡察阶段")
    current = _inspection(session.conn, inspection_id)
    if phase not in current.phase_dates:
        raise ValidationError(f"该巡察尚未进入“{phase.label}”阶段。", field="phase")
    when = f.iso_date(on, "on", "日期")
    before = [d for p, d in current.phase_dates.items() if p.index < phase.index]
    after = [d for p, d in current.phase_dates.items() if p.index > phase.index]
    if (before and when < max(before)) or (after and when > min(after)):
        raise ValidationError("阶段开始日期须与前后阶段的日期保持先后顺序。", field="on")
    with session.transaction():
        _set_began(session, inspection_id, phase, when)
        session.audit("phase_date_set", "inspection", inspection_id, phase.value)
    return _inspection(session.conn, inspection_id)
