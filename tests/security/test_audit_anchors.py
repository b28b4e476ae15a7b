"""External anchors against a rolled-back folder, and the export that refuses a broken trail (issue 15).

Copying the whole data folder back from an older copy (database, head and slots together) leaves a
folder consistent in itself: `verify` passes. Only something kept outside can tell: an audit
checkpoint on paper, or any printed copy's authentication code, which carries the audit sequence at
print time. `verify --anchor CODE` fails when the database is older than the anchor or its chain at
that entry is another one.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.core.errors import IntegrityFailure, ValidationError
from app.core.official import assemble, copies, documents
from app.core.official.kinds import DocKind
from app.core.printing.authentication import parse_code
from app.core.security import accounts, anchors, audit_view
from app.core.store.keyslots import KdfParams
from app.core.store.verify import verify_folder
from app.core.workstation import Workstation
from app.demo.accounts import create_demo
from tests.conftest import DEMO_PASSWORD
from tests.security.conftest import db_key_of, raw_connection

ROOT = Path(__file__).resolve().parents[2]
FILES = ("workbench.db", "workbench.db-wal", "workbench.db-shm", "audit.head", "keyslots.json")


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def snapshot(ws: Workstation, dest: Path) -> Path:
    """An older copy of the whole folder, as an insider would keep one."""
    dest.mkdir()
    for name in FILES:
        if (ws.folder / name).exists():
            shutil.copy2(ws.folder / name, dest / name)
    return dest


def roll_back(ws: Workstation, copy: Path) -> None:
    for name in FILES:
        (ws.folder / name).unlink(missing_ok=True)
        if (copy / name).exists():
            shutil.copy2(copy / name, ws.folder / name)


def _activity(ws: Workstation, times: int = 2) -> None:
    for _ in range(times):
        session = ws.unlock("sysadmin", DEMO_PASSWORD)
        accounts.list_accounts(session)
        session.close()


def _checkpoint(ws: Workstation) -> anchors.Checkpoint:
    session = ws.unlock("auditor", DEMO_PASSWORD)
    try:
        return anchors.make_checkpoint(session)
    finally:
        session.close()


def _verify(ws: Workstation, anchor: str | None = None):
    return verify_folder(ws.folder, "auditor", DEMO_PASSWORD, anchor=anchor)


def test_checkpoint_code_names_its_own_entry(workstation):
    checkpoint = _checkpoint(workstation)
    assert checkpoint.code.startswith(f"XCA-{checkpoint.seq}-")
    assert checkpoint.qr == f"XCA1|{checkpoint.seq}|{checkpoint.hash}|{checkpoint.at}"
    with raw_connection(workstation, db_key_of(workstation)) as conn:
        row = conn.execute("SELECT action, hash FROM audit WHERE seq = ?", (checkpoint.seq,)).fetchone()
    assert row["action"] == "audit_checkpoint" and row["hash"] == checkpoint.hash
    for code in (checkpoint.code, checkpoint.code.lower().replace("-", " - "), checkpoint.qr):
        report = _verify(workstation, code)
        assert report.ok, (code, report.text())


def test_only_the_auditor_writes_checkpoints(login):
    from app.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        anchors.make_checkpoint(login("office"))


def test_a_folder_rolled_back_to_before_the_checkpoint_is_caught(workstation, tmp_path):
    older = snapshot(workstation, tmp_path / "older")
    _activity(workstation)
    checkpoint = _checkpoint(workstation)
    roll_back(workstation, older)
    assert _verify(workstation).ok  # consistent in itself: without the paper nothing shows
    report = _verify(workstation, checkpoint.code)
    assert not report.ok
    assert "数据库比检查点旧" in report.text() and str(checkpoint.seq) in report.text()


def test_a_rolled_back_folder_written_on_past_the_checkpoint_is_caught(workstation, tmp_path):
    older = snapshot(workstation, tmp_path / "older")
    checkpoint = _checkpoint(workstation)
    roll_back(workstation, older)
    _activity(workstation, 3)  # now past the checkpoint's sequence, on another chain
    report = _verify(workstation, checkpoint.code)
    assert not report.ok
    assert f"第 {checkpoint.seq} 条与检查点不符" in report.text()


def test_a_mistyped_checkpoint_code_is_refused_with_the_reason(workstation):
    report = _verify(workstation, "XCA-12-ABC")
    assert not report.ok and "检查点代码格式不正确" in report.text()
    with raw_connection(workstation, db_key_of(workstation)) as conn:
        with pytest.raises(ValidationError):
            anchors.check_anchor(conn, b"\0" * 32, "")


# ---- a printed copy is an anchor too ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("anchors") / "demo"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


@pytest.fixture
def demo_ws(demo: Path, tmp_path: Path) -> Workstation:
    shutil.copytree(demo, tmp_path / "ws")
    return Workstation(tmp_path / "ws")


def _print_statistics_report(ws: Workstation):
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        round_id = office.conn.execute("SELECT id FROM rounds ORDER BY number LIMIT 1").fetchone()[0]
        kind = DocKind.STATISTICS_REPORT
        draft = assemble.assemble(office, kind, today="2026-05-20", round_id=round_id)
        doc = documents.create_document(office, kind, draft, round_id=round_id)
        last = office.conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
        job = copies.print_copies(office, doc.id, 1)
    finally:
        office.close()
    return job.copies[0], last


def test_every_printed_copy_carries_the_audit_sequence_and_anchors_the_folder(demo_ws, tmp_path):
    older = snapshot(demo_ws, tmp_path / "older")
    copy, last_before = _print_statistics_report(demo_ws)
    parsed = parse_code(copy.code)
    assert parsed.audit_seq is not None and parsed.audit_seq >= last_before
    assert parse_code(copy.qr_payload).audit_seq == parsed.audit_seq
    for code in (copy.code, copy.qr_payload):
        assert _verify(demo_ws, code).ok, _verify(demo_ws, code).text()
    # The code still authenticates the copy as before.
    from app.core.official.authenticate import authenticate_code

    session = demo_ws.unlock("auditor", DEMO_PASSWORD)
    assert authenticate_code(session, copy.code).genuine
    session.close()
    roll_back(demo_ws, older)
    report = _verify(demo_ws, copy.code)
    assert not report.ok and "数据库比打印件旧" in report.text(), report.text()


def test_a_code_printed_before_the_anchors_cannot_serve_as_one(demo_ws):
    copy, _ = _print_statistics_report(demo_ws)
    old_style = "-".join(copy.code.split("-")[:5])
    report = _verify(demo_ws, old_style)
    assert not report.ok and "不含审计序号" in report.text()


# ---- the command line ------------------------------------------------------------------------------


def test_cli_checkpoint_then_verify_anchor_on_a_rolled_back_folder(workstation, tmp_path):
    folder = str(workstation.folder)
    older = snapshot(workstation, tmp_path / "older")
    result = run_cli(
        "audit-checkpoint", "--data-dir", folder, "--user", "auditor", stdin=DEMO_PASSWORD + "\n"
    )
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert code.startswith("XCA-")
    ok = run_cli(
        "verify", "--data-dir", folder, "--user", "auditor", "--anchor", code, stdin=DEMO_PASSWORD + "\n"
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    roll_back(workstation, older)
    plain = run_cli("verify", "--data-dir", folder, "--user", "auditor", stdin=DEMO_PASSWORD + "\n")
    assert plain.returncode == 0, plain.stdout
    bad = run_cli(
        "verify", "--data-dir", folder, "--user", "auditor", "--anchor", code, stdin=DEMO_PASSWORD + "\n"
    )
    assert bad.returncode == 1
    assert "数据库比检查点旧" in bad.stdout


def _break_an_entry(ws: Workstation) -> int:
    """Rewrite one entry's summary (keeping the HMAC chain consistent is beside the point here)."""
    key = db_key_of(ws)
    with raw_connection(ws, key) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        target = conn.execute("SELECT min(seq) FROM audit WHERE username = 'sysadmin'").fetchone()[0]
        signature = conn.execute("SELECT signature FROM audit WHERE seq = ?", (target,)).fetchone()[0]
        forged = base64.b64encode(b"\0" * 64).decode("ascii")
        assert signature != forged
        conn.execute("UPDATE audit SET signature = ? WHERE seq = ?", (forged, target))
    return target


