"""三员分立 as an adversary tries it: the system administrator alone never reaches case data.

Every path tried with core calls and the files: create an office account; reset the office password
and sign in as it; give itself a role; add itself to a team; confirm its own proposal. Then the
two-person step as it is meant to work, and the previous-sign-in notice (GB/T 22239).
"""

from __future__ import annotations

import pytest

from app.core.domain.organisation import teams, terms
from app.core.errors import AuthenticationError, PermissionDenied, ValidationError
from app.core.security import accounts, dual_control
from app.core.security.roles import Role
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from tests.conftest import DEMO_PASSWORD

TEMP = "Temp-Pass-2026!"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())


def test_create_account_takes_no_role_and_a_new_account_cannot_sign_in(login, workstation):
    sysadmin = login("sysadmin")
    with pytest.raises(TypeError):
        accounts.create_account(sysadmin, "rogue", "某某", TEMP, role=Role.OFFICE)  # type: ignore[call-arg]
    user = accounts.create_account(sysadmin, "rogue", "某某", TEMP)
    assert user.role == Role.PENDING and user.clearance == ""
    assert (
        sysadmin.conn.execute("SELECT count(*) FROM team_members WHERE user_id = ?", (user.id,)).fetchone()[0]
        == 0
    )
    with pytest.raises(AuthenticationError, match="尚未"):
        workstation.unlock("rogue", TEMP)
    actions = [r[0] for r in sysadmin.conn.execute("SELECT action FROM audit WHERE username = 'rogue'")]
    assert "login_refused_pending" in actions


def test_sysadmin_cannot_grant_a_role_alone(login):
    sysadmin = login("sysadmin")
    user = accounts.create_account(sysadmin, "rogue", "某某", TEMP)
    assert not hasattr(accounts, "set_role")
    change = dual_control.propose_role(sysadmin, user.id, Role.OFFICE, "机密")
    # Nothing is written by a proposal.
    assert accounts.get_user(sysadmin, user.id).role == Role.PENDING
    # Confirming with its own password, or the auditor's, or a made-up account: refused.
    with pytest.raises(PermissionDenied):
        dual_control.confirm(sysadmin, change, "sysadmin", DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        dual_control.confirm(sysadmin, change, "auditor", DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        dual_control.confirm(sysadmin, change, "office", DEMO_PASSWORD)
    with pytest.raises(AuthenticationError):
        dual_control.confirm(sysadmin, change, "secadmin", "Guess-2026!!")
    with pytest.raises(AuthenticationError):
        dual_control.confirm(sysadmin, change, "nobody", DEMO_PASSWORD)
    assert accounts.get_user(sysadmin, user.id).role == Role.PENDING


def test_sysadmin_cannot_reset_the_office_password_and_sign_in_as_it(login, workstation):
    sysadmin = login("sysadmin")
    office = accounts.user_by_name(sysadmin, "office")
    assert not hasattr(accounts, "reset_password")
    change = dual_control.propose_password_reset(sysadmin, office.id, TEMP)
    with pytest.raises(PermissionDenied):
        dual_control.confirm(sysadmin, change, "sysadmin", DEMO_PASSWORD)
    with pytest.raises(AuthenticationError):
        workstation.unlock("office", TEMP)
    workstation.unlock("office", DEMO_PASSWORD).close()  # the office password is unchanged


def test_a_forged_pending_change_is_refused(login):
    sysadmin, secadmin = login("sysadmin"), login("secadmin")
    office = accounts.user_by_name(sysadmin, "office")
    change = dual_control.propose_password_reset(secadmin, office.id, TEMP)
    # The sysadmin takes the secadmin's proposal to its own screen: only the proposer confirms.
    with pytest.raises(PermissionDenied):
        dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)


def test_sysadmin_cannot_give_itself_a_role_or_join_a_team(login):
    sysadmin = login("sysadmin")
    me = accounts.user_by_name(sysadmin, "sysadmin")
    with pytest.raises(ValidationError):
        dual_control.propose_role(sysadmin, me.id, Role.OFFICE, "机密")
    secadmin = login("secadmin")
    with pytest.raises(ValidationError):  # nor can anyone turn an administrator into case staff
        dual_control.propose_role(secadmin, me.id, Role.OFFICE, "机密")
    office = login("office")
    term = terms.create_term(office, "中共某市委第九届", "2026-01-01", "2030-12-31")
    rnd = terms.create_round(office, term.id, 1, "regular", status="in_progress", starts_on="2026-03-02")
    team_id = teams.create_team(office, rnd.id, "第一巡察组").id
    with pytest.raises(PermissionDenied):
        teams.add_member(sysadmin, team_id, me.id, "member")
    assert (
        sysadmin.conn.execute("SELECT count(*) FROM team_members WHERE user_id = ?", (me.id,)).fetchone()[0]
        == 0
    )


def test_two_administrators_grant_a_new_account(login, workstation):
    sysadmin = login("sysadmin")
    user = accounts.create_account(sysadmin, "newcomer", "新同志", TEMP)
    secadmin = login("secadmin")
    change = dual_control.propose_role(secadmin, user.id, Role.TEAM_MEMBER, "秘密")
    assert "新同志" in change.summary and change.confirmer_roles == (Role.SYSADMIN,)
    dual_control.confirm(secadmin, change, "sysadmin", DEMO_PASSWORD)
    granted = accounts.get_user(secadmin, user.id)
    assert (granted.role, granted.clearance) == (Role.TEAM_MEMBER, "秘密")
    summary = secadmin.conn.execute(
        "SELECT summary FROM audit WHERE action = 'role_assign' AND object_id = ?", (user.id,)
    ).fetchone()[0]
    assert "secadmin" in summary and "sysadmin" in summary
    session = workstation.unlock("newcomer", TEMP)
    assert session.user.must_change_password
    session.close()


def test_a_reset_is_changed_at_next_sign_in_and_says_who_reset_it(login, workstation):
    sysadmin = login("sysadmin")
    member = accounts.user_by_name(sysadmin, "member1")
    change = dual_control.propose_password_reset(sysadmin, member.id, TEMP)
    assert change.confirmer_roles == (Role.SECURITY_OFFICER,)
    dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)
    session = workstation.unlock("member1", TEMP)
    try:
        assert session.user.must_change_password
        notice = session.notice
        assert notice.reset_at and "sysadmin" in notice.reset_by and "secadmin" in notice.reset_by
        assert "被重置" in notice.text()
    finally:
        session.close()


