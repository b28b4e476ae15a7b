"""The demo's document review: every custody state, material of every kind, a clean phase gate."""

from __future__ import annotations

from app.core.domain.review import listing, reading, search
from app.core.domain.review.custody import CustodyState
from app.core.imports import FileKind
from app.core.printing import return_receipt
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.demo import org as demo_org
from app.demo.review import HOUSING, WATER, populate_review
from tests.core import print_helpers as ph


def test_demo_documents_cover_every_state_and_kind(login, monkeypatch):
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    office = login("office")
    org = demo_org.populate_organisation(office, login("sysadmin"))
    member, leader = login("member1"), login("leader1")
    made = populate_review(member, leader, org)
    water = org.inspection_ids[(2, WATER)]
    items = listing.list_items(member, water, today="2026-11-23")
    assert {i.state for i in items} == set(CustodyState)
    kinds = {a.kind for i in items for a in reading.list_material(member, i.id)}
    assert {FileKind.DOCX, FileKind.XLSX, FileKind.PDF, FileKind.TEXT, FileKind.PNG} <= kinds
    assert len(reading.list_excerpts(member, water)) == len(made.excerpt_ids) == 3
    hits = search.search(member, "三重一大", inspection_id=water)
    assert hits and any(h.kind.value == "reading" for h in hits)
    assert search.search(member, "公车", inspection_id=water)
    # the housing inspection returned everything on one day: a receipt prints, nothing blocks its phases
    housing = org.inspection_ids[(2, HOUSING)]
    assert listing.custody_summary(member, housing).unreturned == 0
    pdf = return_receipt.preview_return_receipt(member, housing, "2026-10-09")
    assert "陈静" in ph.squash(ph.text(pdf))
    # another team sees none of it
    assert search.search(login("leader4"), "三重一大") == []
