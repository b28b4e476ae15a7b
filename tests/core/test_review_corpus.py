"""Importing the real Chinese speeches in ../shared/corpus (skipped on a clone without them).

The files are read in place, never copied into the repository; the core tests use generated data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.domain.review import reading, search, writes
from app.core.imports import FileKind
from app.demo import samples as s
from tests.core.org_support import world_fixture  # noqa: F401

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"no sample corpus at {CORPUS} (../shared is absent)")


def test_corpus_speeches_import_and_are_searchable(world):
    member = world.login("member1")
    item = writes.add_item(
        member, world.insp_a.id, category="other", title="动员会讲话稿", requested_on="2026-03-05"
    )
    stored = {}
    for path in FILES:
        att = reading.import_file(member, item.id, path)
        assert att.kind is FileKind.TEXT and att.size == path.stat().st_size
        text = reading.material_text(member, att.id)
        assert text == path.read_text("utf-8").replace("\r\n", "\n")
        stored[att.id] = text
    # every speech talks about 巡察: the 2-character index finds them all, with highlights
    hits = search.search(member, "巡察", inspection_id=world.insp_a.id)
    assert {h.ref_id for h in hits} == set(stored)
    assert all("【巡察】" in h.marked() for h in hits)
    # a longer phrase taken from one file finds that file
    att_id, text = next(iter(stored.items()))
    line = max((ln.strip() for ln in text.splitlines()), key=len)
    phrase = line[5:13]
    found = {h.ref_id for h in search.search(member, phrase, inspection_id=world.insp_a.id)}
    assert att_id in found and found <= {a for a, t in stored.items() if phrase.lower() in t.lower()}


def test_corpus_text_survives_every_container(world):
    """The same speech as .docx, .pdf page and GB18030 text comes back with its words intact."""
    member = world.login("member1")
    item = writes.add_item(
        member, world.insp_a.id, category="other", title="格式转换", requested_on="2026-03-05"
    )
    paragraphs = [p.strip() for p in FILES[0].read_text("utf-8").splitlines() if p.strip()][:12]
    docx = reading.import_material(member, item.id, "speech.docx", s.make_docx(paragraphs))
    assert reading.material_text(member, docx.id) == "\n".join(paragraphs)
    gbk = reading.import_material(member, item.id, "speech.txt", s.make_txt("\n".join(paragraphs), "gb18030"))
    assert reading.material_text(member, gbk.id) == "\n".join(paragraphs)
    pdf = reading.import_material(
        member, item.id, "speech.pdf", s.make_pdf([[p[:38] for p in paragraphs[:5]]])
    )
    assert paragraphs[1][:10] in reading.material_text(member, pdf.id)
