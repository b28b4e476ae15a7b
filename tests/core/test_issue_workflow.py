"""Issues: working paper, review, signature and numbering, the status machine, the register."""

from __future__ import annotations

import pytest

from app.core.domain.register import (
    classification,
    evidence,
    issue_edits,
    issue_reads,
    issue_record,
    numbering,
    petitions,
    rectification_plan,
    rectification_reads,
    register_query,
    sign_off,
    workflow,
)
from app.core.domain.register.issue_record import Disposition, IssueStatus
from app.core.domain.register.register_query import RegisterFilter, RegisterSort
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.core.issue_support import advance, category, draft, reg_fixture, signed_issue, world_fixture  # noqa: F401


def test_presets_are_a_two_level_tree(reg):
    schemes = classification.list_schemes(reg.office, tree=True)
    names = [s.name for s in schemes]
    assert names[:2] == ["四个聚焦", "四个落实"]
    assert {"三大问题", "六个围绕、一个加强", "六项纪律"} <= set(names)
    focus = schemes[0]
    assert len(focus.categories) == 4 and all(c.children for c in focus.categories)
    assert all(not g.children for c in focus.categories for g in c.children)
    # Importing again changes nothing; an edited tree is kept.
    classification.rename_node(reg.office, focus.categories[0].id, "聚焦决策部署落实")
    assert classification.install_presets(reg.office) == []
    assert classification.get_node(reg.office, focus.categories[0].id).name == "聚焦决策部署落实"


def test_create_classify_and_view(reg):
    member = reg.login("member1")
    cat = category(member, "four_focuses", 1)
    disc = category(member, "six_disciplines", 2)
    issue = issue_edits.create_issue(
        member,
        reg.insp_a.id,
        draft(
            category_id=cat.id,
            subcategory_id=cat.children[2].id,
            secondary_id=disc.id,
            tags={"key_attention"},
            level="leadership",
        ),
    )
    assert issue.status == IssueStatus.FOUND and issue.number is None
    assert issue.category_name == cat.name and issue.subcategory_name == cat.children[2].name
    assert issue.amount_fen == 12_600_000 and issue.unit_name == "市教育局"
    assert issue_record.IssueTag.KEY_ATTENTION in issue.tags
    # A sub-category of another category is refused, naming the field.
    other = category(member, "four_focuses", 0)
    with pytest.raises(ValidationError) as e:
        issue_edits.update_issue(
            member, issue.id, draft(category_id=cat.id, subcategory_id=other.children[0].id)
        )
    assert e.value.field == "subcategory_id"
    # A secondary scheme cannot be the primary category.
    with pytest.raises(ValidationError):
        issue_edits.create_issue(member, reg.insp_a.id, draft(category_id=disc.id))
    with pytest.raises(ValidationError) as e:
        issue_edits.create_issue(member, reg.insp_a.id, draft(amount_yuan="12.345"))
    assert e.value.field == "amount_yuan"
    # The other team cannot see it; administrators cannot read case data at all.
    with pytest.raises(NotFound):
        issue_reads.get_issue(reg.login("member2"), issue.id)
    with pytest.raises(PermissionDenied):
        issue_reads.get_issue(reg.login("sysadmin"), issue.id)
    assert issue_reads.get_issue(reg.office, issue.id).title == "违规发放津贴补贴"
    assert reg.audit_rows("issue_view")[-1][0] == "office"


