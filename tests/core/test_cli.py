"""The admin command line, run as a user would: a subprocess, the password on standard input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.store.keyslots import KeySlots
from app.core.workstation import Workstation

PASSWORD = "Demo-2026!"
ROOT = Path(__file__).resolve().parents[2]


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


def test_verify_passes_on_a_healthy_store(workstation: Workstation):
    result = run_cli(
        "verify", "--data-dir", str(workstation.folder), "--user", "auditor", stdin=PASSWORD + "\n"
    )
    assert result.returncode == 0, result.stderr
    assert "全部检查通过" in result.stdout


def test_verify_wrong_password_exits_3_and_names_the_problem(workstation: Workstation):
    result = run_cli(
        "verify", "--data-dir", str(workstation.folder), "--user", "auditor", stdin="Wrong-2026!\n"
    )
    assert result.returncode == 3
    assert "用户名或密码错误" in result.stderr


def test_verify_refuses_a_role_without_the_right(workstation: Workstation):
    result = run_cli(
        "verify", "--data-dir", str(workstation.folder), "--user", "office", stdin=PASSWORD + "\n"
    )
    assert result.returncode == 3
    assert "无权校验数据库" in result.stderr


def test_verify_names_the_first_damaged_page(workstation: Workstation, login):
    from app.core import drafts

    session = login("office")
    for i in range(200):
        drafts.save_draft(session, f"form-{i}", {"text": "巡察" * 500})
    session.close()
    db = workstation.db_path
    data = bytearray(db.read_bytes())
    page_size = 4096
    bad_page = len(data) // page_size // 2  # 1-based page numbers: this is page bad_page + 1
    data[bad_page * page_size + 200] ^= 0x40
    db.write_bytes(bytes(data))
    result = run_cli(
        "verify", "--data-dir", str(workstation.folder), "--user", "secadmin", stdin=PASSWORD + "\n"
    )
    assert result.returncode == 1
    assert f"第 {bad_page + 1} 页" in result.stdout


def test_password_is_never_taken_from_an_argument(workstation: Workstation):
    result = run_cli(
        "verify", "--data-dir", str(workstation.folder), "--user", "auditor", "--password", PASSWORD
    )
    assert result.returncode == 2


def test_empty_stdin_is_a_usage_error(workstation: Workstation):
    result = run_cli("verify", "--data-dir", str(workstation.folder), "--user", "auditor", stdin="")
    assert result.returncode == 2
    assert "标准输入" in result.stderr


def test_backup_and_restore_round_trip(workstation: Workstation, tmp_path: Path, login):
    from app.core import drafts

    backup = tmp_path / "media" / "ws.xcbak"
    backup.parent.mkdir()
    session = login("office")
    drafts.save_draft(session, "before-backup", {"text": "备份前"})
    session.close()
    result = run_cli(
        "backup",
        "--data-dir",
        str(workstation.folder),
        "--user",
        "sysadmin",
        str(backup),
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert backup.exists() and "已校验" in result.stdout

    session = workstation.unlock("office", PASSWORD)
    drafts.discard_draft(session, "before-backup")
    session.close()

    result = run_cli(
        "restore",
        "--data-dir",
        str(workstation.folder),
        "--user",
        "sysadmin",
        str(backup),
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    session = workstation.unlock("office", PASSWORD)
    try:
        assert drafts.load_draft(session, "before-backup") == {"text": "备份前"}
    finally:
        session.close()


def test_restore_refuses_a_file_that_is_not_a_backup(workstation: Workstation, tmp_path: Path):
    bogus = tmp_path / "not-a-backup.xcbak"
    bogus.write_bytes(b"PK\x03\x04 definitely a zip, not a backup")
    before = workstation.db_path.read_bytes()
    result = run_cli(
        "restore",
        "--data-dir",
        str(workstation.folder),
        "--user",
        "sysadmin",
        str(bogus),
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 3
    assert "不是巡察工作台的备份文件" in result.stderr
    assert workstation.db_path.read_bytes() == before


def test_backup_refused_for_the_office(workstation: Workstation, tmp_path: Path):
    result = run_cli(
        "backup",
        "--data-dir",
        str(workstation.folder),
        "--user",
        "office",
        str(tmp_path / "x.xcbak"),
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 3
    assert "无权备份数据" in result.stderr


def test_recover_sets_a_new_password_that_must_be_changed(tmp_path: Path):
    from app.core.store.keyslots import KdfParams
    from tests.conftest import standard_accounts

    ws = Workstation(tmp_path / "ws")
    code = ws.create("测试单位", standard_accounts(), kdf=KdfParams.fast_for_tests()).recovery_code
    result = run_cli(
        "recover",
        "--data-dir",
        str(ws.folder),
        "--user",
        "sysadmin",
        stdin=f"{code.lower()}\nFresh-Pass-77\n",
    )
    assert result.returncode == 0, result.stderr
    session = ws.unlock("sysadmin", "Fresh-Pass-77")
    try:
        assert session.user.must_change_password
    finally:
        session.close()
    bad = run_cli(
        "recover", "--data-dir", str(ws.folder), "--user", "sysadmin", stdin="AAAAA-BBBBB\nFresh-Pass-78\n"
    )
    assert bad.returncode == 3 and "恢复码不正确" in bad.stderr


def test_create_demo_refuses_a_non_empty_folder(tmp_path: Path):
    (tmp_path / "something").write_text("x")
    result = run_cli("create-demo", "--data-dir", str(tmp_path))
    assert result.returncode == 3
    assert "空目录" in result.stderr
    assert not (tmp_path / "keyslots.json").exists()


def test_audit_export_writes_a_sheet_for_the_auditor(workstation: Workstation, tmp_path: Path):
    from openpyxl import load_workbook

    dest = tmp_path / "audit.xlsx"
    result = run_cli(
        "audit-export",
        "--data-dir",
        str(workstation.folder),
        "--user",
        "auditor",
        str(dest),
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    rows = list(load_workbook(dest, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][0] == "序号"
    assert any(r[4] == "初始化工作站" for r in rows[1:])


def test_slot_file_policy_mirrors_the_database(workstation: Workstation, login):
    from app.core.security.policy_admin import set_policy

    session = login("secadmin")
    set_policy(session, max_failures=3, lockout_minutes=20)
    slots = KeySlots.load(workstation.folder)
    assert slots.policy["max_failures"] == 3 and slots.policy["lockout_minutes"] == 20
    slots.verify_mac(session.db_key)


@pytest.mark.parametrize("flag", ["--version"])
def test_version(flag: str):
    result = run_cli(flag)
    assert result.returncode == 0 and "巡察工作台" in result.stdout
