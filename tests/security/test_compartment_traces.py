"""After a day's work on leads and petitions, a member's slot still finds none of their text anywhere.

The office and the team leader do everything the app offers with one new lead and one new petition
whose text is marked with characters found nowhere else (龘 靐 齉 爩 灪 麤): register, edit, search
(the in-memory search over the decrypted rows), transfer, the lead register exported as a sheet,
the transfer letter saved in two versions and printed, the inspection report assembled and kept,
the figures, the screen locked and unlocked, the store verified. The adversary (the team member:
their own password, the folder) then unwraps their slot, opens the database directly and looks in
every cell of every table — the full-text indexes' shadow tables, the search_fold tables, the audit
trail, the drafts, the official documents, the sheet exports and the print register among them — and
in every decrypted page of the file and of its write-ahead log (free pages too), for every one of
those characters alone, in UTF-8, UTF-16 and GB 18030 and as search_fold folds them. None is there.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from app.core.domain.register import figures, leads, petitions
from app.core.official import assemble, copies, documents
from app.core.official.kinds import DocKind
from app.core.security import lock
from app.core.sheets import exports
from app.core.store.connection import DB_FILE
from app.core.store.keyslots import KdfParams, KeySlots
from app.core.store.text_fold import fold
from app.core.store.verify import verify_folder
from app.core.workstation import Workstation
from app.demo.accounts import DEMO_PASSWORD, create_demo
from tests.core.print_helpers import squash, text
from tests.security.test_compartments import _cells, _decrypted_pages, _raw_connection

RARE = "龘靐齉爩灪麤"
PERSON = "钱龘靐"
SUMMARY = "反映其齉爩收受礼金，并为亲属承揽工程"
EDITED = SUMMARY + "，另有灪麤情节"
PETITIONER = "孙灪麤"
CONTACT = "龘靐齉路十八号"


@pytest.fixture
def demo(tmp_path: Path) -> Workstation:
    return create_demo(tmp_path / "ws", kdf=KdfParams.fast_for_tests())


def _leader1_inspection(ws: Workstation) -> str:
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        return office.conn.execute(
            "SELECT i.id FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
            " AND m.position = 'leader' JOIN users u ON u.id = m.user_id JOIN team_members k"
            " ON k.team_id = i.team_id JOIN users v ON v.id = k.user_id"
            " WHERE u.username = 'leader1' AND v.username = 'member1' ORDER BY i.created_at DESC LIMIT 1"
        ).fetchone()[0]
    finally:
        office.close()


def _busy_day(ws: Workstation, inspection_id: str) -> None:
    leader = ws.unlock("leader1", DEMO_PASSWORD)
    try:
        lead = leads.create_lead(
            leader,
            inspection_id,
            leads.LeadDraft(PERSON, "副局长", SUMMARY, "petition", "来信", "2026-03-10"),
        )
        lead = leads.update_lead(
            leader, lead.id, leads.LeadDraft(PERSON, "副局长", EDITED, "petition", "来信", "2026-03-10")
        )
        assert [x.id for x in leads.list_leads(leader, text="齉爩")] == [lead.id]
        leads.transfer(
            leader,
            lead.id,
            "discipline_commission",
            "2026-03-20",
            sender="第一巡察组",
            receiver="龘靐齉同志",
            letter_no="巡移〔2026〕1号",
        )
        petition = petitions.create_petition(
            leader,
            inspection_id,
            petitions.PetitionDraft("letter", "2026-03-09", "反映工程承揽问题", PETITIONER, CONTACT, "", ""),
        )
        assert any(p.petitioner == PETITIONER for p in petitions.list_petitions(leader, inspection_id))
        draft = assemble.transfer_letter(leader, inspection_id, "discipline_commission")
        assert PERSON in draft.body and EDITED[:10] in draft.body
        doc = documents.create_document(leader, DocKind.TRANSFER_LETTER, draft, inspection_id=inspection_id)
        draft.body += "\n附：龘靐齉爩灪麤有关材料。"
        documents.save_version(leader, doc.id, draft, based_on=1)
        lock.lock(leader, "test", {})
        lock.unlock(leader, DEMO_PASSWORD)
        assert petition.id
    finally:
        leader.close()
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        assert [x.person_name for x in leads.list_leads(office, text="灪麤")] == [PERSON]
        sheet = exports.export(office, "lead_register", inspection_id)
        book = openpyxl.load_workbook(io.BytesIO(sheet.data), read_only=True)
        cells = [
            str(v) for ws_ in book.worksheets for row in ws_.iter_rows(values_only=True) for v in row if v
        ]
        assert any(EDITED in c for c in cells)  # the sheet itself (made in memory) has the text
        job = copies.print_copies(office, doc.id, 1, recipients=["存档"])
        # (The printing fonts have no glyph for the rare characters: the letter's other text shows.)
        assert squash("收受礼金") in squash(text(job.copies[0].pdf))
        assert PERSON in documents.get_version(office, doc.id).body
        report = assemble.assemble(office, DocKind.INSPECTION_REPORT, inspection_id=inspection_id)
        documents.create_document(office, DocKind.INSPECTION_REPORT, report, inspection_id=inspection_id)
        assert figures.compute(office).leads.total >= 1
    finally:
        office.close()
    assert verify_folder(ws.folder, "auditor", DEMO_PASSWORD).ok


def test_a_busy_day_leaves_no_compartment_text_for_a_member(demo):
    inspection_id = _leader1_inspection(demo)
    _busy_day(demo, inspection_id)
    db_key = KeySlots.load(demo.folder).try_unwrap("member1", DEMO_PASSWORD)
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        blob = "\n".join(_cells(conn))
        # Every password opens the same database; what differs is the compartment keys sealed to
        # each account: none to an administrator, none of the leads to a member.
        held = conn.execute(
            "SELECT u.role, c.kind FROM compartment_seals s JOIN users u ON u.id = s.user_id"
            " JOIN compartments c ON c.id = s.compartment_id"
        ).fetchall()
    finally:
        conn.close()
    assert held and not {r[0] for r in held} & {"sysadmin", "security_officer", "auditor"}
    assert {r[1] for r in held if r[0] == "team_member"} <= {"informants"}
    # The places the issue names are among the tables searched.
    for table in (
        "audit",
        "drafts",
        "official_versions",
        "sheet_exports",
        "print_copies",
        "leads",
        "petitions",
    ):
        assert table in tables, table
    assert any(name.endswith("_data") for name in tables)  # FTS5 shadow tables
    assert "市" in blob  # the scan reads text where there is some
    for char in RARE + fold(RARE):  # in the text of the cells, any one of them alone
        assert char not in blob, char
    # In the raw pages (binary too: signatures, encrypted seals), a window long enough that chance
    # cannot put it there: every pair of neighbours around a marked character (as a bigram index
    # would keep it) in UTF-8, every three in the two-byte encodings.
    pages = _decrypted_pages(demo.folder, db_key)
    for source in (PERSON, EDITED, PETITIONER, CONTACT, "龘靐齉爩灪麤"):
        for size, encodings in ((2, ("utf-8",)), (3, ("utf-16-le", "utf-16-be", "gb18030"))):
            for i in range(len(source) - size + 1):
                window = source[i : i + size]
                if not set(window) & set(RARE):
                    continue
                for variant in {window, fold(window)}:
                    for encoding in encodings:
                        assert variant.encode(encoding) not in pages, (variant, encoding)
