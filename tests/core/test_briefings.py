"""Briefings before entry (issue 20): requests per department, answers item by item, lead-like items
visible as leads are, the request letter (GB/T 9704) and the summary (briefing-summary.pdf)."""

from __future__ import annotations

import pytest

from app.core.domain.briefings import printing as briefing_printing
from app.core.domain.briefings import queries, search, writes
from app.core.domain.briefings.types import BriefingSource, ItemForm, RequestForm
from app.core.domain.register import evidence, issue_edits
from app.core.domain.register.evidence import EvidenceKind
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.printing.register import list_prints
from tests.conftest import save_artifact
from tests.core import print_helpers as pdf
from tests.core.issue_support import draft
from tests.core.org_support import world_fixture  # noqa: F401

LONG = (
    "经查，该局2023年以来共收到涉及局领导班子成员的信访举报7件，其中反映基建项目招投标不规范的4件，"
    "反映干部选拔任用“带病提拔”的2件，反映公车私用的1件；已办结5件，在办2件。"
)


def _requests(world):
    office = world.office
    made = []
    for source in ("discipline", "organisation", "audit", "petition", "office"):
        made.append(
            writes.create_request(
                office,
                world.insp_a.id,
                RequestForm(source, "2026-02-20", due_on="2026-02-27", answered_on="2026-02-26"),
            )
        )
    return made


def test_requests_per_department_numbered_with_default_names_and_matters(world):
    made = _requests(world)
    assert [r.number for r in made] == [1, 2, 3, 4, 5]
    assert [r.department for r in made] == ["市纪委监委", "市委组织部", "市审计局", "市信访局", "市委巡察办"]
    assert "选人用人" in made[1].matters and made[0].state_text == "2026-02-26 已复函"
    other = writes.create_request(
        world.office, world.insp_a.id, RequestForm("other", "2026-02-21", department="市委政法委")
    )
    assert (
        other.source == BriefingSource.OTHER
        and other.department == "市委政法委"
        and other.state_text == "待复函"
    )
    assert world.audit_rows("briefing_create")[0][:3] == ("office", "briefing_request", made[0].id)
    assert [r.number for r in queries.list_requests(world.login("member1"), world.insp_a.id)] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"source": "police"}, "source"),
        ({"requested_on": "2026-02-30"}, "requested_on"),
        ({"due_on": "2026-02-01"}, "due_on"),
        ({"answered_on": "2026-01-01"}, "answered_on"),
        ({"source": "other", "department": ""}, "department"),
        ({"classification": "绝密"}, "classification"),
    ],
)
def test_bad_request_names_the_field(world, over, field):
    values = {"source": "audit", "requested_on": "2026-02-20", **over}
    with pytest.raises(ValidationError) as err:
        writes.create_request(world.office, world.insp_a.id, RequestForm(**values))
    assert err.value.field == field


def test_items_recorded_and_lead_like_items_visible_as_leads(world):
    leader, member = world.login("leader1"), world.login("member1")
    r = _requests(world)[0]
    plain = writes.add_item(leader, r.id, ItemForm(LONG, category="四个聚焦 › 群众身边腐败问题"))
    lead = writes.add_item(leader, r.id, ItemForm("反映副局长张某某在基建项目中收受好处费。", is_lead=True))
    assert (plain.ordinal, lead.ordinal) == (1, 2) and plain.source == "市纪委监委"
    assert plain.reference == "情况通报 第1号第1项"
    assert [x.id for x in queries.fetch_request(leader, r.id).items] == [plain.id, lead.id]
    assert [x.id for x in queries.fetch_request(member, r.id).items] == [plain.id]
    assert [x.id for x in queries.fetch_request(world.office, r.id).items] == [plain.id, lead.id]
    with pytest.raises(NotFound):
        queries.get_item(member, lead.id)
    with pytest.raises(NotFound):
        queries.fetch_item(world.login("leader2"), plain.id)
    with pytest.raises(PermissionDenied):  # a member cannot record what they could not read
        writes.add_item(member, r.id, ItemForm("某线索", is_lead=True))
    assert writes.add_item(member, r.id, ItemForm("一般情况。")).ordinal == 3
    with pytest.raises(PermissionDenied):  # nor delete a request holding a lead they cannot see
        writes.delete_request(member, r.id)
    with pytest.raises(ValidationError) as err:
        writes.add_item(leader, r.id, ItemForm(""))
    assert err.value.field == "content"
    assert world.audit_rows("briefing_item_add")[1][3].endswith("线索类")


