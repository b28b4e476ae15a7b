"""Reading the talk plan: its lines with their interviewers and the talks held for each, and the
state of each line (types.line_state). Need to know as for talks: the inspection must be visible
(NotFound otherwise); viewing the plan is audited with counts only. The talks a line shows are
those the session may read (clearance): a 机密 talk does not show, and its line is not 'done' for a
reader who cannot see it."""

from __future__ import annotations

from app.core.domain import deadlines
from app.core.domain.talk_plan.types import HeldTalk, LineState, PlanLine, PlanSummary, line_state
from app.core.domain.talks.types import IntervieweeCategory, Person, TalkStatus
from app.core.errors import NotFound
from app.core.security import visibility
from app.core.session import Session

NOT_FOUND = "找不到该谈话计划，或您不在其知悉范围内。"
_COLUMNS = (
    "id, inspection_id, number, must, name, position, unit, category, leadership_id, planned_at,"
    " first_planned_at, place, note"
)


def _lines(session: Session, where: str, args: tuple, today: str | None) -> list[PlanLine]:
    rows = session.conn.execute(
        f"SELECT {_COLUMNS} FROM talk_plan_lines WHERE {where} ORDER BY must DESC, number", args
    ).fetchall()
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ",".join("?" for _ in ids)
    people: dict[str, list[Person]] = {}
    for r in session.conn.execute(
        "SELECT p.line_id, p.user_id, u.display_name FROM talk_plan_interviewers p JOIN users u ON u.id = p.user_id"
        f" WHERE p.line_id IN ({marks}) ORDER BY p.sort_order",
        ids,
    ):
        people.setdefault(r["line_id"], []).append(Person(r["user_id"], r["display_name"]))
    level, levels = visibility.clearance_filter_sql(session, "classification")
    held: dict[str, list[HeldTalk]] = {}
    for r in session.conn.execute(
        f"SELECT id, number, start_at, status, plan_line_id FROM talks WHERE plan_line_id IN ({marks})"
        f" AND {level} ORDER BY start_at",
        (*ids, *levels),
    ):
        held.setdefault(r["plan_line_id"], []).append(
            HeldTalk(r["id"], r["number"], r["start_at"], TalkStatus(r["status"]))
        )
    on = today or deadlines.today()
    return [
        PlanLine(
            id=r["id"],
            inspection_id=r["inspection_id"],
            number=r["number"],
            must=bool(r["must"]),
            name=r["name"],
            position=r["position"],
            unit=r["unit"],
            category=IntervieweeCategory(r["category"]),
            leadership_id=r["leadership_id"],
            interviewers=people.get(r["id"], []),
            planned_at=r["planned_at"],
            first_planned_at=r["first_planned_at"],
            place=r["place"],
            note=r["note"],
            talks=held.get(r["id"], []),
            state=line_state(r["planned_at"], r["first_planned_at"], bool(held.get(r["id"])), on),
        )
        for r in rows
    ]


def fetch_line(session: Session, line_id: str, *, today: str | None = None) -> PlanLine:
    """One line if the session may know of its inspection (NotFound otherwise); not audited."""
    where, params = visibility.inspection_filter_sql(session, "inspection_id")
    found = _lines(session, f"id = ? AND {where}", (line_id, *params), today)
    if not found:
        raise NotFound(NOT_FOUND)
    return found[0]


def writable_line(session: Session, line_id: str) -> PlanLine:
    line = fetch_line(session, line_id)
    visibility.require_inspection_writable(session, line.inspection_id)
    return line


def plan_lines(session: Session, inspection_id: str, *, today: str | None = None) -> list[PlanLine]:
    """The plan's lines (必谈 first, then by number); not audited (printing and exports audit)."""
    visibility.require_inspection_visible(session, inspection_id)
    return _lines(session, "inspection_id = ?", (inspection_id,), today)


def list_plan(session: Session, inspection_id: str, *, today: str | None = None) -> list[PlanLine]:
    """The plan of an inspection; the view is audited with counts only."""
    lines = plan_lines(session, inspection_id, today=today)
    done = sum(1 for x in lines if x.state is LineState.DONE)
    session.audit("talk_plan_view", "inspection", inspection_id, f"{len(lines)} 人，已谈 {done} 人")
    return lines


def summarise(lines: list[PlanLine]) -> PlanSummary:
    by_state: dict[LineState, int] = {}
    for line in lines:
        by_state[line.state] = by_state.get(line.state, 0) + 1
    return PlanSummary(len(lines), sum(1 for x in lines if x.must), by_state)
