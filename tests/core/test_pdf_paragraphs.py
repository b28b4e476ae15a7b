"""PDF import joins a page's lines into its paragraphs, so a word wrapped at a line end is found (issue 16)."""

from __future__ import annotations

from app.core.domain.review import reading, search, writes
from app.core.imports import DEFAULT_LIMITS
from app.core.imports.pdf import PAGE_BREAK, read_pdf
from app.core.imports.pdf_lines import Line, join_paragraphs
from app.demo import samples as s
from tests.core.org_support import world_fixture  # noqa: F401

# A speech laid out as printed: full lines of 34 characters, 问题线索 wrapped twice at a line end
# (问题|线索 and 问题线|索), paragraphs ended by a short line, a blank line or an indent.
SPEECH = [
    [
        "　　同志们，这次巡察要聚焦政治监督，把发现问题作为生命线，对群众反映的问题",
        "线索要逐件梳理、逐件核实，做到件件有着落、事事有回音，绝不能走过场。",
        "",
        "　　二是压实整改责任。对巡察中发现的违规发放津贴补贴等突出问题，要立行立改；",
        "对一时难以解决的，要明确时限、责任人和整改措施。巡察组移交的问题线",
        "索，被巡察党组织要在规定时间内反馈办理情况。",
        "The inspection team reported several problems in the",
        "management of public funds.",
    ],
    ["　　三是从严管理队伍。"],
]


def test_lines_of_a_paragraph_are_joined_and_paragraph_breaks_kept():
    text, details = read_pdf(s.make_pdf(SPEECH), DEFAULT_LIMITS)
    assert details["pages"] == 2
    first, second = text.split(PAGE_BREAK)
    assert first.split("\n") == [
        "　　同志们，这次巡察要聚焦政治监督，把发现问题作为生命线，对群众反映的问题线索要逐件梳理、"
        "逐件核实，做到件件有着落、事事有回音，绝不能走过场。",
        "　　二是压实整改责任。对巡察中发现的违规发放津贴补贴等突出问题，要立行立改；对一时难以解决的，"
        "要明确时限、责任人和整改措施。巡察组移交的问题线索，被巡察党组织要在规定时间内反馈办理情况。",
        "The inspection team reported several problems in the management of public funds.",
    ]
    assert second == "　　三是从严管理队伍。"
    assert text.count("问题线索") == 2


def test_a_wrapped_word_is_found_by_the_search(world):
    member = world.login("member1")
    item = writes.add_item(
        member, world.insp_a.id, category="other", title="讲话稿", requested_on="2026-03-05"
    )
    writes.receive_item(member, item.id, received_on="2026-03-06")
    att = reading.import_material(member, item.id, "讲话.pdf", s.make_pdf(SPEECH))
    hits = search.search(member, "问题线索", inspection_id=world.insp_a.id)
    assert [h.ref_id for h in hits] == [att.id]
    assert hits[0].occurrences == 2 and hits[0].location == "第 1 页"
    assert [h.ref_id for h in search.search(member, "problems in the management")] == [att.id]


def test_text_layer_without_positions_uses_indents_and_short_lines():
    lines = [
        Line("　　一、基本情况。本轮巡察共发现各类问题四十二个，其中涉及选人用人的问"),
        Line("题九个，涉及财务管理的问题十五个。"),
        Line("二、主要问题"),
        Line("　　（一）落实全面从严治党主体责任不到位，党组会议研究党风廉政建设的次"),
        Line("数偏少，对下属单位的监督检查流于形式，没有形成有效的工作机制。"),
        Line(""),
        Line("well-"),
        Line("known words"),
    ]
    assert join_paragraphs(lines).split("\n") == [
        "　　一、基本情况。本轮巡察共发现各类问题四十二个，其中涉及选人用人的问题九个，涉及财务管理的问题十五个。",
        "二、主要问题",
        "　　（一）落实全面从严治党主体责任不到位，党组会议研究党风廉政建设的次数偏少，"
        "对下属单位的监督检查流于形式，没有形成有效的工作机制。",
        "well-known words",
    ]
