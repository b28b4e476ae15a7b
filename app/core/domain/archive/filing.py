"""Open, number and close (封存) an inspection's archive (DA/T 22-2015).

Items are ordered by class (文书 then 业务), retention period (永久, 30年, 10年), kind and date, and
numbered from 1 within each (class, year, retention): the 件号. The archive number (档号) is
全宗号-门类代码·年度-保管期限-机构代码-件号, e.g. `X012-YW·2026-D30-XCB-0003`. Each item's archived copy
(PDF) is made when it is numbered, with its SHA-256 and SM3 digests. Closing refuses while anything is
missing (listing it), then fixes the archive: the inspection's records become read-only (the core
refuses every write in it, and the database triggers back that up).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes

from app.core.domain.archive import proposal as prop
from app.core.domain.archive.item_pdfs import item_pdf, page_count
from app.core.domain.archive.kinds import (
    CATEGORY_ORDER,
    KINDS,
    RETENTION_ORDER,
    Category,
    Retention,
    parse_retention,
)
from app.core.errors import Cancelled, Conflict, NotFound, ValidationError
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap
from app.core.session import Session

_CODE = re.compile(r"^[A-Za-z0-9]{1,12}$")
CLOSED_REFUSAL = "该巡察已立卷归档（档案已封存），其记录为只读，不能更改。"


@dataclass(frozen=True)
class Archive:
    id: str
    inspection_id: str
    year: int
    fonds_no: str
    org_code: str
    status: str
    opened_on: str
    closed_on: str | None
    filer: str
    checker: str

    COLUMNS = "id, inspection_id, year, fonds_no, org_code, status, opened_on, closed_on, filer, checker"

    @classmethod
    def from_row(cls, row) -> Archive:
        return cls(**{k: row[k] for k in cls.COLUMNS.split(", ")})

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def status_label(self) -> str:
        return "已封存" if self.closed else "整理中"


@dataclass(frozen=True)
class Item:
    id: str
    ordinal: int
    record_type: str
    record_id: str
    category: Category
    retention: Retention
    item_no: int
    archive_no: str
    doc_no: str
    author: str
    title: str
    dated: str
    classification: str
    pages: int
    note: str
    sha256: str
    sm3: str

    COLUMNS = (
        "id, ordinal, record_type, record_id, category, retention, item_no, archive_no, doc_no, author, title,"
        " dated, classification, pages, note, sha256, sm3"
    )

    @classmethod
    def from_row(cls, row) -> Item:
        values = {k.strip(): row[k.strip()] for k in cls.COLUMNS.split(",")}
        values["category"] = Category(values["category"])
        values["retention"] = Retention(values["retention"])
        return cls(**values)

    @property
    def kind_label(self) -> str:
        return KINDS[self.record_type].label


def sm3_hex(data: bytes) -> str:
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize().hex()


def archive_number(
    fonds_no: str, category: Category, year: int, retention: Retention, org_code: str, n: int
) -> str:
    return f"{fonds_no}-{category.value}·{year}-{retention.value}-{org_code}-{n:04d}"


def _code(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if not _CODE.match(value):
        raise ValidationError(f"{label}须为 1 至 12 位字母或数字。", field=field)
    return value


def _text(value: str, field: str, label: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(f"请填写{label}。", field=field)
    if len(value) > 40:
        raise ValidationError(f"{label}不能超过 40 个字。", field=field)
    return value


def _row(conn, inspection_id: str):
    return conn.execute(
        f"SELECT {Archive.COLUMNS} FROM archives WHERE inspection_id = ?", (inspection_id,)
    ).fetchone()


def find_archive(session: Session, inspection_id: str) -> Archive | None:
    """The inspection's archive, or None (not audited; the caller may know of the inspection)."""
    from app.core.security import visibility

    visibility.require_inspection_visible(session, inspection_id)
    row = _row(session.conn, inspection_id)
    return Archive.from_row(row) if row else None


