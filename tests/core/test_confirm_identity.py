import pytest

from app.core.errors import AccountLocked, AuthenticationError
from app.core.security.accounts import confirm_identity
from app.core.security.audit_view import list_entries


def test_lock_screen_password_is_checked_counted_and_audited(login):
    session = login("member1")
    with pytest.raises(AuthenticationError):
        confirm_identity(session, "Wrong-2026!")
    confirm_identity(session, "Demo-2026!")
    auditor = login("auditor")
    actions = [e.action for e in list_entries(auditor, username="member1", newest_first=False)]
    assert actions[-2:] == ["unlock_failed", "unlock"]


def test_lock_screen_locks_the_account_after_too_many_failures(login, workstation):
    session = login("member1")
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            confirm_identity(session, "Wrong-2026!")
    with pytest.raises(AccountLocked):
        confirm_identity(session, "Wrong-2026!")
    with pytest.raises(AccountLocked):
        confirm_identity(session, "Demo-2026!")
    with pytest.raises(AccountLocked):
        workstation.unlock("member1", "Demo-2026!")