def test_signing_numbers_per_team_without_gaps(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    first = signed_issue(member, leader, reg.insp_a.id, "问题一")
    second = signed_issue(member, leader, reg.insp_a.id, "问题二")
    assert first.number == "[2026]1巡-1组-01号"
    assert second.number == "[2026]1巡-1组-02号"
    other = signed_issue(reg.login("member2"), reg.login("leader2"), reg.insp_b.id, "问题三")
    assert other.number == "[2026]1巡-2组-01号"
    assert numbering.parse_team_number("第十二巡察组") == 12
    assert numbering.parse_team_number("第3组") == 3
    assert numbering.format_number(2026, 3, 2, 7) == "[2026]3巡-2组-07号"


def test_signing_rules(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
    with pytest.raises(PermissionDenied):
        sign_off.sign(member, issue.id, "2026-03-13")  # members hold no Cap.ISSUE_SIGN
    with pytest.raises(PermissionDenied):
        sign_off.sign(reg.office, issue.id, "2026-03-13")  # neither does the office
    with pytest.raises(NotFound):
        sign_off.sign(reg.login("leader2"), issue.id, "2026-03-13")  # another team's leader
    with pytest.raises(PermissionDenied):
        sign_off.sign(reg.login("deputy1"), issue.id, "2026-03-13")  # a deputy of this team
    with pytest.raises(ValidationError, match="组务会审核意见"):
        sign_off.sign(leader, issue.id, "2026-03-13")
    sign_off.record_review(member, issue.id, "同意。", "2026-03-12")
    with pytest.raises(ValidationError, match="证据"):
        sign_off.sign(leader, issue.id, "2026-03-13")
    evidence.add_evidence(member, issue.id, "other", description="照片")
    with pytest.raises(ValidationError):
        sign_off.sign(leader, issue.id, "2026-03-11")  # before the review
    signed = sign_off.sign(leader, issue.id, "2026-03-13")
    assert signed.signed_by_name == "刘正纲" or signed.signed_by
    with pytest.raises(Conflict):
        sign_off.sign(leader, issue.id, "2026-03-14")
    # The signed paper is frozen; the classification may still change.
    with pytest.raises(Conflict):
        issue_edits.update_issue(member, issue.id, draft(facts="改过的事实"))
    cat = category(member)
    assert issue_edits.update_issue(member, issue.id, draft(category_id=cat.id)).category_id == cat.id
    with pytest.raises(Conflict):
        evidence.add_evidence(member, issue.id, "other", description="补充")
    with pytest.raises(Conflict):
        issue_edits.delete_issue(member, issue.id)


def test_evidence_list_links_and_renumbers(reg):
    member = reg.login("member1")
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
    pet = petitions.create_petition(
        member,
        reg.insp_a.id,
        petitions.PetitionDraft("letter", "2026-03-05", "反映违规发放补贴", concerns_name="王建国"),
    )
    other_pet = petitions.create_petition(
        reg.login("member2"), reg.insp_b.id, petitions.PetitionDraft("call", "2026-03-05", "反映问题")
    )
    a = evidence.add_evidence(member, issue.id, "petition", pet.id, description="举报信")
    b = evidence.add_evidence(member, issue.id, "other", locator="第2页", description="会议纪要")
    c = evidence.add_evidence(member, issue.id, "other", description="财务凭证")
    assert [e.ordinal for e in (a, b, c)] == [1, 2, 3]
    with pytest.raises(ValidationError):
        evidence.add_evidence(member, issue.id, "petition", other_pet.id)  # another inspection's petition
    with pytest.raises(ValidationError):
        evidence.add_evidence(member, issue.id, "petition", "no-such-id")
    moved = evidence.move_evidence(member, c.id, 1)
    assert [e.id for e in moved] == [c.id, a.id, b.id] and [e.ordinal for e in moved] == [1, 2, 3]
    evidence.remove_evidence(member, a.id)
    assert [(e.id, e.ordinal) for e in evidence.list_evidence(member, issue.id)] == [(c.id, 1), (b.id, 2)]
    assert "第2页" in evidence.list_evidence(member, issue.id)[1].label


def test_state_machine_path_and_refusals(reg):
    member, leader, office = reg.login("member1"), reg.login("leader1"), reg.office
    issue = signed_issue(member, leader, reg.insp_a.id)
    with pytest.raises(Conflict):
        rectification_plan.record_plan(member, issue.id, "目标", "2026-04-01")  # none yet: NotFound/Conflict
    with pytest.raises(Conflict):
        workflow.feed_back(leader, issue.id, "2026-04-20")  # found → fed_back skips verification
    workflow.substantiate(member, issue.id, "2026-03-14")
    with pytest.raises(Conflict):
        workflow.substantiate(member, issue.id, "2026-03-15")
    with pytest.raises(PermissionDenied):
        workflow.feed_back(member, issue.id, "2026-04-20")  # a member does not steer
    fed = workflow.feed_back(leader, issue.id, "2026-04-20", Disposition.UNIT)
    assert fed.status == IssueStatus.FED_BACK and fed.fed_back_on == "2026-04-20"
    rect = rectification_reads.get_rectification(member, issue.id)
    assert rect.plan_due == "2026-05-13"  # 15 working days after Monday 2026-04-20, May Day skipped
    assert rect.report_due == "2026-07-20"
    closed = advance(reg, issue.id, IssueStatus.CLOSED_OUT, member=member, leader=leader, office=office)
    assert closed.status == IssueStatus.CLOSED_OUT
    with pytest.raises(Conflict):
        workflow.dismiss(leader, issue.id, "误报")
    moves = [(e.from_status, e.to_status) for e in issue_reads.history(member, issue.id)]
    assert moves == [
        (IssueStatus.FOUND, IssueStatus.SUBSTANTIATED),
        (IssueStatus.SUBSTANTIATED, IssueStatus.FED_BACK),
        (IssueStatus.FED_BACK, IssueStatus.IN_RECTIFICATION),
        (IssueStatus.IN_RECTIFICATION, IssueStatus.CLOSED_OUT),
    ]


def test_dismiss_needs_reason_and_is_final(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
    with pytest.raises(PermissionDenied):
        workflow.dismiss(member, issue.id, "经核实不属实")
    with pytest.raises(ValidationError):
        workflow.dismiss(leader, issue.id, "  ")
    dismissed = workflow.dismiss(leader, issue.id, "经核实，反映情况不属实。", "2026-03-20")
    assert dismissed.status == IssueStatus.DISMISSED and dismissed.dismissed_reason.startswith("经核实")
    for op in (
        lambda: workflow.substantiate(member, issue.id),
        lambda: workflow.dismiss(leader, issue.id, "再次"),
    ):
        with pytest.raises(Conflict):
            op()


def test_transferred_issue_closed_by_office_only(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    issue = signed_issue(member, leader, reg.insp_a.id)
    workflow.substantiate(member, issue.id, "2026-03-14")
    with pytest.raises(ValidationError):
        workflow.feed_back(leader, issue.id, "2026-04-20", Disposition.OTHER)  # which body?
    workflow.feed_back(leader, issue.id, "2026-04-20", Disposition.DISCIPLINE_COMMISSION)
    with pytest.raises(NotFound):
        rectification_reads.get_rectification(member, issue.id)  # transferred: no rectification
    with pytest.raises(PermissionDenied):
        workflow.close_transferred(leader, issue.id, "2026-06-01", "市纪委监委已立案审查。")
    closed = workflow.close_transferred(reg.office, issue.id, "2026-06-01", "市纪委监委已立案审查。")
    assert closed.status == IssueStatus.CLOSED_OUT
    reopened = workflow.reopen_transferred(reg.office, issue.id, "回头看发现仍未办结。", "2026-07-01")
    assert reopened.status == IssueStatus.FED_BACK


def test_register_pages_filters_and_sorts(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    cat = category(member)
    titles = ["甲问题", "乙问题", "丙问题", "丁问题", "戊问题"]
    made = [
        issue_edits.create_issue(
            member,
            reg.insp_a.id,
            draft(t, found_on=f"2026-03-{10 + k}", category_id=cat.id if k % 2 else None),
        )
        for k, t in enumerate(titles)
    ]
    issue_edits.create_issue(reg.login("member2"), reg.insp_b.id, draft("别组问题"))
    total = register_query.register_count(member)
    assert total == 5  # only the own team's issues
    assert register_query.register_count(reg.office) == 6
    page1 = register_query.register_page(member, None, RegisterSort("found_on"), 0, 2)
    page2 = register_query.register_page(member, None, RegisterSort("found_on"), 2, 2)
    page3 = register_query.register_page(member, None, RegisterSort("found_on"), 4, 2)
    assert [r.title for r in page1 + page2 + page3] == titles
    desc = register_query.register_page(member, None, RegisterSort("found_on", descending=True), 0, 10)
    assert [r.title for r in desc] == titles[::-1]
    flt = RegisterFilter(category_id=cat.id)
    assert register_query.register_count(member, flt) == 2
    assert {r.title for r in register_query.register_page(member, flt)} == {"乙问题", "丁问题"}
    assert register_query.register_count(member, RegisterFilter(text="丙")) == 1
    assert register_query.register_count(reg.office, RegisterFilter(unit_id=reg.unit_b.id)) == 1
    assert register_query.register_count(reg.office, RegisterFilter(term_id=reg.term.id)) == 6
    signed_issue(member, leader, reg.insp_a.id, "己问题")
    assert register_query.register_count(member, RegisterFilter(signed=True)) == 1
    by_number = register_query.register_page(member, None, RegisterSort("number"), 0, 10)
    assert by_number[0].title == "己问题"  # numbered first, unsigned after
    for key in register_query.RegisterSortKey:
        rows = register_query.register_page(reg.office, None, RegisterSort(key), 0, 100)
        assert len(rows) == 7
    with pytest.raises(PermissionDenied):
        register_query.register_count(reg.login("auditor"))
    assert made[0].id in {
        r.id for r in register_query.register_page(member, RegisterFilter(statuses=("found",)))
    }
