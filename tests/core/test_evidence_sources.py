"""The evidence list says which record each item is (issue 17): every kind carries its label and the
record's number, in the list, its labels and the printed working paper."""

from __future__ import annotations

import subprocess

import pytest

from app.core.domain.register import evidence, issue_edits, petitions
from app.core.domain.review import reading, writes
from app.core.domain.talks import writes as talk_writes
from app.core.errors import ValidationError
from app.core.printing.working_paper import working_paper_pdf
from tests.conftest import save_artifact
from tests.core.issue_support import draft, reg_fixture, world_fixture  # noqa: F401
from tests.core.test_talks import form


@pytest.fixture
def cited(reg):
    """An issue of inspection A citing one record of every kind, in this order."""
    member, leader = reg.login("member1"), reg.login("leader1")
    talk_writes.create_talk(leader, reg.insp_a.id, form(reg, interviewee_name="王建国"))  # 第1号
    talk = talk_writes.create_talk(leader, reg.insp_a.id, form(reg, interviewee_name="李明"))  # 第2号
    writes.add_item(
        member, reg.insp_a.id, category="vouchers", title="2024年记账凭证", requested_on="2026-03-05"
    )
    item = writes.add_item(
        member, reg.insp_a.id, category="vouchers", title="2025年记账凭证", requested_on="2026-03-05"
    )
    writes.receive_item(member, item.id, received_on="2026-03-06")
    excerpt = reading.add_excerpt(member, item.id, passage="会议未记录表决情况。", location="第3册 第4页")
    petition = petitions.create_petition(
        member, reg.insp_a.id, petitions.PetitionDraft("letter", "2026-03-02", "反映违规发放补贴")
    )
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
    for kind, ref in (
        ("talk", talk.id),
        ("excerpt", excerpt.id),
        ("document", item.id),
        ("petition", petition.id),
        ("other", None),
    ):
        evidence.add_evidence(member, issue.id, kind, ref, locator="第2页", description="说明")
    return member, issue


def test_every_kind_names_its_record_by_kind_and_number(cited):
    member, issue = cited
    items = evidence.list_evidence(member, issue.id)
    assert [e.source for e in items] == [
        "谈话记录 第2号（李明）",
        "资料摘录 摘录001（调阅资料第2项 2025年记账凭证）",
        "调阅资料 第2项（2025年记账凭证）",
        "信访件 2026-03-02收到",
        "其他",
    ]
    assert items[0].label == "证据1：谈话记录 第2号（李明） 第2页 说明"
    # The record moved on (a talk deleted): the item says so rather than naming nothing.
    gone = evidence.Evidence("x", issue.id, 9, evidence.EvidenceKind.TALK, "gone", "", "")
    assert gone.source == "谈话记录（原记录已删除）"


def test_a_reviewed_document_is_checked_like_the_other_kinds(reg):
    """调阅资料 links were never checked (the table name was wrong): another inspection's item or a
    made-up id was accepted."""
    member, member2 = reg.login("member1"), reg.login("member2")
    theirs = writes.add_item(
        member2, reg.insp_b.id, category="vouchers", title="记账凭证", requested_on="2026-03-05"
    )
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
    with pytest.raises(ValidationError, match="不属于本次巡察"):
        evidence.add_evidence(member, issue.id, "document", theirs.id)
    with pytest.raises(ValidationError, match="找不到"):
        evidence.add_evidence(member, issue.id, "document", "no-such-id")


def test_the_printed_working_paper_lists_each_source_with_its_number(cited):
    member, issue = cited
    data = working_paper_pdf(member, issue.id, classification="秘密★1年")
    save_artifact("working-paper-evidence.pdf", data)
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    flat = "".join(text.decode("utf-8").split())
    assert "证据来源" in flat
    for name in ("谈话记录第2号", "摘录001", "调阅资料第2项", "信访件2026-03-02收到"):
        assert name in flat, name
