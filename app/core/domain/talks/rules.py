"""The talk form's rules: the limits, and the check that turns a TalkForm into the talk's columns.

- At least two interviewers, all from the inspection's team; the recorder is from the team too.
- A chosen leadership member must belong to the inspected unit; a talk held for a talk plan line
  (plan_line_id) names a line of the same inspection.
- The outline, the record's question-and-answer blocks and the key points have length limits; the
  classification is one of the clearances, its protection period within the level's limit.

`clean_form` raises ValidationError naming the field, so the GUI can show the message beside it.
"""

from __future__ import annotations

import json
from datetime import datetime

from app.core.domain import _fields as f
from app.core.domain.talks.types import IntervieweeCategory, TalkForm, TalkKind
from app.core.errors import ValidationError
from app.core.printing.furniture import classification_mark
from app.core.security.roles import CLEARANCES

MAX_OUTLINE = 100
MAX_BLOCKS = 500
MAX_QUESTION = 1000
MAX_ANSWER = 20000
MAX_KEY_POINTS = 10000
MAX_ADDENDUM = 10000


def _datetime(value: str, field: str, label: str, *, required: bool) -> str:
    text = str(value or "").strip()
    if not text:
        if required:
            raise ValidationError(f"请填写{label}。", field=field)
        return ""
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        raise ValidationError(f"{label}须为有效的日期和时间（如 2026-03-15 09:00）。", field=field) from None
    return parsed.strftime("%Y-%m-%d %H:%M")


def team_of(conn, inspection_id: str) -> dict[str, str]:
    """user id -> name of everyone on the team carrying out the inspection."""
    rows = conn.execute(
        "SELECT m.user_id, u.display_name FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
        " JOIN users u ON u.id = m.user_id WHERE i.id = ?",
        (inspection_id,),
    ).fetchall()
    return {r["user_id"]: r["display_name"] for r in rows}


def clean_form(conn, inspection_id: str, form: TalkForm) -> dict:
    """The validated columns of a talk, and its interviewer ids under '_interviewers'."""
    start_at = _datetime(form.start_at, "start_at", "谈话开始时间", required=True)
    end_at = _datetime(form.end_at, "end_at", "谈话结束时间", required=False)
    if end_at and end_at < start_at:
        raise ValidationError("谈话结束时间不能早于开始时间。", field="end_at")
    category = f.choice(IntervieweeCategory, form.interviewee_category, "interviewee_category", "人员类别")
    kind = f.choice(TalkKind, form.kind, "kind", "谈话类型")
    name = f.text(form.interviewee_name, "interviewee_name", "被谈话人姓名", max_len=50)
    unit = f.text(form.interviewee_unit, "interviewee_unit", "被谈话人单位", required=False, max_len=100)
    position = f.text(form.interviewee_position, "interviewee_position", "职务", required=False, max_len=100)
    leadership_id = form.leadership_id or None
    if leadership_id:
        row = conn.execute(
            "SELECT 1 FROM leadership l JOIN inspections i ON i.unit_id = l.unit_id WHERE l.id = ? AND i.id = ?",
            (leadership_id, inspection_id),
        ).fetchone()
        if row is None:
            raise ValidationError("所选班子成员不属于被巡察单位。", field="leadership_id")

    plan_line_id = f.chosen_id(form.plan_line_id or None, "plan_line_id", "谈话计划")
    if plan_line_id:
        row = conn.execute(
            "SELECT 1 FROM talk_plan_lines WHERE id = ? AND inspection_id = ?", (plan_line_id, inspection_id)
        ).fetchone()
        if row is None:
            raise ValidationError("所选谈话计划不属于本次巡察。", field="plan_line_id")

    team = team_of(conn, inspection_id)
    interviewers = list(dict.fromkeys(str(u) for u in form.interviewer_ids if u))
    if len(interviewers) < 2:
        raise ValidationError("谈话人至少须有两名巡察组成员。", field="interviewer_ids")
    strangers = [u for u in interviewers if u not in team]
    if strangers:
        raise ValidationError("谈话人须为本巡察组成员。", field="interviewer_ids")
    if not form.recorder_id:
        raise ValidationError("请选择记录人。", field="recorder_id")
    if form.recorder_id not in team:
        raise ValidationError("记录人须为本巡察组成员。", field="recorder_id")

    outline = [str(q).strip() for q in form.outline if str(q).strip()]
    if len(outline) > MAX_OUTLINE:
        raise ValidationError(f"谈话提纲最多 {MAX_OUTLINE} 个问题。", field="outline")
    for q in outline:
        if len(q) > MAX_QUESTION:
            raise ValidationError(f"提纲中的每个问题不能超过 {MAX_QUESTION} 字。", field="outline")
        f.long_text(q, "outline", "谈话提纲", max_len=MAX_QUESTION)
    blocks = [(str(b.question or "").strip(), str(b.answer or "").strip()) for b in form.record]
    record = [{"question": q, "answer": a} for q, a in blocks if q or a]
    if len(record) > MAX_BLOCKS:
        raise ValidationError(f"谈话记录最多 {MAX_BLOCKS} 问。", field="record")
    for k, b in enumerate(record, start=1):
        if len(b["question"]) > MAX_QUESTION:
            raise ValidationError(f"第 {k} 问的提问不能超过 {MAX_QUESTION} 字。", field="record")
        if len(b["answer"]) > MAX_ANSWER:
            raise ValidationError(f"第 {k} 问的回答不能超过 {MAX_ANSWER} 字。", field="record")
        f.long_text(b["question"], "record", f"第 {k} 问的提问", required=False, max_len=MAX_QUESTION)
        f.long_text(b["answer"], "record", f"第 {k} 问的回答", required=False, max_len=MAX_ANSWER)
    key_points = f.long_text(
        form.key_points, "key_points", "谈话要点", required=False, max_len=MAX_KEY_POINTS
    )
    if form.classification not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    years = form.protection_years
    if years is not None:
        years = f.positive_int(years, "protection_years", "保密期限", maximum=20)
        classification_mark(form.classification, years)  # checks the limit for the level
    return {
        "start_at": start_at,
        "end_at": end_at,
        "place": f.text(form.place, "place", "谈话地点", required=False, max_len=100),
        "interviewee_name": name,
        "interviewee_unit": unit,
        "interviewee_position": position,
        "interviewee_category": category.value,
        "leadership_id": leadership_id,
        "kind": kind.value,
        "recorder_id": form.recorder_id,
        "outline": json.dumps(outline, ensure_ascii=False),
        "record": json.dumps(record, ensure_ascii=False),
        "key_points": key_points,
        "raised_problems": int(bool(form.raised_problems)),
        "raised_leads": int(bool(form.raised_leads)),
        "classification": form.classification,
        "protection_years": years,
        "plan_line_id": plan_line_id,
        "_interviewers": interviewers,
    }