def test_item_attachments_and_evidence(world):
    leader = world.login("leader1")
    r = _requests(world)[0]
    item = writes.add_item(leader, r.id, ItemForm(LONG))
    kept = writes.add_attachment(leader, item.id, "复函.txt", "复函正文".encode())
    assert queries.fetch_item(leader, item.id).attachments[0].filename == "复函.txt"
    assert writes.read_attachment(leader, item.id, kept.id) == "复函正文".encode()
    with pytest.raises(Conflict):
        writes.add_attachment(leader, item.id, "复函2.txt", "复函正文".encode())
    issue = issue_edits.create_issue(leader, world.insp_a.id, draft())
    ev = evidence.add_evidence(leader, issue.id, EvidenceKind.BRIEFING, item.id)
    assert ev.locator == "第1号第1项"
    assert evidence.list_evidence(leader, issue.id)[0].source.startswith(
        "巡前情况通报 第1号第1项（市纪委监委）"
    )
    with pytest.raises(Conflict):
        writes.delete_item(leader, item.id)
    with pytest.raises(Conflict):
        writes.delete_request(leader, r.id)
    lead = writes.add_item(leader, r.id, ItemForm("线索内容", is_lead=True))
    member = world.login("member1")
    issue2 = issue_edits.create_issue(member, world.insp_a.id, draft())
    with pytest.raises(NotFound):  # a member cannot cite what they may not know
        evidence.add_evidence(member, issue2.id, EvidenceKind.BRIEFING, lead.id)


def test_letter_per_department_in_the_official_layout(world):
    r = _requests(world)[1]
    job = briefing_printing.print_letter(world.office, r.id, 2)
    assert job.copy_numbers == [1, 2] and [p.document_kind for p in list_prints(world.office)] == [
        "briefing_letter"
    ]
    fonts = pdf.fonts(job.pdfs[0])
    assert fonts and all(embedded for _, embedded in fonts)
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    text = pdf.squash(pdf.text(job.pdfs[0]))
    assert "关于商请提供市教育局有关情况的函" in text and "市委组织部：" in text and "000001" in text
    assert "2026年2月27日前" in text and "选人用人" in text
    assert pdf.assert_line_breaks(job.pdfs[0], official=True) > 5
    briefing_printing.preview_letter(world.office, r.id)
    assert world.audit_rows("briefing_letter_preview")


def test_summary_pdf_holds_what_the_reader_may_know(world):
    leader, member = world.login("leader1"), world.login("member1")
    made = _requests(world)
    for k, r in enumerate(made):
        for j in range(4):
            writes.add_item(
                leader, r.id, ItemForm(f"第{j + 1}项：{LONG}", category="选人用人" if j % 2 else "")
            )
        if k == 0:
            writes.add_item(leader, r.id, ItemForm("反映副局长张某某收受好处费线索。", is_lead=True))
    job = briefing_printing.print_summary(leader, world.insp_a.id)
    data = job.pdfs[0]
    save_artifact("briefing-summary.pdf", data)
    fonts = pdf.fonts(data)
    assert fonts and all(embedded for _, embedded in fonts)
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    text = pdf.text(data)
    squashed = pdf.squash(text)
    assert "市教育局巡前情况通报汇总" in squashed and "【线索】反映副局长张某某" in squashed
    assert (
        "其中线索类1项" in squashed and "一、市纪委监委（第1号" in squashed and "五、市委巡察办" in squashed
    )
    pages = pdf.page_count(data)
    assert pages >= 2 and text.count("通报内容") >= pages  # the header row repeats
    assert pdf.assert_line_breaks(data) > 40
    member_copy = pdf.squash(pdf.text(briefing_printing.preview_summary(member, world.insp_a.id)))
    assert "张某某" not in member_copy and "线索" not in member_copy
    with pytest.raises(NotFound):
        briefing_printing.print_summary(world.login("leader2"), world.insp_a.id)


