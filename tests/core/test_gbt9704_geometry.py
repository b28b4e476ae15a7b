"""GB/T 9704-2012 geometry, measured on the generated PDF with poppler (pdftotext -bbox).

A4; text block 156 × 225 mm at 37 mm from the top and 28 mm from the left; 22 lines of 28
characters; copy number and classification top left; page numbers "— N —" 7 mm below the block,
right on odd pages and left on even, one character in; no closing punctuation at a line start.
"""

from __future__ import annotations

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
            lines[key] = Word(min(cur.x0, w.x0), cur.y0, max(cur.x1, w.x1), cur.y1, cur.text + w.text)
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
        # Each line's 16 pt em box is centred in its grid line; the grid starts 37 mm from the top.
        expected_top = TOP + k * PITCH_Y + (PITCH_Y - 16) / 2
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
    assert first[0].y0 == pytest.approx(TOP + (PITCH_Y - 16) / 2, abs=TOL)
    assert first[1].text == "秘密★1年"
    assert first[1].x0 == pytest.approx(LEFT, abs=TOL)
    assert first[1].y0 == pytest.approx(TOP + PITCH_Y + (PITCH_Y - 16) / 2, abs=TOL)
    # The title: 2号 (22 pt), centred on the block, on grid line 4.
    title = [w for w in words(copy_pdf, 1) if abs(w.height - 22) < 0.3]
    assert title and "".join(w.text for w in title).startswith("关于对市财政局党组")
    t0 = title[0]
    assert (t0.x0 + t0.x1) / 2 == pytest.approx(LEFT + BLOCK_W / 2, abs=2)
    assert t0.y0 == pytest.approx(TOP + 3 * PITCH_Y + (PITCH_Y - 22) / 2, abs=TOL)
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
        assert "份号000001" in squashed  # the watermark names the copy
        assert "测试员" in squashed
