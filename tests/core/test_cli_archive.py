"""`python -m app archive …` run as a user would: a subprocess, the secrets on standard input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.store.keyslots import KdfParams
from app.demo.accounts import DEMO_PASSWORD, create_demo
from tests.core.test_cli import run_cli


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-cli-archive") / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


@pytest.fixture
def data_dir(demo_folder, tmp_path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(demo_folder, folder)
    return folder


def test_export_and_verify_an_encrypted_archive(data_dir, tmp_path):
    pkg, report = tmp_path / "qs.xcxp", tmp_path / "r.pdf"
    base = ("--data-dir", str(data_dir), "--user", "office", "--inspection", "青石镇")
    result = run_cli(
        "archive",
        "export",
        *base,
        "--out",
        str(pkg),
        "--report",
        str(report),
        stdin=f"{DEMO_PASSWORD}\nTransfer-2026\n",
    )
    assert result.returncode == 0, result.stderr
    assert "四性检测通过" in result.stdout and report.read_bytes().startswith(b"%PDF")
    ok = run_cli("archive", "verify", str(pkg), stdin="Transfer-2026\n")
    assert ok.returncode == 0 and "四性检测通过" in ok.stdout
    wrong = run_cli("archive", "verify", str(pkg), stdin="Wrong-pass-1\n")
    assert wrong.returncode != 0


def test_folder_export_then_damage_fails_verify(data_dir, tmp_path):
    folder = tmp_path / "tree"
    base = ("--data-dir", str(data_dir), "--user", "office", "--inspection", "青石镇")
    assert (
        run_cli("archive", "export", *base, "--folder", str(folder), stdin=f"{DEMO_PASSWORD}\n").returncode
        == 0
    )
    (folder / "stray.exe").write_bytes(b"MZ")
    bad = run_cli("archive", "verify", str(folder))
    assert bad.returncode == 1 and "stray.exe" in bad.stdout


def test_close_is_refused_with_the_missing_list(data_dir):
    base = ("--data-dir", str(data_dir), "--user", "office", "--inspection", "市水务集团有限公司")
    opened = run_cli(
        "archive",
        "open",
        *base,
        "--fonds",
        "X012",
        "--org",
        "XCB",
        "--filer",
        "陈巡明",
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert opened.returncode == 0, opened.stderr
    closed = run_cli("archive", "close", *base, "--checker", "李档案", stdin=f"{DEMO_PASSWORD}\n")
    assert closed.returncode == 1 and "不能封存" in closed.stderr
    propose = run_cli("archive", "propose", *base, stdin=f"{DEMO_PASSWORD}\n")
    assert "×" in propose.stdout


def test_retention_is_set_by_the_office_only(data_dir):
    ok = run_cli(
        "archive",
        "retention",
        "--data-dir",
        str(data_dir),
        "--user",
        "office",
        "--kind",
        "talk",
        "--period",
        "永久",
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert ok.returncode == 0, ok.stderr
    refused = run_cli(
        "archive",
        "retention",
        "--data-dir",
        str(data_dir),
        "--user",
        "leader1",
        "--kind",
        "talk",
        "--period",
        "永久",
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert refused.returncode == 3
    bad = run_cli(
        "archive",
        "retention",
        "--data-dir",
        str(data_dir),
        "--user",
        "office",
        "--kind",
        "talk",
        "--period",
        "5年",
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert bad.returncode == 1 and "保管期限" in bad.stderr


def test_an_addendum_names_its_item(data_dir):
    base = ("--data-dir", str(data_dir), "--user", "office", "--inspection", "青石镇")
    bad = run_cli(
        "archive", "addendum", *base, "--text", "说明", "--item", "X-0000", stdin=f"{DEMO_PASSWORD}\n"
    )
    assert bad.returncode == 1 and "X-0000" in bad.stderr
    ok = run_cli("archive", "addendum", *base, "--text", "全卷补充说明。", stdin=f"{DEMO_PASSWORD}\n")
    assert ok.returncode == 0, ok.stderr