def _archive_by_id(session: Session, archive_id: str) -> Archive:
    row = session.conn.execute(
        f"SELECT {Archive.COLUMNS} FROM archives WHERE id = ?", (archive_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该档案。")
    archive = Archive.from_row(row)
    prop.require_archivist(session, archive.inspection_id)
    return archive


def list_items(session: Session, archive_id: str) -> list[Item]:
    row = session.conn.execute("SELECT inspection_id FROM archives WHERE id = ?", (archive_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该档案。")
    from app.core.security import visibility

    visibility.require_inspection_visible(session, row["inspection_id"])
    return [
        Item.from_row(r)
        for r in session.conn.execute(
            f"SELECT {Item.COLUMNS} FROM archive_items WHERE archive_id = ? ORDER BY ordinal", (archive_id,)
        )
    ]


def item_copy(session: Session, item_id: str) -> bytes:
    """The archived PDF of one item (audited as a view)."""
    row = session.conn.execute(
        "SELECT i.pdf, i.archive_no, a.inspection_id FROM archive_items i JOIN archives a ON a.id = i.archive_id"
        " WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该归档文件。")
    prop.require_archivist(session, row["inspection_id"])
    session.audit("archive_item_view", "archive_item", item_id, row["archive_no"])
    return bytes(row["pdf"])


def _sort_key(c: prop.Candidate):
    return (
        CATEGORY_ORDER.index(c.category),
        RETENTION_ORDER.index(c.retention),
        KINDS[c.record_type].order,
        c.dated or "",
        c.doc_no,
        c.title,
    )


def _number(
    session: Session, archive: Archive, candidates: list[prop.Candidate], progress=None, cancel=None
) -> int:
    conn = session.conn
    conn.execute("DELETE FROM archive_items WHERE archive_id = ?", (archive.id,))
    counters: dict[tuple[Category, Retention], int] = {}
    ordered = sorted(candidates, key=_sort_key)
    for ordinal, c in enumerate(ordered, start=1):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        n = counters[(c.category, c.retention)] = counters.get((c.category, c.retention), 0) + 1
        pdf = item_pdf(session, c.record_type, c.record_id, c.classification)
        values = session.record_values()
        conn.execute(
            "INSERT INTO archive_items (id, created_at, updated_at, author_id, workstation_id, archive_id, ordinal,"
            " record_type, record_id, category, retention, item_no, archive_no, doc_no, author, title, dated,"
            " classification, pages, note, sha256, sm3, pdf)"
            " VALUES (:id, :created_at, :updated_at, :author_id, :workstation_id, :archive_id, :ordinal,"
            " :record_type, :record_id, :category, :retention, :item_no, :archive_no, :doc_no, :author, :title,"
            " :dated, :classification, :pages, :note, :sha256, :sm3, :pdf)",
            {
                **values,
                "archive_id": archive.id,
                "ordinal": ordinal,
                "record_type": c.record_type,
                "record_id": c.record_id,
                "category": c.category.value,
                "retention": c.retention.value,
                "item_no": n,
                "archive_no": archive_number(
                    archive.fonds_no, c.category, archive.year, c.retention, archive.org_code, n
                ),
                "doc_no": c.doc_no,
                "author": c.author,
                "title": c.title,
                "dated": c.dated,
                "classification": c.classification,
                "pages": page_count(pdf),
                "note": c.kind_label,
                "sha256": hashlib.sha256(pdf).hexdigest(),
                "sm3": sm3_hex(pdf),
                "pdf": pdf,
            },
        )
        if progress is not None:
            progress(ordinal, len(ordered))
    return len(ordered)


def open_archive(
    session: Session,
    inspection_id: str,
    *,
    fonds_no: str,
    org_code: str,
    filer: str,
    year: int | None = None,
    today: str | None = None,
    progress=None,
    cancel=None,
) -> Archive:
    """Open the inspection's archive and number every record ready to file (one transaction, audited)."""
    prop.require_archivist(session, inspection_id)
    fonds_no = _code(fonds_no, "fonds_no", "全宗号")
    org_code = _code(org_code, "org_code", "机构代码")
    filer = _text(filer, "filer", "立卷人")
    today = today or audit_trail.now_iso()[:10]
    year = int(year or today[:4])
    if not 1949 <= year <= 2999:
        raise ValidationError("年度须为四位年份。", field="year")
    with session.transaction() as conn:
        if _row(conn, inspection_id) is not None:
            raise Conflict("该巡察的档案已经建立。")
        values = session.record_values()
        conn.execute(
            "INSERT INTO archives (id, created_at, updated_at, author_id, workstation_id, inspection_id, year,"
            " fonds_no, org_code, status, opened_on, filer) VALUES (?,?,?,?,?,?,?,?,?,'open',?,?)",
            (
                values["id"],
                values["created_at"],
                values["updated_at"],
                values["author_id"],
                values["workstation_id"],
                inspection_id,
                year,
                fonds_no,
                org_code,
                today,
                filer,
            ),
        )
        archive = Archive.from_row(_row(conn, inspection_id))
        found = prop._gather(session, inspection_id)
        count = _number(session, archive, found.ready, progress, cancel)
        session.audit(
            "archive_open",
            "archive",
            archive.id,
            f"{found.heading}：全宗号 {fonds_no}，{year} 年度，编号 {count} 件，缺 {len(found.missing)} 件",
        )
    return archive


def renumber(session: Session, archive_id: str, progress=None, cancel=None) -> int:
    """Propose again and renumber (records added or completed since); refused once closed."""
    archive = _archive_by_id(session, archive_id)
    if archive.closed:
        raise Conflict("档案已封存，不能重新编号。")
    with session.transaction():
        found = prop._gather(session, archive.inspection_id)
        count = _number(session, archive, found.ready, progress)
        session.audit(
            "archive_renumber", "archive", archive.id, f"编号 {count} 件，缺 {len(found.missing)} 件"
        )
    return count


def close_archive(session: Session, archive_id: str, *, checker: str, today: str | None = None) -> Archive:
    """Fix the archive (封存): refused while a record is missing or not final, listing each one."""
    archive = _archive_by_id(session, archive_id)
    if archive.closed:
        raise Conflict("档案已封存。")
    checker = _text(checker, "checker", "检查人")
    today = today or audit_trail.now_iso()[:10]
    with session.transaction() as conn:
        found = prop._gather(session, archive.inspection_id)
        if found.missing:
            lines = "\n".join(f"· {c.kind_label}《{c.title}》：{c.problem}" for c in found.missing)
            raise ValidationError(
                f"尚有 {len(found.missing)} 件未齐备，不能封存档案：\n{lines}", field="items"
            )
        if not found.ready:
            raise ValidationError("该巡察没有可归档的文件，不能封存档案。", field="items")
        phase = conn.execute(
            "SELECT phase FROM inspections WHERE id = ?", (archive.inspection_id,)
        ).fetchone()
        if phase["phase"] != "filed":
            raise Conflict(
                "请先把巡察推进到“立卷归档”阶段，再封存档案（封存后巡察的阶段和记录都不能再更改）。"
            )
        filed = {
            (r["record_type"], r["record_id"])
            for r in conn.execute(
                "SELECT record_type, record_id FROM archive_items WHERE archive_id = ?", (archive.id,)
            )
        }
        if filed != {(c.record_type, c.record_id) for c in found.ready}:
            _number(session, archive, found.ready)
        conn.execute(
            "UPDATE archives SET status = 'closed', closed_on = ?, checker = ?, updated_at = ? WHERE id = ?",
            (today, checker, audit_trail.now_iso(), archive.id),
        )
        n = conn.execute("SELECT count(*) FROM archive_items WHERE archive_id = ?", (archive.id,)).fetchone()[
            0
        ]
        session.audit("archive_close", "archive", archive.id, f"封存 {n} 件，检查人 {checker}")
    return Archive.from_row(_row(session.conn, archive.inspection_id))


def set_retention(session: Session, kind: str, retention: str) -> None:
    """The office changes a kind's retention period (applies to archives numbered afterwards)."""
    session.require(Cap.ORG_MANAGE)
    if kind not in KINDS:
        raise ValidationError("没有这种归档文件类别。", field="kind")
    value = parse_retention(retention)
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO archive_retention (kind, retention) VALUES (?, ?)"
            " ON CONFLICT(kind) DO UPDATE SET retention = excluded.retention",
            (kind, value.value),
        )
        session.audit("archive_retention_set", "archive", "", f"{KINDS[kind].label}：{value.label}")


def is_closed(conn, inspection_id: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM archives WHERE inspection_id = ? AND status = 'closed'", (inspection_id,)
        ).fetchone()
        is not None
    )


@dataclass(frozen=True)
class Addendum:
    id: str
    item_id: str | None
    archive_no: str
    added_on: str
    text: str
    author: str


def add_addendum(
    session: Session, archive_id: str, text: str, *, item_id: str | None = None, on: str | None = None
) -> Addendum:
    """A dated addendum (补充说明) to a closed archive or one of its items: the only change it takes."""
    archive = _archive_by_id(session, archive_id)
    if not archive.closed:
        raise Conflict("档案尚未封存，请直接更正记录后重新编号。")
    text = (text or "").strip()
    if not text:
        raise ValidationError("请填写补充说明。", field="text")
    if len(text) > 2000:
        raise ValidationError("补充说明不能超过 2000 字。", field="text")
    on = on or audit_trail.now_iso()[:10]
    with session.transaction() as conn:
        archive_no = ""
        if item_id is not None:
            row = conn.execute(
                "SELECT archive_no FROM archive_items WHERE id = ? AND archive_id = ?", (item_id, archive.id)
            ).fetchone()
            if row is None:
                raise ValidationError("该归档文件不在本档案中。", field="item")
            archive_no = row["archive_no"]
        values = session.record_values()
        conn.execute(
            "INSERT INTO archive_addenda (id, created_at, updated_at, author_id, workstation_id, archive_id, item_id,"
            " added_on, text) VALUES (?,?,?,?,?,?,?,?,?)",
            (*values.values(), archive.id, item_id, on, text),
        )
        session.audit("archive_addendum", "archive", archive.id, f"补充说明 {archive_no or '（全卷）'}")
    return Addendum(values["id"], item_id, archive_no, on, text, session.user.display_name)


def list_addenda(session: Session, archive_id: str) -> list[Addendum]:
    row = session.conn.execute("SELECT inspection_id FROM archives WHERE id = ?", (archive_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该档案。")
    from app.core.security import visibility

    visibility.require_inspection_visible(session, row["inspection_id"])
    return [
        Addendum(r["id"], r["item_id"], r["archive_no"] or "", r["added_on"], r["text"], r["author"] or "")
        for r in session.conn.execute(
            "SELECT d.id, d.item_id, i.archive_no, d.added_on, d.text, u.display_name AS author"
            " FROM archive_addenda d LEFT JOIN archive_items i ON i.id = d.item_id"
            " LEFT JOIN users u ON u.id = d.author_id WHERE d.archive_id = ? ORDER BY d.added_on, d.created_at",
            (archive_id,),
        )
    ]
