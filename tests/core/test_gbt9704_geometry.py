"""GB/T 9704-2012 geometry, measured on the generated PDF with poppler (pdftotext -bbox).

A4; text block 156 × 225 mm at 37 mm from the top and 28 mm from the left (the first line's
characters start 37 mm from the top); 22 lines of 28 characters, every full line exactly 28 cells
even when typed with half-width punctuation and Latin letters; copy number and classification top
left; page numbers "— N —" 7 mm below the block, right on odd pages and left on even, one character
in; no closing punctuation at a line start. The 版头 (red 发文机关标志 35 mm below the block's top,
发文字号, 签发人, red rule), the 版记 (抄送, 印发机关 and 印发日期 on the block's foot) and the 信函格式.
A copy's watermark is a picture: the copy reads as the preview does.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from app.core.printing import gbt9704 as g
from app.core.printing.authentication import keyed_hash, qr_payload, short_code
from app.core.printing.text import NO_LINE_END, NO_LINE_START
from tests.conftest import save_artifact
from tests.core.print_helpers import fonts as pdf_fonts

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

MM = 72 / 25.4
LEFT, TOP = 28 * MM, 37 * MM
BLOCK_W, BLOCK_H = 156 * MM, 225 * MM
PITCH_Y = BLOCK_H / 22
TOL = 0.5  # points (0.18 mm)


@dataclass
class Word:
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def words(pdf: bytes, page: int) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
    )
    return [Word(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in found]


def body_lines(pdf: bytes, page: int) -> list[Word]:
    """Words of body size (16 pt em box) inside the text block, merged per line, top to bottom."""
    lines: dict[float, Word] = {}
    for w in words(pdf, page):
        if abs(w.height - 16) > 0.3 or not (LEFT - 1 <= w.x0 <= LEFT + BLOCK_W):
            continue
        key = round(w.y0, 1)
        if key in lines:
            cur = lines[key]
            gap = " " if w.x0 - cur.x1 > 3 else ""  # a space (half a cell) pdftotext splits words at
            lines[key] = Word(min(cur.x0, w.x0), cur.y0, max(cur.x1, w.x1), cur.y1, cur.text + gap + w.text)
        else:
            lines[key] = w
    return [lines[k] for k in sorted(lines)]


PLAIN = "根据市委巡察工作统一部署市委第一巡察组对市财政局党组开展了常规巡察" * 6
PUNCTUATED = (
    "巡察组发现，该局存在问题：一是决策不规范；二是管理不严格。（具体见附件）“三重一大”制度执行不到位！"
)


def sample(paragraphs: int = 14) -> g.OfficialText:
    body = "\n".join(
        ["一、基本情况", "（一）总体情况。" + PLAIN, "1. 有关情况。" + PUNCTUATED * 3, "(1) 细项。" + PLAIN]
        + [PLAIN if k % 2 else PUNCTUATED * 4 for k in range(paragraphs)]
    )
    return g.OfficialText(
        "关于对市财政局党组开展常规巡察情况的报告",
        body,
        "中共某市委第一巡察组",
        "2026-05-20",
        "中共某市委巡察工作领导小组：",
        "秘密★1年",
    )


def marks(copy: int = 1) -> g.CopyMarks:
    doc = "3f1c0a9e-1111-4222-8333-444455556666"
    mac = keyed_hash(b"k" * 32, doc, 1, copy, "00")
    return g.CopyMarks(
        copy,
        f"测试员（tester） 2026-05-20 10:31 份号 {copy:06d}",
        short_code(7, 1, copy, mac),
        qr_payload(doc, 1, copy, mac),
    )


@pytest.fixture(scope="module")
def preview() -> bytes:
    return g.render(sample())


@pytest.fixture(scope="module")
def copy_pdf() -> bytes:
    pdf = g.render(sample(), marks=marks())
    save_artifact("gbt9704-geometry.pdf", pdf)
    return pdf


def test_a4_pages(preview):
    out = subprocess.run(["pdfinfo", "-"], input=preview, capture_output=True, check=True).stdout.decode()
    assert re.search(r"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", out)
    assert int(re.search(r"Pages:\s+(\d+)", out).group(1)) >= 3


def test_a_full_page_has_22_lines_on_the_grid(preview):
    lines = body_lines(preview, 2)
    assert len(lines) == 22
    for k, line in enumerate(lines):
        # Each line's 16 pt em box starts at the top of its grid line; the grid starts 37 mm from the top.
        expected_top = TOP + k * PITCH_Y
        assert line.y0 == pytest.approx(expected_top, abs=TOL), k
    # The last line ends inside the block: 37 + 225 mm from the top.
    assert lines[-1].y1 <= TOP + BLOCK_H + TOL


def test_full_lines_hold_28_characters_across_the_block(preview):
    lines = body_lines(preview, 2)
    plain = [ln for ln in lines if re.fullmatch(r"[\u4e00-\u9fff]{28}", ln.text)]
    assert len(plain) >= 5, [ln.text for ln in lines]
    for line in plain:
        assert line.x0 == pytest.approx(LEFT, abs=TOL)
        # 28 characters on a 156 mm / 28 pitch: the last glyph ends at the block's right edge
        # (its 16 pt glyph overhangs the 15.79 pt pitch by 0.21 pt).
        assert line.x1 == pytest.approx(LEFT + BLOCK_W, abs=TOL)
    for line in lines:
        assert len(line.text) <= 29  # a line never runs past the grid (29: a pushed-out mark)
        assert line.x1 <= LEFT + BLOCK_W + TOL


def test_first_characters_copy_number_classification_title_body(copy_pdf):
    first = body_lines(copy_pdf, 1)
    # Line 1: the copy number, 6 digits, 顶格 at the block's top left; line 2: classification.
    assert first[0].text == "000001"
    assert first[0].x0 == pytest.approx(LEFT, abs=TOL)
    assert first[0].y0 == pytest.approx(37 * MM, abs=TOL)  # the block's first line: 37 mm, not 39.3
    assert first[1].text == "秘密★1年"
    assert first[1].x0 == pytest.approx(LEFT, abs=TOL)
    assert first[1].y0 == pytest.approx(TOP + PITCH_Y, abs=TOL)
    # The title: 2号 (22 pt), centred on the block, on grid line 4.
    title = [w for w in words(copy_pdf, 1) if abs(w.height - 22) < 0.3]
    assert title and "".join(w.text for w in title).startswith("关于对市财政局党组")
    t0 = title[0]
    assert (t0.x0 + t0.x1) / 2 == pytest.approx(LEFT + BLOCK_W / 2, abs=2)
    assert t0.y0 == pytest.approx(TOP + 3 * PITCH_Y, abs=TOL)
    # The addressee 顶格, then the first body paragraph indented two characters.
    addressee = next(ln for ln in first if ln.text.startswith("中共某市委巡察工作领导小组"))
    assert addressee.x0 == pytest.approx(LEFT, abs=TOL)
    body = first[first.index(addressee) + 1]
    assert body.x0 == pytest.approx(LEFT + 2 * BLOCK_W / 28, abs=TOL)


def _page_number(pdf: bytes, page: int) -> Word:
    below = [w for w in words(pdf, page) if w.y0 > TOP + BLOCK_H and abs(w.height - 14) < 0.3]
    dash = next((w for w in below if w.text == "—"), None)
    assert dash is not None, "no 14 pt page number below the block"
    row = [w for w in below if abs(w.y0 - dash.y0) < 0.1]  # the watermark's words lie elsewhere
    return Word(
        min(w.x0 for w in row), dash.y0, max(w.x1 for w in row), dash.y1, " ".join(w.text for w in row)
    )


@pytest.mark.parametrize("pdf_name", ["preview", "copy_pdf"])
def test_page_numbers_alternate_7mm_below_the_block(pdf_name, request):
    pdf = request.getfixturevalue(pdf_name)
    dash_line = TOP + BLOCK_H + 7 * MM
    for page in (1, 2, 3):
        number = _page_number(pdf, page)
        assert number.text == f"— {page} —"
        # 4号 (14 pt); the dash line, 7 mm below the block, runs through the number's box.
        assert number.y0 < dash_line < number.y1
        assert number.y0 > TOP + BLOCK_H
        if page % 2:  # odd: right, one character in from the block's edge
            assert number.x1 == pytest.approx(LEFT + BLOCK_W - 14, abs=1.0)
        else:  # even: left, one character in
            assert number.x0 == pytest.approx(LEFT + 14, abs=1.0)


def test_no_closing_punctuation_starts_a_line(preview):
    count = 0
    for page in (1, 2, 3):
        for line in body_lines(preview, page):
            assert line.text[0] not in NO_LINE_START, line.text
            assert line.text[-1] not in NO_LINE_END, line.text
            count += 1
    assert count > 40


def test_fonts_embedded_and_heading_faces_used(copy_pdf):
    found = pdf_fonts(copy_pdf)
    assert found and all(emb for _, emb in found), found
    names = " ".join(n for n, _ in found)
    assert "Hei" in names and "Kai" in names  # 黑体 "一、", 楷体 "（一）"


def test_heading_levels_recognised():
    assert g.heading_level("一、基本情况") == 1
    assert g.heading_level("十二、其他") == 1
    assert g.heading_level("（三）存在的问题。正文") == 2
    assert g.heading_level("1. 违规发放") == 3
    assert g.heading_level("12．问题") == 3
    assert g.heading_level("(1) 细项") == 4
    assert g.heading_level("（2）细项") == 4
    assert g.heading_level("2026年，该局") == 0
    assert g.heading_level("1.5万元") == 0


def test_watermark_and_code_on_every_page(copy_pdf):
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=copy_pdf, capture_output=True, check=True
    ).stdout.decode()
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    for page in pages:
        squashed = re.sub(r"\s+", "", page)
        assert "核验码7-1-000001-" in squashed
        # The watermark (who, when, which copy) is a picture on every page, never text.
        assert "份号" not in squashed and "测试员" not in squashed
    assert b"/SMask" in copy_pdf  # the watermark's grey with its transparency


def body_text(pdf: bytes) -> list[str]:
    """The text inside the text block, line by line, without a copy's number (pdftotext, cropped)."""
    x, y, w, h = (str(int(v)) for v in (LEFT - 2, TOP - 2, BLOCK_W + 4, BLOCK_H + 4))
    out = subprocess.run(
        ["pdftotext", "-r", "72", "-x", x, "-y", y, "-W", w, "-H", h, "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    lines = [re.sub(r"\s+", "", ln) for ln in out.splitlines()]
    return [ln for ln in lines if ln and not re.fullmatch(r"\d{6}", ln)]


def test_a_copy_reads_exactly_as_its_preview(preview, copy_pdf):
    assert body_text(copy_pdf) == body_text(preview)
    assert len(body_text(preview)) > 60


# ---- 28 characters a line, whatever was typed --------------------------------------------------------

TYPED = (
    '巡察组发现,该局存在问题:一是决策不规范;二是管理不严格.(具体见附件)"三重一大"制度执行不到位!'
    "会议纪要(2025)记载,党组书记对OA系统、ERP项目和PPP项目均未组织论证?"
)


def cells(text: str) -> float:
    from app.core.printing.grid import cells as grid_cells

    return grid_cells(text)


def test_typed_half_width_punctuation_is_set_full_width_and_every_full_line_holds_28():
    body = "\n".join(TYPED * (k + 3) for k in range(6))
    pdf = g.render(g.OfficialText("关于有关情况的报告", body, "某巡察组", "2026-05-20"))
    full = 0
    for page in (1, 2):
        lines = body_lines(pdf, page)
        for k, line in enumerate(lines):
            assert not re.search(r'[(),;:?!"]', line.text), line.text  # all set full width
            if line.x1 < LEFT + BLOCK_W - TOL:  # a paragraph's last line, or the title block
                continue
            if k + 1 < len(lines) and (
                lines[k + 1].text[:1] in NO_LINE_START or line.text[-1:] in NO_LINE_END
            ):
                continue  # pushed out so that no mark starts the next line (GB/T 15834)
            full += 1
            indent = round((line.x0 - LEFT) / (BLOCK_W / 28))
            # 28 cells; 27.5 when half a cell is left, too narrow for the next full-width character.
            assert cells(line.text) + indent in (27.5, 28), line.text
            if not re.search(r"[A-Za-z0-9]", line.text):
                assert len(line.text) + indent == 28, line.text  # exactly 28 characters
    assert full > 15


# ---- the 版头, the 版记 and the 信函格式 ---------------------------------------------------------------

HEAD = g.Head(
    mark="中共某市委巡察工作领导小组办公室文件",
    doc_number="某巡办发〔2026〕3号",
    signer="王某某",
    cc="某市纪委监委，某市委组织部，某市委第一巡察组，某市委第二巡察组，某市委第三巡察组",
    printer="中共某市委巡察工作领导小组办公室",
    printed_on="2026-05-21",
)


def red_rows(pdf: bytes, page: int) -> dict[int, tuple[int, int]]:
    """Rows of the page (in points from the top, rendered at 72 dpi) with red pixels: their x extent."""
    import pypdfium2

    image = pypdfium2.PdfDocument(pdf)[page - 1].render(scale=2).to_pil().convert("RGB")
    width, height = image.size
    px = image.load()
    rows: dict[int, tuple[int, int]] = {}
    for y in range(height):
        xs = [x for x in range(0, width, 2) if px[x, y][0] > 180 and px[x, y][1] < 90 and px[x, y][2] < 90]
        if len(xs) > 20:
            rows[y // 2] = (min(xs) // 2, max(xs) // 2)
    return rows


def test_standard_head_mark_number_signer_and_red_rule():
    pdf = g.render(dataclasses.replace(sample(), head=HEAD), marks=marks())
    found = words(pdf, 1)
    mark = [w for w in found if w.text.startswith("中共某市委巡察工作领导小组办公室文件")]
    assert mark, [w.text for w in found][:10]
    # 35 mm below the top of the text block, centred, no wider than the block.
    assert mark[0].y0 == pytest.approx(TOP + 35 * MM, abs=1.0)
    assert (mark[0].x0 + mark[0].x1) / 2 == pytest.approx(LEFT + BLOCK_W / 2, abs=2)
    assert LEFT - TOL <= mark[0].x0 and mark[0].x1 <= LEFT + BLOCK_W + TOL
    lines = body_lines(pdf, 1)
    number = next(ln for ln in lines if ln.text.startswith("某巡办发〔2026〕3号"))
    # A report going up: the number one character in from the left, the signer one in from the right.
    assert number.y0 == pytest.approx(TOP + 7 * PITCH_Y, abs=TOL)
    assert number.x0 == pytest.approx(LEFT + BLOCK_W / 28, abs=TOL)
    assert number.text.endswith("签发人：王某某")
    assert number.x1 == pytest.approx(LEFT + BLOCK_W - BLOCK_W / 28, abs=1.0)
    # The red: the mark, and a rule as wide as the block 4 mm below the number's foot.
    rows = red_rows(pdf, 1)
    rule_y = TOP + 7 * PITCH_Y + 16 + 4 * MM
    near = {y: span for y, span in rows.items() if abs(y - rule_y) <= 1.5}
    assert near and all(abs(a - LEFT) <= 1.5 and abs(b - (LEFT + BLOCK_W)) <= 1.5 for a, b in near.values())
    assert any(TOP + 35 * MM <= y <= TOP + 35 * MM + 13 * MM for y in rows)  # the mark is red
    # The title two lines below the rule.
    title = [w for w in found if abs(w.height - 22) < 0.3]
    assert title[0].y0 == pytest.approx(TOP + 10 * PITCH_Y, abs=TOL)


def test_imprint_on_the_foot_of_the_last_page():
    pdf = g.render(dataclasses.replace(sample(), head=HEAD))
    last = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True).stdout.decode(),
        ).group(1)
    )
    small = [w for w in words(pdf, last) if abs(w.height - 14) < 0.3 and w.y0 < TOP + BLOCK_H]
    printed = [w for w in small if abs(w.y0 - (TOP + 21 * PITCH_Y + (PITCH_Y - 14) / 2)) < TOL]
    assert printed[0].text == "中共某市委巡察工作领导小组办公室"
    assert printed[0].x0 == pytest.approx(LEFT + 14, abs=TOL)  # one character in, 4号
    assert printed[-1].text.endswith("2026年5月21日印发")
    assert printed[-1].x1 == pytest.approx(LEFT + BLOCK_W - 14, abs=TOL)
    cc = [w for w in small if w.text.startswith("抄送：")]
    assert cc and cc[0].x0 == pytest.approx(LEFT + 14, abs=TOL)
    text = re.sub(r"\s+", "", " ".join(w.text for w in small))
    assert "某市委第三巡察组。" in text  # the last body named ends with a full stop


