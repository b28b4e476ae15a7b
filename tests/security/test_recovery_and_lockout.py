"""The recovery code is single-use and its wrong guesses lock it, as wrong passwords do at sign-in."""

from __future__ import annotations

import pytest

from app.core.errors import AccountLocked, AuthenticationError
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from tests.conftest import standard_accounts

NEW = "Recovered-2026!"


@pytest.fixture
def fresh(tmp_path, monkeypatch) -> tuple[Workstation, str]:
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    ws = Workstation(tmp_path / "ws")
    result = ws.create("某市委巡察办", standard_accounts(), kdf=KdfParams.fast_for_tests())
    return ws, result.recovery_code


def test_a_used_recovery_code_is_refused_and_a_new_one_works(fresh):
    ws, code = fresh
    new_code = ws.recover(code, "member1", NEW)
    assert new_code and new_code != code
    with pytest.raises(AuthenticationError):
        ws.recover(code, "office", NEW)  # the same code a second time
    with pytest.raises(AuthenticationError):
        ws.unlock("office", NEW)
    session = ws.unlock("member1", NEW)
    assert session.user.must_change_password
    session.close()
    assert ws.recover(new_code, "member1", "Recovered-2027!") != new_code


def test_guessing_recovery_codes_locks_the_recovery_slot(fresh):
    ws, code = fresh
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            ws.recover("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", "member1", NEW)
    with pytest.raises(AccountLocked):
        ws.recover("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", "member1", NEW)
    with pytest.raises(AccountLocked):  # even the right code, while locked
        ws.recover(code, "member1", NEW)
