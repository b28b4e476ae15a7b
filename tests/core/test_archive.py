"""立卷归档 (issue 23): proposal, numbering, closing and the lock, prints, the electronic package and
the four checks, end to end on the demo's filed inspection (青石镇)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.domain.archive import checks, filing, package, prints, proposal
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from app.demo.accounts import DEMO_PASSWORD, create_demo
from tests.conftest import save_artifact

FILED_UNIT = "青石镇"
OPEN_UNIT = "市水务集团有限公司"


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-archive") / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


@pytest.fixture
def ws(demo_folder, tmp_path) -> Workstation:
    folder = tmp_path / "ws"
    shutil.copytree(demo_folder, folder)
    return Workstation(folder)


def _inspection(session, unit: str) -> str:
    return session.conn.execute(
        "SELECT x.id FROM inspections x JOIN units u ON u.id = x.unit_id WHERE u.name = ?", (unit,)
    ).fetchone()["id"]


def _archive(session, unit: str) -> filing.Archive:
    return filing.find_archive(session, _inspection(session, unit))


def test_the_demo_has_a_filed_inspection_archived(ws):
    office = ws.unlock("office", DEMO_PASSWORD)
    archive = _archive(office, FILED_UNIT)
    assert archive is not None and archive.closed
    items = filing.list_items(office, archive.id)
    kinds = {i.record_type for i in items}
    assert {"talk", "meeting", "working_paper", "talk_plan", "unit_report", "rectification_ledger"} <= kinds
    # numbered per (class, year, retention) from 1, archive number in the DA/T 22 order
    for cat, ret in {(i.category, i.retention) for i in items}:
        nos = [i.item_no for i in items if (i.category, i.retention) == (cat, ret)]
        assert nos == list(range(1, len(nos) + 1))
    first = items[0]
    assert first.category.value == "WS"
    assert (
        first.archive_no
        == f"{archive.fonds_no}-WS·{archive.year}-{first.retention.value}-{archive.org_code}-0001"
    )
    assert all(i.pages >= 1 and len(i.sha256) == 64 and len(i.sm3) == 64 for i in items)


def test_the_proposal_flags_what_is_missing_and_closing_is_refused(ws):
    office = ws.unlock("office", DEMO_PASSWORD)
    insp = _inspection(office, OPEN_UNIT)
    found = proposal.propose(office, insp)
    assert found.missing, "the on-site inspection has unsigned talks or papers not adopted"
    problems = {c.problem for c in found.missing}
    assert any("签字" in p or "审定" in p or "归还" in p for p in problems)
    archive = filing.open_archive(
        office, insp, fonds_no="X012", org_code="XCB", filer="陈巡明", today="2026-12-01"
    )
    assert len(filing.list_items(office, archive.id)) == len(found.ready)
    with pytest.raises(ValidationError) as err:
        filing.close_archive(office, archive.id, checker="李档案")
    assert "不能封存" in str(err.value) and found.missing[0].title in str(err.value)
    assert not filing.find_archive(office, insp).closed
    audit = [r["action"] for r in office.conn.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 5")]
    assert "archive_open" in audit and "archive_propose" in audit


def test_bad_input_names_the_field(ws):
    office = ws.unlock("office", DEMO_PASSWORD)
    insp = _inspection(office, OPEN_UNIT)
    with pytest.raises(ValidationError) as err:
        filing.open_archive(office, insp, fonds_no="全宗/1", org_code="XCB", filer="陈巡明")
    assert err.value.field == "fonds_no" and "全宗号" in str(err.value)
    with pytest.raises(ValidationError) as err:
        filing.open_archive(office, insp, fonds_no="X1", org_code="XCB", filer="")
    assert err.value.field == "filer"


def test_a_member_may_not_file_and_administrators_see_nothing(ws):
    member = ws.unlock("member1", DEMO_PASSWORD)
    insp = member.conn.execute(
        "SELECT x.id FROM inspections x JOIN team_members m ON m.team_id = x.team_id WHERE m.user_id = ? LIMIT 1",
        (member.user.id,),
    ).fetchone()["id"]
    with pytest.raises(PermissionDenied):
        proposal.propose(member, insp)
    admin = ws.unlock("sysadmin", DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        proposal.propose(admin, insp)


def test_archived_records_are_read_only(ws):
    from app.core.domain.meetings import writes as meeting_writes
    from app.core.domain.meetings.queries import list_meetings

    office = ws.unlock("office", DEMO_PASSWORD)
    insp = _inspection(office, FILED_UNIT)
    meeting = list_meetings(office, insp)[0]
    with pytest.raises(PermissionDenied) as err:
        meeting_writes.delete_meeting(office, meeting.id)
    assert "已立卷归档" in str(err.value)
    # the database refuses it too, whatever path a write takes
    import sqlcipher3

    with pytest.raises(sqlcipher3.dbapi2.IntegrityError, match="立卷归档"):
        office.conn.execute("UPDATE meetings SET minutes = 'x' WHERE id = ?", (meeting.id,))


def test_prints_catalogue_box_sheet_and_stamps(ws):
    import io

    from pypdf import PdfReader

    office = ws.unlock("office", DEMO_PASSWORD)
    archive = _archive(office, FILED_UNIT)
    items = filing.list_items(office, archive.id)
    catalogue = prints.catalogue_pdf(office, archive.id)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(catalogue)).pages)
    assert items[0].archive_no.split("·")[0] in text.replace(" ", "")
    box = prints.box_sheet_pdf(office, archive.id)
    stamps = prints.stamps_pdf(office, archive.id)
    for name, pdf in (
        ("archive-catalogue.pdf", catalogue),
        ("archive-box-sheet.pdf", box),
        ("archive-stamps.pdf", stamps),
    ):
        assert pdf.startswith(b"%PDF")
        save_artifact(name, pdf)


def test_folder_package_passes_the_four_checks_and_catches_damage(ws, tmp_path):
    office = ws.unlock("office", DEMO_PASSWORD)
    archive = _archive(office, FILED_UNIT)
    out = tmp_path / "pkg"
    result = package.export_folder(office, archive.id, out)
    assert result.before.passed and result.after.passed, result.after.summary()
    assert {x.check for x in result.after.lines} == {"真实性", "完整性", "可用性", "安全性"}
    save_artifact(
        "four-checks-report.pdf",
        package.checks_report_pdf(result.after, heading="青石镇", stage="导出后检测"),
    )
    items = filing.list_items(office, archive.id)
    # one byte flipped
    victim = out / items[0].archive_no / f"{items[0].archive_no}.pdf"
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    # one item removed
    shutil.rmtree(out / items[1].archive_no)
    # one stray file added
    (out / "stray.txt").write_text("不该在这里")
    report = checks.check_folder(out)
    failed = {(x.check, x.item) for x in report.failures}
    assert ("真实性", f"{items[0].archive_no}/{items[0].archive_no}.pdf") in failed
    assert ("完整性", items[1].archive_no) in failed
    assert ("完整性", "stray.txt") in failed
    assert not report.passed


def test_encrypted_package_round_trip(ws, tmp_path):
    office = ws.unlock("office", DEMO_PASSWORD)
    archive = _archive(office, FILED_UNIT)
    out = tmp_path / "archive.xcxp"
    result = package.export_package(office, archive.id, out, "Transfer-2026")
    assert result.after.passed, result.after.summary()
    assert any("无明文" in x.detail for x in result.after.lines)
    raw = out.read_bytes()
    assert b"%PDF" not in raw and "青石镇".encode() not in raw
    again = package.verify_package(out, "Transfer-2026")
    assert again.passed
    from app.core.exchange.errors import ExchangeError

    with pytest.raises(ExchangeError):
        package.verify_package(out, "wrong-passphrase")
    actions = [r["action"] for r in office.conn.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 3")]
    assert "archive_export" in actions


def test_export_refused_before_closing(ws, tmp_path):
    from app.core.errors import Conflict

    office = ws.unlock("office", DEMO_PASSWORD)
    insp = _inspection(office, OPEN_UNIT)
    archive = filing.open_archive(office, insp, fonds_no="X012", org_code="XCB", filer="陈巡明")
    with pytest.raises(Conflict):
        package.export_folder(office, archive.id, tmp_path / "p")


def test_an_items_attachments_travel_in_its_folder(ws, tmp_path):
    office = ws.unlock("office", DEMO_PASSWORD)
    archive = _archive(office, FILED_UNIT)
    out = tmp_path / "pkg"
    package.export_folder(office, archive.id, out)
    found = list(out.glob("*/附件/*动员会议程.txt"))
    assert len(found) == 1 and "动员讲话" in found[0].read_text(encoding="utf-8")
    assert "动员会议程.txt" in (found[0].parent.parent / "metadata.xml").read_text(encoding="utf-8")
    found[0].unlink()
    report = checks.check_folder(out)
    assert any("附件" in x.detail and not x.passed for x in report.lines)


def test_a_cancelled_export_leaves_no_file(ws, tmp_path):
    import threading

    from app.core.errors import Cancelled

    office = ws.unlock("office", DEMO_PASSWORD)
    archive = _archive(office, FILED_UNIT)
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append(done)
        if done >= 3:
            cancel.set()

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        package.export_package(
            office, archive.id, out / "a.xcxp", "Transfer-2026", cancel=cancel, progress=progress
        )
    assert seen and not list(out.iterdir())


def test_the_office_sets_a_retention_period(ws):
    office = ws.unlock("office", DEMO_PASSWORD)
    filing.set_retention(office, "talk", "永久")
    insp = _inspection(office, OPEN_UNIT)
    found = proposal.propose(office, insp)
    assert {c.retention.label for c in found.candidates if c.record_type == "talk"} == {"永久"}
    with pytest.raises(ValidationError) as err:
        filing.set_retention(office, "talk", "5年")
    assert err.value.field == "retention"
    leader = ws.unlock("leader1", DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        filing.set_retention(leader, "talk", "30年")


def test_the_catalogue_exports_to_excel_and_travels_in_the_package(ws, tmp_path):
    import io

    import openpyxl

    from app.core.sheets import exports

    office = ws.unlock("office", DEMO_PASSWORD)
    insp = _inspection(office, FILED_UNIT)
    result = exports.export(office, "archive_catalogue", insp)
    sheet = openpyxl.load_workbook(io.BytesIO(result.data)).worksheets[0]
    assert sheet["A1"].value == "归档文件目录"
    assert any(str(c.value or "").startswith("X012-WS·2026") for c in sheet["B"])
    save_artifact("archive-catalogue.xlsx", result.data)
    member = ws.unlock("member1", DEMO_PASSWORD)
    assert "archive_catalogue" not in dict(exports.available_kinds(member, _inspection(member, OPEN_UNIT)))
    out = tmp_path / "pkg"
    package.export_folder(office, filing.find_archive(office, insp).id, out)
    assert (out / "catalogue.xlsx").read_bytes().startswith(b"PK")


def test_after_closing_corrections_are_dated_addenda(ws, tmp_path):
    office = ws.unlock("office", DEMO_PASSWORD)
    archive = _archive(office, FILED_UNIT)
    item = filing.list_items(office, archive.id)[0]
    with pytest.raises(ValidationError) as err:
        filing.add_addendum(office, archive.id, "  ")
    assert err.value.field == "text"
    filing.add_addendum(
        office, archive.id, "第1件原件页码有误，以本说明为准。", item_id=item.id, on="2026-11-02"
    )
    added = filing.list_addenda(office, archive.id)
    assert [(a.archive_no, a.added_on) for a in added] == [(item.archive_no, "2026-11-02")]
    import sqlcipher3

    with pytest.raises(sqlcipher3.dbapi2.IntegrityError):
        office.conn.execute("DELETE FROM archive_addenda")
    out = tmp_path / "pkg"
    result = package.export_folder(office, archive.id, out)
    assert result.after.passed
    assert "页码有误" in (out / "addenda.xml").read_text(encoding="utf-8")
    meta = (out / item.archive_no / "metadata.xml").read_text(encoding="utf-8")
    assert "审计记录" in meta
    box = prints.box_sheet_pdf(office, archive.id)
    import io

    from pypdf import PdfReader

    assert "补充说明" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(box)).pages)
    member = ws.unlock("member1", DEMO_PASSWORD)
    with pytest.raises((PermissionDenied, NotFound)):
        filing.add_addendum(member, archive.id, "组员不能登记。")


def test_a_cancelled_opening_changes_nothing(ws):
    import threading

    from app.core.errors import Cancelled

    office = ws.unlock("office", DEMO_PASSWORD)
    insp = _inspection(office, OPEN_UNIT)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        filing.open_archive(office, insp, fonds_no="X1", org_code="XCB", filer="陈巡明", cancel=cancel)
    assert filing.find_archive(office, insp) is None


def test_end_to_end_from_proposal_to_checked_package(ws, tmp_path):
    from app.core.domain import phase_moves
    from app.core.errors import Conflict

    office = ws.unlock("office", DEMO_PASSWORD)
    insp = _inspection(office, "市交通投资集团有限公司")
    found = proposal.propose(office, insp)
    assert found.ready and not found.missing
    archive = filing.open_archive(office, insp, fonds_no="X012", org_code="XCB", filer="陈巡明")
    with pytest.raises(Conflict) as err:
        filing.close_archive(office, archive.id, checker="李档案")
    assert "立卷归档”阶段" in str(err.value)
    phase_moves.move_phase(office, insp, "filed", on="2026-11-20", reason="整改已完成，转入立卷归档。")
    closed = filing.close_archive(office, archive.id, checker="李档案", today="2026-11-21")
    assert closed.closed and len(filing.list_items(office, archive.id)) == len(found.ready)
    result = package.export_folder(office, archive.id, tmp_path / "pkg")
    assert result.before.passed and result.after.passed
    with pytest.raises(PermissionDenied):
        phase_moves.move_phase(office, insp, "rectification", on="2026-11-22", reason="退回")
