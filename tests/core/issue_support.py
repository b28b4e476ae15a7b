"""Helpers for the issue-register tests (test_issue*, test_lead*, test_rectification*, test_figures*).

Builds on tests/core/org_support.py's world (two teams, two inspections) and adds a deputy on
第一巡察组 (a team-leader account serving as 副组长 there), the classification presets, and a
function that takes an issue through the working paper to any status.
"""

from __future__ import annotations

import pytest

from app.core.domain.organisation import staff, teams
from app.core.domain.register import (
    classification,
    evidence,
    issue_edits,
    issue_reads,
    issue_record,
    measures,
    rectification_plan,
    rectification_record,
    rectification_store,
    sign_off,
    workflow,
)
from app.core.domain.register.issue_record import Disposition, IssueDraft, IssueStatus
from app.core.security.roles import Role
from app.demo.org import demo_account
from tests.core.org_support import World, world_fixture  # noqa: F401  (re-exported fixture)


@pytest.fixture(name="reg")
def reg_fixture(world: World) -> World:
    """The org world plus presets and deputy1 (副组长 of 第一巡察组, team-leader role)."""
    sysadmin = world.login("sysadmin")
    demo_account(sysadmin, "deputy1", "孙副组", Role.TEAM_LEADER)
    world.users["deputy1"] = world.office.conn.execute(
        "SELECT id FROM users WHERE username = 'deputy1'"
    ).fetchone()[0]
    staff.add_staff(world.office, world.users["deputy1"], "巡察干部", "")
    teams.add_member(world.office, world.team_a.id, world.users["deputy1"], "deputy")
    classification.install_presets(world.office)
    return world


def category(session, scheme_key: str = "four_focuses", index: int = 0) -> classification.Node:
    scheme = next(s for s in classification.list_schemes(session, tree=True) if s.key == scheme_key)
    return scheme.categories[index]


def draft(title: str = "违规发放津贴补贴", found_on: str = "2026-03-10", **kw) -> IssueDraft:
    values = dict(
        title=title,
        found_on=found_on,
        facts="2025年，该局以“加班补助”名义向局机关干部违规发放津贴补贴共计12.6万元。",
        legal_basis="违反《中国共产党纪律处分条例》第一百零二条。",
        responsibility="局党组履行主体责任不力。",
        found_by="周清源",
        written_by="周清源",
        people_count=3,
        amount_yuan="126000",
    )
    values.update(kw)
    return IssueDraft(**values)


def signed_issue(
    member, leader, inspection_id: str, title: str = "违规发放津贴补贴", **kw
) -> issue_record.Issue:
    """Create, cite one piece of evidence, review and sign (leader); returns the numbered issue."""
    issue = issue_edits.create_issue(member, inspection_id, draft(title, **kw))
    evidence.add_evidence(member, issue.id, "other", description="财务凭证复印件")
    sign_off.record_review(member, issue.id, "事实清楚，定性准确，同意报组长签批。", "2026-03-12")
    return sign_off.sign(leader, issue.id, "2026-03-13")


def advance(
    world: World, issue_id: str, target: IssueStatus, *, member, leader, office
) -> issue_record.Issue:
    """Move a (signed) issue along the usual path to `target`."""
    path = [
        IssueStatus.FOUND,
        IssueStatus.SUBSTANTIATED,
        IssueStatus.FED_BACK,
        IssueStatus.IN_RECTIFICATION,
        IssueStatus.CLOSED_OUT,
    ]
    issue = issue_reads.visible_issue(member, issue_id)
    for step in path[path.index(issue.status) + 1 :]:
        if issue.status == target:
            break
        if step == IssueStatus.SUBSTANTIATED:
            issue = workflow.substantiate(member, issue_id, "2026-03-14")
        elif step == IssueStatus.FED_BACK:
            issue = workflow.feed_back(leader, issue_id, "2026-04-20", Disposition.UNIT)
        elif step == IssueStatus.IN_RECTIFICATION:
            rectification_plan.record_plan(
                member, issue_id, "全面清退违规发放款项，健全津补贴管理制度。", "2026-05-08"
            )
            issue = issue_reads.visible_issue(member, issue_id)
        elif step == IssueStatus.CLOSED_OUT:
            measures.add_measure(
                member,
                issue_id,
                rectification_record.MeasureDraft(
                    description="清退违规发放的津贴补贴",
                    types={"recovery"},
                    responsible_person="王建国",
                    deadline="2026-06-30",
                ),
            )
            for m in rectification_store.load(member.conn, issue_id).measures:
                measures.set_measure_completion(member, m.id, "done", "2026-06-20")
            rectification_plan.record_completion(member, issue_id, "done", "已全部清退。", "2026-06-25")
            workflow.close_out(office, issue_id, "2026-07-01", "经核验，整改到位，同意销号。")
            issue = issue_reads.visible_issue(member, issue_id)
    assert issue.status == target
    return issue
