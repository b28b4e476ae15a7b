"""事实确认单: from the adopted papers to the unit's answers, a dispute reopening its paper, the
team's decision, and the report's seal held back while a fact is open (issue 22)."""

from __future__ import annotations

import pytest

from app.core.domain.register import evidence, fact_confirmation, issue_edits, issue_reads, paper_chain
from app.core.domain.register.fact_confirmation import Answer, Decision
from app.core.domain.register.paper_chain import PaperState
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.official import assemble, copies, documents, seals
from app.core.official.kinds import DocKind
from app.demo.seals import demo_seal_png
from tests.core.issue_support import category, draft, reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401


@pytest.fixture
def team(reg):
    return {name: reg.login(name) for name in ("member1", "deputy1", "leader1", "office", "leader2")}


def adopted(reg, team, title: str, facts: str) -> str:
    member, deputy, leader = team["member1"], team["deputy1"], team["leader1"]
    issue = issue_edits.create_issue(
        member, reg.insp_a.id, draft(title, facts=facts, category_id=category(member).id)
    )
    evidence.add_evidence(member, issue.id, "other", description="财务凭证复印件")
    paper_chain.submit(member, issue.id)
    paper_chain.approve(deputy, issue.id, "同意。")
    paper_chain.sign(leader, issue.id, "2026-03-20")
    paper_chain.adopt(leader, issue.id, "2026-03-21", "同意。")
    return issue.id


FACTS = [
    ("违规发放津贴补贴", "2025年，该局以“加班补助”名义向局机关干部违规发放津贴补贴共计12.6万元。"),
    ("公务接待超标准", "2026年1月，该局接待上级检查组，人均餐费超出标准两倍。"),
    ("政府采购化整为零", "2025年，该局将一项86万元的采购拆分为三次，规避公开招标。"),
]


def test_the_whole_round_trip(reg, team):
    leader, deputy, member, office = team["leader1"], team["deputy1"], team["member1"], team["office"]
    ids = [adopted(reg, team, t, facts) for t, facts in FACTS]
    unadopted = issue_edits.create_issue(member, reg.insp_a.id, draft("尚在起草的问题"))
    with pytest.raises(PermissionDenied, match="组长或副组长"):
        fact_confirmation.make_sheet(member, reg.insp_a.id)
    sheet = fact_confirmation.make_sheet(deputy, reg.insp_a.id)
    assert [i.issue_id for i in sheet.items] == ids and unadopted.id not in [i.issue_id for i in sheet.items]
    assert [i.facts for i in sheet.items] == [facts for _t, facts in FACTS]
    with pytest.raises(Conflict, match="没有需要送"):
        fact_confirmation.make_sheet(leader, reg.insp_a.id)  # every adopted fact is on a sheet already
    with pytest.raises(Conflict, match="尚未登记送出"):
        fact_confirmation.record_answer(leader, sheet.items[0].id, "confirmed", "2026-03-25")
    sheet = fact_confirmation.mark_sent(leader, sheet.id, "2026-03-22", "市教育局党组")
    assert [i.open for i in sheet.items] == [True, True, True]

    first, second, third = sheet.items
    fact_confirmation.record_answer(leader, first.id, Answer.CONFIRMED, "2026-03-25")
    with pytest.raises(ValidationError, match="单位说明"):
        fact_confirmation.record_answer(leader, second.id, Answer.DISPUTED, "2026-03-25")
    with pytest.raises(ValidationError, match="早于送达日期"):
        fact_confirmation.record_answer(leader, second.id, Answer.DISPUTED, "2026-03-01", "说明")
    fact_confirmation.record_answer(
        leader, second.id, Answer.DISPUTED, "2026-03-25", "接待对象为外省考察团，经批准按标准上浮。"
    )
    # The dispute reopened the paper: back to its drafter, content open again under its number.
    chain = paper_chain.get_chain(member, second.issue_id)
    assert chain.state == PaperState.DRAFT and chain.steps[-1].action == paper_chain.StepAction.REOPEN
    numbered = issue_reads.visible_issue(member, second.issue_id)
    changed = numbered.draft()
    changed.facts = "2026年1月，该局接待外省考察团，经批准按标准上浮，但超出批准标准部分达人均200元。"
    issue_edits.update_issue(member, second.issue_id, changed)
    with pytest.raises(Conflict, match="重新经组务会审定"):
        fact_confirmation.decide(leader, second.id, Decision.REVISED, "2026-03-27", "已修改事实表述。")
    paper_chain.submit(member, second.issue_id)
    paper_chain.approve(deputy, second.issue_id, "同意。")
    paper_chain.sign(leader, second.issue_id, "2026-03-27")
    paper_chain.adopt(leader, second.issue_id, "2026-03-28", "同意修改后的底稿。")
    after = issue_reads.visible_issue(member, second.issue_id)
    assert after.number == numbered.number and after.signed_on == "2026-03-27"
    fact_confirmation.decide(leader, second.id, Decision.REVISED, "2026-03-28", "已修改事实表述。")

    fact_confirmation.record_answer(leader, third.id, Answer.DISPUTED, "2026-03-25", "系三个独立项目。")
    fact_confirmation.decide(
        deputy, third.id, Decision.MAINTAINED, "2026-03-28", "经核实为同一项目，维持认定。"
    )
    assert fact_confirmation.open_items(office, reg.insp_a.id) == []
    # The revised fact goes to the unit again on the next sheet; the others do not.
    again = fact_confirmation.make_sheet(leader, reg.insp_a.id)
    assert [i.issue_id for i in again.items] == [second.issue_id] and again.serial == 2
    assert "人均200元" in again.items[0].facts
    actions = {r[0] for r in office.conn.execute("SELECT action FROM audit WHERE action LIKE 'fact_%'")}
    assert {"fact_sheet_create", "fact_sheet_send", "fact_answer", "fact_decide"} <= actions


