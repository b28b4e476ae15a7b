"""The register's text search and signed filter through the m0009 indexes agree with a plain scan."""

from __future__ import annotations

from app.core.domain.register import issue_edits, register_query
from app.core.domain.register.register_query import RegisterFilter, RegisterSort
from tests.core.issue_support import category, draft, reg_fixture, signed_issue, world_fixture  # noqa: F401


def _titles(session, text: str) -> set[str]:
    flt = RegisterFilter(text=text)
    rows = register_query.register_page(session, flt, RegisterSort(), 0, 100)
    assert register_query.register_count(session, flt) == len(rows)
    return {r.title for r in rows}


def test_text_search_one_two_three_characters_and_numbers(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    for title in ("违规发放津贴补贴", "公务用车管理不规范", "超标准接待ABC", "a"):
        issue_edits.create_issue(member, reg.insp_a.id, draft(title))
    issue_edits.create_issue(reg.login("member2"), reg.insp_b.id, draft("别组违规发放津贴"))
    signed = signed_issue(member, leader, reg.insp_a.id, "档案管理混乱")

    assert _titles(member, "津贴") == {"违规发放津贴补贴"}  # bigram index; need to know kept
    assert _titles(reg.office, "津贴") == {"违规发放津贴补贴", "别组违规发放津贴"}
    assert _titles(member, "发放津贴补") == {"违规发放津贴补贴"}  # trigram index
    assert _titles(member, "管") == {"公务用车管理不规范", "档案管理混乱"}  # one character: a scan
    assert _titles(member, "abc") == {"超标准接待ABC"}  # case folded, as LIKE does for ASCII
    assert _titles(member, "不规范接待") == set()
    assert _titles(member, signed.number) == {"档案管理混乱"}  # the number is searched too
    assert _titles(member, signed.number[-3:]) == {"档案管理混乱"}
    assert _titles(member, "混乱" + signed.number[:2]) == set()  # never across title and number
    assert _titles(member, '"津贴"') == set()  # quotes are text, not FTS syntax
    assert _titles(member, "a") >= {"a", "超标准接待ABC"}


def test_text_index_follows_edits_and_deletes(reg):
    member = reg.login("member1")
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft("会议纪要记录不全"))
    assert _titles(member, "纪要") == {"会议纪要记录不全"}
    issue_edits.update_issue(member, issue.id, draft("党费收缴不规范"))
    assert _titles(member, "纪要") == set()
    assert _titles(member, "党费收缴") == {"党费收缴不规范"}
    issue_edits.delete_issue(member, issue.id)
    assert _titles(member, "党费") == set()


def test_signed_filter_by_number_order(reg):
    member, leader = reg.login("member1"), reg.login("leader1")
    issue_edits.create_issue(member, reg.insp_a.id, draft("未签批的问题", seriousness="grave"))
    signed = signed_issue(member, leader, reg.insp_a.id, "已签批的问题", seriousness="grave")
    signed_issue(member, leader, reg.insp_a.id, "一般问题", seriousness="general")
    flt = RegisterFilter(signed=True, seriousness="grave")
    assert [r.id for r in register_query.register_page(member, flt)] == [signed.id]
    assert register_query.register_count(member, flt) == 1
    assert register_query.register_count(member, RegisterFilter(signed=False)) == 1


def test_grouped_sorts_page_like_one_long_page(reg):
    member = reg.login("member1")
    cats = [category(member, index=k).id for k in range(2)] + [None]
    for k in range(7):
        issue_edits.create_issue(
            member,
            reg.insp_a.id,
            draft(f"问题{k}", seriousness=("general", "serious", "grave")[k % 3], category_id=cats[k % 3]),
        )
    issue_edits.create_issue(reg.login("member2"), reg.insp_b.id, draft("别组问题"))
    for session, n in ((member, 7), (reg.office, 8)):
        for key in ("seriousness", "category", "unit", "status"):
            for desc in (False, True):
                sort = RegisterSort(key, desc)
                whole = [r.id for r in register_query.register_page(session, None, sort, 0, 100)]
                paged = [
                    r.id
                    for off in range(0, 9, 2)
                    for r in register_query.register_page(session, None, sort, off, 2)
                ]
                assert len(whole) == n and paged == whole, (key, desc)
    grave_first = register_query.register_page(member, None, RegisterSort("seriousness", True), 0, 3)
    assert [r.seriousness.value for r in grave_first] == ["grave", "grave", "serious"]
