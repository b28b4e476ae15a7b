"""Rectification: deadlines (working days), measures, progress with evidence, two-step close-out by
the office only, reopening (audited), overdue flags and the term-wide list of open items."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.domain import deadlines
from app.core.domain.register import (
    issue_reads,
    measures,
    open_items,
    progress,
    rectification_plan,
    rectification_reads,
    rectification_store,
    register_query,
    workflow,
)
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.register.rectification_record import Completion, MeasureDraft, RectState
from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.core.imports import read_material
from tests.core.issue_support import advance, reg_fixture, signed_issue, world_fixture  # noqa: F401


def test_working_day_deadlines():
    # Friday 2026-04-17 + 15 working days: the May Day holiday (1–5 May) is skipped and Saturday
    # 9 May, a make-up working day (调休), counts: Tuesday 2026-05-12 (tests/core/test_deadlines.py).
    assert deadlines.add_working_days("2026-04-17", 15) == "2026-05-12"
    # Saturday: counting starts on Monday.
    assert deadlines.add_working_days("2026-04-18", 1) == "2026-04-20"
    assert deadlines.plan_due("2026-04-20") == "2026-05-13"
    assert deadlines.add_months("2026-11-30", 3) == "2027-02-28"
    assert deadlines.report_due("2026-01-31") == "2026-04-30"
    assert deadlines.lead_report_due("2026-04-01") == "2026-07-01"


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(min_value=0, max_value=60)
)
def test_working_days_property(start, n):
    end = date.fromisoformat(deadlines.add_working_days(start, n))
    assert deadlines.working_days_between(start, end) == n
    if n:
        assert deadlines.is_working_day(end)
        # exactly n working days in (start, end]; beyond the holiday schedule, weekdays
        days = [start + timedelta(days=k) for k in range(1, (end - start).days + 1)]
        assert sum(deadlines.is_working_day(d) for d in days) == n
        if not deadlines.calendar_knows(start) and not deadlines.calendar_knows(end):
            assert sum(d.weekday() < 5 for d in days) == n


@pytest.fixture
def fed(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    issue = signed_issue(member, leader, reg.insp_a.id)
    advance(reg, issue.id, IssueStatus.FED_BACK, member=member, leader=leader, office=reg.office)
    return issue, member, leader


def test_deadlines_default_and_change(fed):
    issue, member, _ = fed
    rect = rectification_reads.get_rectification(member, issue.id)
    assert (rect.plan_due, rect.report_due) == ("2026-05-13", "2026-07-20")  # fed back 2026-04-20; May Day
    assert rect.plan_overdue is False or rect.today > rect.plan_due
    with pytest.raises(ValidationError):
        rectification_plan.set_deadlines(member, issue.id, "2026-04-01", "2026-07-20")  # before feedback
    rect = rectification_plan.set_deadlines(member, issue.id, "2026-05-20", "2026-08-31")
    assert (rect.plan_due, rect.report_due) == ("2026-05-20", "2026-08-31")
    late = rectification_store.load(member.conn, issue.id, "2026-05-21")
    assert late.plan_overdue and late.overdue
    rectification_plan.record_plan(member, issue.id, "彻底清退", "2026-05-15")
    assert not rectification_store.load(member.conn, issue.id, "2026-05-21").overdue
    assert issue_reads.visible_issue(member, issue.id).status == IssueStatus.IN_RECTIFICATION


def test_measures_progress_and_evidence(fed):
    issue, member, _ = fed
    rectification_plan.record_plan(member, issue.id, "彻底清退违规款项", "2026-05-08")
    with pytest.raises(ValidationError) as e:
        measures.add_measure(member, issue.id, MeasureDraft("清退", types=(), responsible_person="王建国"))
    assert e.value.field == "types"
    with pytest.raises(ValidationError):
        measures.add_measure(
            member, issue.id, MeasureDraft("其他", types={"other"}, responsible_person="王建国")
        )
    m1 = measures.add_measure(
        member,
        issue.id,
        MeasureDraft(
            "清退违规发放的津贴补贴",
            types={"recovery", "accountability"},
            responsible_leader="王建国",
            responsible_dept="计划财务科",
            responsible_person="李红梅",
            deadline="2026-05-31",
            immediate=True,
        ),
    )
    m2 = measures.add_measure(
        member,
        issue.id,
        MeasureDraft("修订津补贴发放管理办法", types={"rules"}, responsible_person="李红梅", ongoing=True),
    )
    assert m1.ordinal == 1 and m2.ordinal == 2 and m2.deadline == "2026-07-20"  # default: report due
    assert m1.types_text == "挽回损失、追责问责"
    rect = rectification_store.load(member.conn, issue.id, "2026-06-01")
    assert rect.overdue and [m.overdue for m in rect.measures] == [True, False]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    material = read_material("退款凭证.txt", "退款凭证：已退回12.6万元。".encode())
    entry = progress.add_progress(
        member, issue.id, "2026-05-20", "已清退8万元。", measure_id=m1.id, files=[material]
    )
    assert entry.evidence[0].filename == "退款凭证.txt" and pdf
    att, data = progress.read_evidence(member, entry.evidence[0].id)
    assert data.decode() == "退款凭证：已退回12.6万元。"
    assert [p.note for p in progress.list_progress(member, issue.id)] == ["已清退8万元。"]
    measures.set_measure_completion(member, m1.id, "done", "2026-05-30")
    assert not rectification_store.load(member.conn, issue.id, "2026-06-01").overdue
    with pytest.raises(ValidationError):
        measures.set_measure_completion(member, m2.id, "done")  # needs a date
    with pytest.raises(Conflict):
        measures.remove_measure(member, m1.id)  # has progress entries
    measures.remove_measure(member, m2.id)
    assert [m.ordinal for m in rectification_store.load(member.conn, issue.id).measures] == [1]


def test_two_step_close_out_office_only_and_reopen(reg, fed):
    issue, member, leader = fed
    rectification_plan.record_plan(member, issue.id, "目标", "2026-05-08")
    m = measures.add_measure(
        member, issue.id, MeasureDraft("修订制度", types={"rules"}, responsible_person="李红梅", ongoing=True)
    )
    # Nothing to close before the unit reports completion.
    with pytest.raises(Conflict):
        workflow.close_out(reg.office, issue.id, "2026-06-01", "同意")
    # 基本完成 is accepted only when every unfinished measure is ongoing (it is).
    rect = rectification_plan.record_completion(
        member, issue.id, "mostly_done", "制度已修订，长期坚持。", "2026-06-20"
    )
    assert rect.state == RectState.UNIT_COMPLETED
    for username in ("member1", "leader1", "leader2", "deputy1", "sysadmin", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            workflow.close_out(reg.login(username), issue.id, "2026-07-01", "同意销号")
    closed = workflow.close_out(reg.office, issue.id, "2026-07-01", "经核验，同意销号。")
    assert closed.state == RectState.CLOSED and not closed.overdue
    assert issue_reads.visible_issue(member, issue.id).status == IssueStatus.CLOSED_OUT
    with pytest.raises(Conflict):
        measures.add_measure(member, issue.id, MeasureDraft("补充", types={"rules"}, responsible_person="x"))
    with pytest.raises(PermissionDenied):
        workflow.reopen(leader, issue.id, "回头看发现反弹")
    reopened = workflow.reopen(reg.office, issue.id, "回头看发现问题反弹。", "2026-09-01")
    assert reopened.state == RectState.OPEN and reopened.completion == Completion.NOT_DONE
    assert issue_reads.visible_issue(member, issue.id).status == IssueStatus.IN_RECTIFICATION
    actions = [e.action.value for e in rectification_reads.events(member, issue.id)]
    assert actions == ["plan", "unit_completed", "closed", "reopened"]
    audit = [
        r[0]
        for r in reg.office.conn.execute(
            "SELECT action FROM audit WHERE object_id = ? ORDER BY seq", (issue.id,)
        )
    ]
    assert "rectification_close_out" in audit and "rectification_reopen" in audit
    # 基本完成 with an unfinished measure that is not ongoing is refused.
    measures.update_measure(
        member, m.id, MeasureDraft("修订制度", types={"rules"}, responsible_person="李红梅")
    )
    with pytest.raises(ValidationError):
        rectification_plan.record_completion(member, issue.id, "mostly_done", "基本完成", "2026-09-10")


def test_open_items_across_the_term(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    m2, l2 = reg.login("member2"), reg.login("leader2")
    a = signed_issue(member, leader, reg.insp_a.id, "甲")
    b = signed_issue(m2, l2, reg.insp_b.id, "乙")
    for s_member, s_leader, issue in ((member, leader, a), (m2, l2, b)):
        advance(
            reg, issue.id, IssueStatus.IN_RECTIFICATION, member=s_member, leader=s_leader, office=reg.office
        )
    measures.add_measure(
        member,
        a.id,
        MeasureDraft("甲措施", types={"rules"}, responsible_person="赵六", deadline="2026-06-30"),
    )
    measures.add_measure(
        m2,
        b.id,
        MeasureDraft("乙措施一", types={"lessons"}, responsible_person="钱七", deadline="2026-05-31"),
    )
    done = measures.add_measure(
        m2,
        b.id,
        MeasureDraft("乙措施二", types={"clean_up"}, responsible_person="孙八", deadline="2026-05-01"),
    )
    measures.set_measure_completion(m2, done.id, "done", "2026-04-30")
    items = open_items.open_items(reg.office, term_id=reg.term.id, today="2026-06-15")
    assert [i.description for i in items] == ["乙措施一", "甲措施"]
    assert [i.overdue for i in items] == [True, False]
    by_person = open_items.open_items(reg.office, term_id=reg.term.id, order="person", today="2026-06-15")
    assert [i.responsible_person for i in by_person] == sorted(["钱七", "赵六"])
    by_unit = open_items.open_items(reg.office, term_id=reg.term.id, order="unit")
    assert [i.unit_name for i in by_unit] == sorted(["市教育局", "市财政局"])
    assert [i.description for i in open_items.open_items(member, term_id=reg.term.id)] == ["甲措施"]
    assert len(open_items.open_items(reg.office, overdue_only=True, today="2026-06-15")) == 1
    row = register_query.register_page(
        reg.office, register_query.RegisterFilter(overdue=True, today="2026-06-15")
    )
    assert [r.title for r in row] == ["乙"]
