"""Search fidelity (issue 16): NUL and FTS5 syntax in a search, traditional/simplified folding with
highlights in the original characters, pinyin glosses, and the m0011 rebuild of older indexes."""

from __future__ import annotations

import pytest

from app.core.domain.register import issue_edits, register_query
from app.core.domain.register.register_query import RegisterFilter, RegisterSort
from app.core.domain.review import reading, writes
from app.core.domain.review import search as review_search
from app.core.domain.talks import search as talk_search
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import QA
from app.core.errors import ValidationError
from app.core.store.migrations import m0011_search_fold
from app.core.store.text_fold import fold, fold_with_offsets
from app.demo import samples as s
from tests.core.issue_support import draft, reg_fixture, world_fixture  # noqa: F401
from tests.core.test_talks import form

TRADITIONAL = "本單位存在的問題線索已移交紀委，經(jīng)濟責任審計發現违规问题。"


def _item(session, inspection_id):
    item = writes.add_item(session, inspection_id, category="other", title="材料", requested_on="2026-03-05")
    writes.receive_item(session, item.id, received_on="2026-03-06")
    return item


def _titles(session, text: str) -> set[str]:
    flt = RegisterFilter(text=text)
    rows = register_query.register_page(session, flt, RegisterSort(), 0, 100)
    assert register_query.register_count(session, flt) == len(rows)
    return {r.title for r in rows}


def test_fold_is_opencc_t2s_lower_case_and_drops_pinyin_glosses():
    assert fold("問題線索") == fold("问题线索") == "问题线索"
    assert fold("經(jīng)濟") == fold("经（jīng）济") == fold("經(jing1)濟") == "经济"
    assert fold("世界贸易组织(WTO)") == "世界贸易组织(wto)"  # a bracketed word is no gloss
    assert fold(fold(TRADITIONAL)) == fold(TRADITIONAL)
    folded, offsets = fold_with_offsets("发展經(jīng)濟")
    assert folded == "发展经济" and offsets == [0, 1, 2, 9]


@pytest.mark.parametrize("query", ["问题\x00线索", "\x00", "问\x00题", "问题\x00"])
def test_nul_in_a_search_never_reaches_sql(reg, query):
    """NUL used to end the FTS5 query string inside SQLite: OperationalError 'unterminated string'."""
    member = reg.login("member1")
    talk_writes.create_talk(member, reg.insp_a.id, form(reg, record=[QA("问", "问题线索")]))
    _item(member, reg.insp_a.id)
    issue_edits.create_issue(member, reg.insp_a.id, draft("问题线索移交"))
    for search in (talk_search.search_talks, review_search.search):
        try:
            search(member, query)
        except ValidationError as e:  # the only acceptable failure: a message naming the field
            assert e.field == "query"
    assert _titles(member, query) <= {"问题线索移交"}
    assert _titles(member, "问题线索\x00") == {"问题线索移交"}


@pytest.mark.parametrize(
    "text", ['"问题"线索', "问题*", "^问题", "问题 NEAR 线索", "(问题)", "问题 OR 线索", "问题-线索", "a:b"]
)
def test_fts_syntax_is_searched_as_text(reg, text):
    member = reg.login("member1")
    talk = talk_writes.create_talk(member, reg.insp_a.id, form(reg, key_points=f"记录：{text}。"))
    item = _item(member, reg.insp_a.id)
    note = reading.add_reading(member, item.id, read_on="2026-03-07", notes=f"笔记：{text}。")
    issue_edits.create_issue(member, reg.insp_a.id, draft(f"问题：{text}"))
    issue_edits.create_issue(member, reg.insp_a.id, draft("问题线索其他"))
    assert talk.id in {h.talk_id for h in talk_search.search_talks(member, text)}
    assert note.id in {h.ref_id for h in review_search.search(member, text)}
    assert _titles(member, text) == {f"问题：{text}"}


