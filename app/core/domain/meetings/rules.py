"""The meeting form's rules: limits, and the check that turns a MeetingForm into columns.

- The kind is one of the five; the date is a real date, the times HH:MM (the end not before the start).
- Attendees: a name each (typed, or taken from the unit's leadership list, which must be the
  inspected unit's), at most MAX_ATTENDEES; duplicates of the same leadership entry are dropped.
- Agenda items and minutes have length limits; the classification is one of the clearances and its
  protection period within the level's limit.

`clean_form` raises ValidationError naming the field, so the GUI shows the message beside it.
"""

from __future__ import annotations

import json
import re

from app.core.domain import _fields as f
from app.core.domain.meetings.types import MeetingForm, MeetingKind
from app.core.errors import ValidationError
from app.core.printing.furniture import classification_mark
from app.core.security.roles import CLEARANCES

MAX_AGENDA = 50
MAX_AGENDA_ITEM = 300
MAX_MINUTES = 50000
MAX_ATTENDEES = 500
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def clock(value: str, field: str, label: str) -> str:
    """'9:05' / '09:05' -> '09:05'; blank stays blank."""
    text = str(value or "").strip()
    if not text:
        return ""
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValidationError(f"{label}须为有效时间（如 09:00）。", field=field)
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def clean_form(conn, inspection_id: str, form: MeetingForm) -> dict:
    """The validated columns of a meeting, and its attendees (list of dicts) under '_attendees'."""
    kind = f.choice(MeetingKind, form.kind, "kind", "会议类型")
    held_on = f.iso_date(form.held_on, "held_on", "会议日期")
    start = clock(form.start_time, "start_time", "开始时间")
    end = clock(form.end_time, "end_time", "结束时间")
    if start and end and end < start:
        raise ValidationError("结束时间不能早于开始时间。", field="end_time")
    agenda = [str(a).strip() for a in form.agenda if str(a or "").strip()]
    if len(agenda) > MAX_AGENDA:
        raise ValidationError(f"会议议程最多 {MAX_AGENDA} 项。", field="agenda")
    for k, item in enumerate(agenda, start=1):
        f.text(item, "agenda", f"第 {k} 项议程", max_len=MAX_AGENDA_ITEM)
    unit_id = conn.execute("SELECT unit_id FROM inspections WHERE id = ?", (inspection_id,)).fetchone()[0]
    attendees: list[dict] = []
    seen: set[str] = set()
    for k, person in enumerate(form.attendees, start=1):
        name = f.text(person.name, "attendees", f"第 {k} 位参会人员的姓名", required=False, max_len=50)
        if not name:
            continue
        leadership_id = f.chosen_id(person.leadership_id or None, "attendees", "班子成员")
        if leadership_id:
            if leadership_id in seen:
                continue
            row = conn.execute(
                "SELECT 1 FROM leadership WHERE id = ? AND unit_id = ?", (leadership_id, unit_id)
            ).fetchone()
            if row is None:
                raise ValidationError(f"第 {k} 位参会人员不是被巡察单位的班子成员。", field="attendees")
            seen.add(leadership_id)
        attendees.append(
            {
                "name": name,
                "position": f.text(person.position, "attendees", f"第 {k} 位参会人员的职务", required=False),
                "unit": f.text(person.unit, "attendees", f"第 {k} 位参会人员的单位", required=False),
                "leadership_id": leadership_id,
            }
        )
    if len(attendees) > MAX_ATTENDEES:
        raise ValidationError(f"参会人员最多 {MAX_ATTENDEES} 名。", field="attendees")
    if form.classification not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    years = form.protection_years
    if years is not None:
        years = f.positive_int(years, "protection_years", "保密期限", maximum=20)
        classification_mark(form.classification, years)  # checks the limit for the level
    return {
        "kind": kind.value,
        "title": f.text(form.title, "title", "会议名称", required=False, max_len=100),
        "held_on": held_on,
        "start_time": start,
        "end_time": end,
        "place": f.text(form.place, "place", "会议地点", required=False, max_len=100),
        "chair": f.text(form.chair, "chair", "主持人", required=False, max_len=50),
        "recorder": f.text(form.recorder, "recorder", "记录人", required=False, max_len=50),
        "agenda": json.dumps(agenda, ensure_ascii=False),
        "minutes": f.long_text(form.minutes, "minutes", "会议纪要", required=False, max_len=MAX_MINUTES),
        "classification": form.classification,
        "protection_years": years,
        "_attendees": attendees,
    }
