"""The work plan (issue 20): the form's rules, versions kept on every save, only the leader or the office
writes, need to know, citing a version as evidence, and the GB/T 9704 print (work-plan.pdf)."""

from __future__ import annotations

import pytest

from app.core.domain.register import evidence, issue_edits
from app.core.domain.register.evidence import EvidenceKind
from app.core.domain.work_plan import printing as plan_printing
from app.core.domain.work_plan import queries, writes
from app.core.domain.work_plan.types import GROUPS, Group, GroupMember, Phase, PlanForm
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.core.printing.register import list_prints
from tests.conftest import save_artifact
from tests.core import print_helpers as pdf
from tests.core.issue_support import draft
from tests.core.org_support import world_fixture  # noqa: F401


def form(world, **over) -> PlanForm:
    people = queries.team_people(world.office, world.insp_a.id)
    values = dict(
        aims="深入贯彻落实党的二十大精神，聚焦“四个落实”，发现问题、形成震慑、推动改革、促进发展。\n"
        "推动被巡察单位党组织切实履行全面从严治党主体责任。",
        issued_on="2026-02-25",
        focus=["聚焦落实党中央决策部署和市委工作要求情况", "聚焦群众身边腐败问题和不正之风", "选人用人问题"],
        schedule=[
            Phase(
                "巡前准备",
                "2026-02-20",
                "2026-02-28",
                "了解被巡察单位情况，商请有关单位通报情况，制定工作方案",
            ),
            Phase("进驻动员", "2026-03-02", "2026-03-03", "召开巡察工作动员会，公布举报方式"),
            Phase("了解情况", "2026-03-04", "2026-04-10", "开展个别谈话、调阅资料、受理信访、下沉了解"),
            Phase("形成报告", "2026-04-11", "2026-04-25", ""),
        ],
        groups=[
            Group("谈话组", GROUPS["谈话组"], [people[0], GroupMember("外聘专家赵某")]),
            Group("资料组", GROUPS["资料组"], [people[1]]),
            Group("综合组", "", [GroupMember("周组员")]),
        ],
        note="严守政治纪律和政治规矩，严格执行中央八项规定精神。\n严格遵守保密纪律，巡察资料不得带离驻地。",
    )
    values.update(over)
    return PlanForm(**values)


def test_every_save_is_a_new_version_and_the_old_ones_are_kept(world):
    leader = world.login("leader1")
    v1 = writes.save_plan(leader, world.insp_a.id, form(world))
    assert v1.version == 1 and v1.heading == "第一巡察组巡察市教育局党组织工作方案"
    assert [m.name for m in v1.groups[0].members][1] == "外聘专家赵某" and v1.groups[0].members[0].user_id
    v2 = writes.save_plan(leader, world.insp_a.id, form(world, focus=["选人用人问题"], title="修订方案"))
    assert v2.version == 2 and v2.reference == "巡察工作方案 第2版"
    assert [v.version for v in queries.versions(leader, world.insp_a.id)] == [2, 1]
    assert queries.fetch_version(leader, v1.id).focus[0].startswith("聚焦落实")
    assert queries.current_plan(world.login("member1"), world.insp_a.id).id == v2.id
    assert queries.current_plan(leader, world.insp_a.id).title == "修订方案"
    assert world.audit_rows("work_plan_save")[1][3] == "第2版，3 个小组"
    writes.save_plan(world.office, world.insp_a.id, form(world))
    with pytest.raises(PermissionDenied):
        writes.save_plan(world.login("member1"), world.insp_a.id, form(world))
    with pytest.raises(NotFound):
        queries.fetch_version(world.login("leader2"), v1.id)
    queries.get_version(world.login("member1"), v1.id)
    assert world.audit_rows("work_plan_view")


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"aims": ""}, "aims"),
        ({"issued_on": "2026-13-01"}, "issued_on"),
        ({"schedule": [Phase("进驻", "2026-03-05", "2026-03-01")]}, "schedule"),
        ({"schedule": [Phase("", "2026-03-01", "2026-03-05")]}, "schedule"),
        ({"groups": [Group("谈话组"), Group("谈话组")]}, "groups"),
        (
            {"groups": [Group("谈话组", "", [GroupMember("x", "00000000-0000-4000-8000-000000000000")])]},
            "groups",
        ),
        ({"focus": ["x" * 201]}, "focus"),
        ({"classification": "绝密"}, "classification"),
    ],
)
def test_bad_input_names_the_field(world, over, field):
    with pytest.raises(ValidationError) as err:
        writes.save_plan(world.login("leader1"), world.insp_a.id, form(world, **over))
    assert err.value.field == field


def test_a_working_paper_cites_a_version(world):
    leader = world.login("leader1")
    v1 = writes.save_plan(leader, world.insp_a.id, form(world))
    issue = issue_edits.create_issue(leader, world.insp_a.id, draft())
    ev = evidence.add_evidence(leader, issue.id, EvidenceKind.WORK_PLAN, v1.id)
    assert ev.locator == "第1版"
    assert evidence.list_evidence(leader, issue.id)[0].source == "巡察工作方案 第1版（2026-02-25）"


def test_work_plan_pdf_in_the_official_layout(world):
    leader = world.login("leader1")
    plan = writes.save_plan(leader, world.insp_a.id, form(world))
    job = plan_printing.print_copies(leader, plan.id, 1)
    data = job.pdfs[0]
    save_artifact("work-plan.pdf", data)
    assert job.copy_numbers == [1] and [p.document_kind for p in list_prints(world.office)] == ["work_plan"]
    fonts = pdf.fonts(data)
    assert fonts and all(embedded for _, embedded in fonts)
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    text = pdf.squash(pdf.text(data))
    for part in (
        "第一巡察组巡察市教育局党组织工作方案",
        "一、巡察目的",
        "二、巡察重点",
        "（三）选人用人问题。",
        "三、时间安排",
        "（一）巡前准备（2026年2月20日至2026年2月28日）。",
        "四、组织分工",
        "组长：",
        "外聘专家赵某",
        "五、工作要求",
        "2026年2月25日",
        "000001",
        "秘密",
    ):
        assert part in text, part
    assert pdf.page_count(data) >= 2
    assert pdf.assert_line_breaks(data, official=True) > 30
    plan_printing.preview(leader, plan.id)
    assert world.audit_rows("work_plan_preview")