def test_resetting_the_security_officer_is_confirmed_by_the_auditor(login):
    sysadmin = login("sysadmin")
    secadmin = accounts.user_by_name(sysadmin, "secadmin")
    change = dual_control.propose_password_reset(sysadmin, secadmin.id, TEMP)
    assert change.confirmer_roles == (Role.AUDITOR,)
    with pytest.raises(PermissionDenied):  # the target never confirms a change to its own account
        dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)
    dual_control.confirm(sysadmin, change, "auditor", DEMO_PASSWORD)


def test_members_and_the_auditor_propose_nothing(login):
    for name in ("member1", "office", "auditor"):
        session = login(name)
        with pytest.raises(PermissionDenied):
            dual_control.propose_password_reset(session, session.user.id, TEMP)


def test_user_by_name_needs_the_account_list_capability(login):
    for name in ("member1", "office", "auditor"):
        with pytest.raises(PermissionDenied):
            accounts.user_by_name(login(name), "office")
    assert accounts.user_by_name(login("secadmin"), "office").username == "office"


# ---- the previous sign-in (GB/T 22239) -----------------------------------------------------------


def test_every_sign_in_shows_the_previous_one_and_the_failures_since(workstation):
    first = workstation.unlock("member1", DEMO_PASSWORD)
    previous = first.conn.execute("SELECT last_login_at FROM users WHERE username = 'member1'").fetchone()[0]
    first.close()
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            workstation.unlock("member1", "Wrong-2026!!")
    session = workstation.unlock("member1", DEMO_PASSWORD)
    try:
        notice = session.notice
        assert notice.previous_at == previous
        assert notice.failures_since == 2
        assert "上次登录" in notice.text() and "2 次" in notice.text()
    finally:
        session.close()
    again = workstation.unlock("member1", DEMO_PASSWORD)
    try:
        assert again.notice.failures_since == 0 and again.notice.previous_at > previous
    finally:
        again.close()
