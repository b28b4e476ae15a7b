"""The working paper's sign-off chain: 承办人 → 副组长 → 组长 → 组务会 (issue 22)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.domain.register import evidence, issue_edits, issue_reads, paper_chain, sign_off
from app.core.domain.register.paper_chain import PaperState, StepAction
from app.core.errors import Conflict, PermissionDenied, ValidationError
from tests.core.issue_support import category, draft, reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401


@pytest.fixture
def people(reg):
    return {name: reg.login(name) for name in ("member1", "deputy1", "leader1", "office", "leader2")}


def _paper(reg, people, **kw):
    member = people["member1"]
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft(category_id=category(member).id, **kw))
    evidence.add_evidence(member, issue.id, "other", description="财务凭证复印件")
    return issue


def test_the_three_step_chain_runs_from_draft_to_adopted(reg, people):
    issue = _paper(reg, people)
    member, deputy, leader = people["member1"], people["deputy1"], people["leader1"]
    assert paper_chain.get_chain(member, issue.id).state == PaperState.DRAFT
    chain = paper_chain.submit(member, issue.id, "请审核。")
    assert chain.state == PaperState.SUBMITTED and chain.with_deputy and chain.waiting_for == "副组长审核"
    with pytest.raises(Conflict, match="尚未到组长审签"):
        paper_chain.sign(leader, issue.id, "2026-03-13")
    with pytest.raises(PermissionDenied, match="副组长"):
        paper_chain.approve(member, issue.id, "同意")
    chain = paper_chain.approve(deputy, issue.id, "事实清楚，同意报组长审签。")
    assert chain.state == PaperState.REVIEWED
    chain = paper_chain.sign(leader, issue.id, "2026-03-13", "同意。")
    assert chain.state == PaperState.SIGNED
    signed = issue_reads.visible_issue(member, issue.id)
    assert signed.number and signed.signed_on == "2026-03-13"
    with pytest.raises(ValidationError, match="组务会日期不能早于签批日期"):
        paper_chain.adopt(leader, issue.id, "2026-03-12", "同意")
    chain = paper_chain.adopt(deputy, issue.id, "2026-03-15", "经组务会研究，同意该底稿。")
    assert chain.state == PaperState.ADOPTED and chain.waiting_for == ""
    assert [s.action for s in chain.steps] == [
        StepAction.SUBMIT,
        StepAction.APPROVE,
        StepAction.SIGN,
        StepAction.ADOPT,
    ]
    assert [s.user_id for s in chain.steps] == [
        reg.users[u] for u in ("member1", "deputy1", "leader1", "deputy1")
    ]
    assert all(s.user_name and s.at for s in chain.steps)
    adopted = issue_reads.visible_issue(member, issue.id)
    assert adopted.review_opinion == "经组务会研究，同意该底稿。" and adopted.reviewed_on == "2026-03-15"
    actions = [
        r[0] for r in reg.office.conn.execute("SELECT action FROM audit WHERE object_id = ?", (issue.id,))
    ]
    for action in ("paper_submit", "paper_approve", "paper_sign", "issue_sign", "paper_adopt"):
        assert action in actions
    with pytest.raises(Conflict, match="审签流程中签批"):
        sign_off.sign(leader, issue.id, "2026-03-20")


def test_a_returned_paper_goes_back_to_its_drafter_with_the_reason(reg, people):
    issue = _paper(reg, people)
    member, deputy, leader = people["member1"], people["deputy1"], people["leader1"]
    paper_chain.submit(member, issue.id)
    # While it waits for the review, neither its content nor its evidence may change.
    changed = issue_reads.visible_issue(member, issue.id).draft()
    changed.facts += "另查明……"
    with pytest.raises(Conflict, match="正在审核中"):
        issue_edits.update_issue(member, issue.id, changed)
    with pytest.raises(Conflict, match="正在审核中"):
        evidence.add_evidence(member, issue.id, "other", description="补充材料")
    with pytest.raises(ValidationError, match="退回理由"):
        paper_chain.send_back(deputy, issue.id, "  ")
    chain = paper_chain.send_back(deputy, issue.id, "证据不足，请补充会议纪要。")
    assert chain.state == PaperState.DRAFT and chain.steps[-1].opinion == "证据不足，请补充会议纪要。"
    evidence.add_evidence(member, issue.id, "other", description="局党组会议纪要")
    issue_edits.update_issue(member, issue.id, changed)
    paper_chain.submit(member, issue.id, "已补充。")
    paper_chain.approve(deputy, issue.id, "同意。")
    chain = paper_chain.send_back(leader, issue.id, "定性依据引用条款有误。")
    assert chain.state == PaperState.DRAFT
    assert "paper_return" in [r[0] for r in reg.office.conn.execute("SELECT action FROM audit")]


def test_gaps_block_the_submission_or_need_the_leaders_reason(reg, people):
    member, deputy, leader = people["member1"], people["deputy1"], people["leader1"]
    bare = issue_edits.create_issue(member, reg.insp_a.id, draft(found_by="", legal_basis=""))
    with pytest.raises(ValidationError, match="定性依据.*尚无证据|尚无证据|定性依据"):
        paper_chain.submit(member, bare.id)
    gaps = {g.code: g.required for g in paper_chain.completeness(member, bare.id)}
    assert gaps == {"rule": True, "evidence": True, "source": False, "category": False}
    weak = issue_edits.create_issue(member, reg.insp_a.id, draft(found_by=""))
    evidence.add_evidence(member, weak.id, "other", description="照片")
    paper_chain.submit(member, weak.id)
    paper_chain.approve(deputy, weak.id, "同意。")
    with pytest.raises(ValidationError, match="未填写问题来源.*请填写理由"):
        paper_chain.sign(leader, weak.id, "2026-03-13")
    chain = paper_chain.sign(leader, weak.id, "2026-03-13", override="来源为信访件，已在事实中写明。")
    assert [s.action for s in chain.steps][-2:] == [StepAction.OVERRIDE, StepAction.SIGN]
    assert "未选择问题类别" in chain.steps[-2].opinion


def test_the_office_sets_two_steps_and_sees_each_teams_papers_by_state(reg, people):
    member, leader, office = people["member1"], people["leader1"], people["office"]
    with pytest.raises(PermissionDenied):
        paper_chain.set_team_chain(leader, reg.team_a.id, with_deputy=False)
    paper_chain.set_team_chain(office, reg.team_a.id, with_deputy=False)
    issue = _paper(reg, people)
    chain = paper_chain.submit(member, issue.id)
    assert not chain.with_deputy and chain.waiting_for == "组长审签"
    with pytest.raises(Conflict, match="没有副组长审核"):
        paper_chain.approve(people["deputy1"], issue.id, "同意")
    paper_chain.sign(leader, issue.id, "2026-03-13")
    other = _paper(reg, people, title="公务接待超标准")
    rows = {r.title: r.state for r in paper_chain.papers_by_state(office)}
    assert rows["违规发放津贴补贴"] == PaperState.SIGNED and rows["公务接待超标准"] == PaperState.DRAFT
    assert paper_chain.papers_by_state(people["leader2"]) == []  # another team's papers: none
    assert other.id not in [r.issue_id for r in paper_chain.papers_by_state(people["leader2"])]


def test_the_trail_is_append_only(reg, people):
    issue = _paper(reg, people)
    paper_chain.submit(people["member1"], issue.id)
    conn = people["member1"].conn
    for sql in ("UPDATE paper_steps SET opinion = 'x'", "DELETE FROM paper_steps"):
        with pytest.raises(Exception, match="append-only"):
            conn.execute(sql)


# A model of the chain: from any sequence of attempted steps, the store's state is the model's, and
# every step the model refuses is refused without a trace.
ACTIONS = ["submit", "approve", "return_deputy", "return_leader", "sign", "adopt"]


def _model(state: str, action: str) -> str | None:
    moves = {
        ("draft", "submit"): "submitted",
        ("submitted", "approve"): "reviewed",
        ("submitted", "return_deputy"): "draft",
        ("submitted", "return_leader"): "draft",
        ("reviewed", "return_leader"): "draft",
        ("reviewed", "sign"): "signed",
        ("signed", "adopt"): "adopted",
    }
    return moves.get((state, action))


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=9))
def test_any_sequence_of_steps_follows_the_model(reg, people, sequence):
    member, deputy, leader = people["member1"], people["deputy1"], people["leader1"]
    issue = _paper(reg, people)
    do = {
        "submit": lambda: paper_chain.submit(member, issue.id),
        "approve": lambda: paper_chain.approve(deputy, issue.id, "同意。"),
        "return_deputy": lambda: paper_chain.send_back(deputy, issue.id, "请修改。"),
        "return_leader": lambda: paper_chain.send_back(leader, issue.id, "请修改。"),
        "sign": lambda: paper_chain.sign(leader, issue.id, "2026-03-13"),
        "adopt": lambda: paper_chain.adopt(leader, issue.id, "2026-03-15", "同意。"),
    }
    state = "draft"
    for action in sequence:
        before = len(paper_chain.get_chain(member, issue.id).steps)
        expected = _model(state, action)
        if expected is None:
            with pytest.raises((Conflict, PermissionDenied)):
                do[action]()
            assert len(paper_chain.get_chain(member, issue.id).steps) == before
        else:
            assert do[action]().state.value == expected
            state = expected
        assert paper_chain.get_chain(member, issue.id).state.value == state
        assert issue_reads.visible_issue(member, issue.id).signed == (state in ("signed", "adopted"))


def test_the_printed_paper_carries_its_sign_off_trail(reg, people):
    from app.core.printing.text import NO_LINE_START
    from app.core.printing.working_paper import working_paper_pdf
    from tests.conftest import save_artifact
    from tests.core import print_helpers as pdf

    issue = _paper(reg, people)
    member, deputy, leader = people["member1"], people["deputy1"], people["leader1"]
    paper_chain.submit(member, issue.id, "请审核。")
    paper_chain.send_back(deputy, issue.id, "请补充财务凭证的页码，并写明发放时间、人数和金额。")
    paper_chain.submit(member, issue.id, "已补充。")
    paper_chain.approve(deputy, issue.id, "事实清楚，证据充分，定性准确，同意报组长审签。")
    paper_chain.sign(leader, issue.id, "2026-03-13", "同意。")
    paper_chain.adopt(deputy, issue.id, "2026-03-16", "经2026年3月16日组务会研究，同意该问题底稿。")
    data = working_paper_pdf(member, issue.id, classification="秘密★1年", copy_number=1)
    save_artifact("paper-sign-off.pdf", data)
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed: text checks skipped")
    squashed = pdf.squash(pdf.text(data))
    assert "七、审签记录" in squashed
    for label in ("承办人提交", "退回修改", "副组长审核通过", "组长审签", "组务会审定"):
        assert label in squashed, label
    assert "请补充财务凭证的页码" in squashed and "2026年3月16日" in squashed
    assert "五、组务会审核意见" in squashed and "经2026年3月16日组务会研究，同意该问题底稿。" in squashed
    for line in pdf.text(data).splitlines():
        line = line.strip()
        assert not line or line[0] not in NO_LINE_START, line
    assert all(embedded for _name, embedded in pdf.fonts(data))


def test_allowed_actions_follow_the_position_and_the_state(reg, people):
    issue = _paper(reg, people)
    member, deputy, leader, office = (people[n] for n in ("member1", "deputy1", "leader1", "office"))

    def allowed():
        return {
            n: paper_chain.allowed_actions(people[n], issue.id) for n in ("member1", "deputy1", "leader1")
        }

    assert allowed() == {"member1": {"submit"}, "deputy1": {"submit"}, "leader1": {"submit"}}
    assert paper_chain.allowed_actions(office, issue.id) == frozenset()  # the office is no team member
    paper_chain.submit(member, issue.id)
    assert allowed() == {"member1": set(), "deputy1": {"approve", "return"}, "leader1": {"return"}}
    paper_chain.approve(deputy, issue.id, "同意。")
    assert allowed() == {"member1": set(), "deputy1": set(), "leader1": {"return", "sign"}}
    paper_chain.sign(leader, issue.id, "2026-03-13")
    assert allowed() == {"member1": set(), "deputy1": {"adopt"}, "leader1": {"adopt"}}
