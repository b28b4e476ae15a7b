"""Official documents: assembly from demo records, versions, need-to-know, the seal (office only),
per-copy printing with numbers from the register, verification codes, the copy register and recall.

The demo is built once per module (with fast key derivation), given a few issue-register records on
leader1's round-2 inspection of 市住房和城乡建设局 where it has none, and a seal stored by the security
officer; each test works on its own copy.
"""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.official import assemble, authenticate, copies, documents, seals
from app.core.official.documents import DocumentDraft
from app.core.official.kinds import DocKind
from app.core.printing.register import CopyStatus
from app.core.security.roles import Cap, Role, allowed
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from app.core.workstation_info import workstation_info
from app.demo.accounts import create_demo
from tests.conftest import save_artifact
from tests.core.official_support import demo_seal_png, ensure_issue_records
from tests.core.print_helpers import fonts, page_count, squash, text

PASSWORD = "Demo-2026!"
TODAY = "2026-05-20"
UNIT = "市住房和城乡建设局"


def _inspection(session) -> tuple[str, str]:
    return session.conn.execute(
        "SELECT i.id, i.round_id FROM inspections i JOIN units u ON u.id = i.unit_id"
        " JOIN rounds r ON r.id = i.round_id WHERE u.name = ? AND r.number = 2",
        (UNIT,),
    ).fetchone()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("official") / "demo"
    ws = create_demo(folder, kdf=KdfParams.fast_for_tests())
    sessions = {u: ws.unlock(u, PASSWORD) for u in ("office", "leader1", "member1", "secadmin")}
    try:
        inspection_id, _ = _inspection(sessions["office"])
        ensure_issue_records(sessions["member1"], sessions["leader1"], sessions["office"], inspection_id)
        seals.store_seal(sessions["secadmin"], "巡察办公章", demo_seal_png())
    finally:
        for s in sessions.values():
            s.close()
    return folder


@pytest.fixture
def ws(template: Path, tmp_path: Path) -> Workstation:
    folder = tmp_path / "ws"
    shutil.copytree(template, folder)
    return Workstation(folder)


@pytest.fixture
def login(ws):
    opened = []

    def _login(username: str):
        session = ws.unlock(username, PASSWORD)
        opened.append(session)
        return session

    yield _login
    for s in opened:
        if not s.closed:
            s.close()


def _make(session, kind: DocKind, **kw):
    inspection_id, round_id = _inspection(session)
    scope = {"round_id": round_id} if kind.round_level else {"inspection_id": inspection_id}
    draft = assemble.assemble(session, kind, today=TODAY, **scope, **kw)
    return documents.create_document(session, kind, draft, **scope), draft


# ---- every kind from demo data ---------------------------------------------------------------------

ARTIFACT = {
    DocKind.INSPECTION_REPORT: "inspection-report.pdf",
    DocKind.FEEDBACK_LETTER: "feedback-letter.pdf",
    DocKind.TRANSFER_LETTER: "transfer-letter.pdf",
    DocKind.RECTIFICATION_NOTICE: "rectification-notice.pdf",
    DocKind.STATISTICS_REPORT: "statistics-report.pdf",
    DocKind.SPECIAL_REPORT: "special-report.pdf",
    DocKind.URGENT_REPORT: "urgent-report.pdf",
    DocKind.COPY_NOTICE: "copy-notice.pdf",
}
TEAM_KINDS = (
    DocKind.INSPECTION_REPORT,
    DocKind.FEEDBACK_LETTER,
    DocKind.SPECIAL_REPORT,
    DocKind.URGENT_REPORT,
    DocKind.COPY_NOTICE,
)


