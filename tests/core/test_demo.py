"""The demo workstation: every populator runs through the core's rules and leaves a sound store."""

from pathlib import Path

import pytest

from app.core.errors import StoreError
from app.core.security.roles import Role
from app.core.store.keyslots import KdfParams
from app.core.store.verify import verify_folder
from app.demo.accounts import DEMO_PASSWORD, create_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


def test_demo_accounts_sign_in_with_the_demo_password(demo: Path):
    from app.core.workstation import Workstation

    ws = Workstation(demo)
    assert ws.is_demo()
    for username, role in [
        ("sysadmin", Role.SYSADMIN),
        ("secadmin", Role.SECURITY_OFFICER),
        ("auditor", Role.AUDITOR),
        ("office", Role.OFFICE),
        ("leader1", Role.TEAM_LEADER),
        ("member1", Role.TEAM_MEMBER),
    ]:
        session = ws.unlock(username, DEMO_PASSWORD)
        try:
            assert session.role == role
            assert not session.user.must_change_password
        finally:
            session.close()


def test_demo_store_verifies_clean(demo: Path):
    report = verify_folder(demo, "auditor", DEMO_PASSWORD)
    assert report.ok, report.text()


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(StoreError):
        create_demo(tmp_path, kdf=KdfParams.fast_for_tests())
