"""Shared test set-up: Qt offscreen, no network, and ready-made workstations.

Socket creation is forbidden for the whole run (the app must never reach a network), and Qt runs
offscreen so the suite needs no display.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Qt settings and caches of the test run go to a throwaway place, not the tester's home.
os.environ.setdefault("XDG_CONFIG_HOME", "/tmp/xuncha-test-config")
os.environ.setdefault("XDG_CACHE_HOME", "/tmp/xuncha-test-cache")


class _NoNetwork(socket.socket):
    def __init__(self, family: int = -1, *args, **kwargs) -> None:
        # AF_UNIX is local IPC (used by some test tooling), never a network; everything else is refused.
        if family == getattr(socket, "AF_UNIX", object()):
            super().__init__(family, *args, **kwargs)
            return
        raise RuntimeError("network access is forbidden in 巡察工作台 and its tests")


socket.socket = _NoNetwork  # type: ignore[misc]
_real_create_connection = socket.create_connection


def _refuse(*args, **kwargs):
    raise RuntimeError("network access is forbidden in 巡察工作台 and its tests")


socket.create_connection = _refuse  # type: ignore[assignment]
socket.getaddrinfo = _refuse  # type: ignore[assignment]

from app.core.security.roles import Role  # noqa: E402
from app.core.store.keyslots import KdfParams  # noqa: E402
from app.core.workstation import NewAccount, Workstation  # noqa: E402

DEMO_PASSWORD = "Demo-2026!"

# ---- one demo per test run -----------------------------------------------------------------------
# Building the demo (every populator through the core) takes ~15 s; many test modules need one.
# The first call with the test KDF builds it for real; later calls copy those files into the new
# folder, which gives the same workstation. Installed before test modules import create_demo.
import app.demo.accounts as _demo_module  # noqa: E402

_real_create_demo = _demo_module.create_demo
_demo_cache: dict[str, Path] = {}


def _cached_create_demo(folder, *, kdf=None, progress=None):
    folder = Path(folder)
    fast = kdf == KdfParams.fast_for_tests()
    if not fast or progress is not None or (folder.exists() and any(folder.iterdir())):
        return _real_create_demo(folder, kdf=kdf, progress=progress)
    if "fast" not in _demo_cache:
        import tempfile

        cache = Path(tempfile.mkdtemp(prefix="xuncha-demo-cache-")) / "ws"
        _real_create_demo(cache, kdf=kdf)
        _demo_cache["fast"] = cache
        import atexit

        atexit.register(shutil.rmtree, cache.parent, True)
    if folder.exists():
        folder.rmdir()
    shutil.copytree(_demo_cache["fast"], folder)
    return Workstation(folder)


_demo_module.create_demo = _cached_create_demo


def standard_accounts(must_change: bool = False) -> list[NewAccount]:
    return [
        NewAccount("sysadmin", "王系统", Role.SYSADMIN, DEMO_PASSWORD, must_change_password=must_change),
        NewAccount(
            "secadmin", "李保密", Role.SECURITY_OFFICER, DEMO_PASSWORD, must_change_password=must_change
        ),
        NewAccount("auditor", "赵审计", Role.AUDITOR, DEMO_PASSWORD, must_change_password=must_change),
        NewAccount("office", "陈巡办", Role.OFFICE, DEMO_PASSWORD, must_change_password=must_change),
        NewAccount("leader1", "刘组长", Role.TEAM_LEADER, DEMO_PASSWORD, must_change_password=must_change),
        NewAccount("member1", "周组员", Role.TEAM_MEMBER, DEMO_PASSWORD, must_change_password=must_change),
    ]


@pytest.fixture(scope="session")
def _template_workstation(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "ws"
    Workstation(folder).create(
        "某市委巡察工作领导小组办公室", standard_accounts(), kdf=KdfParams.fast_for_tests()
    )
    return folder


@pytest.fixture
def workstation(_template_workstation: Path, tmp_path: Path) -> Workstation:
    """A fresh workstation with the six standard accounts (password Demo-2026!, no forced change)."""
    folder = tmp_path / "ws"
    shutil.copytree(_template_workstation, folder)
    return Workstation(folder)


@pytest.fixture
def login(workstation: Workstation) -> Iterator:
    """login('office') -> an open Session; all are closed at the end of the test."""
    sessions = []

    def _login(username: str, password: str = DEMO_PASSWORD):
        session = workstation.unlock(username, password)
        sessions.append(session)
        return session

    yield _login
    for session in sessions:
        if not session.closed:
            session.close()


@pytest.fixture
def artifacts_dir() -> Path | None:
    """Where human-readable outputs are copied when $ARTIFACTS_DIR is set."""
    value = os.environ.get("ARTIFACTS_DIR")
    if not value:
        return None
    path = Path(value)
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_artifact(name: str, data: bytes) -> None:
    value = os.environ.get("ARTIFACTS_DIR")
    if value:
        Path(value).mkdir(parents=True, exist_ok=True)
        (Path(value) / name).write_bytes(data)
