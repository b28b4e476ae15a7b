"""Printed ledgers: issue list and rectification ledger (landscape, header row on every page, marks),
working paper and fact confirmation sheet. Copies go to $ARTIFACTS_DIR for a person to look at."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zlib

import pytest

from app.core.domain.register import measures, rectification_reads
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.register.rectification_record import MeasureDraft
from app.core.errors import PermissionDenied
from app.core.printing import register
from app.core.printing.issue_list import issue_list_pdf, money_text
from app.core.printing.rectification_ledger import ledger_rows, rectification_ledger_pdf
from app.core.printing.working_paper import fact_sheet_pdf, working_paper_pdf
from tests.conftest import save_artifact
from tests.core.issue_support import advance, category, reg_fixture, signed_issue, world_fixture  # noqa: F401

TITLES = [
    "局党组落实意识形态工作责任制不到位",
    "违规发放津贴补贴",
    "干部选拔任用程序不规范",
    "政府采购项目化整为零规避招标",
    "公务用车管理不规范",
    "上轮巡察反馈问题整改不彻底",
]


def pdf_text(data: bytes) -> str:
    """The page count and the PDF's page sizes, enough to check layout without a PDF library."""
    return data.decode("latin-1")


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def page_size(data: bytes) -> tuple[float, float]:
    m = re.search(rb"/MediaBox \[ *0 0 ([0-9.]+) ([0-9.]+) *\]", data)
    return float(m.group(1)), float(m.group(2))