@pytest.mark.parametrize("kind", list(DocKind))
def test_each_kind_assembled_from_records_and_printed_sealed(kind, login):
    office = login("office")
    author = login("leader1") if kind == DocKind.TRANSFER_LETTER else office
    doc, draft = _make(author, kind)
    expected = {
        DocKind.INSPECTION_REPORT: [
            "违规发放津贴补贴",
            "二、发现的主要问题",
            "（一）",
            "三、问题线索及移交情况",
        ],
        DocKind.FEEDBACK_LETTER: ["一、巡察发现的主要问题", "15个工作日内报送整改方案", "选人用人程序不规范"],
        DocKind.TRANSFER_LETTER: ["张某某", "工程项目监管不到位", "纪委监委"],
        DocKind.RECTIFICATION_NOTICE: ["修订津补贴发放管理办法", "已逾期", "二、有关要求"],
        DocKind.STATISTICS_REPORT: ["共发现问题", "整改销号率", "立案"],
        DocKind.SPECIAL_REPORT: ["专题报告如下", "二、发现的主要问题", "违规发放津贴补贴", "四、意见建议"],
        DocKind.URGENT_REPORT: ["重要情况", "一、有关情况", "三、下一步工作建议"],
        DocKind.COPY_NOTICE: ["某市纪委监委：", "现予抄告", "工程项目监管不到位"],
    }[kind]
    for phrase in expected:
        assert phrase in draft.addressee + draft.body, phrase
    # The office's seal goes on what the office issues; the team's report and feedback are the team's.
    sealed = draft.issuer == workstation_info(office).org_name
    assert sealed == (kind not in TEAM_KINDS)
    job = copies.print_copies(office, doc.id, 2, recipients=["市委巡察工作领导小组", "存档"], seal=sealed)
    assert job.numbers == [1, 2] and job.sealed == sealed
    pdf = job.copies[0].pdf
    if kind != DocKind.INSPECTION_REPORT:  # inspection-report.pdf is saved beside its sealed copy
        save_artifact(ARTIFACT[kind], pdf)
    body = squash(text(pdf))
    assert squash(draft.title)[:10] in body
    assert "000001" in body and job.copies[0].code in body
    assert all(embedded for _, embedded in fonts(pdf))
    # Rendered (in memory, with pdfium as the preview does) and kept for a person to look at.
    import pypdfium2

    rendered = pypdfium2.PdfDocument(pdf)[0].render(scale=50 / 72).to_pil()
    assert rendered.size[0] > 300
    buffer = io.BytesIO()
    rendered.save(buffer, "PNG")
    save_artifact(ARTIFACT[kind].replace(".pdf", "-p1.png"), buffer.getvalue())
    if kind == DocKind.INSPECTION_REPORT:
        assert page_count(pdf) >= 3  # several pages


# ---- versions --------------------------------------------------------------------------------------


def test_every_save_is_a_new_version_kept_and_audited(login):
    office = login("office")
    doc, draft = _make(office, DocKind.INSPECTION_REPORT)
    draft.body += "\n四、补充说明\n巡察组补充的意见。"
    draft.note = "补充意见"
    v2 = documents.save_version(office, doc.id, draft, based_on=1)
    assert v2.version == 2 and "补充说明" in v2.body
    with pytest.raises(Conflict):
        documents.save_version(office, doc.id, draft, based_on=1)  # someone saved in between
    v1 = documents.get_version(office, doc.id, 1)
    assert "补充说明" not in v1.body and v1.content_hash != v2.content_hash
    assert [v.version for v in documents.list_versions(office, doc.id)] == [2, 1]
    assert documents.get_document(office, doc.id).current_version == 2
    actions = [
        r[0]
        for r in office.conn.execute("SELECT action FROM audit WHERE object_id = ? ORDER BY seq", (doc.id,))
    ]
    assert actions[:2] == ["official_create", "official_save"] and "official_view" in actions
    with pytest.raises(Exception, match="never changed"):
        office.conn.execute("UPDATE official_versions SET body = 'x' WHERE document_id = ?", (doc.id,))


def test_validation_names_the_field(login):
    office = login("office")
    inspection_id, _ = _inspection(office)
    good = dict(title="标题", body="正文", issuer="机关", issued_on=TODAY)
    for bad, field in (
        ({"title": ""}, "title"),
        ({"issued_on": "2026-13-01"}, "issued_on"),
        ({"classification": "绝密"}, "classification"),
        ({"protection_years": 11}, "protection_years"),
        ({"body": "  "}, "body"),
    ):
        with pytest.raises(ValidationError) as err:
            documents.create_document(
                office,
                DocKind.INSPECTION_REPORT,
                DocumentDraft(**{**good, **bad}),
                inspection_id=inspection_id,
            )
        assert err.value.field == field


def test_need_to_know(login):
    office, leader, member = login("office"), login("leader1"), login("member1")
    report, _ = _make(office, DocKind.INSPECTION_REPORT)
    letter, _ = _make(leader, DocKind.TRANSFER_LETTER)
    assert documents.get_version(member, report.id).title  # the team sees its report
    with pytest.raises(NotFound):
        documents.get_version(member, letter.id)  # but not the transfer letter: leads
    with pytest.raises(PermissionDenied):
        assemble.assemble(member, DocKind.TRANSFER_LETTER, inspection_id=report.inspection_id)
    inspection_id, _ = _inspection(office)
    assert {d.kind for d in documents.list_documents(member, inspection_id=inspection_id)} == {
        DocKind.INSPECTION_REPORT
    }
    assert {d.kind for d in documents.list_documents(office, inspection_id=inspection_id)} == {
        DocKind.INSPECTION_REPORT,
        DocKind.TRANSFER_LETTER,
    }
    with pytest.raises(PermissionDenied):
        documents.get_version(login("auditor"), report.id)
    other = login("leader1")  # a leader of another team does not see it either
    other.conn.execute("DELETE FROM team_members WHERE user_id = ?", (other.user.id,))
    with pytest.raises(NotFound):
        documents.get_version(other, report.id)


