"""The archive's prints from the records: catalogue, box sheet, stamps (Cap.PRINT; audited)."""

from __future__ import annotations

from app.core.domain.archive import filing as fl
from app.core.domain.archive import proposal as prop
from app.core.printing import archive_print as ap
from app.core.printing import register
from app.core.security.roles import Cap
from app.core.session import Session

DOCUMENTS = {"archive_catalogue": "归档文件目录", "archive_box_sheet": "备考表", "archive_stamps": "归档章"}
for _k, _v in DOCUMENTS.items():
    register.DOCUMENT_KINDS.setdefault(_k, _v)


def _lines(session: Session, archive_id: str):
    archive = fl._archive_by_id(session, archive_id)
    names = prop._heading(session.conn, archive.inspection_id)
    head = ap.ArchiveHeading(
        heading=f"{names['team_name']}巡察{names['unit_name']}",
        fonds_no=archive.fonds_no,
        org_code=archive.org_code,
        year=archive.year,
        filer=archive.filer,
        checker=archive.checker,
        opened_on=archive.opened_on,
        closed_on=archive.closed_on or "",
        status_label=archive.status_label,
    )
    lines = [
        ap.CatalogueLine(
            it.ordinal,
            it.archive_no,
            it.doc_no,
            it.author,
            it.title,
            it.dated,
            it.classification,
            it.pages,
            it.note,
            it.category.label,
            it.retention.label,
            it.item_no,
        )
        for it in fl.list_items(session, archive_id)
    ]
    return archive, head, lines


def _print(session: Session, archive_id: str, kind: str, render) -> bytes:
    session.require(Cap.PRINT)
    archive, head, lines = _lines(session, archive_id)
    pdf = render(lines, head)
    session.audit("archive_print", "archive", archive.id, f"{DOCUMENTS[kind]}（{len(lines)} 件）")
    return pdf


def catalogue_pdf(session: Session, archive_id: str) -> bytes:
    return _print(session, archive_id, "archive_catalogue", ap.render_catalogue)


def box_sheet_pdf(session: Session, archive_id: str) -> bytes:
    notes = "".join(
        f"{a.added_on} 补充说明{('（' + a.archive_no + '）') if a.archive_no else ''}：{a.text}"
        for a in fl.list_addenda(session, archive_id)
    )
    return _print(
        session,
        archive_id,
        "archive_box_sheet",
        lambda lines, head: ap.render_box_sheet(lines, head, notes=notes),
    )


def stamps_pdf(session: Session, archive_id: str) -> bytes:
    return _print(session, archive_id, "archive_stamps", ap.render_stamps)