def test_letter_format():
    head = dataclasses.replace(
        HEAD, mark="中共某市委巡察工作领导小组办公室", signer="", letter=True, printer=""
    )
    pdf = g.render(dataclasses.replace(sample(), head=head), marks=marks())
    found = words(pdf, 1)
    name = next(w for w in found if w.text.startswith("中共某市委巡察工作领导小组办公室") and w.height > 17)
    assert name.y0 == pytest.approx(30 * MM, abs=1.0)  # 30 mm from the top of the page
    lines = body_lines(pdf, 1)
    assert lines[0].text.startswith("000001") and lines[0].text.endswith("某巡办发〔2026〕3号")
    assert lines[0].x1 == pytest.approx(LEFT + BLOCK_W, abs=TOL)  # the number 顶格 on the right
    assert lines[1].text == "秘密★1年"
    rows = red_rows(pdf, 1)
    x0 = LEFT + (BLOCK_W - 170 * MM) / 2  # centred on the text block, as the mark is
    lower = [y for y, (a, b) in rows.items() if abs(a - x0) < 2 and abs(b - (x0 + 170 * MM)) < 2 and y > 700]
    upper = [y for y, (a, b) in rows.items() if abs(a - x0) < 2 and abs(b - (x0 + 170 * MM)) < 2 and y < 200]
    assert upper and lower
    assert max(lower) == pytest.approx(841.89 - 20 * MM, abs=4)  # 20 mm above the foot
    # No page number on the first page of a letter; the next pages have theirs.
    assert not [w for w in found if w.text == "—" and w.y0 > TOP + BLOCK_H]
    assert _page_number(pdf, 2).text == "— 2 —"
