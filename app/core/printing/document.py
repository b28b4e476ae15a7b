"""Building a PDF in memory: a story of flowables plus page furniture, returned as bytes.

Nothing touches the disk: the document is written into a BytesIO. The PDF is `invariant` (no
creation time or random id inside), so the same record and copy number give the same bytes, and
its metadata carry no record text: only the kind of document.
"""

from __future__ import annotations

import io

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from app.core.printing.furniture import PAGE_HEIGHT, PAGE_WIDTH, Furniture, canvas_maker


def build_pdf(
    story: list,
    furniture: Furniture,
    *,
    title: str,
    pagesize: tuple[float, float] = (PAGE_WIDTH, PAGE_HEIGHT),
) -> bytes:
    """Lay out `story` in one body frame inside `furniture`'s margins (portrait A4 unless told)."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=furniture.left_margin,
        rightMargin=furniture.right_margin,
        topMargin=furniture.top_reserve,
        bottomMargin=furniture.bottom_reserve,
        title=title,
        author="",
        subject="",
        creator="巡察工作台",
        producer="巡察工作台",
        invariant=True,
        pageCompression=1,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=canvas_maker(furniture))
    return buffer.getvalue()


def frame_width(furniture: Furniture) -> float:
    return PAGE_WIDTH - furniture.left_margin - furniture.right_margin