def test_briefings_export_to_excel_as_the_reader_may_know(world):
    import io

    import openpyxl

    from app.core.sheets import exports

    leader = world.login("leader1")
    made = _requests(world)
    writes.add_item(leader, made[0].id, ItemForm(LONG, category="选人用人"))
    writes.add_item(leader, made[0].id, ItemForm("反映副局长张某某收受好处费。", is_lead=True))
    with pytest.raises(PermissionDenied):
        exports.export(world.login("member1"), "briefings", world.insp_a.id)
    result = exports.export(leader, "briefings", world.insp_a.id, today="2026-03-01")
    assert result.rows == 6 and result.file_name == "市教育局-巡前情况通报清单.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(result.data)).worksheets[0]
    assert ws["A1"].value == "巡前情况通报清单" and [c.value for c in ws[3]][:3] == [
        "编号",
        "通报单位",
        "发函日期",
    ]
    assert [ws["A4"].value, ws["A5"].value, ws["H5"].value] == ["第1号第1项", "第1号第2项", "是"]
    assert ws["F6"].value == "（尚无通报内容）" and ws["B6"].value == "市委组织部"


def test_briefings_and_plans_drafted_in_preparation_go_with_their_inspection(world):
    from app.core.domain.organisation import inspections
    from app.core.domain.work_plan import writes as plan_writes
    from app.core.domain.work_plan.types import PlanForm

    leader = world.login("leader1")
    r = _requests(world)[0]
    item = writes.add_item(leader, r.id, ItemForm(LONG))
    writes.add_attachment(leader, item.id, "复函.txt", "复函正文".encode())
    plan_writes.save_plan(leader, world.insp_a.id, PlanForm("发现问题。", "2026-02-25"))
    inspections.delete_inspection(world.office, world.insp_a.id)
    conn = world.office.conn
    for table in ("briefing_requests", "briefing_items", "work_plans", "attachments"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_a_long_answer_runs_over_pages_in_the_summary(world):
    leader = world.login("leader1")
    r = _requests(world)[0]
    writes.add_item(leader, r.id, ItemForm(LONG * 40))  # about 4,400 characters
    writes.add_item(leader, r.id, ItemForm("其后一项。"))
    data = briefing_printing.preview_summary(leader, world.insp_a.id)
    if pdf.HAVE_POPPLER:
        assert pdf.page_count(data) >= 3 and "其后一项" in pdf.squash(pdf.text(data))


def test_a_lead_like_item_is_kept_sealed_in_the_leads_compartment(world):
    leader = world.login("leader1")
    r = _requests(world)[0]
    lead = writes.add_item(
        leader, r.id, ItemForm("反映副局长张某某收受好处费。", source="市纪委监委信访室", is_lead=True)
    )
    raw = world.office.conn.execute(
        "SELECT content, source, category, sealed FROM briefing_items WHERE id = ?", (lead.id,)
    ).fetchone()
    assert (raw["content"], raw["source"], raw["category"]) == ("", "", "") and raw["sealed"].startswith("c1")
    assert lead.content == "反映副局长张某某收受好处费。" and lead.source == "市纪委监委信访室"
    assert queries.fetch_item(world.office, lead.id).content == lead.content  # the office holds the key too
    found = {h.item_id for h in search.search_items(leader, "张某某", world.insp_a.id)}
    assert found == {lead.id}
    plain = writes.update_item(leader, lead.id, ItemForm("经核实不属于线索。", is_lead=False))
    raw = world.office.conn.execute(
        "SELECT content, sealed FROM briefing_items WHERE id = ?", (lead.id,)
    ).fetchone()
    assert (raw["content"], raw["sealed"]) == ("经核实不属于线索。", "") and not plain.is_lead
    again = writes.update_item(leader, lead.id, ItemForm("重新列为线索。", is_lead=True))
    assert again.content == "重新列为线索。"
    assert (
        world.office.conn.execute("SELECT content FROM briefing_items WHERE id = ?", (lead.id,)).fetchone()[0]
        == ""
    )
