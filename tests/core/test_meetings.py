"""Meetings (issue 20): the form's rules, numbering, need to know, audit, attachments, search,
citing a meeting as evidence, and the printed minutes and sign-in sheet (saved to $ARTIFACTS_DIR)."""

from __future__ import annotations

import shutil

import pytest

from app.core.domain.meetings import printing as meeting_printing
from app.core.domain.meetings import queries, search, writes
from app.core.domain.meetings.types import Attendee, MeetingForm, MeetingKind
from app.core.domain.register import evidence, issue_edits
from app.core.domain.register.evidence import EvidenceKind
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.printing import meeting_minutes
from app.core.printing.register import list_prints
from tests.conftest import save_artifact
from tests.core import print_helpers as pdf
from tests.core.issue_support import draft
from tests.core.org_support import world_fixture  # noqa: F401

MINUTES = (
    "巡察组组长刘组长作动员讲话，强调本次巡察坚持以习近平新时代中国特色社会主义思想为指导，"
    "聚焦“四个落实”，重点了解党组落实全面从严治党主体责任、中央八项规定精神（含公务接待、公车使用）"
    "和选人用人等情况。被巡察单位党组书记王建国作表态发言，表示坚决支持、主动配合巡察工作；"
    "对巡察发现的问题，立行立改、真改实改。会后进行了民主测评，发放测评表45份，收回43份。"
)


def form(world, **over) -> MeetingForm:
    people = queries.unit_people(world.office, world.insp_a.id)
    values = dict(
        kind=MeetingKind.MOBILISATION,
        held_on="2026-03-03",
        start_time="9:00",
        end_time="10:30",
        title="市委第一巡察组进驻市教育局巡察工作动员会",
        place="市教育局五楼会议室",
        chair="刘组长",
        recorder="周组员",
        agenda=["巡察组组长作动员讲话", "党组书记作表态发言", "开展民主测评"],
        minutes=MINUTES,
        attendees=[
            *people,
            Attendee("陈小华", "办公室主任", "市教育局"),
            Attendee("赵一鸣", "财务科科长", "市教育局"),
        ],
    )
    values.update(over)
    return MeetingForm(**values)


def test_meetings_are_numbered_per_inspection_and_audited(world):
    leader = world.login("leader1")
    m1 = writes.create_meeting(leader, world.insp_a.id, form(world))
    m2 = writes.create_meeting(leader, world.insp_a.id, form(world, kind=MeetingKind.GROUP, title=""))
    assert (m1.number, m2.number) == (1, 2)
    assert m1.reference == "会议 第1号" and m2.heading == "座谈会"
    assert m1.start_time == "09:00" and [a.name for a in m1.attendees][:2] == ["王建国", "李红梅"]
    assert m1.attendees[0].leadership_id and m1.attendees[2].leadership_id is None
    assert m1.unit_name == "市教育局" and m1.team_name == "第一巡察组"
    assert world.audit_rows("meeting_create")[0][:3] == ("leader1", "meeting", m1.id)
    listed = queries.list_meetings(leader, world.insp_a.id)
    assert [m.number for m in listed] == [2, 1] and listed[1].attendee_count == 4
    assert [m.number for m in queries.list_meetings(leader, world.insp_a.id, kind="group")] == [2]
    updated = writes.update_meeting(leader, m1.id, form(world, minutes="修改后的纪要。", attendees=[]))
    assert updated.minutes == "修改后的纪要。" and updated.attendees == []
    assert world.audit_rows("meeting_update")
    queries.get_meeting(world.login("member1"), m1.id)
    assert world.audit_rows("meeting_view")[-1][0] == "member1"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"kind": "party"}, "kind"),
        ({"held_on": "2026-02-30"}, "held_on"),
        ({"held_on": ""}, "held_on"),
        ({"start_time": "25:00"}, "start_time"),
        ({"start_time": "10:00", "end_time": "09:00"}, "end_time"),
        ({"agenda": ["议程"] * 51}, "agenda"),
        ({"agenda": ["议" * 301]}, "agenda"),
        ({"minutes": "纪" * 50001}, "minutes"),
        ({"place": "会议室\u202e"}, "place"),
        ({"attendees": [Attendee("张三\x00")]}, "attendees"),
        ({"classification": "绝密"}, "classification"),
        ({"protection_years": 11}, None),
    ],
)
def test_bad_input_names_the_field(world, over, field):
    with pytest.raises(ValidationError) as info:
        writes.create_meeting(world.login("member1"), world.insp_a.id, form(world, **over))
    if field:
        assert info.value.field == field
    assert "\\u" not in str(info.value)


def test_an_attendee_from_another_units_leadership_is_refused(world):
    other = queries.unit_people(world.office, world.insp_b.id)[0]
    with pytest.raises(ValidationError) as info:
        writes.create_meeting(world.login("member1"), world.insp_a.id, form(world, attendees=[other]))
    assert info.value.field == "attendees" and "班子成员" in str(info.value)


