"""The capability matrix, walked whole, and enforced by the core operations themselves.

For every role and capability `session.require` refuses exactly what MATRIX does not grant; then
each administrative operation is called as every role and must succeed or raise PermissionDenied
exactly as the matrix says, a refused call changing nothing. Then the password rules.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from app.core.errors import AuthenticationError, PasswordChangeRequired, PermissionDenied, ValidationError
from app.core.security import accounts, audit_view, dual_control, policy_admin
from app.core.security.policy import Policy, character_classes, check_password
from app.core.security.roles import CAP_LABELS, MATRIX, Cap, Role
from app.core.session import Session
from app.core.store import backup
from app.core.store.keyslots import KdfParams
from app.core.store.verify import verify_store
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD, standard_accounts

USER_OF_ROLE = {
    Role.SYSADMIN: "sysadmin",
    Role.SECURITY_OFFICER: "secadmin",
    Role.AUDITOR: "auditor",
    Role.OFFICE: "office",
    Role.TEAM_LEADER: "leader1",
    Role.TEAM_MEMBER: "member1",
}


def test_every_role_has_a_demo_account():
    assert set(USER_OF_ROLE) == set(Role) - {Role.PENDING}  # a pending account cannot sign in
    assert set(MATRIX) == set(Role)


def test_every_cap_has_a_chinese_label():
    assert set(CAP_LABELS) == set(Cap)


def test_require_matches_the_matrix_for_every_role_and_cap(login):
    for role, username in USER_OF_ROLE.items():
        session = login(username)
        assert session.role == role
        for cap in Cap:
            if cap in MATRIX[role]:
                session.require(cap)
                assert session.can(cap)
            else:
                with pytest.raises(PermissionDenied) as info:
                    session.require(cap)
                assert not session.can(cap)
                assert role.label in str(info.value) and CAP_LABELS[cap] in str(info.value)


def test_separation_of_duties():
    """三员分立: no administrator reads case data; only the auditor reads the trail."""
    case_caps = {Cap.CASE_READ_ALL, Cap.CASE_READ_TEAM, Cap.CASE_WRITE, Cap.LEADS_READ, Cap.LEADS_WRITE}
    for role in (Role.SYSADMIN, Role.SECURITY_OFFICER, Role.AUDITOR):
        assert not MATRIX[role] & case_caps, role
    assert [r for r in Role if Cap.AUDIT_READ in MATRIX[r]] == [Role.AUDITOR]
    assert [r for r in Role if Cap.ACCOUNTS_MANAGE in MATRIX[r]] == [Role.SYSADMIN]
    assert [r for r in Role if Cap.POLICY_SET in MATRIX[r]] == [Role.SECURITY_OFFICER]


# ---- the operations, as every role ---------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    name: str
    caps: frozenset[Cap]  # allowed when the role has any of these
    call: Callable[[Session, dict], object]


def _user_id(session: Session, username: str) -> str:
    row = session.conn.execute("SELECT id FROM users WHERE username = ?", (username,)).fetchone()
    return row[0]


OPS = [
    Op("list_accounts", frozenset({Cap.ACCOUNTS_LIST}), lambda s, ctx: accounts.list_accounts(s)),
    Op(
        "create_account",
        frozenset({Cap.ACCOUNTS_MANAGE}),
        lambda s, ctx: accounts.create_account(s, "newcomer", "新同志", "Temp-Pass-2026!"),
    ),
    Op(
        "propose_password_reset",
        frozenset({Cap.ACCOUNTS_MANAGE, Cap.ROLES_ASSIGN}),  # either of the pair proposes
        lambda s, ctx: dual_control.propose_password_reset(s, _user_id(s, "member1"), "Temp-Pass-2026!"),
    ),
    Op(
        "set_disabled",
        frozenset({Cap.ACCOUNTS_MANAGE}),
        lambda s, ctx: accounts.set_disabled(s, _user_id(s, "member1"), True),
    ),
    Op(
        "propose_role",
        frozenset({Cap.ACCOUNTS_MANAGE, Cap.ROLES_ASSIGN}),
        lambda s, ctx: dual_control.propose_role(s, _user_id(s, "member1"), Role.TEAM_LEADER, "机密"),
    ),
    Op(
        "set_policy",
        frozenset({Cap.POLICY_SET}),
        lambda s, ctx: policy_admin.set_policy(s, lockout_minutes=15),
    ),
    Op("audit.list_entries", frozenset({Cap.AUDIT_READ}), lambda s, ctx: audit_view.list_entries(s)),
    Op("audit.count_entries", frozenset({Cap.AUDIT_READ}), lambda s, ctx: audit_view.count_entries(s)),
    Op("audit.distinct_actions", frozenset({Cap.AUDIT_READ}), lambda s, ctx: audit_view.distinct_actions(s)),
    Op("audit.distinct_users", frozenset({Cap.AUDIT_READ}), lambda s, ctx: audit_view.distinct_users(s)),
    Op(
        "audit.export_entries",
        frozenset({Cap.AUDIT_EXPORT}),
        lambda s, ctx: audit_view.export_entries(s, ctx["out"] / "audit.xlsx"),
    ),
    Op("audit.verify", frozenset({Cap.AUDIT_READ, Cap.STORE_VERIFY}), lambda s, ctx: audit_view.verify(s)),
    Op("verify_store", frozenset({Cap.STORE_VERIFY}), lambda s, ctx: verify_store(s)),
    Op(
        "create_backup",
        frozenset({Cap.BACKUP_CREATE}),
        lambda s, ctx: backup.create_backup(s, ctx["out"] / "backup.xcbak"),
    ),
]


def _state(session: Session) -> tuple:
    """What a refused call must not change: accounts, policy, the slot file, the output folder."""
    users = session.conn.execute("SELECT * FROM users ORDER BY id").fetchall()
    policy = session.conn.execute("SELECT * FROM policy ORDER BY key").fetchall()
    return users, policy, (session.folder / "keyslots.json").read_bytes()


@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_operation_is_allowed_exactly_as_the_matrix_says(op, _template_workstation, tmp_path):
    for role, username in USER_OF_ROLE.items():
        folder = tmp_path / role.value / "ws"
        shutil.copytree(_template_workstation, folder)
        out = tmp_path / role.value / "out"
        out.mkdir()
        session = Workstation(folder).unlock(username, DEMO_PASSWORD)
        try:
            permitted = bool(op.caps & MATRIX[role])
            if permitted:
                op.call(session, {"out": out})
            else:
                before = _state(session)
                with pytest.raises(PermissionDenied):
                    op.call(session, {"out": out})
                assert _state(session) == before, f"{op.name} as {role}: a refused call changed something"
                assert list(out.iterdir()) == [], f"{op.name} as {role}: a refused call wrote a file"
        finally:
            session.close()


def test_restore_is_for_the_sysadmin_only(_template_workstation, tmp_path):
    folder = tmp_path / "ws"
    shutil.copytree(_template_workstation, folder)
    session = Workstation(folder).unlock("sysadmin", DEMO_PASSWORD)
    try:
        backup.create_backup(session, tmp_path / "b.xcbak")
    finally:
        session.close()
    for role, username in USER_OF_ROLE.items():
        if Cap.BACKUP_RESTORE in MATRIX[role]:
            continue
        before = (folder / "workbench.db").read_bytes()
        with pytest.raises(PermissionDenied):
            backup.restore_backup(folder, tmp_path / "b.xcbak", username, DEMO_PASSWORD)
        assert (folder / "workbench.db").read_bytes() == before
    assert [r for r in Role if Cap.BACKUP_RESTORE in MATRIX[r]] == [Role.SYSADMIN]
    backup.restore_backup(folder, tmp_path / "b.xcbak", "sysadmin", DEMO_PASSWORD)


# ---- password policy -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "clearance", "ok"),
    [
        ("Abc-1234", "秘密", True),  # 8 characters, 4 classes
        ("Abc-123", "秘密", False),  # 7 characters
        ("abcdefgh", "秘密", False),  # 1 class
        ("abcd1234", "秘密", False),  # 2 classes
        ("Abcd1234", "秘密", True),  # 3 classes
        ("abcd-123", "秘密", True),  # lower, digit, symbol
        ("Abc-12345", "机密", False),  # 机密 needs 10
        ("Abc-123456", "机密", True),
        ("巡察工作abc12", "秘密", True),  # non-ASCII counts as a symbol class
    ],
)
def test_password_rules(password, clearance, ok):
    if ok:
        check_password(password, Policy(), clearance)
    else:
        with pytest.raises(ValidationError) as info:
            check_password(password, Policy(), clearance)
        assert info.value.field == "password"


def test_password_may_not_contain_the_username():
    with pytest.raises(ValidationError):
        check_password("Office-2026!", Policy(), "秘密", "office")


def test_character_classes():
    assert character_classes("aA1-") == 4
    assert character_classes("aaaa") == 1


def test_weak_temporary_password_is_refused_by_create_account(login):
    session = login("sysadmin")
    with pytest.raises(ValidationError) as info:
        accounts.create_account(session, "newcomer", "新同志", "short1A")
    assert info.value.field == "password"
    assert session.conn.execute("SELECT count(*) FROM users WHERE username = 'newcomer'").fetchone()[0] == 0


def test_policy_minimum_length_set_by_the_security_officer_applies(login):
    policy_admin.set_policy(login("secadmin"), min_length=12)
    with pytest.raises(ValidationError):
        accounts.create_account(login("sysadmin"), "newcomer", "新同志", "Temp-Pass-2")  # 11 characters
    accounts.create_account(login("sysadmin"), "newcomer", "新同志", "Temp-Pass-2026")


def test_policy_limits_are_enforced(login):
    session = login("secadmin")
    for bad in ({"min_length": 6}, {"min_classes": 2}, {"max_failures": 0}, {"max_age_days": 60}):
        with pytest.raises(ValidationError):
            policy_admin.set_policy(session, **bad)


@pytest.fixture
def must_change_workstation(tmp_path) -> Workstation:
    ws = Workstation(tmp_path / "ws")
    ws.create("某市委巡察办", standard_accounts(must_change=True), kdf=KdfParams.fast_for_tests())
    return ws


def test_first_login_must_change_password_before_anything_else(must_change_workstation):
    ws = must_change_workstation
    for role, username in USER_OF_ROLE.items():
        session = ws.unlock(username, DEMO_PASSWORD)
        try:
            assert session.user.must_change_password
            for cap in MATRIX[role]:
                with pytest.raises(PasswordChangeRequired):
                    session.require(cap)
        finally:
            session.close()

    session = ws.unlock("sysadmin", DEMO_PASSWORD)
    try:
        with pytest.raises(PasswordChangeRequired):
            accounts.list_accounts(session)
        with pytest.raises(ValidationError):
            accounts.change_own_password(session, DEMO_PASSWORD, "weakpass")
        with pytest.raises(ValidationError):
            accounts.change_own_password(session, DEMO_PASSWORD, DEMO_PASSWORD)
        with pytest.raises(AuthenticationError):
            accounts.change_own_password(session, "Not-The-Old-1", "Brand-New-2026!")
        accounts.change_own_password(session, DEMO_PASSWORD, "Brand-New-2026!")
        accounts.list_accounts(session)  # now allowed
    finally:
        session.close()
    with pytest.raises(AuthenticationError):
        ws.unlock("sysadmin", DEMO_PASSWORD)
    session = ws.unlock("sysadmin", "Brand-New-2026!")
    try:
        assert not session.user.must_change_password
        accounts.list_accounts(session)
    finally:
        session.close()


def test_reset_password_forces_a_change_at_next_sign_in(login, workstation):
    sysadmin = login("sysadmin")
    member = accounts.user_by_name(sysadmin, "member1")
    change = dual_control.propose_password_reset(sysadmin, member.id, "Temp-Pass-2026!")
    dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)
    session = workstation.unlock("member1", "Temp-Pass-2026!")
    try:
        with pytest.raises(PasswordChangeRequired):
            session.require(Cap.CASE_WRITE)
    finally:
        session.close()


def test_expired_password_must_be_changed(workstation):
    later = datetime.now(UTC) + timedelta(days=31)
    session = workstation.unlock("office", DEMO_PASSWORD, now=later)
    try:
        assert session.user.must_change_password
        with pytest.raises(PasswordChangeRequired):
            session.require(Cap.CASE_WRITE)
    finally:
        session.close()
