"""Full-text search over material, reading notes and excerpts: 2-character and longer terms, highlights,
need-to-know."""

from __future__ import annotations

import pytest

from app.core.domain.review import reading, search, writes
from app.core.domain.review.search import HitKind, bigram_words, cut_snippet, find_spans
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.demo import samples as s
from tests.core.org_support import world_fixture  # noqa: F401


@pytest.fixture
def corpus(world):
    """Team A's inspection with a file, notes and an excerpt; team B's with its own file."""
    member = world.login("member1")
    a = writes.add_item(
        member, world.insp_a.id, category="party_minutes", title="党委会议记录", requested_on="2026-03-05"
    )
    writes.receive_item(member, a.id, received_on="2026-03-06")
    doc = reading.import_material(
        member,
        a.id,
        "会议记录.docx",
        s.make_docx(["2025年第3次党委会议", "研究公车购置事项，未经集体讨论即决定。", "公务接待费用超支。"]),
    )
    pdf = reading.import_material(
        member, a.id, "审计报告.pdf", s.make_pdf([["第一页 概况"], ["第二页 发现公车私用问题"]])
    )
    note = reading.add_reading(member, a.id, read_on="2026-03-07", notes="重点关注三重一大决策程序。")
    ex = reading.add_excerpt(
        member, a.id, passage="会议未记录表决情况，公车事项一人拍板。", location="第2册 第15页"
    )
    member2 = world.login("member2")
    b = writes.add_item(
        member2, world.insp_b.id, category="vouchers", title="记账凭证", requested_on="2026-03-05"
    )
    writes.receive_item(member2, b.id, received_on="2026-03-06")
    other = reading.import_material(
        member2, b.id, "凭证.txt", s.make_txt("公车维修费用凭证，三重一大未上会。")
    )
    return {
        "member": member,
        "member2": member2,
        "doc": doc,
        "pdf": pdf,
        "note": note,
        "ex": ex,
        "other": other,
        "a": a,
    }


def test_two_character_terms_use_the_bigram_index(corpus, world):
    hits = search.search(corpus["member"], "公车", inspection_id=world.insp_a.id)
    kinds = {h.ref_id: h.kind for h in hits}
    assert kinds == {
        corpus["ex"].id: HitKind.EXCERPT,
        corpus["doc"].id: HitKind.MATERIAL,
        corpus["pdf"].id: HitKind.MATERIAL,
    }
    assert hits[0].kind is HitKind.EXCERPT  # excerpts first within an item
    for hit in hits:
        assert all(hit.snippet[a:b] == "公车" for a, b in hit.marks) and hit.marks
        assert "【公车】" in hit.marked()
        assert hit.item_title == "党委会议记录" and hit.item_number == 1


def test_longer_terms_use_the_trigram_index_and_terms_combine(corpus, world):
    member = corpus["member"]
    hits = search.search(member, "三重一大", inspection_id=world.insp_a.id)
    assert [h.ref_id for h in hits] == [corpus["note"].id]
    assert hits[0].kind is HitKind.READING and hits[0].marked() == "重点关注【三重一大】决策程序。"
    hits = search.search(member, "公车 集体讨论", inspection_id=world.insp_a.id)  # AND of 2- and 4-char
    assert [h.ref_id for h in hits] == [corpus["doc"].id]
    assert hits[0].marked().count("【") == 2
    assert search.search(member, "公车 不存在的词", inspection_id=world.insp_a.id) == []
    pdf = [h for h in search.search(member, "私用") if h.ref_id == corpus["pdf"].id]
    assert pdf and pdf[0].location == "第 2 页"
    assert search.search(member, "第3次党委")[0].location == "第 1 行"


def test_search_is_case_insensitive_for_latin_text(world):
    member = world.login("member1")
    item = writes.add_item(
        member, world.insp_a.id, category="other", title="系统日志", requested_on="2026-03-05"
    )
    reading.import_material(member, item.id, "log.txt", s.make_txt("The OA System exported 12 records."))
    hits = search.search(member, "oa system")
    assert len(hits) == 1 and hits[0].marked() == "The 【OA】 【System】 exported 12 records."


def test_need_to_know_limits_what_search_sees(corpus, world):
    member, member2 = corpus["member"], corpus["member2"]
    mine = {h.ref_id for h in search.search(member, "公车")}
    assert corpus["other"].id not in mine and corpus["doc"].id in mine
    theirs = {h.ref_id for h in search.search(member2, "公车")}
    assert theirs == {corpus["other"].id}
    assert search.search(member2, "三重一大") and all(
        h.inspection_id == world.insp_b.id for h in search.search(member2, "三重一大")
    )
    with pytest.raises(NotFound):
        search.search(member2, "公车", inspection_id=world.insp_a.id)
    everything = {h.ref_id for h in search.search(world.office, "公车")}
    assert {corpus["other"].id, corpus["doc"].id, corpus["ex"].id} <= everything
    for admin in ("sysadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            search.search(world.login(admin), "公车")


def test_search_is_audited_without_the_terms(corpus, world):
    search.search(corpus["member"], "公车私用")
    rows = world.audit_rows("documents_search")
    assert rows and all("公车" not in r[3] for r in rows) and rows[-1][3].startswith("命中")


def test_bad_queries_are_refused(corpus):
    for query, words in (
        ("", "请输入"),
        ("公", "太短"),
        ("公车 的", "太短"),
        ("，。", "须由文字"),
        (" ".join(f"词{i}" for i in range(9)), "最多"),
    ):
        with pytest.raises(ValidationError) as err:
            search.search(corpus["member"], query)
        assert words in err.value.message and err.value.field == "query"
    assert search.search(corpus["member"], '"公车"') == []  # quotes are searched for, not parsed


def test_edits_and_deletes_keep_the_index_true(corpus, world):
    member = corpus["member"]
    reading.update_reading(member, corpus["note"].id, read_on="2026-03-07", notes="改为关注选人用人。")
    assert search.search(member, "三重一大", inspection_id=world.insp_a.id) == []
    assert [h.ref_id for h in search.search(member, "选人用人")] == [corpus["note"].id]
    reading.delete_excerpt(member, corpus["ex"].id)
    reading.delete_material(member, corpus["doc"].id)
    assert {h.ref_id for h in search.search(member, "公车")} == {corpus["pdf"].id}


def test_snippets_cut_context_and_keep_marks_aligned():
    body = "甲" * 100 + "\n公车" + "乙" * 100 + "公车" + "丙" * 10
    spans = find_spans(body, ["公车"])
    assert spans == [(101, 103), (203, 205)]
    snippet, marks = cut_snippet(body, spans)
    assert snippet.startswith("…") and snippet.endswith("…") and "\n" not in snippet
    assert [snippet[a:b] for a, b in marks] == ["公车"]
    assert bigram_words("巡察，Ab1") == "巡察 ab b1"
