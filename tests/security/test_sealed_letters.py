"""The lead transfer letter keeps its lead text in the leads compartment (issue 15, gap b).

The letter (线索移交函) is assembled from the leads: the persons' names and posts, what is alleged,
the receiving body. Saved as an official document, that text must not sit in `official_versions`
where any password opens it. The adversary is the team member: their password, the folder, the
database opened directly; every cell of every table and every decrypted page of the file and its WAL
is searched for the leads' names and summaries. The leader and the office still open, edit and print
the letter; a saved version whose sealed text was swapped for another's does not open.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from app.core.domain.register import leads
from app.core.errors import IntegrityFailure, NotFound
from app.core.official import assemble, copies, documents
from app.core.official.kinds import DocKind
from app.core.security import compartment_keys as ck
from app.core.store.connection import DB_FILE
from app.core.store.keyslots import KdfParams, KeySlots
from app.core.workstation import Workstation
from app.demo.accounts import DEMO_PASSWORD, create_demo
from tests.core.print_helpers import squash, text
from tests.security.test_compartments import _cells, _decrypted_pages, _raw_connection


@pytest.fixture
def demo(tmp_path: Path) -> Workstation:
    return create_demo(tmp_path / "ws", kdf=KdfParams.fast_for_tests())


def _letter_inspection(ws: Workstation) -> tuple[str, str]:
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        row = office.conn.execute(
            "SELECT l.inspection_id, u.username FROM leads l JOIN inspections i ON i.id = l.inspection_id"
            " JOIN team_members m ON m.team_id = i.team_id AND m.position = 'leader'"
            " JOIN users u ON u.id = m.user_id WHERE u.username = 'leader1'"
            " GROUP BY l.inspection_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        return row["inspection_id"], row["username"]
    finally:
        office.close()


def _write_letter(ws: Workstation, username: str, inspection_id: str):
    session = ws.unlock(username, DEMO_PASSWORD)
    try:
        mine = leads.list_leads(session, inspection_id=inspection_id)
        assert mine and not any(x.locked for x in mine)
        draft = assemble.transfer_letter(session, inspection_id, "discipline_commission")
        doc = documents.create_document(session, DocKind.TRANSFER_LETTER, draft, inspection_id=inspection_id)
        # A second version, edited: every version is sealed.
        draft.body += "\n另附：有关材料。"
        documents.save_version(session, doc.id, draft, based_on=1)
        secrets = sorted(
            {
                x.summary[:12]
                for x in mine
                if x.transfer_to in (None, leads.TransferTarget.DISCIPLINE_COMMISSION)
            }
            | {
                x.person_name
                for x in mine
                if x.transfer_to in (None, leads.TransferTarget.DISCIPLINE_COMMISSION)
            }
        )
        assert secrets and all(s in draft.body for s in secrets)
        return doc, draft, secrets
    finally:
        session.close()


def test_a_members_slot_finds_no_letter_text(demo):
    inspection_id, leader = _letter_inspection(demo)
    doc, draft, secrets = _write_letter(demo, leader, inspection_id)
    # The office prints it: the printed copy carries the text.
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        version = documents.get_version(office, doc.id)
        assert version.body == draft.body and version.addressee == draft.addressee
        job = copies.print_copies(office, doc.id, 1, recipients=["存档"])
        printed = squash(text(job.copies[0].pdf))
        assert all(squash(s) in printed for s in secrets)
        first = documents.get_version(office, doc.id, 1)
        assert "另附" not in first.body and secrets[0] in first.body
    finally:
        office.close()
    # The adversary.
    db_key = KeySlots.load(demo.folder).try_unwrap("member1", DEMO_PASSWORD)
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    conn.row_factory = sqlcipher3.Row
    try:
        blob = "\n".join(_cells(conn))
        rows = conn.execute(
            "SELECT v.body, v.addressee, v.sealed FROM official_versions v WHERE v.document_id = ?", (doc.id,)
        ).fetchall()
    finally:
        conn.close()
    assert len(rows) == 2 and all(r["body"] == "" and r["addressee"] == "" and r["sealed"] for r in rows)
    assert draft.title in blob  # the scan sees the letter's title, which names no lead
    pages = _decrypted_pages(demo.folder, db_key)
    for secret in secrets:
        assert secret not in blob, secret
        for encoding in ("utf-8", "utf-16-le", "gb18030"):
            assert secret.encode(encoding) not in pages, (secret, encoding)
    # Nor does the member reach it through the core.
    member = demo.unlock("member1", DEMO_PASSWORD)
    try:
        with pytest.raises(NotFound):
            documents.get_version(member, doc.id)
    finally:
        member.close()


def test_the_leader_edits_and_the_letter_survives_a_compartment_rotation(demo):
    inspection_id, leader = _letter_inspection(demo)
    doc, draft, _secrets = _write_letter(demo, leader, inspection_id)
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        from app.core.security import compartments

        before = ck.compartment_row(office.conn, inspection_id, ck.LEADS)
        assert compartments.rotate(office, inspection_id, ck.LEADS)
        after = ck.compartment_row(office.conn, inspection_id, ck.LEADS)
        assert after["id"] != before["id"]
        for r in office.conn.execute("SELECT sealed FROM official_versions WHERE document_id = ?", (doc.id,)):
            assert ck.compartment_of(r["sealed"]) == after["id"]
    finally:
        office.close()
    session = demo.unlock(leader, DEMO_PASSWORD)
    try:
        version = documents.get_version(session, doc.id)
        assert version.body == draft.body
        edited = version.draft()
        edited.body += "\n请于三个月内反馈。"
        saved = documents.save_version(session, doc.id, edited, based_on=version.version)
        assert documents.get_version(session, doc.id).body == edited.body == saved.body
    finally:
        session.close()


def test_a_swapped_sealed_text_does_not_open(demo):
    inspection_id, leader = _letter_inspection(demo)
    doc, _draft, _secrets = _write_letter(demo, leader, inspection_id)
    db_key = KeySlots.load(demo.folder).try_unwrap("office", DEMO_PASSWORD)
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    conn.row_factory = sqlcipher3.Row
    try:
        one, two = conn.execute(
            "SELECT id, sealed FROM official_versions WHERE document_id = ? ORDER BY version", (doc.id,)
        ).fetchall()
        conn.execute("DROP TRIGGER official_versions_no_update")  # the insider's own database
        conn.execute("UPDATE official_versions SET sealed = ? WHERE id = ?", (one["sealed"], two["id"]))
    finally:
        conn.close()
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        with pytest.raises(IntegrityFailure):
            documents.get_version(office, doc.id)
        assert documents.get_version(office, doc.id, 1).body
    finally:
        office.close()


def test_a_version_saved_before_sealing_is_sealed_at_the_next_holders_use(demo):
    """A letter from before m0014 (its text in the clear): the office's next use of the leads seals it."""
    inspection_id, leader = _letter_inspection(demo)
    doc, draft, secrets = _write_letter(demo, leader, inspection_id)
    db_key = KeySlots.load(demo.folder).try_unwrap("office", DEMO_PASSWORD)
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    conn.row_factory = sqlcipher3.Row
    try:
        conn.execute("DROP TRIGGER official_versions_no_update")
        conn.execute(
            "UPDATE official_versions SET body = ?, addressee = ?, sealed = '' WHERE document_id = ? AND version = 2",
            (draft.body, draft.addressee, doc.id),
        )
        from app.core.store.migrations import m0014_certified_keys

        conn.execute("BEGIN")
        m0014_certified_keys.upgrade(conn)  # the trigger back, as the migration makes it
        conn.execute("COMMIT")
    finally:
        conn.close()
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        leads.list_leads(office, inspection_id=inspection_id)
        row = office.conn.execute(
            "SELECT body, addressee, sealed FROM official_versions WHERE document_id = ? AND version = 2",
            (doc.id,),
        ).fetchone()
        assert row["body"] == "" and row["sealed"]
        assert documents.get_version(office, doc.id).body == draft.body
    finally:
        office.close()
    member_key = KeySlots.load(demo.folder).try_unwrap("member1", DEMO_PASSWORD)
    conn = _raw_connection(demo.folder / DB_FILE, member_key)
    try:
        blob = "\n".join(_cells(conn))
    finally:
        conn.close()
    assert not any(s in blob for s in secrets)
