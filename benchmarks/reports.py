"""Printed reports at length: a 300-page rectification ledger and a 40-page official report.

    .venv/bin/python benchmarks/reports.py [--repeat 3] [--ledger-pages 300] [--report-pages 40]

ledger_300p — ours: app.core.printing.rectification_ledger.render_rectification_ledger (landscape
A4, CJKParagraph cells with Chinese line breaking, header row repeated, copy number, classification
and "第 X 页 共 Y 页" drawn in a second pass). Bare: reportlab's own platypus Table of Paragraphs
(wordWrap="CJK") with the same columns, widths, fonts and rows, a repeated header row and a page
number drawn by onPage — what a plain reportlab program would do.

report_40p — ours: app.core.printing.gbt9704.render (the GB/T 9704 grid: 22 × 28, headings in their
faces, copy number, classification, page numbers, verification code, QR and watermark on every page).
Bare: a platypus SimpleDocTemplate with the same margins, a Paragraph per paragraph (wordWrap="CJK",
16 pt on a 28.99 pt leading, 2-character indent), the title and headings in their fonts, and a page
number per page. The input is the same text in both cases.

Both build PDFs in memory. Prints the best of `--repeat` runs:
  ledger_300p: ours=…s bare=…s ratio=… (pages ours/bare)
  report_40p:  ours=…s bare=…s ratio=… (pages ours/bare)
Target: ratio ≤ 1.3.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: E402

from app.core.domain.register.rectification_record import Completion, Measure, Rectification, RectState  # noqa: E402
from app.core.printing import gbt9704  # noqa: E402
from app.core.printing.authentication import keyed_hash, qr_payload, short_code  # noqa: E402
from app.core.printing.fonts import default_fonts  # noqa: E402
from app.core.printing.landscape import LandscapeFurniture, body_width  # noqa: E402
from app.core.printing.rectification_ledger import COLUMNS, ledger_rows, render_rectification_ledger  # noqa: E402

PHRASES = [
    "违规发放津贴补贴",
    "“三重一大”决策制度执行不严格",
    "基层党组织“三会一课”落实不到位",
    "选人用人程序不规范，个别干部任职前公示期不足",
    "工程项目监管不到位，存在未批先建、超概算问题",
    "落实中央八项规定精神不够严格，公务接待超标准",
    "意识形态工作责任制落实不到位",
    "巡察整改推进缓慢，部分问题屡查屡犯",
]
MEASURES = [
    "全面清退违规发放的款项，修订津补贴发放管理办法",
    "修订党组议事规则，明确集体决策事项清单",
    "开展支部组织生活专项检查，规范会议记录",
    "对相关责任人进行诫勉谈话，举一反三开展自查",
    "建立工程项目全过程监管台账，每月通报进展",
]


@dataclass
class _Issue:  # what the ledger reads of an issue
    number: str
    title: str


def ledger_items(n: int, seed: int = 8) -> list:
    rng = random.Random(seed)
    items = []
    for k in range(1, n + 1):
        rect = Rectification(
            f"r{k}",
            f"i{k}",
            "整改目标",
            "2026-05-10",
            "2026-05-06",
            "2026-07-20",
            Completion.NOT_DONE,
            "",
            RectState.OPEN,
            None,
            None,
            None,
            "",
            today="2026-06-01",
        )
        for j in range(1, rng.randint(1, 4) + 1):
            m = Measure(
                f"m{k}-{j}",
                rect.id,
                j,
                rng.choice(MEASURES) + "，" + rng.choice(MEASURES),
                frozenset(),
                "",
                "局党组书记",
                "办公室",
                "王建国",
                f"2026-0{rng.randint(5, 9)}-{rng.randint(10, 28)}",
                rng.random() < 0.2,
                rng.random() < 0.2,
                Completion.NOT_DONE,
                None,
            )
            m.overdue = m.deadline < "2026-06-01"
            rect.measures.append(m)
        items.append((_Issue(f"[2026]2巡-1组-{k:02d}号", rng.choice(PHRASES)), rect))
    return items


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def best(fn, repeat: int) -> tuple[float, bytes]:
    times, out = [], b""
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


# ---- ledger -------------------------------------------------------------------------------------------


def ours_ledger(items) -> bytes:
    return render_rectification_ledger(
        items, heading="某局巡察反馈问题整改台账（第一巡察组）", classification="秘密★1年", copy_number=1
    )


def bare_ledger(items) -> bytes:
    fonts = default_fonts()
    furniture = LandscapeFurniture(fonts=fonts)
    width = body_width(furniture)
    head = ParagraphStyle("h", fontName=fonts.hei, fontSize=9, leading=12.5, alignment=1, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName=fonts.song, fontSize=9, leading=12.5, wordWrap="CJK")
    centre = ParagraphStyle("cc", parent=cell, alignment=1)
    title = ParagraphStyle("t", fontName=fonts.title, fontSize=20, leading=28, alignment=1, wordWrap="CJK")
    rows, _ = ledger_rows(items)
    total = sum(c.weight for c in COLUMNS)
    data = [[Paragraph(c.title, head) for c in COLUMNS]]
    for row in rows:
        data.append(
            [
                Paragraph(t.replace("\n", "<br/>"), centre if c.center else cell)
                for c, t in zip(COLUMNS, row, strict=True)
            ]
        )
    table = Table(data, colWidths=[width * c.weight / total for c in COLUMNS], repeatRows=1, splitByRow=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    )

    def on_page(canv, doc):
        canv.setFont(fonts.song, 10.5)
        canv.drawCentredString(landscape(A4)[0] / 2, 7 * mm, f"第 {doc.page} 页")

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=24 * mm,
        bottomMargin=16 * mm,
        invariant=1,
    )
    doc.build([Paragraph("整改台账", title), table], onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


# ---- report -------------------------------------------------------------------------------------------


SENTENCES = [
    "巡察组坚持以习近平新时代中国特色社会主义思想为指导，紧扣“四个聚焦”，深入查找问题。",
    "该局党组对中央八项规定精神学习贯彻不深入，以“加班补助”名义违规发放津贴补贴共计12.6万元。",
    "抽查5个党支部2025年会议记录，其中3个支部未按规定召开党小组会，组织生活会记录内容雷同。",
    "对保障性住房项目监管不严，2个项目存在未批先建、超概算问题，超概算金额共计860万元。",
    "要把巡察整改作为重要政治任务，建立问题清单、任务清单、责任清单，做到件件有着落。",
    "（此处由巡察组补充被巡察单位的基本情况和主要工作成效。）",
]


def report_text(paragraphs: int, seed: int = 3) -> gbt9704.OfficialText:
    rng = random.Random(seed)
    body = []
    for k in range(paragraphs):
        if k % 12 == 0:
            body.append(f"{'一二三四五六七八九十'[(k // 12) % 10]}、巡察发现的问题")
        elif k % 4 == 0:
            body.append(
                f"（{'一二三四五六七八九十'[(k // 4) % 10]}）有关方面的问题。" + rng.choice(SENTENCES)
            )
        else:
            body.append(f"{k % 4}. " + "".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))))
    return gbt9704.OfficialText(
        "关于对市住房和城乡建设局党组织巡察情况的报告",
        "\n".join(body),
        "中共某市委第一巡察组",
        "2026-05-20",
        "中共某市委巡察工作领导小组：",
        "秘密★1年",
    )


def ours_report(text: gbt9704.OfficialText) -> bytes:
    doc = "3f1c0a9e-1111-4222-8333-444455556666"
    mac = keyed_hash(b"k" * 32, doc, 1, 1, "00")
    marks = gbt9704.CopyMarks(
        1,
        "陈巡明（office） 2026-05-20 10:31 份号 000001",
        short_code(7, 1, 1, mac),
        qr_payload(doc, 1, 1, mac),
    )
    return gbt9704.render(text, marks=marks, title="巡察报告")


def bare_report(text: gbt9704.OfficialText) -> bytes:
    fonts = default_fonts()
    pitch = 225 * mm / 22
    body = ParagraphStyle(
        "b", fontName=fonts.fangsong, fontSize=16, leading=pitch, firstLineIndent=32, wordWrap="CJK"
    )
    h1 = ParagraphStyle("h1", parent=body, fontName=fonts.hei)
    h2 = ParagraphStyle("h2", parent=body, fontName=fonts.kai)
    title = ParagraphStyle(
        "t", fontName=fonts.title, fontSize=22, leading=pitch, alignment=1, wordWrap="CJK", firstLineIndent=0
    )
    plain = ParagraphStyle("p", parent=body, firstLineIndent=0)
    right = ParagraphStyle("r", parent=plain, alignment=2)
    story = [
        Paragraph("000001", plain),
        Paragraph(text.classification, plain),
        Paragraph(text.title, title),
        Paragraph(text.addressee, plain),
    ]
    for para in text.body.split("\n"):
        level = gbt9704.heading_level(para)
        story.append(Paragraph(para, h1 if level == 1 else h2 if level == 2 else body))
    story += [Paragraph(text.issuer, right), Paragraph(gbt9704.chinese_date(text.issued_on), right)]

    def on_page(canv, doc):
        canv.setFont(fonts.song, 14)
        canv.drawRightString(28 * mm + 156 * mm - 14, 26 * mm, f"— {doc.page} —")

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        invariant=1,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def calibrate(make, render, target: int, start: int) -> int:
    """The size of input that gives about `target` pages with our renderer."""
    n = start
    for _ in range(4):
        got = pages(render(make(n)))
        if abs(got - target) <= max(1, target // 100):
            break
        n = max(1, round(n * target / max(got, 1)))
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ledger-pages", type=int, default=300)
    ap.add_argument("--report-pages", type=int, default=40)
    args = ap.parse_args()
    default_fonts()  # font registration is once per process, outside the timings

    n = calibrate(ledger_items, ours_ledger, args.ledger_pages, 600)
    items = ledger_items(n)
    ours_t, ours_pdf = best(lambda: ours_ledger(items), args.repeat)
    bare_t, bare_pdf = best(lambda: bare_ledger(items), args.repeat)
    print(
        f"ledger_{args.ledger_pages}p: ours={ours_t:.3f}s bare={bare_t:.3f}s ratio={ours_t / bare_t:.2f}"
        f" (pages {pages(ours_pdf)}/{pages(bare_pdf)}, {n} issues)",
        flush=True,
    )

    m = calibrate(report_text, ours_report, args.report_pages, 150)
    text = report_text(m)
    ours_t, ours_pdf = best(lambda: ours_report(text), args.repeat)
    bare_t, bare_pdf = best(lambda: bare_report(text), args.repeat)
    print(
        f"report_{args.report_pages}p: ours={ours_t:.3f}s bare={bare_t:.3f}s ratio={ours_t / bare_t:.2f}"
        f" (pages {pages(ours_pdf)}/{pages(bare_pdf)}, {m} paragraphs)",
        flush=True,
    )


if __name__ == "__main__":
    main()
