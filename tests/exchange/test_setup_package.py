"""Configure: the office's setup package creates a team workstation in one step."""

from __future__ import annotations

import pytest

from app.core.domain.organisation import inspections
from app.core.errors import AuthenticationError
from app.core.exchange import register, setup_package
from app.core.exchange.errors import ExchangeError
from app.core.security import audit as audit_trail
from app.core.store.keyslots import KeySlots, subkey
from tests.core.org_support import world_fixture  # noqa: F401
from tests.exchange.support import INITIAL, PASSPHRASE, configure, signed_talk


def test_setup_package_creates_the_team_workstation(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    files = sorted(p.name for p in team.folder.iterdir())
    assert files == ["audit.head", "keyslots.json", "workbench.db"]
    slots = KeySlots.load(team.folder)
    assert sorted(slots.usernames()) == ["leader1", "member1"]  # only the team's accounts
    assert team.workstation.unlock  # the office's accounts cannot sign in there
    with pytest.raises(AuthenticationError):
        team.workstation.unlock("office", INITIAL)
    leader = team.login("leader1")
    assert leader.workstation_id == team.export.team_workstation_id
    assert leader.user.id == world.users["leader1"]  # the same ids as at the office
    visible = inspections.list_inspections(leader)
    assert [i.id for i in visible] == [world.insp_a.id]  # its own inspection, not team B's
    assert leader.conn.execute("SELECT count(*) FROM inspections").fetchone()[0] == 1
    # The team can work: a signed talk on its inspection.
    member = team.login("member1")
    signed_talk(world, member, world.insp_a.id)
    # The trail is whole, and begins with the setup.
    report = audit_trail.verify_chain(leader.conn, bytes(subkey(leader.root_key, "audit-chain")))
    assert report.ok, report.message
    first = leader.conn.execute("SELECT action FROM audit ORDER BY seq LIMIT 2").fetchall()
    assert [r[0] for r in first] == ["setup", "exchange_setup_import"]
    # The office registered the export with its medium, and the team workstation as a peer.
    rows = register.entries(world.office)
    assert [(e.direction, e.kind, e.medium_no) for e in rows] == [("export", "setup", "U盘-2026-001")]
    assert world.office.conn.execute("SELECT count(*) FROM exchange_peers").fetchone()[0] == 1
    assert world.audit_rows("exchange_setup_export")


def test_setup_package_refuses_a_wrong_passphrase_and_an_occupied_folder(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    out = tmp_path / "setup-第一巡察组.xpk"
    with pytest.raises(ExchangeError, match="传递口令不正确"):
        setup_package.install_setup(tmp_path / "other", out, "错误的口令-123")
    assert not (tmp_path / "other" / "workbench.db").exists()
    with pytest.raises(ExchangeError, match="已经有数据库"):
        setup_package.install_setup(team.folder, out, PASSPHRASE)


def test_the_package_holds_no_plaintext(world, tmp_path):
    configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    raw = (tmp_path / "setup-第一巡察组.xpk").read_bytes()
    for text in ("市教育局", "leader1", "第一巡察组", "王建国"):
        assert text.encode() not in raw


def test_initial_passwords_follow_the_policy_and_the_passphrase_has_a_minimum(world, tmp_path):
    from app.core.errors import ValidationError

    names = {"leader1": "short", "member1": "short"}
    with pytest.raises(ValidationError):
        setup_package.export_setup(
            world.office,
            world.team_a.id,
            tmp_path / "s.xpk",
            passphrase=PASSPHRASE,
            passwords=names,
            medium_no="U盘-1",
        )
    with pytest.raises(ExchangeError, match="至少 8 个字符"):
        setup_package.export_setup(
            world.office,
            world.team_a.id,
            tmp_path / "s.xpk",
            passphrase="短",
            passwords=names,
            medium_no="U盘-1",
        )
    assert not (tmp_path / "s.xpk").exists()
    for table in ("exchange_peers", "exchange_settings", "exchange_register"):
        assert world.office.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
