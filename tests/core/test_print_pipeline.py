"""The print pipeline: fonts, Chinese line breaking, page furniture, the talk record PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer

from app.core.domain.talks.types import QA, Addendum, IntervieweeCategory, Person, Talk, TalkKind, TalkStatus
from app.core.errors import ValidationError
from app.core.printing import fonts as fontmod
from app.core.printing.document import build_pdf
from app.core.printing.fonts import Family, default_fonts, resolve_fonts
from app.core.printing.furniture import Furniture, classification_mark, copy_number_text
from app.core.printing.talk_record import render_talk_record
from app.core.printing.text import NO_LINE_END, NO_LINE_START, CJKParagraph, TextStyle, wrap_lines
from tests.conftest import save_artifact
from tests.core import print_helpers as pdf

SHIPPED = Path(fontmod.shipped_fonts_dir())


# ---- fonts ---------------------------------------------------------------------------------------


def test_shipped_fonts_cover_every_family_on_a_bare_machine():
    fonts = resolve_fonts([])  # no system font folders at all
    for family in Family:
        assert not fonts.fonts[family].official
        assert fonts.fonts[family].path.parent == SHIPPED
    assert fonts.fonts[Family.SONG].path.name == "gbsn00lp.ttf"
    assert fonts.fonts[Family.KAI].path.name == "gkai00mp.ttf"
    assert fonts.fonts[Family.HEI].path.name == "wqy-microhei.ttc"
    assert fonts.fangsong == fonts.song  # no free FangSong: the docstring says Song stands in


def test_shipped_fonts_and_licences_are_in_resources():
    names = {p.name for p in SHIPPED.iterdir()}
    assert {"gbsn00lp.ttf", "gkai00mp.ttf", "wqy-microhei.ttc"} <= names
    assert {
        "LICENSE-ArphicPL.txt",
        "COPYRIGHT-wqy-microhei.txt",
        "LICENSE-Apache-2.0.txt",
        "README.md",
    } <= names
    total = sum(p.stat().st_size for p in SHIPPED.iterdir())
    assert total < 25 * 1024 * 1024


def test_official_fonts_are_preferred_and_unusable_ones_skipped(tmp_path):
    # A stand-in "official" FangSong (a real TrueType file under the official name) and a broken SimHei.
    (tmp_path / "windows").mkdir()
    (tmp_path / "windows" / "simfang.ttf").symlink_to(SHIPPED / "gkai00mp.ttf")
    (tmp_path / "windows" / "simhei.ttf").write_bytes(b"OTTO" + b"\0" * 200)  # CFF-like junk
    fonts = resolve_fonts([tmp_path])
    fang = fonts.fonts[Family.FANGSONG]
    assert fang.official and fang.path.name == "simfang.ttf"
    assert fonts.fangsong != fonts.song
    assert not fonts.fonts[Family.HEI].official  # the broken file was skipped for the shipped Hei


# ---- Chinese line breaking -----------------------------------------------------------------------


def _width(font: str, size: float = 12):
    return lambda s: stringWidth(s, font, size)


def test_closing_punctuation_never_starts_a_line():
    font = default_fonts().song
    text = "我们对照巡察工作要求，逐项检查了本单位落实中央八项规定精神的情况。发现（一）会议费报销不规范；（二）公务接待超标准。"
    # Widths at which a naive greedy wrap puts "，" "。" "；" or "（" in the wrong place.
    for chars in range(5, 16):
        lines = wrap_lines(text, _width(font), chars * 12)
        assert "".join(lines) == text
        for prev, line in zip(lines, lines[1:], strict=False):
            assert line[0] not in NO_LINE_START, (chars, lines)
            assert prev[-1] not in NO_LINE_END, (chars, lines)
        assert all(stringWidth(line, font, 12) <= chars * 12 + 0.01 for line in lines)


def test_reportlab_alone_would_start_a_line_with_a_comma():
    # Why wrap_lines exists: reportlab's Japanese list lacks the full-width Chinese comma.
    from reportlab.lib.textsplit import ALL_CANNOT_START

    assert "，" not in ALL_CANNOT_START and "；" not in ALL_CANNOT_START


def test_latin_words_and_numbers_stay_whole():
    font = default_fonts().song
    lines = wrap_lines("会议在2026年3月15日召开，审议了reportlab排版方案。", _width(font), 9 * 12)
    joined = "|".join(lines)
    assert "2026" in joined and "reportlab" in joined


_HAN = st.sampled_from(list("巡察组谈话记录问题线索整改落实党委班子干部群众反映情况"))
_PUNCT = st.sampled_from(list("，。、；：？！）》」』（《「『"))


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.tuples(st.lists(_HAN, min_size=1, max_size=6), _PUNCT), min_size=1, max_size=30),
    chars=st.integers(min_value=4, max_value=30),
)
def test_line_breaking_rules_hold_for_any_text(parts, chars):
    text = "".join("".join(han) + p for han, p in parts)
    font = default_fonts().song
    lines = wrap_lines(text, _width(font), chars * 12)
    assert "".join(lines) == text
    for prev, line in zip(lines, lines[1:], strict=False):
        assert line and line[0] not in NO_LINE_START
        assert prev[-1] not in NO_LINE_END


def test_paragraph_splits_across_pages_without_losing_text():
    fonts = default_fonts()
    style = TextStyle(fonts.song, 12, leading=20, first_indent=24)
    long = "巡察组在被巡察单位开展个别谈话，听取意见建议。" * 120
    story = [Spacer(1, 100), CJKParagraph(long, style)]
    data = build_pdf(story, Furniture(fonts=fonts), title="测试")
    assert pdf.page_count(data) >= 3
    if pdf.HAVE_POPPLER:
        body = re.sub(r"第\d+页共\d+页", "", pdf.squash(pdf.text(data)))
        assert body == long


# ---- page furniture ------------------------------------------------------------------------------


def test_classification_marks():
    assert classification_mark("秘密", 1) == "秘密★1年"
    assert classification_mark("机密", 20) == "机密★20年"
    assert classification_mark("内部", 5) == "内部"
    assert classification_mark("秘密") == "秘密"
    with pytest.raises(ValidationError):
        classification_mark("秘密", 11)
    with pytest.raises(ValidationError):
        classification_mark("绝密", 1)
    assert copy_number_text(3) == "000003"
    with pytest.raises(ValidationError):
        copy_number_text(0)


@pytest.mark.skipif(not pdf.HAVE_POPPLER, reason="poppler-utils (pdftotext) not installed")
def test_gbt9704_page_numbers():
    fonts = default_fonts()
    style = TextStyle(fonts.fangsong, 16, leading=28.9)
    story = [CJKParagraph("各被巡察单位党组织要高度重视巡察工作。" * 60, style)]
    data = build_pdf(story, Furniture(fonts=fonts, page_numbers="gbt9704", copy_number=12), title="通知")
    out = pdf.text(data)
    assert "— 1 —" in out and "— 2 —" in out and "000012" in out


# ---- the talk record -----------------------------------------------------------------------------

ANSWER = (
    "我们单位在落实中央八项规定精神方面总体是好的，但也存在一些问题。比如公务接待，去年有几次超标准接待，"
    "主要是上级检查组来的时候，（一）陪餐人数超过规定；（二）安排了酒水。另外，办公用房调整以后，"
    "个别领导的办公室面积仍然超标，已经报告过党组，但是一直没有整改到位。"
)


def signed_talk(blocks: int = 12) -> Talk:
    return Talk(
        id="talk-1",
        inspection_id="insp-1",
        number=3,
        start_at="2026-03-15 09:00",
        end_at="2026-03-15 10:40",
        place="市自然资源局三楼小会议室",
        interviewee_name="张建国",
        interviewee_unit="市自然资源局",
        interviewee_position="党组成员、副局长",
        interviewee_category=IntervieweeCategory.LEADERSHIP,
        leadership_id=None,
        interviewers=[Person("u1", "刘组长"), Person("u2", "周组员")],
        recorder=Person("u2", "周组员"),
        kind=TalkKind.INDIVIDUAL,
        outline=["请谈谈班子落实全面从严治党主体责任的情况。"],
        record=[
            QA(
                f"第{i}个问题：请谈谈班子成员落实“一岗双责”的情况，以及你分管领域存在的主要问题？",
                ANSWER * (1 + i % 3),
            )
            for i in range(1, blocks + 1)
        ],
        key_points="一、公务接待存在超标准问题。\n二、办公用房整改不到位。",
        raised_problems=True,
        raised_leads=True,
        status=TalkStatus.SIGNED,
        signed_on="2026-03-16",
        classification="秘密",
        protection_years=1,
        addenda=[
            Addendum("a1", "2026-03-20", "经核实，第三个问题回答中的“去年”应为“2025年”。", "周组员", "")
        ],
    )


def _strip_furniture(extracted: str) -> str:
    body = pdf.squash(extracted)
    for mark in ("000003", "秘密★1年", "谈话记录第3号", "被谈话人签字：", "谈话人签字：", "记录人签字："):
        body = body.replace(mark, "")
    return re.sub(r"第\d+页共\d+页", "", body)


def test_talk_record_pdf(artifacts_dir):
    talk = signed_talk()
    data = render_talk_record(talk, copy_number=3, classification=classification_mark("秘密", 1))
    assert data.startswith(b"%PDF")
    save_artifact("talk-record.pdf", data)

    fonts = pdf.fonts(data)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert pdf.has_font_streams(data)
    pages = pdf.page_count(data)
    assert pages >= 3

    if not pdf.HAVE_POPPLER:
        pytest.skip("poppler-utils not installed: text checks skipped")
    out = pdf.text(data)
    squashed = pdf.squash(out)
    for k in range(1, pages + 1):
        assert f"第{k}页共{pages}页" in squashed
    # The copy number, the mark and the signature line are on every page.
    page_texts = out.split("\f")[:pages]
    for page in page_texts:
        page = pdf.squash(page)
        assert "000003" in page and "秘密★1年" in page and "被谈话人签字：" in page
        # The interviewers and the recorder sign every page too, as a real 谈话笔录 is signed.
        assert "谈话人签字：" in page.replace("被谈话人签字：", "") and "记录人签字：" in page
    # Metadata and the whole record read back as the same Chinese, in order.
    body = _strip_furniture(out)
    for value in (
        "张建国",
        "市自然资源局三楼小会议室",
        "党组成员、副局长",
        "刘组长、周组员",
        "个别谈话",
        "其他班子成员",
    ):
        assert value in body
    record = "".join(f"问：{b.question}答：{b.answer}" for b in talk.record)
    assert record in body
    assert "2026年3月20日补充（周组员）：经核实" in body
    assert "被谈话人已于2026年3月16日签字确认。" in body
    # The closing block: a signature and a date for each interviewer, the recorder and the interviewee.
    closing = body.split("签字确认。")[-1]
    assert closing.count("谈话人（签名）：") - closing.count("被谈话人（签名）：") == len(talk.interviewers)
    assert closing.count("记录人（签名）：") == 1 and closing.count("被谈话人（签名）：") == 1
    assert closing.count("日期：") == len(talk.interviewers) + 2  # each signature is dated
    for name in ("刘组长", "周组员", "张建国"):
        assert f"（{name}）" in closing, name


def test_talk_record_pages_are_rendered(tmp_path):
    """pdftoppm renders every page (the images were looked at while building this)."""
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed")
    data = render_talk_record(signed_talk(4), copy_number=1, classification="秘密★1年")
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-", str(tmp_path / "p")], input=data, check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == pdf.page_count(data)


def test_preview_has_no_copy_number():
    data = render_talk_record(signed_talk(1), copy_number=None, classification="秘密")
    if pdf.HAVE_POPPLER:
        assert "000" not in pdf.text(data).split("谈 话 记 录")[0]
