"""Enabling a disabled business account gives it back its access to case data: a two-person step.

The adversary is the system administrator alone: it disabled (or found disabled) the office account
and wants it back, e.g. to reset its password through the recovery flow or use it later.
"""

from __future__ import annotations

import pytest

from app.core.errors import AuthenticationError, PermissionDenied, ValidationError
from app.core.security import accounts, dual_control
from tests.conftest import DEMO_PASSWORD


def _disable_office(sysadmin) -> str:
    office = accounts.user_by_name(sysadmin, "office")
    accounts.set_disabled(sysadmin, office.id, True)  # disabling takes access away: one step
    return office.id


def test_the_system_administrator_alone_cannot_enable_an_account(login, workstation):
    sysadmin = login("sysadmin")
    office_id = _disable_office(sysadmin)
    with pytest.raises(PermissionDenied, match="双人"):
        accounts.set_disabled(sysadmin, office_id, False)
    change = dual_control.propose_enable(sysadmin, office_id)
    assert accounts.get_user(sysadmin, office_id).disabled  # a proposal writes nothing
    for name, password in (
        ("sysadmin", DEMO_PASSWORD),
        ("auditor", DEMO_PASSWORD),
        ("office", DEMO_PASSWORD),
    ):
        with pytest.raises(PermissionDenied):
            dual_control.confirm(sysadmin, change, name, password)
    with pytest.raises(AuthenticationError):
        dual_control.confirm(sysadmin, change, "secadmin", "Guess-2026!!")
    assert accounts.get_user(sysadmin, office_id).disabled
    with pytest.raises(AuthenticationError, match="停用"):
        workstation.unlock("office", DEMO_PASSWORD)


def test_enabling_with_the_security_officer_works_and_names_both(login, workstation):
    sysadmin = login("sysadmin")
    office_id = _disable_office(sysadmin)
    change = dual_control.propose_enable(sysadmin, office_id)
    dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)
    assert not accounts.get_user(sysadmin, office_id).disabled
    row = sysadmin.conn.execute(
        "SELECT summary FROM audit WHERE action = 'account_enable' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert "sysadmin" in row["summary"] and "secadmin" in row["summary"]
    workstation.unlock("office", DEMO_PASSWORD).close()
    with pytest.raises(ValidationError):  # nothing left to enable
        dual_control.propose_enable(sysadmin, office_id)
