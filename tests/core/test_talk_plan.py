"""The talk plan (issue 20): 必谈 proposed from the leadership list, 选谈 added by hand; a talk held
for a line carries it; the plan shows done, missing and moved; the plan and the notices print
(saved to $ARTIFACTS_DIR as talk-plan.pdf and talk-notice.pdf) under the line-breaking rules."""

from __future__ import annotations

import shutil

import pytest

from app.core.domain.talk_plan import printing as plan_printing
from app.core.domain.talk_plan import queries, writes
from app.core.domain.talk_plan.types import LineState, PlanLineForm
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import QA, IntervieweeCategory
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.printing.register import list_prints
from tests.conftest import save_artifact
from tests.core import print_helpers as pdf
from tests.core.org_support import world_fixture  # noqa: F401

TODAY = "2026-03-12"


def chosen(world, **over) -> PlanLineForm:
    values = dict(
        name="陈小华",
        position="办公室主任",
        unit="市教育局",
        category=IntervieweeCategory.MID_LEVEL,
        must=False,
        interviewer_ids=[world.users["leader1"], world.users["member1"]],
        planned_at="2026-03-13 09:00",
        place="巡察组驻点谈话室",
    )
    values.update(over)
    return PlanLineForm(**values)


def test_must_talk_lines_are_proposed_from_the_leadership_once(world):
    leader = world.login("leader1")
    added = writes.propose_must_talk(leader, world.insp_a.id)
    assert [(x.name, x.must, x.category) for x in added] == [
        ("王建国", True, IntervieweeCategory.TOP_LEADER),
        ("李红梅", True, IntervieweeCategory.LEADERSHIP),
    ]
    assert all(x.leadership_id and x.state is LineState.UNSCHEDULED for x in added)
    assert writes.propose_must_talk(leader, world.insp_a.id) == []  # nobody twice
    writes.create_line(leader, world.insp_a.id, chosen(world))
    lines = queries.list_plan(leader, world.insp_a.id, today=TODAY)
    assert [(x.number, x.must_label) for x in lines] == [(1, "必谈"), (2, "必谈"), (3, "选谈")]
    assert world.audit_rows("talk_plan_propose")[0][3] == "新增必谈 2 人"
    assert world.audit_rows("talk_plan_view")[-1][3] == "3 人，已谈 0 人"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"name": ""}, "name"),
        ({"category": "boss"}, "category"),
        ({"planned_at": "2026-03-40 09:00"}, "planned_at"),
        ({"interviewer_ids": ["nobody"]}, "interviewer_ids"),
        ({"interviewer_ids": []}, "interviewer_ids"),  # a time needs two interviewers
        ({"leadership_id": "x"}, "leadership_id"),
        ({"note": "备" * 201}, "note"),
    ],
)
def test_bad_input_names_the_field(world, over, field):
    with pytest.raises(ValidationError) as info:
        writes.create_line(world.login("member1"), world.insp_a.id, chosen(world, **over))
    assert info.value.field == field


def test_done_missing_and_moved(world):
    leader = world.login("leader1")
    done = writes.create_line(
        leader, world.insp_a.id, chosen(world, name="甲", planned_at="2026-03-10 09:00")
    )
    missing = writes.create_line(
        leader, world.insp_a.id, chosen(world, name="乙", planned_at="2026-03-11 09:00")
    )
    moved = writes.create_line(
        leader, world.insp_a.id, chosen(world, name="丙", planned_at="2026-03-12 15:00")
    )
    ahead = writes.create_line(
        leader, world.insp_a.id, chosen(world, name="丁", planned_at="2026-03-14 09:00")
    )
    writes.update_line(leader, moved.id, chosen(world, name="丙", planned_at="2026-03-16 10:00"))
    assert world.audit_rows("talk_plan_line_update")[-1][3] == f"第{moved.number}号，改期"
    form = writes.talk_form_for_line(leader, done.id)
    assert (
        form.plan_line_id == done.id and form.interviewee_name == "甲" and form.start_at == "2026-03-10 09:00"
    )
    form.record = [QA("请谈谈单位情况。", "总体是好的。")]
    talk = talk_writes.create_talk(leader, world.insp_a.id, form)
    assert talk.plan_line_id == done.id
    assert talk_queries.fetch_talk(leader, talk.id).form().plan_line_id == done.id
    states = {x.name: x.state for x in queries.list_plan(leader, world.insp_a.id, today=TODAY)}
    assert states == {
        "甲": LineState.DONE,
        "乙": LineState.MISSING,
        "丙": LineState.MOVED,
        "丁": LineState.PLANNED,
    }
    line = queries.fetch_line(leader, done.id, today=TODAY)
    assert [t.number for t in line.talks] == [talk.number]
    summary = queries.summarise(queries.plan_lines(leader, world.insp_a.id, today=TODAY))
    assert summary.total == 4 and summary.count(LineState.DONE) == 1 and summary.count(LineState.MISSING) == 1
    with pytest.raises(Conflict):
        writes.delete_line(leader, done.id)
    writes.delete_line(leader, ahead.id)
    assert missing.id in {x.id for x in queries.plan_lines(leader, world.insp_a.id)}
    assert world.audit_rows("talk_plan_line_delete")


def test_a_talk_cannot_carry_another_inspections_line(world):
    other = writes.create_line(
        world.login("leader2"),
        world.insp_b.id,
        chosen(world, interviewer_ids=[world.users["leader2"], world.users["member2"]]),
    )
    leader = world.login("leader1")
    form = talk_form_for_a(world)
    form.plan_line_id = other.id
    with pytest.raises(ValidationError) as info:
        talk_writes.create_talk(leader, world.insp_a.id, form)
    assert info.value.field == "plan_line_id"