def test_clearance_limits_the_classification(login):
    member = login("member1")  # cleared for 秘密
    inspection_id, _ = _inspection(member)
    draft = DocumentDraft("标题", "正文", "机关", TODAY, classification="机密", protection_years=5)
    with pytest.raises(PermissionDenied):
        documents.create_document(member, DocKind.INSPECTION_REPORT, draft, inspection_id=inspection_id)
    office = login("office")  # cleared for 机密
    doc = documents.create_document(office, DocKind.INSPECTION_REPORT, draft, inspection_id=inspection_id)
    with pytest.raises(NotFound):  # above the clearance: out of scope, like any other (issue 15)
        documents.get_version(member, doc.id)


# ---- the seal --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PENDING])  # pending: cannot sign in
def test_only_the_office_applies_the_seal(role, login):
    username = {
        Role.SYSADMIN: "sysadmin",
        Role.SECURITY_OFFICER: "secadmin",
        Role.AUDITOR: "auditor",
        Role.OFFICE: "office",
        Role.TEAM_LEADER: "leader1",
        Role.TEAM_MEMBER: "member1",
    }[role]
    doc, _ = _make(login("office"), DocKind.RECTIFICATION_NOTICE)
    session = login(username)
    assert allowed(role, Cap.SEAL_APPLY) == (role == Role.OFFICE)
    if role == Role.OFFICE:
        job = copies.print_copies(session, doc.id, 1, seal=True)
        assert job.sealed
        uses = seals.seal_register(session, document_id=doc.id)
        assert [(u.first_copy, u.copies, u.username) for u in uses] == [(1, 1, "office")]
    else:
        with pytest.raises(PermissionDenied):
            copies.print_copies(session, doc.id, 1, seal=True)
        with pytest.raises(PermissionDenied):
            seals.image_for_use(session)
    count = session.conn.execute("SELECT count(*) FROM seal_uses").fetchone()[0]
    assert count == (1 if role == Role.OFFICE else 0)


def test_seal_is_stored_encrypted_by_the_security_officer_only(login):
    sec, office = login("secadmin"), login("office")
    png = demo_seal_png(size=200)
    with pytest.raises(PermissionDenied):
        seals.store_seal(office, "公章", png)
    info = seals.store_seal(sec, "新公章", png)
    assert info.active and info.width_px == 200
    stored = seals.list_seals(sec)  # the demo's office seal, the template's, this one; the demo team's
    assert [s.active for s in stored if s.owner == seals.OFFICE] == [True, False, False]  # the old retired
    assert [s.active for s in stored if s.owner == "第一巡察组"] == [True]  # another body's seal untouched
    raw = sec.conn.execute("SELECT image FROM seals WHERE id = ?", (info.id,)).fetchone()[0]
    assert b"PNG" not in bytes(raw)[:16] and png not in bytes(raw)
    assert seals.seal_image(sec) == png
    with pytest.raises(PermissionDenied):
        seals.seal_image(office)  # the office uses it, inside a registered print only
    from PIL import Image

    flat = io.BytesIO()
    Image.new("RGB", (200, 200), "red").save(flat, "PNG")
    with pytest.raises(ValidationError, match="透明"):
        seals.store_seal(sec, "无透明", flat.getvalue())
    with pytest.raises(ValidationError, match="PNG"):
        seals.store_seal(sec, "假图", b"GIF89a" + b"\0" * 100)
    seals.retire_seal(sec)
    doc, _ = _make(office, DocKind.RECTIFICATION_NOTICE)
    with pytest.raises(NotFound, match="尚未保存印章"):
        copies.print_copies(office, doc.id, 1, seal=True)


