"""One unit from the feedback through the rules' deadlines to an assessment graded 差 and a 回头看
that sees the earlier issues (issue 22)."""

from __future__ import annotations

import pytest

from app.core.domain.organisation import inspections, teams, terms
from app.core.domain.register import assessment, issue_edits, unit_reports
from app.core.domain.register.assessment import Relation
from app.core.domain.register.unit_reports import ReportKind
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.core.issue_support import advance, draft, reg_fixture, signed_issue  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_unit_reports import to_feedback


def test_template_rules():
    template = assessment.parse_template(assessment.builtin_template_text())
    assert sum(i.points for i in template.items if not i.veto) == 100
    assert [template.grade(t, False) for t in (95, 85, 70, 59.5)] == ["好", "较好", "一般", "差"]
    assert template.grade(99, True) == "差"
    with pytest.raises(ValidationError, match="合计 100 分"):
        assessment.parse_template(assessment.builtin_template_text().replace('"points": 30', '"points": 31'))
    with pytest.raises(ValidationError, match="格式不对"):
        assessment.parse_template("{")


def test_from_feedback_to_a_lookback(reg):
    office, leader, member = reg.login("office"), reg.login("leader1"), reg.login("member1")
    earlier = [
        signed_issue(member, leader, reg.insp_a.id, "违规发放津贴补贴"),
        signed_issue(member, leader, reg.insp_a.id, "公务接待超标准"),
    ]
    to_feedback(reg)
    for issue in earlier:
        advance(reg, issue.id, "in_rectification", member=member, leader=leader, office=office)
    # The deadlines from 2026-09-24 skip 中秋 and 国庆 and count Saturday 10-10 (调休).
    due = {d.kind: d for d in unit_reports.deadlines_for(office, reg.insp_a.id, today="2026-10-23")}
    assert due[ReportKind.PLAN].due == "2026-10-22" and due[ReportKind.PLAN].overdue
    unit_reports.record_report(
        member, reg.insp_a.id, "life_meeting", "2026-10-20", "10月20日召开专题民主生活会。"
    )
    late = {d.kind for d in unit_reports.overdue(office, today="2026-12-01")}
    assert late == {ReportKind.PLAN, ReportKind.SITUATION, ReportKind.LEADER}

    # The assessment: the office only; deductions within each item's points, with evidence.
    with pytest.raises(PermissionDenied):
        assessment.begin(leader, reg.insp_a.id)
    assessment.begin(office, reg.insp_a.id)
    with pytest.raises(ValidationError, match="0 到 10 分"):
        assessment.score(office, reg.insp_a.id, "plan", deduction=12, evidence="逾期")
    with pytest.raises(ValidationError, match="评分依据"):
        assessment.score(office, reg.insp_a.id, "plan", deduction=5)
    assessment.score(office, reg.insp_a.id, "plan", deduction=10, evidence="整改方案逾期未报送。")
    assessment.score(office, reg.insp_a.id, "completion", deduction=25, evidence="2个问题均未整改到位。")
    assessment.score(office, reg.insp_a.id, "leadership", deduction=10, evidence="主要负责人未组织研究整改。")
    live = assessment.score(office, reg.insp_a.id, "leads", deduction=0)
    assert live.total == 55 and live.grade == "差" and not live.concluded
    done = assessment.conclude(office, reg.insp_a.id, "2026-12-05", "整改不力，建议开展回头看。")
    assert done.grade == "差" and done.total == 55
    with pytest.raises(Conflict, match="不能再修改"):
        assessment.score(office, reg.insp_a.id, "plan", deduction=0)
    _check_printed_report(office, reg.insp_a.id)

    # 差 proposes the unit for a 回头看; the office schedules it in a look-back round.
    (proposal,) = assessment.lookbacks(office)
    assert proposal.earlier_inspection_id == reg.insp_a.id and "差" in proposal.reason
    later = terms.create_round(office, reg.term.id, 2, "look_back", starts_on="2027-03-01")
    team = teams.create_team(office, later.id, "回头看巡察组")
    teams.add_member(office, team.id, reg.users["leader2"], "leader")
    teams.add_member(office, team.id, reg.users["member2"], "member")
    look = inspections.create_inspection(office, team.id, reg.unit_a.id, began_on="2027-03-02")
    with pytest.raises(ValidationError, match="同一被巡察单位"):
        other = inspections.create_inspection(office, team.id, reg.unit_b.id, began_on="2027-03-02")
        assessment.schedule_lookback(office, proposal.id, other.id)
    assessment.schedule_lookback(office, proposal.id, look.id)

    # The look-back team sees the earlier issues and measures, which it could not see before.
    lookback_leader = reg.login("leader2")
    view = assessment.earlier_view(lookback_leader, look.id)
    assert {i.title for i in view.issues} == {"违规发放津贴补贴", "公务接待超标准"}
    assert (
        view.grade == "差" and view.total == 55 and all(i.status == "in_rectification" for i in view.issues)
    )
    with pytest.raises(NotFound):
        assessment.earlier_view(reg.login("member1"), look.id)  # not on the look-back team
    finding = issue_edits.create_issue(reg.login("member2"), look.id, draft("津贴补贴问题反弹"))
    assessment.link_finding(lookback_leader, finding.id, Relation.REBOUND, view.issues[0].id)
    new = issue_edits.create_issue(reg.login("member2"), look.id, draft("新发现：会议费列支接待费"))
    assessment.link_finding(lookback_leader, new.id, "new")
    with pytest.raises(ValidationError, match="原巡察中的问题"):
        assessment.link_finding(lookback_leader, new.id, Relation.INCOMPLETE, "not-an-earlier-issue")
    by = assessment.findings_by_relation(lookback_leader, look.id)
    assert by[Relation.REBOUND] == [finding.id] and by[Relation.NEW] == [new.id]


