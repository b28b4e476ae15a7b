"""Small files of every importable kind, made in memory: for the demo, the tests and the benchmark.

The project makes its own material rather than shipping documents: a .docx is a hand-built zip with
word/document.xml, an .xlsx comes from openpyxl, a PDF from reportlab with an embedded Chinese font
(so it has a real text layer), images from Pillow. Nothing is written to disk.
"""

from __future__ import annotations

import io
import zipfile
from html import escape as _html_escape


def escape(text: str) -> str:
    # Not xml.sax.saxutils.escape: importing xml.sax.saxutils pulls in urllib.request, http.client,
    # ssl and socket, and no network module may be loaded in this process.
    return _html_escape(text, quote=False)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_txt(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def docx_document_xml(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    if table:
        rows = "".join(
            "<w:tr>"
            + "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>" for c in row)
            + "</w:tr>"
            for row in table
        )
        body += f"<w:tbl>{rows}</w:tbl>"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    return xml.encode("utf-8")


def make_docx_from_xml(document_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx zip around the given word/document.xml (tests use it for hostile XML)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    return make_docx_from_xml(docx_document_xml(paragraphs, table))


def make_xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def make_pdf(pages: list[list[str]], *, title: str = "材料") -> bytes:
    """A PDF whose pages carry the given lines as real (extractable) text, in the Song font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from app.core.printing.fonts import default_fonts

    font = default_fonts().song
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=A4, invariant=True)
    canv.setTitle(title)
    width, height = A4
    for lines in pages:
        canv.setFont(font, 12)
        y = height - 72
        for line in lines:
            canv.drawString(72, y, line)
            y -= 18
        canv.showPage()
    canv.save()
    return buffer.getvalue()


def make_image(
    fmt: str = "PNG", size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (180, 30, 30)
) -> bytes:
    """A small solid image with a stripe, in PNG, JPEG, GIF, BMP or TIFF."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (250, 250, 245))
    ImageDraw.Draw(img).rectangle((4, size[1] // 3, size[0] - 4, size[1] // 3 * 2), fill=color)
    buffer = io.BytesIO()
    img.save(buffer, format=fmt)
    return buffer.getvalue()
