"""The command line's setup and start-check (used by build/test_bundle.sh on the installed bundle)."""

from __future__ import annotations

import io

from app.cli import EXIT_FAILED, EXIT_OK, main
from app.core.workstation import Workstation

PASSWORDS = ["Xq7#mWz!2026pa", "Xq7#mWz!2026pb", "Xq7#mWz!2026pc", "Xq7#mWz!2026pd"]
SETUP = ["--org", "测试单位", "--sysadmin", "admin", "--security-officer", "secu", "--auditor", "audit"]


def _setup(folder, monkeypatch, passwords=PASSWORDS) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(p + "\n" for p in passwords)))
    return main(["setup", "--data-dir", str(folder), *SETUP, "--office", "clerk"])


def test_setup_creates_a_workstation_whose_accounts_sign_in(tmp_path, monkeypatch, capsys):
    assert _setup(tmp_path / "ws", monkeypatch) == EXIT_OK
    out = capsys.readouterr().out
    assert "恢复码" in out
    ws = Workstation(tmp_path / "ws")
    assert ws.exists()
    for username, password in zip(["admin", "secu", "audit", "clerk"], PASSWORDS, strict=True):
        session = ws.unlock(username, password)
        assert session.user.username == username
        session.close()


def test_setup_refuses_a_weak_password_and_leaves_no_workstation(tmp_path, monkeypatch, capsys):
    assert _setup(tmp_path / "ws", monkeypatch, ["admin123", *PASSWORDS[1:]]) == EXIT_FAILED
    assert "错误" in capsys.readouterr().err
    assert not Workstation(tmp_path / "ws").exists()


def test_start_check_names_the_first_window(qapp, tmp_path, monkeypatch, capsys):
    assert main(["start-check", "--data-dir", str(tmp_path / "new")]) == EXIT_OK
    first = capsys.readouterr().out
    assert _setup(tmp_path / "ws", monkeypatch) == EXIT_OK
    capsys.readouterr()
    assert main(["start-check", "--data-dir", str(tmp_path / "ws")]) == EXIT_OK
    assert "UnlockWindow" in capsys.readouterr().out
    assert "UnlockWindow" not in first and "第一个窗口" in first


def test_audit_checkpoint_writes_its_printed_page(tmp_path, monkeypatch, capsys):
    assert _setup(tmp_path / "ws", monkeypatch) == EXIT_OK
    new = "Yr8$nQv!2026zz"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORDS[2]}\n{new}\n"))
    assert main(["passwd", "--data-dir", str(tmp_path / "ws"), "--user", "audit"]) == EXIT_OK
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{new}\n"))
    pdf = tmp_path / "checkpoint.pdf"
    args = ["audit-checkpoint", "--data-dir", str(tmp_path / "ws"), "--user", "audit", "--pdf", str(pdf)]
    assert main(args) == EXIT_OK
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "审计" in text and code.replace("-", "")[:6] in text.replace("-", "").replace(" ", "")
