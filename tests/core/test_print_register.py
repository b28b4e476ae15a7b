"""The print register: copy numbers without gaps or duplicates, prints and exports audited."""

from __future__ import annotations

import threading

import pytest

from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.core.printing.register import CopyStatus, list_prints, register_print, set_copy_status
from app.core.store.connection import IntegrityError


def _audit(session, action):
    return [
        tuple(r)
        for r in session.conn.execute(
            "SELECT object_type, object_id, summary FROM audit WHERE action = ? ORDER BY seq", (action,)
        )
    ]


def test_copy_numbers_run_per_document(login):
    office = login("office")
    assert register_print(office, "talk_record", "t1", 3) == [1, 2, 3]
    assert register_print(office, "talk_record", "t1", 2) == [4, 5]
    assert register_print(office, "talk_record", "t2", 1) == [1]
    assert register_print(office, "talk_record", "t1", 1, "export") == [6]
    rows = _audit(office, "print")
    assert [r[:2] for r in rows] == [("talk_record", "t1"), ("talk_record", "t1"), ("talk_record", "t2")]
    assert "000001–000003" in rows[0][2] and "共 3 份" in rows[0][2]
    assert _audit(office, "export") == [("talk_record", "t1", "导出谈话记录，份号 000006，共 1 份")]


def test_print_and_export_need_their_capabilities(login):
    with pytest.raises(PermissionDenied):
        register_print(login("sysadmin"), "talk_record", "t1", 1)
    member = login("member1")
    assert register_print(member, "talk_record", "t1", 1) == [1]
    with pytest.raises(PermissionDenied):
        register_print(member, "talk_record", "t1", 1, "export")  # members may print, not export
    for bad in (0, 51, "x"):
        with pytest.raises(ValidationError):
            register_print(member, "talk_record", "t1", bad)
    with pytest.raises(ValidationError):
        register_print(member, "Talk Record!", "t1", 1)


def test_concurrent_allocation_has_no_gaps_or_duplicates(workstation, tmp_path):
    # Two sessions, two connections, two threads hammering the same document at once.
    barrier = threading.Barrier(2, timeout=60)
    opening = threading.Lock()
    got: list[list[int]] = [[], []]
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        # A connection belongs to the thread that opened it. Sign-in rewrites the key-slot file, so
        # the two sign-ins take turns; the allocations afterwards run truly concurrently.
        with opening:
            session = workstation.unlock(["office", "leader1"][k], "Demo-2026!")
        # The audit head file beside the database is written with a fixed temporary name, which two
        # writers in one folder race on (reported separately); each thread keeps its own copy here.
        # The database, its transactions and the audit chain itself are shared.
        session.folder = tmp_path / f"head-{k}"
        session.folder.mkdir()
        try:
            barrier.wait()
            for i in range(25):
                got[k] += register_print(session, "talk_record", "shared", 1 + (i + k) % 3)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    numbers = sorted(got[0] + got[1])
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) == sum(1 + (i + k) % 3 for k in range(2) for i in range(25))
    check = workstation.unlock("office", "Demo-2026!")
    try:
        (n,) = check.conn.execute("SELECT count(*) FROM print_copies WHERE record_id = 'shared'").fetchone()
        assert n == len(numbers)
        (entries,) = check.conn.execute("SELECT count(*) FROM audit WHERE action = 'print'").fetchone()
        assert entries == 50
    finally:
        check.close()


def test_copies_are_returned_or_destroyed_and_never_go_back(login):
    office = login("office")
    register_print(office, "talk_record", "t1", 2, inspection_id=None, classification="秘密★1年")
    set_copy_status(office, "talk_record", "t1", 1, CopyStatus.RETURNED)
    set_copy_status(office, "talk_record", "t1", 1, CopyStatus.DESTROYED)
    set_copy_status(office, "talk_record", "t1", 2, "destroyed")
    with pytest.raises(Conflict):
        set_copy_status(office, "talk_record", "t1", 2, "returned")
    with pytest.raises(PermissionDenied):
        set_copy_status(login("member1"), "talk_record", "t1", 1, "returned")
    (entry,) = list_prints(office, record_id="t1")
    assert entry.copy_numbers == [1, 2] and entry.classification == "秘密★1年"
    assert entry.statuses == {1: CopyStatus.DESTROYED, 2: CopyStatus.DESTROYED}
    assert [r[0] for r in _audit(office, "print_copy_destroyed")] == ["talk_record", "talk_record"]


def test_register_is_append_only(login):
    office = login("office")
    register_print(office, "talk_record", "t1", 1)
    for sql in (
        "DELETE FROM print_register",
        "UPDATE print_register SET copies = 9",
        "DELETE FROM print_copies",
        "UPDATE print_copies SET copy_number = 7",
    ):
        with pytest.raises(IntegrityError):
            office.conn.execute(sql)


def test_members_see_only_their_own_prints(login):
    office, member = login("office"), login("member1")
    register_print(office, "talk_record", "t1", 1)
    register_print(member, "talk_record", "t2", 1)
    assert [e.record_id for e in list_prints(member)] == ["t2"]
    assert {e.record_id for e in list_prints(office)} == {"t1", "t2"}
    assert {e.record_id for e in list_prints(login("auditor"))} == {"t1", "t2"}
