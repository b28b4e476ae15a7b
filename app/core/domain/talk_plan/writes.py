"""Writing the talk plan: add, change and remove lines; propose the 必谈 from the leadership list;
start a talk form from a line.

- Numbered per inspection (谈话计划 第N号), allocated inside the creating transaction.
- The time first planned is kept (first_planned_at); changing it later makes the line read as moved.
- A line a talk was held for cannot be removed (the talk carries it).
- Each write checks Cap.CASE_WRITE and need to know, validates (rules.clean_form) and is audited,
  in one transaction.
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain.talk_plan.queries import fetch_line, writable_line
from app.core.domain.talk_plan.rules import clean_form
from app.core.domain.talk_plan.types import PlanLine, PlanLineForm
from app.core.domain.talks.outlines import outline_for
from app.core.domain.talks.types import IntervieweeCategory, TalkForm
from app.core.errors import Conflict
from app.core.security import visibility
from app.core.session import Session


def _set_interviewers(conn, line_id: str, user_ids: list[str]) -> None:
    conn.execute("DELETE FROM talk_plan_interviewers WHERE line_id = ?", (line_id,))
    conn.executemany(
        "INSERT INTO talk_plan_interviewers (line_id, user_id, sort_order) VALUES (?, ?, ?)",
        [(line_id, uid, k) for k, uid in enumerate(user_ids)],
    )


def _insert(session: Session, conn, inspection_id: str, cols: dict) -> tuple[str, int]:
    interviewers = cols.pop("_interviewers")
    values = session.record_values()
    number = f.count(
        conn,
        "SELECT COALESCE(MAX(number), 0) + 1 FROM talk_plan_lines WHERE inspection_id = ?",
        (inspection_id,),
    )
    f.insert(
        conn,
        "talk_plan_lines",
        {
            **values,
            "inspection_id": inspection_id,
            "number": number,
            **cols,
            "first_planned_at": cols["planned_at"],
        },
    )
    _set_interviewers(conn, values["id"], interviewers)
    return values["id"], number


def create_line(session: Session, inspection_id: str, form: PlanLineForm) -> PlanLine:
    """A new line of the plan, numbered next; audited."""
    visibility.require_inspection_writable(session, inspection_id)
    with session.transaction() as conn:
        line_id, number = _insert(session, conn, inspection_id, clean_form(conn, inspection_id, form))
        kind = "必谈" if form.must else "选谈"
        session.audit("talk_plan_line_create", "talk_plan_line", line_id, f"第{number}号，{kind}")
    return fetch_line(session, line_id)


def update_line(session: Session, line_id: str, form: PlanLineForm) -> PlanLine:
    """Change a line; a new time on a line that had one makes it read as moved (改期)."""
    line = writable_line(session, line_id)
    with session.transaction() as conn:
        cols = clean_form(conn, line.inspection_id, form)
        interviewers = cols.pop("_interviewers")
        if not line.first_planned_at and cols["planned_at"]:
            cols["first_planned_at"] = cols["planned_at"]
        f.update(conn, "talk_plan_lines", line_id, cols)
        _set_interviewers(conn, line_id, interviewers)
        moved = "，改期" if line.planned_at and cols["planned_at"] != line.planned_at else ""
        session.audit("talk_plan_line_update", "talk_plan_line", line_id, f"第{line.number}号{moved}")
    return fetch_line(session, line_id)


def delete_line(session: Session, line_id: str) -> None:
    line = writable_line(session, line_id)
    held = session.conn.execute("SELECT 1 FROM talks WHERE plan_line_id = ? LIMIT 1", (line_id,)).fetchone()
    if held is not None:
        raise Conflict("已按该计划进行了谈话，不能删除；如不再需要，请在备注中说明。")
    with session.transaction() as conn:
        conn.execute("DELETE FROM talk_plan_interviewers WHERE line_id = ?", (line_id,))
        conn.execute("DELETE FROM talk_plan_lines WHERE id = ?", (line_id,))
        session.audit("talk_plan_line_delete", "talk_plan_line", line_id, f"第{line.number}号")


def propose_must_talk(session: Session, inspection_id: str) -> list[PlanLine]:
    """Add a 必谈 line for each member of the unit's leadership not yet in the plan (the top leader
    first); returns the lines added. Interviewers and times are set afterwards, line by line."""
    visibility.require_inspection_writable(session, inspection_id)
    rows = session.conn.execute(
        "SELECT l.id, l.name, l.position, l.is_top_leader, u.name AS unit_name FROM inspections i"
        " JOIN leadership l ON l.unit_id = i.unit_id JOIN units u ON u.id = i.unit_id WHERE i.id = ?"
        " AND l.id NOT IN (SELECT leadership_id FROM talk_plan_lines WHERE inspection_id = ?"
        "   AND leadership_id IS NOT NULL)"
        " ORDER BY l.is_top_leader DESC, l.sort_order, l.name",
        (inspection_id, inspection_id),
    ).fetchall()
    added: list[str] = []
    with session.transaction() as conn:
        for r in rows:
            category = (
                IntervieweeCategory.TOP_LEADER if r["is_top_leader"] else IntervieweeCategory.LEADERSHIP
            )
            form = PlanLineForm(
                name=r["name"],
                position=r["position"],
                unit=r["unit_name"],
                category=category,
                must=True,
                leadership_id=r["id"],
            )
            line_id, _ = _insert(session, conn, inspection_id, clean_form(conn, inspection_id, form))
            added.append(line_id)
        session.audit("talk_plan_propose", "inspection", inspection_id, f"新增必谈 {len(added)} 人")
    return [fetch_line(session, x) for x in added]


def talk_form_for_line(session: Session, line_id: str) -> TalkForm:
    """A talk form filled from the line (person, interviewers, time, place), carrying the line."""
    line = fetch_line(session, line_id)
    ids = [p.user_id for p in line.interviewers]
    return TalkForm(
        start_at=line.planned_at,
        place=line.place,
        interviewee_name=line.name,
        interviewee_unit=line.unit,
        interviewee_position=line.position,
        interviewee_category=line.category,
        leadership_id=line.leadership_id,
        interviewer_ids=ids,
        recorder_id=ids[-1] if ids else "",
        outline=outline_for(line.category),
        plan_line_id=line.id,
    )
