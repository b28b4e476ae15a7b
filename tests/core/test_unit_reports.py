"""The unit's reports after the feedback, by the rules' deadlines and the working-day calendar."""

from __future__ import annotations

import pytest

from app.core.domain import phase_moves
from app.core.domain.organisation.inspections import Phase
from app.core.domain.register import unit_reports
from app.core.domain.register.unit_reports import ReportKind
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.imports import read_file
from tests.core.issue_support import reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401

FEEDBACK = "2026-09-24"  # the day before 中秋 (9-25) and a week before 国庆 (10-1 … 10-7)


def to_feedback(reg, on: str = FEEDBACK) -> None:
    office = reg.login("office")
    dates = {Phase.ENTRY: "2026-03-09", Phase.ON_SITE: "2026-03-10", Phase.REPORT: "2026-06-01"}
    for phase, day in dates.items():
        phase_moves.move_phase(office, reg.insp_a.id, phase, on=day)
    phase_moves.move_phase(office, reg.insp_a.id, Phase.FEEDBACK, on=on)


def test_the_deadlines_follow_the_holidays_and_the_make_up_day():
    due = unit_reports.due_dates(FEEDBACK)
    # 15 working days: 9-25 and 10-1 … 10-7 are holidays, Saturday 10-10 is a make-up working day.
    # Counted Monday to Friday it would be 10-15.
    assert due[ReportKind.PLAN].due == "2026-10-22" and not due[ReportKind.PLAN].estimated
    assert due[ReportKind.LIFE_MEETING].due == "2026-10-24"
    assert due[ReportKind.SITUATION].due == due[ReportKind.LEADER].due == "2026-11-24"
    assert due[ReportKind.THREE_MONTHS].due == "2026-12-24"


def test_nothing_is_due_before_the_feedback(reg):
    assert unit_reports.deadlines_for(reg.login("leader1"), reg.insp_a.id, today="2026-09-01") == []
    with pytest.raises(Conflict, match="尚未反馈"):
        unit_reports.record_report(reg.login("member1"), reg.insp_a.id, "plan", "2026-09-30", "方案")


def test_overdue_and_soon_and_received(reg, tmp_path):
    to_feedback(reg)
    leader, member, office = reg.login("leader1"), reg.login("member1"), reg.login("office")
    by_kind = {d.kind: d for d in unit_reports.deadlines_for(leader, reg.insp_a.id, today="2026-10-19")}
    assert by_kind[ReportKind.PLAN].soon and not by_kind[ReportKind.PLAN].overdue
    assert not by_kind[ReportKind.SITUATION].soon
    reminders = unit_reports.reminders(leader, today="2026-10-19")
    assert reminders == [
        "市教育局：整改方案应于 2026-10-22 前报送，即将到期。",
        "市教育局：专题民主生活会情况报告应于 2026-10-24 前报送，即将到期。",
    ]
    assert unit_reports.reminders(reg.login("sysadmin"), today="2026-10-19") == []
    assert unit_reports.reminder_text(leader, today="2026-10-19").startswith(
        "整改报送提醒：\n市教育局：整改方案"
    )
    assert unit_reports.reminder_text(leader, today="2026-09-01") == ""
    late = unit_reports.overdue(office, today="2026-10-23")
    assert [(d.kind, d.overdue) for d in late] == [(ReportKind.PLAN, True)]
    assert unit_reports.overdue(reg.login("leader2"), today="2026-10-23") == []  # another team's unit

    with pytest.raises(ValidationError, match="早于反馈日期"):
        unit_reports.record_report(member, reg.insp_a.id, "plan", "2026-09-20", "方案")
    with pytest.raises(ValidationError, match="内容摘要"):
        unit_reports.record_report(member, reg.insp_a.id, "plan", "2026-10-23")
    path = tmp_path / "整改方案.txt"
    path.write_text("市教育局党组关于巡察反馈意见整改工作方案\n一、总体要求……", encoding="utf-8")
    report = unit_reports.record_report(member, reg.insp_a.id, "plan", "2026-10-23", document=read_file(path))
    assert (
        report.summary.startswith("市教育局党组关于巡察反馈意见整改工作方案")
        and len(report.attachment_ids) == 1
    )
    with pytest.raises(Conflict, match="已登记"):
        unit_reports.record_report(member, reg.insp_a.id, "plan", "2026-10-24", "再报")
    assert unit_reports.overdue(office, today="2026-10-23") == []
    with pytest.raises((PermissionDenied, NotFound)):
        unit_reports.record_report(reg.login("leader2"), reg.insp_a.id, "life_meeting", "2026-10-20", "x")
    with pytest.raises(NotFound):
        unit_reports.get_report(reg.login("member2"), report.id)
    with pytest.raises(ValidationError, match="不属于本巡察"):
        unit_reports.record_report(
            member, reg.insp_a.id, "life_meeting", "2026-10-20", "会议情况", measure_ids=["no-such-measure"]
        )
