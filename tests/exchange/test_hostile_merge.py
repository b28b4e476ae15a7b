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


def _forge(team_session, path, rows, seq=1):
    """A hand-in made with the team workstation's own keys, holding whatever rows it likes."""
    from app.core.exchange import package
    from app.core.exchange.hand_in import _heads
    from app.core.exchange.package_format import SealedTo

    conn = team_session.conn
    values = ident.team_settings(conn)
    builder = package.PackageBuilder(
        path, SealedTo(bytes.fromhex(values["office_seal_public"])), ident.own(conn).sign
    )
    for part, row in rows:
        builder.row(part, row)
    head = conn.execute(
        "SELECT seq, hash, at, signer_key, signature FROM audit ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    builder.finish(
        {
            "kind": "hand_in",
            "sender": team_session.workstation_id,
            "recipient": values["office_workstation_id"],
            "created_at": "2026-03-20T00:00:00+00:00",
            "seq": seq,
            "team_id": values["team_id"],
            "audit_head": dict(head),
            "earlier_heads": _heads(conn),
            "counts": {},
        }
    )
    return path


def test_a_team_cannot_write_another_teams_records_or_unknown_columns(world, tmp_path):
    a = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    b = configure(world, world.team_b, tmp_path / "team_b", tmp_path)
    talk_b = signed_talk(world, b.login("member2"), world.insp_b.id, leader="leader2", member="member2")
    merge.merge(world.office, _hand_in(b.login("leader2"), tmp_path / "b1.xpk").path, medium_no="U盘-2")
    office_row = dict(world.office.conn.execute("SELECT * FROM talks WHERE id = ?", (talk_b.id,)).fetchone())
    forged_row = {k: v for k, v in office_row.items() if k != "doc_no"} | {"key_points": "被篡改"}
    before = _state(world)
    leader_a = a.login("leader1")
    for name, rows, message in (
        ("other-team", [("talks", forged_row)], "不属于该巡察组"),
        (
            "moved-in",
            [("talks", forged_row | {"id": "new-talk", "inspection_id": world.insp_b.id, "number": 99})],
            "不属于",
        ),
        ("column", [("talks", {**forged_row, "id": "x", "evil": 1})], "损坏"),
        ("value", [("talks", {**forged_row, "id": "y", "key_points": {"a": [1]}})], "损坏"),
        ("table", [("users", {"id": world.users["member1"], "role": "office"})], "损坏"),
    ):
        path = _forge(leader_a, tmp_path / f"{name}.xpk", rows)
        with pytest.raises(ExchangeError, match=message):
            merge.merge(world.office, path, medium_no="U盘-3")
        assert _state(world) == before
    row = world.office.conn.execute("SELECT key_points FROM talks WHERE id = ?", (talk_b.id,)).fetchone()
    assert row[0] == office_row["key_points"]


def test_a_record_pointing_at_nothing_here_is_refused(world, team_a, tmp_path):
    leader = team_a.login("leader1")
    first = _hand_in(leader, tmp_path / "h1.xpk")
    merge.merge(world.office, first.path, medium_no="U盘-1")
    talk_id = world.office.conn.execute("SELECT id FROM talks").fetchone()[0]
    ghost = {"talk_id": talk_id, "user_id": "no-such-user", "sort_order": 3}
    path = _forge(leader, tmp_path / "dangling.xpk", [("talk_interviewers", ghost)], seq=2)
    before = _state(world)
    with pytest.raises(ExchangeError, match="引用了本机没有的记录"):
        merge.merge(world.office, path, medium_no="U盘-3")
    assert _state(world) == before
    assert not world.office.conn.in_transaction