def test_audit_export_refuses_a_broken_trail_with_the_reason(workstation, tmp_path):
    _activity(workstation)
    target = _break_an_entry(workstation)
    out = tmp_path / "audit.xlsx"
    result = run_cli(
        "audit-export",
        "--data-dir",
        str(workstation.folder),
        "--user",
        "auditor",
        str(out),
        stdin=DEMO_PASSWORD + "\n",
    )
    assert result.returncode != 0
    assert "拒绝导出" in result.stderr and f"第 {target} 条" in result.stderr
    assert not out.exists()

    result = run_cli(
        "audit-export",
        "--data-dir",
        str(workstation.folder),
        "--user",
        "auditor",
        str(out),
        "--for-investigation",
        stdin=DEMO_PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    for sheet in book.worksheets:
        assert "未通过校验" in str(sheet.cell(1, 1).value)
        assert "仅供调查" in sheet.oddHeader.center.text


def test_audit_export_of_a_healthy_trail_has_no_warning(login, tmp_path):
    auditor = login("auditor")
    out = tmp_path / "audit.xlsx"
    audit_view.export_entries(auditor, out)
    sheet = load_workbook(out).worksheets[0]
    assert sheet.cell(1, 1).value == "序号"


def test_core_export_refuses_without_the_investigation_flag(workstation, tmp_path):
    _activity(workstation)
    _break_an_entry(workstation)
    session = workstation.unlock("auditor", DEMO_PASSWORD)
    try:
        with pytest.raises(IntegrityFailure, match="拒绝导出"):
            audit_view.export_entries(session, tmp_path / "a.xlsx")
        assert not audit_view.verify(session).ok
        assert audit_view.export_entries(session, tmp_path / "b.xlsx", for_investigation=True) > 0
    finally:
        session.close()