def talk_form_for_a(world):
    line = writes.create_line(world.login("leader1"), world.insp_a.id, chosen(world))
    return writes.talk_form_for_line(world.login("leader1"), line.id)


def test_need_to_know(world):
    line = writes.create_line(world.login("member1"), world.insp_a.id, chosen(world))
    other = world.login("member2")
    for call in (
        lambda: queries.fetch_line(other, line.id),
        lambda: queries.list_plan(other, world.insp_a.id),
        lambda: writes.update_line(other, line.id, chosen(world)),
        lambda: writes.delete_line(other, line.id),
        lambda: writes.talk_form_for_line(other, line.id),
        lambda: writes.propose_must_talk(other, world.insp_a.id),
        lambda: plan_printing.preview_plan(other, world.insp_a.id),
        lambda: plan_printing.preview_notices(other, [line.id]),
    ):
        with pytest.raises(NotFound):
            call()
    for username in ("sysadmin", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            queries.list_plan(world.login(username), world.insp_a.id)


def _big_plan(world):
    leader = world.login("leader1")
    writes.propose_must_talk(leader, world.insp_a.id)
    for line in queries.plan_lines(leader, world.insp_a.id):
        form = line.form()
        form.interviewer_ids = [world.users["leader1"], world.users["member1"]]
        form.planned_at, form.place = "2026-03-10 09:00", "市教育局三楼小会议室（东侧）"
        writes.update_line(leader, line.id, form)
    for k in range(1, 25):
        writes.create_line(
            leader,
            world.insp_a.id,
            chosen(
                world,
                name=f"干部{k:02d}",
                position="基础教育科副科长，兼任机关第二党支部纪检委员" if k % 3 == 0 else "科员",
                planned_at=f"2026-03-{10 + k % 8:02d} {9 + k % 6:02d}:30",
            ),
        )
    return leader


def test_talk_plan_pdf(world, tmp_path):
    leader = _big_plan(world)
    job = plan_printing.print_plan(leader, world.insp_a.id, 1, today=TODAY)
    data = job.pdfs[0]
    save_artifact("talk-plan.pdf", data)
    assert [p.document_kind for p in list_prints(world.office)] == ["talk_plan"]
    fonts = pdf.fonts(data)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    pages = pdf.page_count(data)
    text = pdf.text(data)
    assert text.count("被谈话人") >= pages and text.count("秘密") >= pages
    squashed = pdf.squash(text)
    for part in (
        "谈话计划",
        "第一巡察组巡察市教育局（第1轮）",
        "王建国",
        "必谈",
        "选谈",
        "未谈",
        "计划谈话26人",
    ):
        assert part in squashed, part
    assert pdf.assert_line_breaks(data) > 30
    if shutil.which("pdftoppm"):
        assert len(pdf.render_pages(data, tmp_path)) == pages


def test_talk_notices_one_per_person(world, tmp_path):
    leader = _big_plan(world)
    ids = plan_printing.lines_of_day(leader, world.insp_a.id, "2026-03-10")
    assert len(ids) >= 3
    preview = plan_printing.preview_notices(leader, ids, issued_on="2026-03-08")
    job = plan_printing.print_notices(leader, ids[:2], issued_on="2026-03-08")
    assert job.copy_numbers == [1, 1]  # numbered per person's notice
    assert plan_printing.print_notices(leader, ids[:1], issued_on="2026-03-08").copy_numbers == [2]
    data = job.pdfs[0]
    save_artifact("talk-notice.pdf", data)
    fonts = pdf.fonts(data)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    assert pdf.page_count(data) == 1 and pdf.page_count(preview) == len(ids)
    squashed = pdf.squash(pdf.text(data))
    for part in (
        "谈话通知",
        "王建国同志：",
        "2026年3月10日9:00",
        "市教育局三楼小会议室（东侧）",
        "回执",
        "2026年3月8日",
        "000001",
        "内部",
    ):
        assert part in squashed, part
    assert pdf.assert_line_breaks(data) > 8
    assert pdf.assert_line_breaks(preview) > 8 * len(ids)
    with pytest.raises(ValidationError):
        plan_printing.print_notices(leader, [])
    if shutil.which("pdftoppm"):
        assert len(pdf.render_pages(data, tmp_path)) == 1


def test_talk_plan_exports_to_excel(world):
    import io

    import openpyxl

    from app.core.sheets import exports

    leader = world.login("leader1")
    writes.propose_must_talk(leader, world.insp_a.id)
    writes.create_line(leader, world.insp_a.id, chosen(world, planned_at="2026-03-11 09:00"))
    result = exports.export(leader, "talk_plan", world.insp_a.id, today=TODAY)
    assert result.rows == 3
    ws = openpyxl.load_workbook(io.BytesIO(result.data)).worksheets[0]
    assert ws["A1"].value == "谈话计划" and "被谈话人" in [c.value for c in ws[3]]
    assert [ws["C4"].value, ws["C6"].value] == ["王建国", "陈小华"]
    assert [ws["K4"].value, ws["K6"].value] == ["未排期", "未谈"]


def test_a_plan_drafted_in_preparation_goes_with_its_inspection(world):
    from app.core.domain.organisation import inspections

    writes.propose_must_talk(world.login("leader1"), world.insp_a.id)
    inspections.delete_inspection(world.office, world.insp_a.id)
    assert world.office.conn.execute("SELECT count(*) FROM talk_plan_lines").fetchone()[0] == 0
    assert world.audit_rows("inspection_delete")[-1][3] == "谈话计划 2 人"