def _check_printed_report(office, inspection_id: str) -> None:
    from app.core.printing.assessment_report import print_report
    from app.core.printing.text import NO_LINE_START
    from tests.conftest import save_artifact
    from tests.core import print_helpers as pdf

    (data,) = print_report(office, inspection_id, 1, classification="内部")
    save_artifact("assessment-report.pdf", data)
    if not pdf.HAVE_POPPLER:
        return
    text = pdf.squash(pdf.text(data))
    assert "整改成效评估报告" in text and "总分55分，评定为“差”" in text
    assert "整改方案逾期未报送。" in text and "合计" in text and "未触发" in text
    for line in pdf.text(data).splitlines():
        assert not line.strip() or line.strip()[0] not in NO_LINE_START, line
    assert all(embedded for _name, embedded in pdf.fonts(data))


def test_figures_count_the_grades_and_the_reopened_items(reg):
    from app.core.domain.register import figures

    office = reg.login("office")
    assessment.begin(office, reg.insp_a.id)
    assessment.score(office, reg.insp_a.id, "completion", deduction=30, evidence="均未整改。")
    assessment.score(office, reg.insp_a.id, "plan", deduction=10, evidence="逾期。")
    before = figures.compute(office, figures.Scope(round_id=reg.round.id))
    assert before.grades == {}  # begun, not concluded
    assessment.conclude(office, reg.insp_a.id, "2026-12-05", "整改不力。")
    after = figures.compute(office, figures.Scope(round_id=reg.round.id))
    assert after.grades == {"一般": 1} and after.rectification_reopened == 0
    assert figures.compute(reg.login("leader2"), figures.Scope(round_id=reg.round.id)).grades == {}


def test_the_satisfaction_survey_scores_its_item(reg):
    from app.core.domain.evaluation import entry, library, surveys
    from tests.core.eval_support import issue, template_id

    office, leader = reg.login("office"), reg.login("leader1")
    assessment.begin(office, reg.insp_a.id)
    with pytest.raises(Conflict, match="尚无可用的整改满意度测评结果"):
        assessment.fill_from_survey(office, reg.insp_a.id)
    library.install_builtins(office)
    survey = surveys.take_copy(leader, reg.insp_a.id, template_id(leader, "rectification_satisfaction"))
    rnd = surveys.add_round(leader, survey.id, "整改评估", "2026-12-01")
    keys = [i.key for i in survey.form.items()]
    # Six forms: every box 满意 (A, 100) on four, 基本满意 (B, 70) on two → a mean of 90.
    for k, serial in enumerate(issue(leader, rnd.id, 6)):
        entry.enter_sheet(leader, rnd.id, serial, {key: ("A" if k < 4 else "B") for key in keys})
    filled = assessment.fill_from_survey(office, reg.insp_a.id)
    item = next(s for s in filled.scores if s.item.source == "survey")
    assert item.deduction == 1.5 and "有效表6份" in item.evidence and "90.0分" in item.evidence
    assert filled.total == 98.5
