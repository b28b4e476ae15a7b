"""The team log (issue 20): built from the team's own records (talks held, documents received,
meetings, 立行立改) plus free entries; need to know; printed per week for the leader (team-log.pdf)."""

from __future__ import annotations

import pytest

from app.core.domain.meetings import writes as meeting_writes
from app.core.domain.meetings.types import MeetingForm
from app.core.domain.register import evidence, issue_edits
from app.core.domain.register.evidence import EvidenceKind
from app.core.domain.review import writes as review_writes
from app.core.domain.talks import writes as talk_writes
from app.core.domain.team_log import printing as log_printing
from app.core.domain.team_log import queries, writes
from app.core.domain.team_log.types import EntryForm, LogSource
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.printing.register import list_prints
from tests.conftest import save_artifact
from tests.core import print_helpers as pdf
from tests.core.issue_support import draft
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_talks import form as talk_form


def _records(world):
    member = world.login("member1")
    held = talk_writes.create_talk(member, world.insp_a.id, talk_form(world))
    talk_writes.mark_recorded(member, held.id)
    talk_writes.create_talk(member, world.insp_a.id, talk_form(world, start_at="2026-03-11 09:00", end_at=""))
    item = review_writes.add_item(
        member,
        world.insp_a.id,
        category="party_minutes",
        title="2025年党组会议记录",
        requested_on="2026-03-04",
    )
    review_writes.receive_item(
        member, item.id, received_on="2026-03-05", volumes=2, holder_id=world.users["member1"]
    )
    meeting_writes.create_meeting(
        member,
        world.insp_a.id,
        MeetingForm(kind="team", held_on="2026-03-06", start_time="17:00", chair="刘组长"),
    )
    issue_edits.create_issue(
        member,
        world.insp_a.id,
        draft(title="会议室超标准装修", found_on="2026-03-09", tags=["immediate_fix"]),
    )
    return held


def test_the_log_reads_the_teams_records_and_free_entries(world):
    member = world.login("member1")
    held = _records(world)
    entry = writes.add_entry(
        member, world.insp_a.id, EntryForm("2026-03-06", "整理本周谈话情况，形成问题清单初稿。", "20:00")
    )
    assert (
        entry.by_name
        == world.office.conn.execute("SELECT display_name FROM users WHERE username = 'member1'").fetchone()[
            0
        ]
    )
    lines = queries.read_log(member, world.insp_a.id, "2026-03-02", "2026-03-08")
    assert [(x.on, x.source) for x in lines] == [
        ("2026-03-05", LogSource.DOCUMENT),
        ("2026-03-06", LogSource.MEETING),
        ("2026-03-06", LogSource.ENTRY),
    ]
    assert "收到调阅资料 第1项：2025年党组会议记录" == lines[0].text and "组务会" in lines[1].text
    week2 = queries.log_lines(member, world.insp_a.id, "2026-03-09", "2026-03-15")
    assert [x.source for x in week2] == [
        LogSource.IMMEDIATE_FIX,
        LogSource.TALK,
    ]  # the draft talk is not held
    assert week2[1].record_id == held.id and "谈话记录 第1号" in week2[1].text and week2[1].time == "09:00"
    assert queries.log_weeks(member, world.insp_a.id) == ["2026-03-02", "2026-03-09"]
    assert world.audit_rows("team_log_view")[0][3] == "2026-03-02—2026-03-08，3 条"
    with pytest.raises(NotFound):
        queries.log_lines(world.login("leader2"), world.insp_a.id)
    with pytest.raises(PermissionDenied):
        queries.log_lines(world.login("auditor"), world.insp_a.id)


def test_free_entries_edit_delete_and_cite(world):
    member = world.login("member1")
    entry = writes.add_entry(
        member, world.insp_a.id, EntryForm("2026-03-06", "走访两所学校食堂。", by_name="刘组长、周组员")
    )
    assert entry.by_name == "刘组长、周组员"
    entry = writes.update_entry(
        member, entry.id, EntryForm("2026-03-07", "走访三所学校食堂。", "9:30", "刘组长")
    )
    assert (entry.entry_on, entry.entry_time) == ("2026-03-07", "09:30")
    with pytest.raises(ValidationError) as err:
        writes.add_entry(member, world.insp_a.id, EntryForm("2026-03-32", "x"))
    assert err.value.field == "entry_on"
    with pytest.raises(ValidationError) as err:
        writes.add_entry(member, world.insp_a.id, EntryForm("2026-03-03", ""))
    assert err.value.field == "content"
    with pytest.raises(NotFound):
        writes.update_entry(world.login("leader2"), entry.id, EntryForm("2026-03-07", "改"))
    issue = issue_edits.create_issue(member, world.insp_a.id, draft())
    ev = evidence.add_evidence(member, issue.id, EvidenceKind.TEAM_LOG, entry.id)
    assert ev.locator == "2026-03-07"
    assert evidence.list_evidence(member, issue.id)[0].source == "巡察日志 2026-03-07（刘组长）"
    with pytest.raises(Conflict):
        writes.delete_entry(member, entry.id)
    other = writes.add_entry(member, world.insp_a.id, EntryForm("2026-03-08", "整理资料。"))
    writes.delete_entry(member, other.id)
    assert [e.id for e in queries.list_entries(member, world.insp_a.id)] == [entry.id]
    assert world.audit_rows("team_log_delete")


