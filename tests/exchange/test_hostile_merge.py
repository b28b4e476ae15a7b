"""Hostile hand-ins at the office: refused with a Chinese message, nothing changed."""

from __future__ import annotations

import shutil

import pytest

from app.core.exchange import acceptance, hand_in, merge, review
from app.core.exchange import identity as ident
from app.core.exchange.errors import ExchangeError
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD
from tests.core.org_support import world_fixture  # noqa: F401
from tests.exchange.support import configure, signed_talk

TABLES = ("talks", "audit", "exchange_register", "exchange_audit", "exchange_base", "exchange_conflicts")


def _state(world) -> dict:
    conn = world.office.conn
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    archive = world.office.folder / "exchange-archive"
    counts["archive"] = len(list(archive.iterdir())) if archive.exists() else 0
    return counts


def _hand_in(session, path):
    return hand_in.hand_in(session, path, medium_no="U盘-2026-101", confirm=review.review(session).token)


@pytest.fixture
def team_a(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    signed_talk(world, team.login("member1"), world.insp_a.id)
    return team


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda raw: raw[:-200], "不完整"),
        (lambda raw: raw[: len(raw) // 3], "不完整"),
        (lambda raw: raw[:-300] + bytes([raw[-300] ^ 0x10]) + raw[-299:], "损坏"),
        (lambda raw: raw[:150] + bytes([raw[150] ^ 0x01]) + raw[151:], "损坏|无法解密|不是发给"),
        (lambda raw: b"\0" * len(raw), "不是巡察工作台的交换包"),
    ],
)
def test_damaged_packages_change_nothing(world, team_a, tmp_path, damage, message):
    pkg = _hand_in(team_a.login("leader1"), tmp_path / "h1.xpk")
    pkg.path.write_bytes(damage(pkg.path.read_bytes()))
    before = _state(world)
    with pytest.raises(ExchangeError, match=message):
        merge.merge(world.office, pkg.path, medium_no="U盘-2026-101")
    assert _state(world) == before


def test_a_package_for_another_office_is_refused(world, team_a, tmp_path):
    # Another office (here: a copy of this one given exchange keys of its own) cannot open it.
    other_folder = tmp_path / "other_office"
    shutil.copytree(world.office.folder, other_folder)
    pkg = _hand_in(team_a.login("leader1"), tmp_path / "h1.xpk")
    other = Workstation(other_folder).unlock("office", DEMO_PASSWORD)
    try:
        with other.transaction() as conn:
            conn.execute("DELETE FROM exchange_settings")
            ident.own_or_new(conn)
        with pytest.raises(ExchangeError, match="不是发给本工作站"):
            merge.merge(other, pkg.path, medium_no="U盘-2026-101")
        assert other.conn.execute("SELECT count(*) FROM talks").fetchone()[0] == 0
    finally:
        other.close()


def test_a_team_workstation_rolled_back_after_a_hand_in_is_caught(world, team_a, tmp_path):
    copy = tmp_path / "team_a_copy"
    for s in team_a.sessions:
        s.close()
    shutil.copytree(team_a.folder, copy)  # an old copy, taken before the hand-in
    team_a.sessions.clear()
    first = _hand_in(team_a.login("leader1"), tmp_path / "h1.xpk")
    merge.merge(world.office, first.path, medium_no="U盘-2026-101")
    for s in team_a.sessions:
        s.close()
    team_a.sessions.clear()
    shutil.rmtree(team_a.folder)
    shutil.copytree(copy, team_a.folder)  # the team workstation put back to the old copy
    signed_talk(world, team_a.login("member1"), world.insp_a.id, interviewee_name="回滚后新增")
    again = _hand_in(team_a.login("leader1"), tmp_path / "h1b.xpk")
    assert again.seq == 1
    before = _state(world)
    with pytest.raises(ExchangeError, match="回滚或复制"):
        merge.merge(world.office, again.path, medium_no="U盘-2026-102")
    assert _state(world) == before


def test_the_anchor_catches_a_trail_rewritten_after_the_hand_in(world):
    peer = {
        "workstation_id": "ws-t",
        "team_id": "team",
        "last_seq": 1,
        "anchor_seq": 40,
        "anchor_hash": "a" * 64,
    }

    class Conn:
        def execute(self, sql, params=()):
            class R:
                def fetchone(self_inner):
                    return peer if "exchange_peers" in sql else None

            return R()

    manifest = {
        "kind": "hand_in",
        "recipient": "ws-o",
        "sender": "ws-t",
        "team_id": "team",
        "seq": 2,
        "audit_head": {"seq": 55},
        "earlier_heads": [{"package": 1, "seq": 40, "hash": "b" * 64}],
    }
    with pytest.raises(ExchangeError, match="第 40 条"):
        acceptance.check(Conn(), manifest, "ws-o", "sha")
    manifest["earlier_heads"][0]["hash"] = "a" * 64
    assert acceptance.check(Conn(), manifest, "ws-o", "sha") is peer
    manifest["audit_head"]["seq"] = 30  # shorter than the head kept: cut off
    with pytest.raises(ExchangeError, match="回滚"):
        acceptance.check(Conn(), manifest, "ws-o", "sha")