def test_each_issuer_is_sealed_with_its_own_seal(login, monkeypatch):
    """Issue 16: a team's report takes the team's seal, the office's documents the office's."""
    sec, office = login("secadmin"), login("office")
    owners = dict(seals.seal_owners(sec))
    assert owners[""] == "巡察办" and "第一巡察组" in owners
    demo = seals.active_seals(sec)  # the demo stores the office's seal and 第一巡察组's
    assert set(demo) == {"", "第一巡察组"} and demo["第一巡察组"].name == "第一巡察组印章（演示）"
    team_png = demo_seal_png("某市委第一巡察组", size=240)
    with pytest.raises(ValidationError) as unknown:
        seals.store_seal(sec, "组章", team_png, owner="第九十九巡察组")
    assert unknown.value.field == "owner"
    team_seal = seals.store_seal(sec, "第一巡察组印章", team_png, owner="第一巡察组")
    # Both are active at once: storing the team's seal did not retire the office's.
    active = seals.active_seals(sec)
    assert set(active) == {"", "第一巡察组"} and active["第一巡察组"].id == team_seal.id
    assert seals.active_seal(sec).owner == "" and seals.seal_image(sec, owner="第一巡察组") == team_png
    drawn = []
    real_draw = copies.gbt9704.draw

    def spy(layout, *, seal_png=None, **kw):
        drawn.append(seal_png)
        return real_draw(layout, seal_png=seal_png, **kw)

    monkeypatch.setattr(copies.gbt9704, "draw", spy)
    report, draft = _make(office, DocKind.INSPECTION_REPORT)
    assert draft.issuer.endswith("第一巡察组")
    job = copies.print_copies(office, report.id, 1, seal=True)
    assert job.sealed and drawn == [team_png]
    notice, _ = _make(office, DocKind.RECTIFICATION_NOTICE)
    copies.print_copies(office, notice.id, 1, seal=True)
    assert drawn[-1] == seals.seal_image(sec) != team_png
    uses = {u.document_id: u for u in seals.seal_register(office)}
    assert uses[report.id].seal_owner == "第一巡察组" and uses[report.id].seal_name == "第一巡察组印章"
    assert uses[notice.id].seal_owner == ""
    used = office.conn.execute("SELECT seal_id FROM seal_uses WHERE document_id = ?", (report.id,)).fetchone()
    assert used["seal_id"] == team_seal.id
    # Withdrawing the team's seal leaves the office's in use, and the report is refused again.
    seals.retire_seal(sec, owner="第一巡察组")
    assert set(seals.active_seals(sec)) == {""}
    with pytest.raises(ValidationError, match="尚未保存第一巡察组的印章") as refused:
        copies.print_copies(office, report.id, 1, seal=True)
    assert refused.value.field == "seal"
    row = sec.conn.execute(
        "SELECT summary FROM audit WHERE action = 'seal_store' AND object_id = ?", (team_seal.id,)
    ).fetchone()
    assert row["summary"].startswith("第一巡察组")


# ---- copies, codes and the register ----------------------------------------------------------------


def test_each_copy_has_its_number_watermark_and_code(login):
    office = login("office")
    doc, _ = _make(office, DocKind.INSPECTION_REPORT)
    job = copies.print_copies(office, doc.id, 3, recipients=["甲", "乙"])
    assert job.numbers == [1, 2, 3]
    again = copies.print_copies(office, doc.id, 2)
    assert again.numbers == [4, 5]
    for c in job.copies + again.copies:
        body = squash(text(c.pdf))
        assert f"{c.copy_number:06d}" in body and squash(c.code) in body
    assert len({c.pdf for c in job.copies}) == 3
    rows = copies.list_copies(office, document_id=doc.id)
    assert sorted((r.copy_number, r.recipient, r.status) for r in rows)[:3] == [
        (1, "甲", CopyStatus.ISSUED),
        (2, "乙", CopyStatus.ISSUED),
        (3, "", CopyStatus.ISSUED),
    ]