def test_week_pdf_for_the_leaders_signature(world, tmp_path):
    member = world.login("member1")
    _records(world)
    for day in range(2, 9):
        for k in range(3 if day % 2 else 1):
            writes.add_entry(
                member,
                world.insp_a.id,
                EntryForm(
                    f"2026-03-{day:02d}",
                    f"第{k + 1}项工作：召开小组碰头会，梳理当日谈话中反映的问题，"
                    "研究下一步调阅资料和走访安排（含两所学校和一个乡镇教育办）。",
                    f"{8 + k}:00",
                ),
            )
    job = log_printing.print_week(member, world.insp_a.id, "2026-03-04")
    data = job.pdfs[0]
    save_artifact("team-log.pdf", data)
    assert job.monday == "2026-03-02" and [p.document_kind for p in list_prints(world.office)] == ["team_log"]
    fonts = pdf.fonts(data)
    assert fonts and all(embedded for _, embedded in fonts)
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    text = pdf.text(data)
    squashed = pdf.squash(text)
    assert "巡察日志" in squashed and "2026年3月2日至2026年3月8日" in squashed
    assert "3月5日星期四" in squashed and "收到调阅资料第1项" in squashed and "组长（签名）：" in squashed
    pages = pdf.page_count(data)
    assert pages >= 2
    for page in text.split("\f")[:pages]:
        assert "组长签字：" in pdf.squash(page) and "000001" in page
    assert pdf.assert_line_breaks(data) > 30
    log_printing.preview_week(member, world.insp_a.id, "2026-03-09")
    assert world.audit_rows("team_log_preview")[0][3] == "2026-03-09 一周"


def test_the_evidence_dialog_offers_and_opens_briefings_plans_and_log_entries(world):
    from app.core.domain.briefings import writes as briefing_writes
    from app.core.domain.briefings.types import ItemForm, RequestForm
    from app.core.domain.work_plan import writes as plan_writes
    from app.core.domain.work_plan.types import PlanForm
    from app.ui.register import ops

    leader, member = world.login("leader1"), world.login("member1")
    request = briefing_writes.create_request(leader, world.insp_a.id, RequestForm("audit", "2026-02-20"))
    plain = briefing_writes.add_item(leader, request.id, ItemForm("审计发现会议费列支不规范。"))
    lead = briefing_writes.add_item(leader, request.id, ItemForm("反映某科长收受好处。", is_lead=True))
    plan = plan_writes.save_plan(
        leader, world.insp_a.id, PlanForm("发现问题。", "2026-02-25", focus=["选人用人问题"])
    )
    entry = writes.add_entry(member, world.insp_a.id, EntryForm("2026-03-06", "走访两所学校食堂。"))
    assert [p.id for p in ops.evidence_choices(leader, world.insp_a.id, "briefing")] == [plain.id, lead.id]
    assert [p.id for p in ops.evidence_choices(member, world.insp_a.id, "briefing")] == [plain.id]
    assert [p.id for p in ops.evidence_choices(member, world.insp_a.id, "work_plan")] == [plan.id]
    assert [p.id for p in ops.evidence_choices(member, world.insp_a.id, "team_log")] == [entry.id]
    issue = issue_edits.create_issue(member, world.insp_a.id, draft())
    for kind, ref, text in (
        ("briefing", plain.id, "会议费"),
        ("work_plan", plan.id, "一、巡察目的"),
        ("team_log", entry.id, "食堂"),
    ):
        ev = evidence.add_evidence(member, issue.id, kind, ref)
        assert text in ops.open_evidence(member, ev).text


def test_the_log_exports_to_excel(world):
    import io

    import openpyxl

    from app.core.sheets import exports

    _records(world)
    writes.add_entry(
        world.login("member1"), world.insp_a.id, EntryForm("2026-03-06", "整理谈话情况。", "20:00", "周组员")
    )
    result = exports.export(world.login("leader1"), "team_log", world.insp_a.id, today="2026-03-20")
    assert result.rows == 5 and result.file_name == "市教育局-巡察日志.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(result.data)).worksheets[0]
    assert ws["A1"].value == "巡察日志" and [c.value for c in ws[3]] == [
        "日期",
        "时间",
        "类别",
        "工作内容",
        "人员",
    ]
    assert [ws[f"C{k}"].value for k in range(4, 9)] == [
        "调阅资料",
        "会议",
        "工作记录",
        "立行立改",
        "个别谈话",
    ]


def test_a_busy_day_runs_over_pages():
    from app.core.domain.team_log.types import LogLine
    from app.core.printing.team_log import LogHeading, render_week

    text = "召开小组碰头会，梳理当日谈话中反映的问题，研究下一步调阅资料和走访安排。" * 2
    lines = [
        LogLine("2026-03-03", f"{8 + k % 10:02d}:00", LogSource.ENTRY, text, "周组员", str(k))
        for k in range(60)
    ]
    data = render_week(
        lines,
        LogHeading("市教育局", "第一巡察组", "刘组长", "2026-03-02"),
        copy_number=1,
        classification="秘密",
    )
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    pages = pdf.page_count(data)
    assert pages >= 3 and pdf.text(data).count("3月3日") >= pages - 1  # the date heads each run of rows


def test_a_long_entry_runs_over_pages():
    from app.core.domain.team_log.types import LogLine
    from app.core.printing.team_log import LogHeading, render_week

    text = (
        "走访两所学校食堂，查看账目和采购记录，与食堂管理人员和部分教师交流。" * 90
    )  # near the 3000-character limit
    lines = [
        LogLine("2026-03-03", "09:00", LogSource.ENTRY, text, "周组员", "a"),
        LogLine("2026-03-03", "15:00", LogSource.ENTRY, "整理资料。", "周组员", "b"),
    ]
    data = render_week(
        lines,
        LogHeading("市教育局", "第一巡察组", "刘组长", "2026-03-02"),
        copy_number=1,
        classification="秘密",
    )
    if pdf.HAVE_POPPLER:
        assert pdf.page_count(data) >= 2 and "整理资料" in pdf.text(data)
