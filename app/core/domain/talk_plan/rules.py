"""The plan line's rules: a name; a category; a leadership member of the inspected unit when one is
chosen; interviewers from the inspection's team (two at least once a time is set, as for a talk);
the planned time as 'YYYY-MM-DD HH:MM'. `clean_form` raises ValidationError naming the field."""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain.talk_plan.types import PlanLineForm
from app.core.domain.talks.rules import _datetime, team_of
from app.core.domain.talks.types import IntervieweeCategory
from app.core.errors import ValidationError


def clean_form(conn, inspection_id: str, form: PlanLineForm) -> dict:
    """The validated columns of a plan line, and its interviewer ids under '_interviewers'."""
    name = f.text(form.name, "name", "被谈话人姓名", max_len=50)
    category = f.choice(IntervieweeCategory, form.category, "category", "人员类别")
    leadership_id = f.chosen_id(form.leadership_id or None, "leadership_id", "班子成员")
    if leadership_id:
        row = conn.execute(
            "SELECT 1 FROM leadership l JOIN inspections i ON i.unit_id = l.unit_id WHERE l.id = ? AND i.id = ?",
            (leadership_id, inspection_id),
        ).fetchone()
        if row is None:
            raise ValidationError("所选班子成员不属于被巡察单位。", field="leadership_id")
    planned_at = _datetime(form.planned_at, "planned_at", "计划谈话时间", required=False)
    team = team_of(conn, inspection_id)
    interviewers = list(dict.fromkeys(str(u) for u in form.interviewer_ids if u))
    if any(u not in team for u in interviewers):
        raise ValidationError("谈话人须为本巡察组成员。", field="interviewer_ids")
    if planned_at and len(interviewers) < 2:
        raise ValidationError("安排谈话时间时，谈话人至少须有两名巡察组成员。", field="interviewer_ids")
    return {
        "name": name,
        "position": f.text(form.position, "position", "职务", required=False),
        "unit": f.text(form.unit, "unit", "单位", required=False),
        "category": category.value,
        "must": int(bool(form.must)),
        "leadership_id": leadership_id,
        "planned_at": planned_at,
        "place": f.text(form.place, "place", "谈话地点", required=False),
        "note": f.text(form.note, "note", "备注", required=False, max_len=200),
        "_interviewers": interviewers,
    }