def test_genuine_code_verifies_and_altered_codes_are_rejected(login):
    office, auditor = login("office"), login("auditor")
    doc, draft = _make(office, DocKind.RECTIFICATION_NOTICE)
    job = copies.print_copies(office, doc.id, 2, recipients=["被巡察单位"], seal=True)
    code, payload = job.copies[0].code, job.copies[0].qr_payload
    result = authenticate.authenticate_code(auditor, code)
    assert result.genuine and result.copy_number == 1 and result.version == 1 and result.sealed
    assert result.recipient == "被巡察单位" and result.status == CopyStatus.ISSUED
    assert result.title == ""  # the auditor sees numbers, not content
    assert (
        authenticate.authenticate_code(office, payload).title == draft.title
    )  # the QR payload, for the office
    assert authenticate.authenticate_code(office, code.lower().replace("-", " - ")).genuine  # typed loosely
    serial, version, number, a, b, seq, anchor = code.split("-")  # the audit sequence at print time
    altered = [
        f"{serial}-{version}-000002-{a}-{b}-{seq}-{anchor}",  # another copy number
        f"{serial}-2-{number}-{a}-{b}-{seq}-{anchor}",  # another version
        f"{serial}-{version}-{number}-{a}-{b[:-1]}{'A' if b[-1] != 'A' else 'B'}-{seq}-{anchor}",  # the hash
        f"{int(serial) + 50}-{version}-{number}-{a}-{b}-{seq}-{anchor}",  # no such document
        f"{serial}-{version}-{number}-{a}-{b}-{int(seq) + 1}-{anchor}",  # another audit sequence
        f"{serial}-{version}-{number}-{a}-{b}-{seq}-{anchor[:-1]}{'A' if anchor[-1] != 'A' else 'B'}",  # anchor
        f"{serial}-{version}-{number}-{a}-{b}",  # the anchor cut off
        payload[:-1] + ("0" if payload[-1] != "0" else "1"),
    ]
    for bad in altered:
        assert not authenticate.authenticate_code(auditor, bad).genuine, bad
    with pytest.raises(ValidationError):
        authenticate.authenticate_code(auditor, "not a code")
    with pytest.raises(PermissionDenied):
        authenticate.authenticate_code(login("member1"), code)
    # A new version: old copies still verify as what they are, the new text gets new codes.
    documents.save_version(office, doc.id, draft, based_on=1)
    assert authenticate.authenticate_code(office, code).version == 1
    audited = office.conn.execute("SELECT count(*) FROM audit WHERE action = 'print_verify'").fetchone()[0]
    assert audited >= len(altered) + 4


def test_return_destroy_outstanding_and_recall(login):
    office = login("office")
    doc, _ = _make(office, DocKind.RECTIFICATION_NOTICE)
    job = copies.print_copies(office, doc.id, 4, recipients=["甲", "乙", "丙", "丁"])
    copies.set_status(office, doc.id, 1, "returned")
    copies.set_status(office, doc.id, 2, "destroyed")
    with pytest.raises(Conflict):
        copies.set_status(office, doc.id, 2, "returned")
    returned = authenticate.authenticate_code(office, job.copies[0].code)
    assert returned.status == CopyStatus.RETURNED and "已收回" in returned.message
    assert authenticate.authenticate_code(office, job.copies[1].code).status == CopyStatus.DESTROYED
    assert sorted(r.copy_number for r in copies.outstanding(office) if r.document_id == doc.id) == [3, 4]
    assert copies.recall(office, doc.id, "文字有误，全部收回") == 2
    result = authenticate.authenticate_code(office, job.copies[2].code)
    assert result.recalled_at and "通知收回" in result.message
    with pytest.raises(PermissionDenied):
        copies.recall(login("member1"), doc.id)
    secadmin = login("secadmin")  # the security officer keeps the register: numbers, no titles
    rows = copies.list_copies(secadmin, document_id=doc.id)
    assert len(rows) == 4 and all(r.title == "" for r in rows)


def _print_worker(
    folder: str, username: str, document_id: str, rounds: int, head_dir: str, lock, queue
) -> None:
    from app.core.official import copies as c
    from app.core.workstation import Workstation as W

    with lock:  # sign-in rewrites the key-slot file: the two sign-ins take turns
        session = W(Path(folder)).unlock(username, PASSWORD)
    session.folder = Path(head_dir)  # each process keeps its own audit-head copy (see test_print_register)
    got = []
    try:
        for i in range(rounds):
            got += c.print_copies(session, document_id, 1 + i % 3).numbers
    finally:
        session.close()
    queue.put(got)