def test_the_report_is_not_sealed_while_a_fact_is_open(reg, team):
    leader, office, sec = team["leader1"], team["office"], reg.login("secadmin")
    seals.store_seal(sec, "巡察组印章", demo_seal_png("某市委第一巡察组", size=240), owner="第一巡察组")
    issue_id = adopted(reg, team, *FACTS[0])
    sheet = fact_confirmation.make_sheet(leader, reg.insp_a.id)
    fact_confirmation.mark_sent(leader, sheet.id, "2026-03-22", "市教育局党组")
    report_draft = assemble.assemble(office, DocKind.INSPECTION_REPORT, inspection_id=reg.insp_a.id)
    report = documents.create_document(
        office, DocKind.INSPECTION_REPORT, report_draft, inspection_id=reg.insp_a.id
    )
    with pytest.raises(Conflict, match="1 项事实未经被巡察单位确认"):
        copies.print_copies(office, report.id, 1, seal=True)
    assert office.conn.execute("SELECT count(*) FROM seal_uses").fetchone()[0] == 0
    copies.print_copies(office, report.id, 1)  # unsealed copies are not held back
    with pytest.raises(PermissionDenied):
        fact_confirmation.override(office, reg.insp_a.id, "急需报送。")
    with pytest.raises(NotFound):  # another team's inspection: out of scope, as if missing
        fact_confirmation.override(team["leader2"], reg.insp_a.id, "急需报送。")
    fact_confirmation.override(leader, reg.insp_a.id, "单位逾期未答复，经组长同意先行报送，答复后补报。")
    assert copies.print_copies(office, report.id, 1, seal=True).sealed
    assert "fact_override" in {r[0] for r in office.conn.execute("SELECT action FROM audit")}
    assert issue_id


def test_other_teams_see_no_sheet(reg, team):
    adopted(reg, team, *FACTS[0])
    sheet = fact_confirmation.make_sheet(team["leader1"], reg.insp_a.id)
    with pytest.raises(NotFound):
        fact_confirmation.get_sheet(team["leader2"], sheet.id)
    with pytest.raises((NotFound, PermissionDenied)):
        fact_confirmation.list_sheets(reg.login("sysadmin"), reg.insp_a.id)
    with pytest.raises(NotFound):
        fact_confirmation.mark_sent(team["leader2"], sheet.id, "2026-03-22", "某单位")
    assert fact_confirmation.get_sheet(team["office"], sheet.id).items


def test_the_printed_sheet_lists_every_fact_with_room_for_the_answer(reg, team):
    from app.core.printing.fact_confirmation import print_sheet
    from app.core.printing.text import NO_LINE_START
    from tests.conftest import save_artifact
    from tests.core import print_helpers as pdf

    for title, facts in FACTS:
        adopted(reg, team, title, facts)
    sheet = fact_confirmation.make_sheet(team["leader1"], reg.insp_a.id)
    fact_confirmation.mark_sent(team["leader1"], sheet.id, "2026-03-22", "市教育局党组")
    with pytest.raises(ValidationError, match="密级"):
        print_sheet(team["leader1"], sheet.id, 1, classification="绝密")
    first, second = print_sheet(team["leader1"], sheet.id, 2, classification="秘密★1年")
    save_artifact("fact-confirmation.pdf", first)
    row = (
        team["office"]
        .conn.execute("SELECT first_copy, last_copy FROM print_register WHERE record_id = ?", (sheet.id,))
        .fetchone()
    )
    assert (row["first_copy"], row["last_copy"]) == (1, 2)
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed: text checks skipped")
    text = pdf.squash(pdf.text(first))
    for k, (title, facts) in enumerate(FACTS, start=1):
        assert f"{k}.{title}" in text and pdf.squash(facts) in text
    assert text.count("□无异议□有异议") == 3 and "财务凭证" not in text  # the facts, never the evidence
    assert "000002" in pdf.text(second) and "2026年3月22日" in text
    for line in pdf.text(first).splitlines():
        assert not line.strip() or line.strip()[0] not in NO_LINE_START, line
    assert all(embedded for _name, embedded in pdf.fonts(first))
