"""A small organisation for the test_org_* tests: two teams of one round, each inspecting one unit.

- 第一巡察组: leader1 (leader) and member1 (member), inspecting 市教育局
- 第二巡察组: leader2 (leader) and member2 (member), inspecting 市财政局
- 青石镇 and its village 青石镇石桥村: not inspected (a coverage gap)

Import the fixture in a test module with `from tests.core.org_support import world_fixture  # noqa: F401`
and ask for `world`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.core.domain.organisation import inspections, staff, teams, terms, units
from app.core.security.roles import Role
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.demo.org import demo_account

ALL_USERS = ["office", "leader1", "member1", "leader2", "member2", "sysadmin", "secadmin", "auditor"]
ADMINS = ["sysadmin", "secadmin", "auditor"]


@dataclass
class World:
    login: object
    office: object
    users: dict  # username -> user id
    term: terms.Term
    round: terms.Round
    batch: terms.Batch
    team_a: teams.Team
    team_b: teams.Team
    unit_a: units.Unit
    unit_b: units.Unit
    township: units.Unit
    village: units.Unit
    insp_a: inspections.Inspection
    insp_b: inspections.Inspection

    def audit_rows(self, action: str) -> list[tuple]:
        return [
            tuple(r)
            for r in self.office.conn.execute(
                "SELECT username, object_type, object_id, summary FROM audit WHERE action = ? ORDER BY seq",
                (action,),
            )
        ]


@pytest.fixture(name="world")
def world_fixture(login, monkeypatch) -> World:
    # create_account uses the calibrated (0.5 s) KDF; tests use the fast parameters instead.
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    sysadmin = login("sysadmin")
    demo_account(sysadmin, "leader2", "张卫东", Role.TEAM_LEADER)
    demo_account(sysadmin, "member2", "赵明辉", Role.TEAM_MEMBER)
    office = login("office")
    users = {
        u: office.conn.execute("SELECT id FROM users WHERE username = ?", (u,)).fetchone()[0]
        for u in ALL_USERS
    }
    for username in ("leader1", "member1", "leader2", "member2"):
        staff.add_staff(office, users[username], "巡察干部", "财务审计")
    term = terms.create_term(office, "中共某市委第九届", "2026-01-01", "2030-12-31")
    rnd = terms.create_round(office, term.id, 1, "regular", status="in_progress", starts_on="2026-03-02")
    batch = terms.create_batch(office, rnd.id, 1, "2026-03-02", "2026-04-30")
    team_a = teams.create_team(office, rnd.id, "第一巡察组")
    teams.add_member(office, team_a.id, users["leader1"], "leader")
    teams.add_member(office, team_a.id, users["member1"], "member")
    team_b = teams.create_team(office, rnd.id, "第二巡察组")
    teams.add_member(office, team_b.id, users["leader2"], "leader")
    teams.add_member(office, team_b.id, users["member2"], "member")
    unit_a = units.create_unit(office, "市教育局", "department")
    unit_b = units.create_unit(office, "市财政局", "department")
    township = units.create_unit(office, "青石镇", "township")
    village = units.create_unit(office, "青石镇石桥村", "village", township.id)
    units.add_person(office, unit_a.id, "王建国", "党组书记、局长", is_top_leader=True)
    units.add_person(office, unit_a.id, "李红梅", "党组成员、副局长")
    units.add_person(office, unit_b.id, "张志强", "党组书记、局长", is_top_leader=True)
    insp_a = inspections.create_inspection(
        office, team_a.id, unit_a.id, batch_id=batch.id, began_on="2026-03-02"
    )
    insp_b = inspections.create_inspection(
        office, team_b.id, unit_b.id, batch_id=batch.id, began_on="2026-03-02"
    )
    return World(
        login,
        office,
        users,
        term,
        rnd,
        batch,
        team_a,
        team_b,
        unit_a,
        unit_b,
        township,
        village,
        insp_a,
        insp_b,
    )