def test_copy_numbers_have_no_gaps_or_duplicates_across_processes(ws, login, tmp_path):
    office = login("office")
    doc, _ = _make(office, DocKind.INSPECTION_REPORT)
    office.close()
    ctx = multiprocessing.get_context("spawn")
    lock, queue = ctx.Lock(), ctx.Queue()
    procs = []
    for k, user in enumerate(("office", "leader1")):
        head = tmp_path / f"head-{k}"
        head.mkdir()
        procs.append(
            ctx.Process(target=_print_worker, args=(str(ws.folder), user, doc.id, 8, str(head), lock, queue))
        )
    for p in procs:
        p.start()
    results = [queue.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    numbers = sorted(results[0] + results[1])
    assert numbers == list(range(1, 2 * sum(1 + i % 3 for i in range(8)) + 1))
    check = login("office")
    registered = [
        r[0]
        for r in check.conn.execute(
            "SELECT copy_number FROM print_copies WHERE record_id = ? ORDER BY 1", (doc.id,)
        )
    ]
    assert registered == numbers


# ---- the command line ------------------------------------------------------------------------------


def test_verify_print_command(ws, login):
    office = login("office")
    doc, _ = _make(office, DocKind.FEEDBACK_LETTER)
    job = copies.print_copies(office, doc.id, 1, recipients=["档案室"])
    office.close()

    def run(code: str, user: str = "auditor"):
        return subprocess.run(
            [sys.executable, "-m", "app", "verify-print", "--data-dir", str(ws.folder), "--user", user],
            input=f"{PASSWORD}\n{code}\n",
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).resolve().parents[2],
        )

    good = run(job.copies[0].code)
    assert good.returncode == 0, good.stderr
    assert "核验通过" in good.stdout and "000001" in good.stdout and "档案室" in good.stdout
    code = job.copies[0].code
    bad = run(code[:-1] + ("A" if code[-1] != "A" else "B"))
    assert bad.returncode == 1 and "核验未通过" in bad.stdout
    refused = run(code, user="member1")
    assert refused.returncode == 3


# ---- the issuer's seal, the issuing bodies, the head and imprint ------------------------------------


def _office_issues(session, doc, draft):
    """A new version of `doc` issued in the office's name (the office takes the document over)."""
    org = workstation_info(session).org_name
    edited = dataclasses.replace(draft, issuer=org, note="以巡察办名义印发")
    documents.save_version(session, doc.id, edited, based_on=doc.current_version)
    return edited


def test_a_team_report_is_not_sealed_with_the_offices_seal(login):
    office = login("office")
    seals.retire_seal(login("secadmin"), owner="第一巡察组")  # the team's own seal withdrawn (the demo's)
    doc, draft = _make(office, DocKind.INSPECTION_REPORT)
    assert draft.issuer.endswith("第一巡察组")
    with pytest.raises(ValidationError, match="巡察办的印章只能") as refused:
        copies.print_copies(office, doc.id, 1, seal=True)
    assert refused.value.field == "seal"
    # Nothing was registered, sealed or numbered by the refusal.
    assert office.conn.execute("SELECT count(*) FROM seal_uses").fetchone()[0] == 0
    assert (
        office.conn.execute("SELECT count(*) FROM print_copies WHERE record_id = ?", (doc.id,)).fetchone()[0]
        == 0
    )
    assert not copies.print_copies(office, doc.id, 1).sealed  # unsealed it prints
    # Issued by the office, the office's seal is the issuer's seal.
    _office_issues(office, doc, draft)
    job = copies.print_copies(office, doc.id, 1, seal=True)
    assert job.sealed and job.version == 2


def test_issuing_bodies_are_set_once_by_the_office_and_audited(login):
    from app.core.official import issuers

    office, leader = login("office"), login("leader1")
    defaults = issuers.issuing_settings(office)
    org = workstation_info(office).org_name
    assert defaults.office.name == org and defaults.office.mark == f"{org}文件"
    assert defaults.office.code.endswith("巡办发")
    team = next(t for t in defaults.teams if t.name.endswith("第一巡察组"))
    assert team.code.endswith("巡一组")
    with pytest.raises(PermissionDenied):
        issuers.set_issuing_settings(leader, defaults)
    with pytest.raises(ValidationError):
        issuers.set_issuing_settings(
            office, dataclasses.replace(defaults, office=dataclasses.replace(defaults.office, mark=""))
        )
    changed = dataclasses.replace(
        defaults,
        office=dataclasses.replace(defaults.office, code="某巡办函"),
        cc={**defaults.cc, DocKind.RECTIFICATION_NOTICE.value: "某市纪委监委"},
    )
    issuers.set_issuing_settings(office, changed)
    assert issuers.issuing_settings(leader).office.code == "某巡办函"  # everyone prints with them
    row = office.conn.execute(
        "SELECT object_type, username FROM audit WHERE action = 'official_issuers_set'"
    ).fetchone()
    assert row["object_type"] == "issuing_bodies" and row["username"] == "office"
    # A printed notice carries them: red head, number, imprint.
    doc, draft = _make(office, DocKind.RECTIFICATION_NOTICE)
    pdf = copies.print_copies(office, doc.id, 1).copies[0].pdf
    body = squash(text(pdf))
    assert f"{org}文件" in body and f"某巡办函〔2026〕{doc.serial}号" in body
    assert "抄送：某市纪委监委。" in body and "2026年5月20日印发" in body