def pdftotext(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode()


@pytest.fixture
def round_records(reg):
    member, leader, office = reg.login("member1"), reg.login("leader1"), reg.office
    cats = [category(member, "four_focuses", k % 4) for k in range(len(TITLES) * 5)]
    made = []
    for k in range(len(TITLES) * 5):  # enough rows for several pages
        title = TITLES[k % len(TITLES)] + ("" if k < len(TITLES) else f"（第{k // len(TITLES) + 1}项）")
        issue = signed_issue(
            member,
            leader,
            reg.insp_a.id,
            title,
            category_id=cats[k].id,
            subcategory_id=cats[k].children[0].id,
        )
        target = [
            IssueStatus.SUBSTANTIATED,
            IssueStatus.FED_BACK,
            IssueStatus.IN_RECTIFICATION,
            IssueStatus.CLOSED_OUT,
        ][k % 4]
        advance(reg, issue.id, target, member=member, leader=leader, office=office)
        if target == IssueStatus.IN_RECTIFICATION:
            measures.add_measure(
                member,
                issue.id,
                MeasureDraft(
                    "立即组织专项清理，全面排查2023年以来同类问题，建立台账逐项整改。",
                    types={"clean_up", "lessons"},
                    responsible_leader="王建国",
                    responsible_dept="办公室",
                    responsible_person="李红梅",
                    deadline="2026-05-31" if k % 8 == 2 else "2026-09-30",
                    immediate=k % 3 == 0,
                ),
            )
            measures.add_measure(
                member,
                issue.id,
                MeasureDraft(
                    "修订完善相关管理制度", types={"rules"}, responsible_person="张强", ongoing=True
                ),
            )
        made.append(issue)
    return made


def test_issue_list_pdf(reg, round_records):
    office = reg.office
    [copy] = register.register_print(
        office, "issue_list", reg.insp_a.id, 1, inspection_id=reg.insp_a.id, classification="秘密★1年"
    )
    data = issue_list_pdf(office, reg.insp_a.id, classification="秘密★1年", copy_number=copy)
    save_artifact("issue-list.pdf", data)
    width, height = page_size(data)
    assert width > height  # landscape
    pages = page_count(data)
    assert pages >= 2
    text = pdftotext(data)
    assert text.count("问题编号") == pages  # the header row repeats on every page
    assert text.count("秘密★1年") == pages and f"第 {pages} 页 共 {pages} 页" in text
    assert "[2026]1巡-1组-01号" in text and "12.6万元" in text
    assert money_text(12_600_000) == "12.6万元" and money_text(50_000) == "500元"
    with pytest.raises(PermissionDenied):
        issue_list_pdf(reg.login("auditor"), reg.insp_a.id, classification="秘密")


def test_rectification_ledger_pdf(reg, round_records):
    data = rectification_ledger_pdf(
        reg.office, reg.insp_a.id, classification="秘密★1年", copy_number=2, today="2026-06-15"
    )
    save_artifact("rectification-ledger.pdf", data)
    width, height = page_size(data)
    assert width > height
    pages = page_count(data)
    text = pdftotext(data)
    assert text.count("整改措施") >= pages
    assert "逾期" in text and "000002" in text and text.count("秘密★1年") == pages
    # What the cells say (pdftotext interleaves wrapped cells, so check the rows themselves).
    items = rectification_reads.list_for_inspection(reg.office, reg.insp_a.id, today="2026-06-15")
    rows, alerts = ledger_rows(items)
    cells = [c for row in rows for c in row]
    assert any("已销号" in c for c in cells) and any("常态化坚持" in c for c in cells)
    assert alerts and all("逾期" in "".join(rows[k]) for k in alerts)


def test_working_paper_and_fact_sheet(reg, round_records):
    member = reg.login("member1")
    issue = round_records[1]
    data = working_paper_pdf(member, issue.id, classification="秘密★1年", copy_number=1)
    save_artifact("working-paper.pdf", data)
    width, height = page_size(data)
    assert height > width
    text = pdftotext(data)
    for part in (
        "问题底稿",
        "一、问题事实",
        "二、定性依据",
        "三、责任分析",
        "四、证据清单",
        "五、组务会审核意见",
        "六、组长签批",
    ):
        assert part in text
    assert issue.number in text and "刘组长" in text
    sheet = fact_sheet_pdf(member, issue.id, classification="秘密★1年")
    save_artifact("fact-sheet.pdf", sheet)
    sheet_text = pdftotext(sheet)
    assert "事实确认单" in sheet_text and "被巡察单位负责人签字" in sheet_text
    # The PDF metadata carry no record text.
    assert issue.title.encode("utf-16-be") not in data and zlib


def test_every_pdf_the_product_makes_embeds_every_font(reg, round_records):
    """pdffonts over every builder: talk record, ledgers, lists, receipts, official documents, working paper."""
    from app.core.printing import gbt9704
    from app.core.printing.request_list import InspectionHeading, render_request_list
    from app.core.printing.return_receipt import render_return_receipt
    from app.core.printing.talk_record import render_talk_record
    from tests.core.print_helpers import HAVE_POPPLER, fonts
    from tests.core.test_print_pipeline import signed_talk

    if not HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    office, member = reg.office, reg.login("member1")
    heading = InspectionHeading(reg.insp_a.id, "第一巡察组", "市财政局", 1)
    official = gbt9704.OfficialText("关于巡察情况的报告", "一、基本情况\n正文。", "某巡察组", "2026-05-20")
    head = gbt9704.Head(
        mark="中共某市委巡察工作领导小组办公室文件", doc_number="某巡办发〔2026〕1号", cc="市纪委监委。"
    )
    built = {
        "talk record": render_talk_record(signed_talk(2), copy_number=1, classification="秘密"),
        "issue list": issue_list_pdf(office, reg.insp_a.id, classification="秘密", copy_number=1),
        "rectification ledger": rectification_ledger_pdf(
            office, reg.insp_a.id, classification="秘密", copy_number=1, today="2026-06-15"
        ),
        "working paper": working_paper_pdf(member, round_records[0].id, classification="秘密", copy_number=1),
        "fact sheet": fact_sheet_pdf(member, round_records[0].id, classification="秘密"),
        "request list": render_request_list(
            heading, [], copy_number=1, classification="秘密", today="2026-05-20"
        ),
        "return receipt": render_return_receipt(
            heading, [], "2026-05-20", copy_number=1, classification="秘密"
        ),
        "official document": gbt9704.render(official),
        "official document with its head": gbt9704.render(dataclasses.replace(official, head=head)),
    }
    for name, data in built.items():
        found = fonts(data)
        assert found, name
        assert all(embedded for _, embedded in found), (name, found)
