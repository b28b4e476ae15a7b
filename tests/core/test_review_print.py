"""The printed request list and return receipt: content, marks, fonts, the print register."""

from __future__ import annotations

import pytest

from app.core.domain.review import writes
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.core.printing import request_list, return_receipt
from app.core.printing.register import list_prints
from tests.conftest import save_artifact
from tests.core import print_helpers as ph
from tests.core.org_support import world_fixture  # noqa: F401

TODAY = "2026-03-25"


@pytest.fixture
def custody(world):
    """Items in every custody state as of TODAY; three returned on 2026-03-24 to the unit's office."""
    member = world.login("member1")
    uid = world.users
    specs = [
        (
            "party_minutes",
            "2024—2025年党委（党组）会议记录",
            "2024-01-01",
            "2025-12-31",
            (4, 612),
            "returned",
        ),
        ("study_records", "理论学习中心组学习记录", "2024-01-01", "2025-12-31", (2, 180), "returned"),
        ("cadre_selection", "2024年以来干部选拔任用工作档案", "2024-01-01", None, (6, 940), "held"),
        (
            "vouchers",
            "2025年1—6月会计凭证（含公务接待、公车运行费用）",
            "2025-01-01",
            "2025-06-30",
            (12, 3100),
            "overdue",
        ),
        ("contracts", "2024年以来50万元以上采购及工程合同", "2024-01-01", None, (3, 410), "received"),
        ("other", "“三重一大”事项决策台账", None, None, None, "requested"),
        ("other", "巡察整改台账（上轮）", None, None, (1, 56), "returned"),
    ]
    for category, title, start, end, amount, state in specs:
        item = writes.add_item(
            member,
            world.insp_a.id,
            category=category,
            title=title,
            requested_on="2026-03-05",
            period_start=start,
            period_end=end,
        )
        if state == "requested":
            continue
        writes.receive_item(
            member,
            item.id,
            received_on="2026-03-06",
            volumes=amount[0],
            pages=amount[1],
            planned_return_on="2026-03-20" if state == "overdue" else "2026-04-10",
            holder_id=uid["member1"] if state in ("held", "overdue", "returned") else None,
        )
        if state in ("held", "returned"):
            writes.record_copies(member, item.id, 2, on="2026-03-08")
        if state == "returned":
            writes.return_item(member, item.id, returned_on="2026-03-24", returned_to="局办公室 李明")
    return member


def test_request_list_pdf_shows_every_item_and_state(custody, world):
    printed = request_list.print_request_list(
        custody, world.insp_a.id, copies=2, classification="秘密", protection_years=1, today=TODAY
    )
    assert printed.copy_numbers == [1, 2] and len(printed.pdfs) == 2
    pdf = printed.pdfs[0]
    save_artifact("request-list.pdf", pdf)
    text = ph.squash(ph.text(pdf))
    for words in (
        "调阅资料清单",
        "000001",
        "秘密★1年",
        "第一巡察组",
        "市教育局",
        "会计凭证",
        "逾期未还",
        "在阅",
        "已接收",
        "待提供",
        "已归还",
        "李明",
        "第1页共1页",
        "共7项",
    ):
        assert ph.squash(words) in text, words
    assert "000002" in ph.squash(ph.text(printed.pdfs[1]))
    assert all(embedded for _, embedded in ph.fonts(pdf))
    entries = list_prints(world.login("leader1"), document_kind="request_list")
    assert (
        len(entries) == 1
        and entries[0].copy_numbers == [1, 2]
        and entries[0].inspection_id == world.insp_a.id
    )
    again = request_list.print_request_list(custody, world.insp_a.id, copies=1, today=TODAY)
    assert again.copy_numbers == [3]


def test_return_receipt_lists_one_days_returns(custody, world):
    printed = return_receipt.print_return_receipt(
        custody, world.insp_a.id, "2026-03-24", classification="秘密", protection_years=1
    )
    assert printed.copy_numbers == [1, 2]
    pdf = printed.pdfs[0]
    save_artifact("return-receipt.pdf", pdf)
    text = ph.squash(ph.text(pdf))
    for words in (
        "调阅资料归还单",
        "000001",
        "共3项、7册、848页",
        "局办公室李明",
        "复印6份",
        "巡察整改台账",
    ):
        assert ph.squash(words) in text, words
    assert "会计凭证" not in text  # not returned that day
    with pytest.raises(ValidationError) as err:
        return_receipt.print_return_receipt(custody, world.insp_a.id, "2026-03-23")
    assert err.value.field == "returned_on"


def test_preview_has_no_copy_number_and_registers_nothing(custody, world):
    pdf = request_list.preview_request_list(custody, world.insp_a.id, today=TODAY)
    assert "000001" not in ph.text(pdf) and "调阅资料清单" in ph.squash(ph.text(pdf))
    receipt = return_receipt.preview_return_receipt(custody, world.insp_a.id, "2026-03-24")
    assert ph.page_count(receipt) == 1
    assert list_prints(world.login("leader1")) == []


def test_printing_respects_need_to_know_and_roles(custody, world):
    with pytest.raises(NotFound):
        request_list.print_request_list(world.login("member2"), world.insp_a.id)
    with pytest.raises(PermissionDenied):
        request_list.print_request_list(world.login("auditor"), world.insp_a.id)


def test_long_list_runs_over_pages_with_the_heading_repeated(world):
    member = world.login("member1")
    for k in range(60):
        writes.add_item(
            member,
            world.insp_a.id,
            category="vouchers",
            title=f"2025年第{k + 1}号记账凭证及附件",
            requested_on="2026-03-05",
        )
    pdf = request_list.preview_request_list(member, world.insp_a.id, today=TODAY)
    pages = ph.page_count(pdf)
    assert pages >= 2
    assert ph.squash(ph.text(pdf)).count("资料名称（类别）") == pages