def test_traditional_and_simplified_find_each_other_marked_in_the_original(reg):
    member = reg.login("member1")
    trad = talk_writes.create_talk(member, reg.insp_a.id, form(reg, key_points=TRADITIONAL))
    simp = talk_writes.create_talk(member, reg.insp_a.id, form(reg, key_points="简体的责任审计。"))
    found = lambda q: {h.talk_id for h in talk_search.search_talks(member, q)}  # noqa: E731
    assert found("责任审计") == found("責任審計") == {trad.id, simp.id}
    assert found("审计") == found("審計") == {trad.id, simp.id}
    assert found("审计发现") == {trad.id}
    hit = next(h for h in talk_search.search_talks(member, "责任审计") if h.talk_id == trad.id)
    assert "【責任審計】" in hit.marked()
    hit = next(h for h in talk_search.search_talks(member, "審計") if h.talk_id == simp.id)
    assert "【审计】" in hit.marked()

    item = _item(member, reg.insp_a.id)
    att = reading.import_material(member, item.id, "繁体.txt", s.make_txt(TRADITIONAL))
    note = reading.add_reading(member, item.id, read_on="2026-03-07", notes="简体笔记：问题线索")
    hits = {h.ref_id: h for h in review_search.search(member, "問題線索")}
    assert set(hits) == {att.id, note.id}
    assert "【問題線索】" in hits[att.id].marked() and "【问题线索】" in hits[note.id].marked()
    assert {h.ref_id for h in review_search.search(member, "问题")} == {att.id, note.id}
    assert hits[att.id].occurrences == 1

    issue_edits.create_issue(member, reg.insp_a.id, draft("領導幹部違規問題"))
    issue_edits.create_issue(member, reg.insp_a.id, draft("领导干部违规问题"))
    both = {"領導幹部違規問題", "领导干部违规问题"}
    assert _titles(member, "违规问题") == _titles(member, "違規問題") == both  # trigram
    assert _titles(member, "干部") == _titles(member, "幹部") == both  # bigram
    assert _titles(member, "幹") == _titles(member, "干") == both  # one character: the folded scan


def test_pinyin_glosses_inside_words_are_found_without_them(reg):
    member = reg.login("member1")
    talk = talk_writes.create_talk(member, reg.insp_a.id, form(reg, key_points="要抓好經(jīng)濟工作。"))
    hit = next(h for h in talk_search.search_talks(member, "经济工作") if h.talk_id == talk.id)
    assert "【經(jīng)濟工作】" in hit.marked()
    item = _item(member, reg.insp_a.id)
    att = reading.import_material(member, item.id, "注音.txt", s.make_txt("发展经（jīng）济，保障民生。"))
    hits = review_search.search(member, "经济")
    assert [h.ref_id for h in hits] == [att.id] and "【经（jīng）济】" in hits[0].marked()
    assert [h.ref_id for h in review_search.search(member, "發展經濟")] == [att.id]
    issue_edits.create_issue(member, reg.insp_a.id, draft("經(jīng)濟責任落實不到位"))
    assert _titles(member, "经济责任") == {"經(jīng)濟責任落實不到位"}
    assert _titles(member, "经济") == {"經(jīng)濟責任落實不到位"}


def test_m0011_folds_the_indexes_of_an_older_database(reg):
    """Indexes written before folding (raw text) are rebuilt folded by m0011."""
    member = reg.login("member1")
    talk = talk_writes.create_talk(member, reg.insp_a.id, form(reg, key_points=TRADITIONAL))
    item = _item(member, reg.insp_a.id)
    att = reading.import_material(member, item.id, "繁体.txt", s.make_txt(TRADITIONAL))
    issue_edits.create_issue(member, reg.insp_a.id, draft("領導幹部違規問題"))
    conn = member.conn
    with member.transaction():  # what the indexes held before m0011: the text as written
        conn.execute("DELETE FROM talk_trigram")
        conn.execute("DELETE FROM search_trigram")
        conn.execute("DELETE FROM issue_trigram")
        conn.execute(
            "INSERT INTO talk_trigram (rowid, body) SELECT doc_no, key_points FROM talks WHERE id = ?",
            (talk.id,),
        )
        conn.execute(
            "INSERT INTO search_trigram (rowid, body) SELECT rowid, ? FROM search_entries WHERE ref_id = ?",
            (TRADITIONAL, att.id),
        )
        conn.execute("INSERT INTO issue_trigram (rowid, body) SELECT rowid, title FROM issues")
    assert talk_search.search_talks(member, "责任审计") == []
    assert review_search.search(member, "问题线索") == []
    assert _titles(member, "违规问题") == set()
    with member.transaction():
        m0011_search_fold.upgrade(conn)
    assert [h.talk_id for h in talk_search.search_talks(member, "责任审计")] == [talk.id]
    assert [h.ref_id for h in review_search.search(member, "问题线索")] == [att.id]
    assert _titles(member, "违规问题") == {"領導幹部違規問題"}
