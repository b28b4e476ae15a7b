"""The cycle on the command line, run as an administrator would: subprocesses, secrets on stdin."""

from __future__ import annotations

from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_cli import run_cli
from tests.exchange.support import signed_talk

PASS = "交接口令-2026-乙"
INITIAL, NEW = "Initial-2026!", "Changed-2026!"


def test_setup_hand_in_merge_wipe_on_the_command_line(world, tmp_path):
    office_dir, team_dir = str(world.office.folder), tmp_path / "team"
    setup = tmp_path / "setup.xpk"
    result = run_cli(
        "setup-package",
        "--data-dir",
        office_dir,
        "--user",
        "office",
        "--team",
        "第一巡察组",
        "--medium",
        "U盘-2026-007",
        "--out",
        str(setup),
        stdin=f"{DEMO_PASSWORD}\n{PASS}\n{INITIAL}\n",
    )
    assert result.returncode == 0, result.stderr
    assert "恢复码" in result.stdout and setup.exists()
    result = run_cli(
        "setup-package", "--data-dir", str(team_dir), "--install", str(setup), stdin="错误口令\n"
    )
    assert result.returncode == 1 and "传递口令不正确" in result.stderr
    result = run_cli("setup-package", "--data-dir", str(team_dir), "--install", str(setup), stdin=f"{PASS}\n")
    assert result.returncode == 0, result.stderr
    for user in ("leader1", "member1"):
        result = run_cli("passwd", "--data-dir", str(team_dir), "--user", user, stdin=f"{INITIAL}\n{NEW}\n")
        assert result.returncode == 0, result.stderr
    member = Workstation(team_dir).unlock("member1", NEW)
    talk = signed_talk(world, member, world.insp_a.id)
    member.close()

    hand = tmp_path / "h1.xpk"
    args = ("hand-in", "--data-dir", str(team_dir), "--user", "leader1", "--medium", "U盘-2026-008")
    result = run_cli(*args, "--out", str(hand), stdin=f"{NEW}\n")
    assert result.returncode == 1 and "--yes" in result.stderr and not hand.exists()
    result = run_cli(*args, "--out", str(hand), "--yes", stdin=f"{NEW}\n")
    assert result.returncode == 0, result.stderr
    assert "谈话记录：1 条" in result.stdout and hand.exists()

    receipt = tmp_path / "r1.xpk"
    merge = ("merge", "--data-dir", office_dir, "--user", "office", "--medium", "U盘-2026-008", str(hand))
    result = run_cli(*merge, "--receipt-out", str(receipt), stdin=f"{DEMO_PASSWORD}\n")
    assert result.returncode == 0, result.stderr
    assert world.office.conn.execute("SELECT count(*) FROM talks WHERE id = ?", (talk.id,)).fetchone()[0] == 1
    result = run_cli(*merge, stdin=f"{DEMO_PASSWORD}\n")
    assert result.returncode == 1 and "已经合并过" in result.stderr
    listing = ("merge", "--data-dir", office_dir, "--user", "office")
    result = run_cli(*listing, "--archive", stdin=f"{DEMO_PASSWORD}\n")
    assert result.returncode == 0 and "U盘-2026-008" in result.stdout, result.stderr
    register_id = result.stdout.split()[0]
    result = run_cli(*listing, "--show", register_id, stdin=f"{DEMO_PASSWORD}\n")
    assert result.returncode == 0 and "talks：1" in result.stdout, result.stderr

    certificate = tmp_path / "wipe.pdf"
    wipe = (
        "wipe",
        "--data-dir",
        str(team_dir),
        "--user",
        "leader1",
        "--certificate",
        str(certificate),
        "--yes",
    )
    result = run_cli(*wipe, stdin=f"{NEW}\n")
    assert result.returncode == 1 and "尚未确认合并" in result.stderr
    result = run_cli(*args, "--receipt", str(receipt), stdin=f"{NEW}\n")
    assert result.returncode == 0 and "已由巡察办合并" in result.stdout, result.stderr
    result = run_cli(*wipe, stdin=f"{NEW}\n")
    assert result.returncode == 0, result.stderr
    assert list(team_dir.iterdir()) == [] and certificate.read_bytes().startswith(b"%PDF")
    result = run_cli("hand-in", "--help")
    assert result.returncode == 0 and "存储介质登记编号" in result.stdout