def test_need_to_know_like_talks(world):
    m = writes.create_meeting(world.login("member1"), world.insp_a.id, form(world))
    for username in ("leader2", "member2"):
        other = world.login(username)
        for call in (
            lambda s=other: queries.get_meeting(s, m.id),
            lambda s=other: meeting_printing.preview(s, m.id),
            lambda s=other: writes.update_meeting(s, m.id, form(world)),
            lambda s=other: writes.delete_meeting(s, m.id),
            lambda s=other: writes.add_attachment(s, m.id, "a.txt", "材料".encode()),
        ):
            with pytest.raises(NotFound):
                call()
        assert queries.list_meetings(other) == []
        assert search.search_meetings(other, "民主测评") == []
        with pytest.raises(NotFound):
            writes.create_meeting(other, world.insp_a.id, form(world))
    assert [x.id for x in queries.list_meetings(world.office)] == [m.id]
    for username in ("sysadmin", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            queries.list_meetings(world.login(username))


def test_clearance_limits_meetings(world):
    member = world.login("member1")
    with pytest.raises(PermissionDenied):
        writes.create_meeting(
            member, world.insp_a.id, form(world, classification="机密", protection_years=10)
        )
    world.office.conn.execute("UPDATE users SET clearance = '机密' WHERE username = 'leader1'")
    secret = writes.create_meeting(
        world.login("leader1"), world.insp_a.id, form(world, classification="机密", protection_years=10)
    )
    with pytest.raises(NotFound):
        queries.get_meeting(member, secret.id)
    assert queries.list_meetings(member, world.insp_a.id) == []
    assert search.search_meetings(member, "民主测评") == []


def test_search_finds_minutes_agenda_and_attendees(world):
    member = world.login("member1")
    m = writes.create_meeting(member, world.insp_a.id, form(world))
    writes.create_meeting(
        member,
        world.insp_a.id,
        form(world, kind="group", minutes="座谈了解食堂管理。", agenda=[], attendees=[]),
    )
    hits = search.search_meetings(member, "民主测评 公务接待")
    assert [h.meeting_id for h in hits] == [m.id]
    assert "【民主测评】" in hits[0].marked() or "【公务接待】" in hits[0].marked()
    assert [h.number for h in search.search_meetings(member, "陈小华")] == [1]
    assert [h.number for h in search.search_meetings(member, "食堂", inspection_id=world.insp_a.id)] == [2]
    assert [h.number for h in search.search_meetings(member, "動員講話")] == [1]  # folded: 動員 finds 动员
    assert world.audit_rows("meetings_search")[-1][3] == "命中 1 条"
    with pytest.raises(ValidationError):
        search.search_meetings(member, "民")


def test_attachments_are_kept_checked_and_audited(world):
    member = world.login("member1")
    m = writes.create_meeting(member, world.insp_a.id, form(world))
    kept = writes.add_attachment(member, m.id, "议程.txt", "一、动员讲话\n二、表态发言".encode())
    assert kept.filename == "议程.txt"
    with pytest.raises(Conflict):
        writes.add_attachment(member, m.id, "again.txt", "一、动员讲话\n二、表态发言".encode())
    with pytest.raises(ValidationError):
        writes.add_attachment(member, m.id, "fake.pdf", b"not a pdf at all")
    assert world.audit_rows("import_refused")
    again = queries.fetch_meeting(member, m.id)
    assert [a.id for a in again.attachments] == [kept.id]
    assert writes.read_attachment(member, m.id, kept.id).decode() == "一、动员讲话\n二、表态发言"
    assert [x.attachment_count for x in queries.list_meetings(member, world.insp_a.id)] == [1]
    writes.remove_attachment(member, m.id, kept.id)
    assert queries.fetch_meeting(member, m.id).attachments == []
    for action in ("meeting_attachment_add", "meeting_attachment_view", "meeting_attachment_remove"):
        assert world.audit_rows(action)


def test_a_working_paper_cites_a_meeting_which_then_cannot_be_deleted(world):
    member = world.login("member1")
    m = writes.create_meeting(member, world.insp_a.id, form(world))
    issue = issue_edits.create_issue(member, world.insp_a.id, draft())
    item = evidence.add_evidence(member, issue.id, EvidenceKind.MEETING, m.id, description="动员会上的表态")
    assert item.kind.label == "会议" and item.locator == "第1号"
    # Named by kind, number and title (issue 17), the number not repeated by the locator.
    assert item.label.startswith("证据1：会议 第1号（") and item.label.endswith("） 动员会上的表态")
    assert item.label.count("第1号") == 1
    with pytest.raises(Conflict):
        writes.delete_meeting(member, m.id)
    if pdf.HAVE_POPPLER:  # the printed evidence list names the source's kind and number
        from app.core.printing.working_paper import working_paper_pdf

        paper = pdf.squash(pdf.text(working_paper_pdf(member, issue.id, classification="秘密")))
        listed = paper.split("四、证据清单")[1].split("五、")[0]
        assert all(part in listed for part in ("会议", "第1号", "动员会上的表态")), listed
    other = writes.create_meeting(
        world.login("leader2"),
        world.insp_b.id,
        form(world, attendees=[]),
    )
    with pytest.raises(ValidationError):  # a meeting of another inspection
        evidence.add_evidence(member, issue.id, EvidenceKind.MEETING, other.id)
    spare = writes.create_meeting(member, world.insp_a.id, form(world))
    writes.delete_meeting(member, spare.id)
    with pytest.raises(NotFound):
        queries.fetch_meeting(member, spare.id)
    assert world.audit_rows("meeting_delete")


def _long_meeting(world):
    long = "\n".join(f"{k}. {MINUTES}" for k in range(1, 9))
    return writes.create_meeting(
        world.login("member1"),
        world.insp_a.id,
        form(
            world,
            minutes=long,
            attendees=[
                *queries.unit_people(world.office, world.insp_a.id),
                *[Attendee(f"参会人{k:02d}", "科员", "市教育局") for k in range(1, 31)],
            ],
        ),
    )


def test_minutes_pdf_in_the_house_style(world, tmp_path):
    m = _long_meeting(world)
    job = meeting_printing.print_copies(world.login("member1"), m.id, meeting_printing.MINUTES, 1)
    data = job.pdfs[0]
    save_artifact("meeting-minutes.pdf", data)
    assert job.copy_numbers == [1]
    assert [p.document_kind for p in list_prints(world.office)] == ["meeting_minutes"]
    fonts = pdf.fonts(data)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    pages = pdf.page_count(data)
    assert pages >= 2
    text = pdf.text(data)
    squashed = pdf.squash(text)
    for part in (
        "会议纪要第1号",
        "会议议程",
        "会议内容",
        "参会人员",
        "1.巡察组组长作动员讲话",
        "主持人（签名）：",
    ):
        assert part in squashed, part
    for page in text.split("\f")[:pages]:
        page = pdf.squash(page)
        assert "000001" in page and "秘密" in page and "主持人签字：" in page and "记录人签字：" in page
    assert pdf.squash(MINUTES) in squashed
    assert pdf.assert_line_breaks(data) > 40
    if shutil.which("pdftoppm"):
        assert len(pdf.render_pages(data, tmp_path)) == pages


def test_sign_in_sheet_pdf(world, tmp_path):
    m = _long_meeting(world)
    data = meeting_minutes.render_sign_in_sheet(m, copy_number=2, classification="秘密★1年")
    save_artifact("sign-in-sheet.pdf", data)
    fonts = pdf.fonts(data)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    pages = pdf.page_count(data)
    assert pages >= 2  # 32 people and the blank rows
    text = pdf.text(data)
    assert text.count("单位及职务") == pages  # the header row repeats
    squashed = pdf.squash(text)
    assert "签到表" in squashed and "市委第一巡察组进驻市教育局巡察工作动员会" in squashed
    assert "王建国" in squashed and "参会人30" in squashed and "2026年3月3日9:00—10:30" in squashed
    assert pdf.assert_line_breaks(data) > 30
    if shutil.which("pdftoppm"):
        assert len(pdf.render_pages(data, tmp_path)) == pages


def test_preview_is_unnumbered_and_audited(world):
    member = world.login("member1")
    m = writes.create_meeting(member, world.insp_a.id, form(world))
    data = meeting_printing.preview(member, m.id, meeting_printing.SIGN_IN)
    if pdf.HAVE_POPPLER:
        assert "000" not in pdf.text(data).split("签到表")[0]
    assert list_prints(world.office) == []
    assert world.audit_rows("meeting_preview")[0][3] == "第1号，会议签到表"
    with pytest.raises(ValidationError):
        meeting_printing.preview(member, m.id, "agenda")
    with pytest.raises(PermissionDenied):  # members print but do not export
        meeting_printing.print_copies(member, m.id, meeting_printing.MINUTES, 1, action="export")


def test_meetings_export_to_excel(world):
    import io

    import openpyxl

    from app.core.sheets import exports

    writes.create_meeting(world.login("member1"), world.insp_a.id, form(world))
    writes.create_meeting(
        world.login("member1"), world.insp_a.id, form(world, kind="team", title="", attendees=[])
    )
    with pytest.raises(PermissionDenied):
        exports.export(world.login("member1"), "meetings", world.insp_a.id)
    result = exports.export(world.login("leader1"), "meetings", world.insp_a.id, today="2026-03-20")
    assert result.rows == 2 and result.file_name == "市教育局-会议记录清单.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(result.data)).worksheets[0]
    assert ws["A1"].value == "会议记录清单"
    assert [c.value for c in ws[3]][:3] == ["编号", "会议类型", "会议名称"]
    assert [ws["B4"].value, ws["B5"].value] == ["动员会", "组务会"] and ws["H4"].value == 4
    assert ("meetings", "会议记录清单") in exports.available_kinds(world.office, world.insp_a.id)
