"""The 归档文件目录 as a workbook sheet: for the Excel export (app.core.sheets.exports) and the package.

With the archive opened, its numbered items; before that, the records proposed, the gaps noted.
"""

from __future__ import annotations

from app.core.domain.archive import filing as fl
from app.core.domain.archive import proposal as prop
from app.core.session import Session
from app.core.sheets.workbook import Book, Col, as_date

COLUMNS = [
    Col("序号", 6, "number"),
    Col("档号", 30, "center"),
    Col("文号", 18, "center"),
    Col("责任者", 16),
    Col("题名", 44),
    Col("日期", 12, "date"),
    Col("密级", 8, "center"),
    Col("页数", 6, "number"),
    Col("保管期限", 9, "center"),
    Col("备注", 22),
]


def item_row(it: fl.Item) -> list:
    return [
        it.ordinal,
        it.archive_no,
        it.doc_no,
        it.author,
        it.title,
        as_date(it.dated or None),
        it.classification,
        it.pages,
        it.retention.label,
        it.note,
    ]


def candidate_row(k: int, c: prop.Candidate) -> list:
    note = c.kind_label + (f"；{c.problem}" if c.problem else "")
    return [
        k,
        "",
        c.doc_no,
        c.author,
        c.title,
        as_date(c.dated or None),
        c.classification,
        None,
        c.retention.label,
        note,
    ]


def rows_for(session: Session, inspection_id: str) -> list[list]:
    prop.require_archivist(session, inspection_id)
    archive = fl.find_archive(session, inspection_id)
    if archive is not None:
        return [item_row(it) for it in fl.list_items(session, archive.id)]
    found = prop._gather(session, inspection_id)
    return [candidate_row(k, c) for k, c in enumerate(found.candidates, start=1)]


def fill(sheet, rows: list[list]) -> int:
    for row in rows:
        sheet.append(row)
    return len(rows)


def catalogue_xlsx(items: list[fl.Item], heading: str, classification: str) -> bytes:
    """The package's catalogue.xlsx (not a registered copy: it travels inside the package)."""
    book = Book(classification=classification, title="归档文件目录")
    sheet = book.sheet("归档文件目录", "归档文件目录", heading, COLUMNS)
    try:
        fill(sheet, [item_row(it) for it in items])
        return book.to_bytes()
    except BaseException:
        book.discard()
        raise