def test_each_kind_has_its_parts():
    from app.core.official.kinds import Part

    assert Part.SIGNER in DocKind.INSPECTION_REPORT.parts and Part.SIGNER not in DocKind.FEEDBACK_LETTER.parts
    assert DocKind.TRANSFER_LETTER.parts >= {Part.LETTER, Part.DOC_NUMBER}
    assert Part.MASTHEAD not in DocKind.TRANSFER_LETTER.parts
    assert all(Part.IMPRINT in k.parts for k in DocKind)


def test_report_head_names_its_signer_and_the_letter_is_a_letter(login):
    from app.core.official import issuers

    office, leader = login("office"), login("leader1")
    doc, draft = _make(office, DocKind.INSPECTION_REPORT)
    head = issuers.head_for(office, doc.kind, draft.issuer, draft.issued_on, doc.serial, doc.inspection_id)
    assert head.signer == leader.user.display_name and not head.letter
    assert head.mark == draft.issuer and head.doc_number.endswith(f"〔2026〕{doc.serial}号")
    letter, letter_draft = _make(leader, DocKind.TRANSFER_LETTER)
    head = issuers.head_for(
        leader, letter.kind, letter_draft.issuer, TODAY, letter.serial, letter.inspection_id
    )
    assert head.letter and head.mark == workstation_info(leader).org_name and not head.signer


def test_inspection_report_and_its_sealed_copy_read_alike_and_keep_the_grid(login):
    """The artifacts: inspection-report.pdf, inspection-report-sealed-copy.pdf, transfer-letter.pdf."""
    from tests.core import test_gbt9704_geometry as geo

    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    office, leader = login("office"), login("leader1")
    doc, draft = _make(office, DocKind.INSPECTION_REPORT)
    _office_issues(office, doc, draft)
    unsealed = copies.preview_pdf(office, doc.id)
    job = copies.print_copies(office, doc.id, 1, recipients=["市委巡察工作领导小组"], seal=True)
    sealed = job.copies[0].pdf
    save_artifact("inspection-report.pdf", unsealed)
    save_artifact("inspection-report-sealed-copy.pdf", sealed)
    # The same body text: the watermark is a picture, the seal an image, the copy number aside.
    assert geo.body_text(sealed) == geo.body_text(unsealed)
    raw = text(sealed)
    assert "份号" not in raw and office.user.display_name not in raw
    assert job.copies[0].code in raw  # the authentication code stays readable below the block
    for pdf in (unsealed, sealed):
        _check_grid_and_breaks(geo, pdf)
    letter, _ = _make(leader, DocKind.TRANSFER_LETTER)
    letter_pdf = copies.print_copies(office, letter.id, 1, seal=True).copies[0].pdf
    save_artifact("transfer-letter.pdf", letter_pdf)
    _check_grid_and_breaks(geo, letter_pdf)
    rows = geo.red_rows(letter_pdf, 1)
    assert any(abs(y - (841.89 - 20 * geo.MM - 2)) < 4 for y in rows)  # the lower red double line
    assert not [w for w in geo.words(letter_pdf, 1) if w.text == "—" and w.y0 > geo.TOP + geo.BLOCK_H]


def _check_grid_and_breaks(geo, pdf: bytes) -> None:
    """Every body line on the 37 mm grid, every full line 28 cells, no mark where GB/T 15834 forbids it."""
    from app.core.printing.grid import cells
    from app.core.printing.text import NO_LINE_END, NO_LINE_START

    full = 0
    for page in range(1, page_count(pdf) + 1):
        lines = geo.body_lines(pdf, page)
        for k, line in enumerate(lines):
            row = (line.y0 - geo.TOP) / geo.PITCH_Y
            assert abs(row - round(row)) * geo.PITCH_Y < geo.TOL, (page, line.text)
            assert line.text[0] not in NO_LINE_START and line.text[-1] not in NO_LINE_END, line.text
            if (
                line.x1 < geo.LEFT + geo.BLOCK_W - geo.TOL
                or line.x0 > geo.LEFT + 2 * geo.BLOCK_W / 28 + geo.TOL
            ):
                continue  # a paragraph's last line, a date, a signature
            nxt = lines[k + 1].text[:1] if k + 1 < len(lines) else ""
            if nxt in NO_LINE_START or line.text[-1] in NO_LINE_END:
                continue  # pushed out
            if k + 1 < len(lines) and lines[k + 1].text[1:2] in NO_LINE_START:
                continue  # its last character pushed down to keep the next line from starting with a mark
            indent = round((line.x0 - geo.LEFT) / (geo.BLOCK_W / 28))
            if re.fullmatch(r"\d{6}.*", line.text):
                continue  # the copy number's line of a letter, with its number on the right
            # 28 cells; 27.5 when half a cell is left, too narrow for the next full-width character.
            assert cells(line.text) + indent in (27.5, 28) or len(line.text) + indent == 28, (page, line.text)
            if cells(line.text) == len(line.text):
                assert len(line.text) + indent == 28, (page, line.text)
            full += 1
    assert full >= 5


