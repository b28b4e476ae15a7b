"""Writing the work plan: every save is a new version (the old ones are kept, as the office's official
documents keep theirs), by the team's leader or the office.

The form's rules: aims required; the issue date a real date; at most MAX_FOCUS focus items; each phase a
name and two dates in order; each group a name and its members, a member of the inspection's team
(user_id) or a typed name, nobody twice in one group. The save and its audit entry are one transaction.
"""

from __future__ import annotations

import json

from app.core.domain import _fields as f
from app.core.domain.work_plan.queries import fetch_version, team_people
from app.core.domain.work_plan.types import PlanForm, WorkPlan
from app.core.errors import PermissionDenied, ValidationError
from app.core.printing.furniture import classification_mark
from app.core.security import visibility
from app.core.security.roles import CLEARANCES, Cap
from app.core.session import Session

MAX_FOCUS = 30
MAX_PHASES = 20
MAX_GROUPS = 12
MAX_MEMBERS = 30


def require_plan_writer(session: Session, inspection_id: str) -> None:
    visibility.require_inspection_writable(session, inspection_id)
    if session.can(Cap.ORG_MANAGE) or visibility.is_leader_of_inspection(session, inspection_id):
        return
    raise PermissionDenied("只有本组组长或巡察办可以制定、修改巡察工作方案。")


def clean_form(session: Session, inspection_id: str, form: PlanForm) -> dict:
    aims = f.long_text(form.aims, "aims", "巡察目的", max_len=5000)
    issued = f.iso_date(form.issued_on, "issued_on", "成文日期")
    focus = [f.text(x, "focus", "巡察重点", max_len=200) for x in form.focus if str(x or "").strip()]
    if len(focus) > MAX_FOCUS:
        raise ValidationError(f"巡察重点最多 {MAX_FOCUS} 项。", field="focus")
    if len(form.schedule) > MAX_PHASES:
        raise ValidationError(f"时间安排最多 {MAX_PHASES} 个阶段。", field="schedule")
    schedule = []
    for k, p in enumerate(form.schedule, start=1):
        name = f.text(p.name, "schedule", f"第 {k} 个阶段的名称", max_len=30)
        start = f.iso_date(p.start, "schedule", f"“{name}”的开始日期")
        end = f.iso_date(p.end, "schedule", f"“{name}”的结束日期")
        if end < start:
            raise ValidationError(f"“{name}”的结束日期不能早于开始日期。", field="schedule")
        tasks = f.long_text(p.tasks, "schedule", f"“{name}”的工作内容", required=False, max_len=2000)
        schedule.append({"name": name, "start": start, "end": end, "tasks": tasks})
    if len(form.groups) > MAX_GROUPS:
        raise ValidationError(f"工作小组最多 {MAX_GROUPS} 个。", field="groups")
    team = {m.user_id: m.name for m in team_people(session, inspection_id)}
    groups, names = [], set()
    for k, g in enumerate(form.groups, start=1):
        name = f.text(g.name, "groups", f"第 {k} 个小组的名称", max_len=30)
        if name in names:
            raise ValidationError(f"小组“{name}”重复。", field="groups")
        names.add(name)
        members, seen = [], set()
        for j, m in enumerate(g.members, start=1):
            user_id = f.chosen_id(m.user_id or None, "groups", "巡察组成员")
            if user_id and user_id not in team:
                raise ValidationError(f"“{name}”的第 {j} 名成员不是本巡察组的成员。", field="groups")
            member = (
                team[user_id]
                if user_id
                else f.text(m.name, "groups", f"“{name}”第 {j} 名成员的姓名", max_len=30)
            )
            if member in seen:
                continue
            seen.add(member)
            members.append({"name": member, "user_id": user_id})
        if len(members) > MAX_MEMBERS:
            raise ValidationError(f"每个小组最多 {MAX_MEMBERS} 名成员。", field="groups")
        duties = f.long_text(g.duties, "groups", f"“{name}”的职责", required=False, max_len=1000)
        groups.append({"name": name, "duties": duties, "members": members})
    if form.classification not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    years = form.protection_years
    if years is not None:
        years = f.positive_int(years, "protection_years", "保密期限", maximum=20)
        classification_mark(form.classification, years)
    return {
        "title": f.text(form.title, "title", "方案标题", required=False, max_len=100),
        "aims": aims,
        "focus": json.dumps(focus, ensure_ascii=False),
        "schedule": json.dumps(schedule, ensure_ascii=False),
        "groups_json": json.dumps(groups, ensure_ascii=False),
        "issuer": f.text(form.issuer, "issuer", "发文机关", required=False, max_len=60),
        "issued_on": issued,
        "note": f.long_text(form.note, "note", "工作要求", required=False, max_len=5000),
        "classification": form.classification,
        "protection_years": years,
    }


def save_plan(session: Session, inspection_id: str, form: PlanForm) -> WorkPlan:
    """Keep the form as the plan's next version (the first save makes version 1); audited."""
    require_plan_writer(session, inspection_id)
    visibility.require_clearance_writable(session, form.classification)
    cols = clean_form(session, inspection_id, form)
    values = session.record_values()
    with session.transaction() as conn:
        version = f.count(
            conn,
            "SELECT COALESCE(MAX(version), 0) + 1 FROM work_plans WHERE inspection_id = ?",
            (inspection_id,),
        )
        f.insert(conn, "work_plans", {**values, "inspection_id": inspection_id, "version": version, **cols})
        groups = len(json.loads(cols["groups_json"]))
        session.audit("work_plan_save", "work_plan", values["id"], f"第{version}版，{groups} 个小组")
    return fetch_version(session, values["id"])
