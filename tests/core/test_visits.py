"""Visits (下沉了解 / 走访), spot checks of personal-matters reports (个人有关事项抽查) and fixes on the
spot (立行立改), issue 20: rules, numbering, need to know, sealing, audit, attachments, search, Excel,
evidence and the printed visit record (saved to $ARTIFACTS_DIR as visit-record.pdf)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from app.core.domain.register import evidence, figures, immediate_fix, issue_edits
from app.core.domain.register.evidence import EvidenceKind
from app.core.domain.spot_checks import records as spot_checks
from app.core.domain.spot_checks.records import SpotCheckForm
from app.core.domain.visits import printing as visit_printing
from app.core.domain.visits import records as visits
from app.core.domain.visits import search
from app.core.domain.visits.types import VisitForm, VisitKind
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.official import assemble
from app.core.printing.register import list_prints
from app.core.security import compartments
from app.core.sheets import exports
from tests.conftest import save_artifact
from tests.core import print_helpers as pdf
from tests.core.issue_support import draft, reg_fixture, world_fixture  # noqa: F401

SEEN = (
    "走访了学校食堂和学生宿舍，查看了食堂采购台账和出入库记录。食堂2025年度大宗食材采购未按规定公开招标，"
    "由总务处指定供应商供货，价格明显高于市场价；宿舍楼消防通道堆放杂物。"
    "与学生家长座谈，反映伙食费收取标准不公开、退费不及时。"
)


def vform(**over) -> VisitForm:
    values = dict(
        kind=VisitKind.SUBORDINATE,
        visited_on="2026-03-12",
        place="市第一中学",
        visited="市第一中学党委",
        members=["刘组长", "周组员"],
        met=["张校长", "食堂管理员李某", "学生家长代表"],
        observations=SEEN,
    )
    values.update(over)
    return VisitForm(**values)


def test_visits_are_numbered_audited_and_listed(reg):
    member = reg.login("member1")
    v1 = visits.create_visit(member, reg.insp_a.id, vform())
    v2 = visits.create_visit(
        member, reg.insp_a.id, vform(kind="household", visited="", place="城南社区", met=[])
    )
    assert (v1.number, v2.number) == (1, 2)
    assert v1.reference == "走访 第1号" and v2.heading == "城南社区走访记录"
    assert v1.members == ["刘组长", "周组员"] and v1.unit_name == "市教育局"
    assert reg.audit_rows("visit_create")[0][:3] == ("member1", "visit", v1.id)
    assert [v.number for v in visits.list_visits(member, reg.insp_a.id)] == [2, 1]
    changed = visits.update_visit(member, v1.id, vform(observations="补充：查看了校舍维修项目。"))
    assert changed.observations == "补充：查看了校舍维修项目。" and reg.audit_rows("visit_update")
    visits.get_visit(reg.login("leader1"), v1.id)
    assert reg.audit_rows("visit_view")[-1][0] == "leader1"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"kind": "party"}, "kind"),
        ({"visited_on": "2026-02-30"}, "visited_on"),
        ({"place": ""}, "place"),
        ({"members": []}, "members"),
        ({"members": ["刘\u202e组长"]}, "members"),
        ({"observations": "x" * 50001}, "observations"),
        ({"classification": "绝密级"}, "classification"),
    ],
)
def test_bad_input_is_refused_naming_the_field(reg, over, field):
    with pytest.raises(ValidationError) as err:
        visits.create_visit(reg.login("member1"), reg.insp_a.id, vform(**over))
    assert err.value.field == field


def test_need_to_know_of_visits(reg):
    v = visits.create_visit(reg.login("member1"), reg.insp_a.id, vform())
    for username in ("leader2", "member2"):
        with pytest.raises(NotFound):
            visits.get_visit(reg.login(username), v.id)
        assert v.id not in [x.id for x in visits.list_visits(reg.login(username))]
        assert search.search_visits(reg.login(username), "食堂") == []
    for username in ("sysadmin", "auditor"):
        with pytest.raises((PermissionDenied, NotFound)):
            visits.create_visit(reg.login(username), reg.insp_a.id, vform())


def test_photos_and_documents_are_imported_as_attachments(reg):
    member = reg.login("member1")
    v = visits.create_visit(member, reg.insp_a.id, vform())
    kept = visits.add_attachment(member, v.id, "采购台账.txt", "2025年大宗食材采购台账".encode())
    with pytest.raises(Conflict):
        visits.add_attachment(member, v.id, "again.txt", "2025年大宗食材采购台账".encode())
    with pytest.raises(ValidationError):
        visits.add_attachment(member, v.id, "photo.jpg", b"not a jpeg")
    assert visits.read_attachment(member, v.id, kept.id).decode() == "2025年大宗食材采购台账"
    assert [a.filename for a in visits.fetch_visit(member, v.id).attachments] == ["采购台账.txt"]
    visits.remove_attachment(member, v.id, kept.id)
    assert visits.fetch_visit(member, v.id).attachments == []
    for action in ("visit_attachment_add", "visit_attachment_view", "visit_attachment_remove"):
        assert reg.audit_rows(action)


def test_search_over_the_visits_text(reg):
    member = reg.login("member1")
    v = visits.create_visit(member, reg.insp_a.id, vform())
    visits.create_visit(member, reg.insp_a.id, vform(observations="查看了校车安全管理。", met=[]))
    assert [h.visit_id for h in search.search_visits(member, "公开招标 家长")] == [v.id]
    assert [h.number for h in search.search_visits(member, "食堂管理员")] == [1]
    assert [h.number for h in search.search_visits(member, "校車")] == [2]  # folded
    assert reg.audit_rows("visits_search")[-1][3] == "命中 1 条"


def test_excel_list_of_visits(reg):
    member = reg.login("member1")
    visits.create_visit(member, reg.insp_a.id, vform())
    result = exports.export(reg.login("leader1"), "visits", reg.insp_a.id)
    book = load_workbook(io.BytesIO(result.data))
    sheet = book.worksheets[0]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "第1号" in cells and "市第一中学" in cells and "刘组长、周组员" in cells
    save_artifact("visits.xlsx", result.data)


def test_a_working_paper_cites_a_visit_which_then_cannot_be_deleted(reg):
    member = reg.login("member1")
    v = visits.create_visit(member, reg.insp_a.id, vform())
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
    item = evidence.add_evidence(member, issue.id, EvidenceKind.VISIT, v.id, description="食堂采购")
    assert item.source == "走访记录 第1号（市第一中学党委）"
    with pytest.raises(Conflict):
        visits.delete_visit(member, v.id)
    if pdf.HAVE_POPPLER:  # the printed evidence list names the source's kind and number
        from app.core.printing.working_paper import working_paper_pdf

        paper = pdf.squash(pdf.text(working_paper_pdf(member, issue.id, classification="秘密")))
        listed = paper.split("四、证据清单")[1].split("五、")[0]
        assert all(part in listed for part in ("走访记录", "第1号", "食堂采购")), listed
    other = visits.create_visit(reg.login("leader2"), reg.insp_b.id, vform())
    with pytest.raises((ValidationError, NotFound)):
        evidence.add_evidence(member, issue.id, EvidenceKind.VISIT, other.id)


def test_visit_record_pdf_in_the_house_style(reg, tmp_path):
    member = reg.login("member1")
    long = "\n".join(f"{k}. {SEEN}" for k in range(1, 7))
    v = visits.create_visit(member, reg.insp_a.id, vform(observations=long))
    visits.add_attachment(member, v.id, "现场照片说明.txt", "食堂后厨".encode())
    job = visit_printing.print_copies(member, v.id, 1)
    data = job.pdfs[0]
    save_artifact("visit-record.pdf", data)
    assert job.copy_numbers == [1] and [p.document_kind for p in list_prints(reg.office)] == ["visit_record"]
    assert all(embedded for _, embedded in pdf.fonts(data))
    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed")
    squashed = pdf.squash(pdf.text(data))
    for part in (
        "市第一中学党委走访记录",
        "走访记录第1号",
        "了解情况",
        "现场照片说明.txt",
        "走访人员（签名）：",
    ):
        assert part in squashed, part
    assert pdf.squash(SEEN) in squashed
    assert pdf.assert_line_breaks(data) > 20
    visit_printing.preview(member, v.id)
    assert reg.audit_rows("visit_preview")


# ---- 个人有关事项抽查 ----------------------------------------------------------------------------------

CHECK = SpotCheckForm(
    checked_on="2026-03-15",
    person_name="王建国",
    person_post="党组书记、局长",
    report="2025年度个人有关事项报告",
    compared="房产、投资、配偶子女从业情况，与不动产登记和市场监管部门信息比对",
    discrepancies="漏报其配偶名下房产一套（城南区锦绣花园3栋）",
)


def test_spot_checks_are_known_as_leads_are(reg):
    leader = reg.login("leader1")
    check = spot_checks.create_spot_check(leader, reg.insp_a.id, CHECK)
    assert check.number == 1 and check.person_name == "王建国" and check.found
    assert spot_checks.get_spot_check(reg.office, check.id).discrepancies.startswith("漏报")
    assert [c.id for c in spot_checks.list_spot_checks(reg.office, reg.insp_a.id)] == [check.id]
    for username in ("member1", "deputy1", "leader2", "member2", "sysadmin", "auditor"):
        session = reg.login(username)
        with pytest.raises((NotFound, PermissionDenied)):
            spot_checks.get_spot_check(session, check.id)
        with pytest.raises((NotFound, PermissionDenied)):
            spot_checks.create_spot_check(session, reg.insp_a.id, CHECK)
        with pytest.raises((NotFound, PermissionDenied)):
            spot_checks.list_spot_checks(session, reg.insp_a.id)
    # A member cannot cite it as evidence either; the leader can, and the source names the number only.
    issue = issue_edits.create_issue(reg.login("member1"), reg.insp_a.id, draft())
    with pytest.raises(NotFound):
        evidence.add_evidence(reg.login("member1"), issue.id, EvidenceKind.SPOT_CHECK, check.id)
    item = evidence.add_evidence(leader, issue.id, EvidenceKind.SPOT_CHECK, check.id)
    assert item.source == "个人有关事项抽查 第1号"
    with pytest.raises(Conflict):
        spot_checks.delete_spot_check(leader, check.id)
    assert reg.audit_rows("spot_check_create")[0][3] == "第1号"


def test_spot_check_text_is_sealed_in_the_leads_compartment(reg):
    leader = reg.login("leader1")
    check = spot_checks.create_spot_check(leader, reg.insp_a.id, CHECK)
    row = reg.office.conn.execute("SELECT * FROM spot_checks WHERE id = ?", (check.id,)).fetchone()
    assert row["sealed"] and row["person_name"] == "" and row["discrepancies"] == ""
    assert "王建国" not in " ".join(str(v) for v in tuple(row))
    changed = spot_checks.update_spot_check(
        leader, check.id, SpotCheckForm(**{**CHECK.__dict__, "discrepancies": ""})
    )
    assert not changed.found and changed.person_name == "王建国"
    # A rotation of the compartment keeps it readable.
    assert compartments.rotate(reg.office, reg.insp_a.id, "leads")
    assert spot_checks.get_spot_check(leader, check.id).report == "2025年度个人有关事项报告"
    with pytest.raises(ValidationError) as err:
        spot_checks.create_spot_check(leader, reg.insp_a.id, SpotCheckForm("2026-03-15", "", "报告"))
    assert err.value.field == "person_name"


# ---- 立行立改 --------------------------------------------------------------------------------------------


def test_immediate_fix_is_recorded_with_proof_and_counted_apart(reg):
    member = reg.login("member1")
    plain = issue_edits.create_issue(member, reg.insp_a.id, draft())
    with pytest.raises(ValidationError) as err:
        immediate_fix.record_fix(member, plain.id, "2026-03-20", "已清退")
    assert err.value.field == "tags"
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft("消防通道堆放杂物", tags={"immediate_fix"}))
    issue_edits.create_issue(member, reg.insp_a.id, draft("食堂采购未公开招标", tags={"immediate_fix"}))
    before = figures.compute(reg.office, figures.Scope(inspection_id=reg.insp_a.id))
    assert (before.immediate_fixes, before.immediate_fixes_done) == (2, 0)
    with pytest.raises(ValidationError) as err:
        immediate_fix.add_proof(member, issue.id, "整改照片.txt", b"after")
    assert err.value.field == "action"
    with pytest.raises(ValidationError) as err:
        immediate_fix.record_fix(member, issue.id, "2026-03-01", "已清理")  # before it was found
    assert err.value.field == "fixed_on"
    fix = immediate_fix.record_fix(
        member, issue.id, "2026-03-11", "当天清理了宿舍楼消防通道的杂物，建立了巡查制度。"
    )
    assert fix.fixed_on == "2026-03-11"
    kept = immediate_fix.add_proof(member, issue.id, "整改后照片说明.txt", "消防通道已清空".encode())
    assert [a.id for a in immediate_fix.get_fix(member, issue.id).proof] == [kept.id]
    assert immediate_fix.read_proof(member, issue.id, kept.id).decode() == "消防通道已清空"
    again = immediate_fix.record_fix(member, issue.id, "2026-03-12", "清理杂物，建立巡查制度。")
    assert again.action == "清理杂物，建立巡查制度。" and len(again.proof) == 1
    assert [f.issue_id for f in immediate_fix.list_fixes(member, reg.insp_a.id)] == [issue.id]
    after = figures.compute(reg.office, figures.Scope(inspection_id=reg.insp_a.id))
    assert (after.immediate_fixes, after.immediate_fixes_done) == (2, 1)
    with pytest.raises(NotFound):
        immediate_fix.get_fix(reg.login("member2"), issue.id)
    report = assemble.statistics_report(reg.office, reg.insp_a.round_id)
    assert "其中立行立改问题2个，已登记整改情况1个。" in report.body
    for action in ("immediate_fix_record", "immediate_fix_proof_add", "immediate_fix_proof_view"):
        assert reg.audit_rows(action)