# ---- 专题报告, 重要情况报告, 抄告单: numbered per kind per year ----------------------------------------


@pytest.mark.parametrize(
    ("kind", "code"),
    [(DocKind.SPECIAL_REPORT, "专报"), (DocKind.URGENT_REPORT, "要情"), (DocKind.COPY_NOTICE, "抄告")],
)
def test_reports_during_the_inspection_have_their_own_numbers_and_the_gbt_layout(kind, code, login):
    """The artifacts special-report.pdf, urgent-report.pdf, copy-notice.pdf come from the test above;
    here each kind's numbering and the grid of its printed copy."""
    from app.core.official import issuers
    from app.core.official.kinds import Part
    from tests.core import test_gbt9704_geometry as geo

    office = login("office")
    assert kind.own_sequence and Part.MASTHEAD in kind.parts and Part.DOC_NUMBER in kind.parts
    extra = {"target": "leader_in_charge"} if kind == DocKind.COPY_NOTICE else {}
    first, draft = _make(office, kind, **extra)
    second, _ = _make(office, kind, **extra)
    other, _ = _make(office, DocKind.FEEDBACK_LETTER)
    assert (first.seq_year, first.seq_number, second.seq_number) == (2026, 1, 2)
    assert other.seq_number is None and second.serial > first.serial
    # Another kind with its own sequence starts at 1 as well; next year starts again.
    sibling = next(k for k in (DocKind.SPECIAL_REPORT, DocKind.URGENT_REPORT) if k != kind)
    assert _make(office, sibling)[0].seq_number == 1
    inspection_id, _ = _inspection(office)
    later = assemble.assemble(office, kind, inspection_id=inspection_id, today="2027-01-05")
    assert documents.create_document(office, kind, later, inspection_id=inspection_id).seq_number == 1
    head = issuers.head_for(
        office,
        kind,
        draft.issuer,
        draft.issued_on,
        second.number_in_sequence,
        second.inspection_id,
        year=2026,
    )
    assert head.doc_number.endswith(f"{code}〔2026〕2号"), head.doc_number
    assert bool(head.signer) == (Part.SIGNER in kind.parts)
    pdf = copies.print_copies(office, second.id, 1, recipients=["市委巡察工作领导小组"]).copies[0].pdf
    assert squash(head.doc_number) in squash(text(pdf))
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    _check_grid_and_breaks(geo, pdf)
    number = next(ln for ln in geo.body_lines(pdf, 1) if squash(ln.text).startswith(squash(head.doc_number)))
    assert number.y0 == pytest.approx(geo.TOP + 7 * geo.PITCH_Y, abs=geo.TOL)  # the 发文字号's line
    rows = geo.red_rows(pdf, 1)
    assert any(geo.TOP + 35 * geo.MM <= y <= geo.TOP + 35 * geo.MM + 13 * geo.MM for y in rows)  # red mark


def test_copy_notice_goes_to_each_body(login):
    office = login("office")
    inspection_id, _ = _inspection(office)
    to_leader = assemble.copy_notice(office, inspection_id, "leader_in_charge", today=TODAY)
    assert to_leader.addressee == "中共某市委分管领导同志：" and "违规发放津贴补贴" in to_leader.body
    to_dc = assemble.copy_notice(office, inspection_id, "discipline_commission", today=TODAY)
    assert to_dc.addressee == "某市纪委监委：" and "工程项目监管不到位" in to_dc.body
    to_org = assemble.copy_notice(office, inspection_id, "organisation_dept", today=TODAY)
    assert to_org.addressee == "某市委组织部：" and "你部" in to_org.body
    doc = documents.create_document(
        office, DocKind.COPY_NOTICE, to_org, inspection_id=inspection_id, target="organisation_dept"
    )
    assert doc.target == "organisation_dept"
    with pytest.raises(ValueError):
        assemble.copy_notice(office, inspection_id, "nobody", today=TODAY)
