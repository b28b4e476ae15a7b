"""The print register (打印登记): every printed or exported copy, its copy number and its fate.

Copy numbers (份号) run per document (kind + record id) from 000001 upwards. They are allocated by
bumping `print_sequences` inside the caller's write transaction (BEGIN IMMEDIATE takes the write
lock first), so two workstations' processes or threads printing the same record at once still get
distinct numbers without gaps; `print_copies` has a unique key as a second line of defence.

Printing needs Cap.PRINT; exporting a file needs Cap.EXPORT and is registered and audited as its own
action. Each copy is later marked returned (收回) or destroyed (销毁) by someone with
Cap.PRINT_AUTHENTICATE.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security.roles import Cap
from app.core.session import Session

MAX_COPIES = 50

# Labels of the registered document kinds; later documents add theirs here.
DOCUMENT_KINDS: dict[str, str] = {"talk_record": "谈话记录"}
_KIND = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


class PrintAction(StrEnum):
    PRINT = "print"
    EXPORT = "export"

    @property
    def label(self) -> str:
        return {"print": "打印", "export": "导出"}[self.value]


class CopyStatus(StrEnum):
    ISSUED = "issued"
    RETURNED = "returned"
    DESTROYED = "destroyed"

    @property
    def label(self) -> str:
        return {"issued": "已发出", "returned": "已收回", "destroyed": "已销毁"}[self.value]


# Where a copy may go from each status.
_NEXT = {
    CopyStatus.ISSUED: {CopyStatus.RETURNED, CopyStatus.DESTROYED},
    CopyStatus.RETURNED: {CopyStatus.DESTROYED},
    CopyStatus.DESTROYED: set(),
}


@dataclass
class PrintEntry:
    id: str
    at: str
    user_id: str
    username: str
    document_kind: str
    record_id: str
    inspection_id: str | None
    action: PrintAction
    copies: int
    copy_numbers: list[int]
    classification: str
    statuses: dict[int, CopyStatus]

    @property
    def kind_label(self) -> str:
        return DOCUMENT_KINDS.get(self.document_kind, self.document_kind)


def format_range(numbers: list[int]) -> str:
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"{numbers[0]:06d}"
    return f"{numbers[0]:06d}–{numbers[-1]:06d}"


def _check_kind(kind: str) -> str:
    if not isinstance(kind, str) or not _KIND.match(kind):
        raise ValidationError("文件类别无效。", field="document_kind")
    return kind


def _check_copies(copies) -> int:
    """A whole number of copies, 1 to MAX_COPIES (2.5, True, NaN are refused, not rounded)."""
    return f.positive_int(copies, "copies", "份数", maximum=MAX_COPIES)


def _allocate(conn, kind: str, record_id: str, copies: int) -> list[int]:
    """The next `copies` numbers of this document; the caller holds the write transaction."""
    conn.execute(
        "INSERT INTO print_sequences (document_kind, record_id, last_copy) VALUES (?, ?, 0)"
        " ON CONFLICT (document_kind, record_id) DO NOTHING",
        (kind, record_id),
    )
    (last,) = conn.execute(
        "UPDATE print_sequences SET last_copy = last_copy + ? WHERE document_kind = ? AND record_id = ?"
        " RETURNING last_copy",
        (copies, kind, record_id),
    ).fetchone()
    return list(range(last - copies + 1, last + 1))


def register_print(
    session: Session,
    kind: str,
    record_id: str,
    copies: int,
    action: PrintAction | str = PrintAction.PRINT,
    *,
    inspection_id: str | None = None,
    classification: str = "",
) -> list[int]:
    """Register a print (Cap.PRINT) or an export (Cap.EXPORT); returns the copy numbers assigned.

    Joins the caller's transaction when there is one, so a document rendered inside it and its
    registration stand or fall together.
    """
    try:
        action = PrintAction(action)
    except ValueError:
        raise ValidationError("操作须为打印或导出。", field="action") from None
    session.require(Cap.PRINT if action is PrintAction.PRINT else Cap.EXPORT)
    kind = _check_kind(kind)
    if not record_id:
        raise ValidationError("缺少文件记录。", field="record_id")
    copies = _check_copies(copies)
    values = session.record_values()
    with session.transaction() as conn:
        numbers = _allocate(conn, kind, record_id, copies)
        conn.execute(
            "INSERT INTO print_register (id, created_at, updated_at, author_id, workstation_id, user_id, username,"
            " document_kind, record_id, inspection_id, action, copies, first_copy, last_copy, classification)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                *values.values(),
                session.user.id,
                session.user.username,
                kind,
                record_id,
                inspection_id,
                action.value,
                copies,
                numbers[0],
                numbers[-1],
                classification,
            ),
        )
        for number in numbers:
            copy = session.record_values()
            conn.execute(
                "INSERT INTO print_copies (id, created_at, updated_at, author_id, workstation_id, register_id,"
                " document_kind, record_id, copy_number) VALUES (?,?,?,?,?,?,?,?,?)",
                (*copy.values(), values["id"], kind, record_id, number),
            )
        label = DOCUMENT_KINDS.get(kind, kind)
        session.changed("print_register")  # the audit entry names the printed document's kind
        session.audit(
            action.value,
            kind,
            record_id,
            f"{action.label}{label}，份号 {format_range(numbers)}，共 {copies} 份",
        )
    return numbers


def list_prints(
    session: Session,
    *,
    document_kind: str | None = None,
    record_id: str | None = None,
    inspection_id: str | None = None,
    username: str | None = None,
    action: PrintAction | str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 1000,
) -> list[PrintEntry]:
    """The register, newest first.

    Cap.PRINT_AUTHENTICATE sees the register (a team leader only for their own inspections); anyone
    else who may print sees only their own prints. The entries carry ids and numbers, never record text.
    """
    where: list[str] = []
    params: list = []
    if session.can(Cap.PRINT_AUTHENTICATE):
        session.require(Cap.PRINT_AUTHENTICATE)
        if session.can(Cap.CASE_READ_TEAM) and not session.can(Cap.CASE_READ_ALL):
            from app.core.security.visibility import inspection_filter_sql

            vis, vis_params = inspection_filter_sql(session, "r.inspection_id")
            where.append(f"({vis} OR r.user_id = ?)")
            params += [*vis_params, session.user.id]
    else:
        session.require(Cap.PRINT)
        where.append("r.user_id = ?")
        params.append(session.user.id)
    for column, value in (
        ("r.document_kind", document_kind),
        ("r.record_id", record_id),
        ("r.inspection_id", inspection_id),
        ("r.username", username),
        ("r.action", PrintAction(action).value if action else None),
    ):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append("r.created_at >= ?")
        params.append(since)
    if until:
        where.append("r.created_at < ?")
        params.append(until)
    sql = (
        "SELECT r.id, r.created_at, r.user_id, r.username, r.document_kind, r.record_id, r.inspection_id,"
        " r.action, r.copies, r.classification,"
        " (SELECT json_group_object(c.copy_number, c.status) FROM print_copies c WHERE c.register_id = r.id)"
        " AS statuses"
        " FROM print_register r"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY r.created_at DESC LIMIT ?"
    )
    rows = session.conn.execute(sql, (*params, int(limit))).fetchall()
    entries = []
    for row in rows:
        statuses = {int(k): CopyStatus(v) for k, v in json.loads(row["statuses"] or "{}").items()}
        entries.append(
            PrintEntry(
                id=row["id"],
                at=row["created_at"],
                user_id=row["user_id"],
                username=row["username"],
                document_kind=row["document_kind"],
                record_id=row["record_id"],
                inspection_id=row["inspection_id"],
                action=PrintAction(row["action"]),
                copies=row["copies"],
                copy_numbers=sorted(statuses),
                classification=row["classification"],
                statuses=dict(sorted(statuses.items())),
            )
        )
    session.audit("print_register_view", "print_register", record_id or "", f"{len(entries)} 条")
    return entries


def set_copy_status(
    session: Session, kind: str, record_id: str, copy_number: int, status: CopyStatus | str
) -> None:
    """Mark one copy returned (收回) or destroyed (销毁); a status only moves forward."""
    session.require(Cap.PRINT_AUTHENTICATE)
    try:
        status = CopyStatus(status)
    except ValueError:
        raise ValidationError("状态须为已收回或已销毁。", field="status") from None
    copy_number = f.positive_int(copy_number, "copy_number", "份号", maximum=999_999)
    with session.transaction() as conn:
        row = conn.execute(
            "SELECT id, status FROM print_copies WHERE document_kind = ? AND record_id = ? AND copy_number = ?",
            (kind, record_id, copy_number),
        ).fetchone()
        if row is None:
            raise NotFound(f"登记簿中没有份号 {copy_number:06d}。")
        current = CopyStatus(row["status"])
        if status not in _NEXT[current]:
            raise Conflict(f"份号 {copy_number:06d} 当前为“{current.label}”，不能改为“{status.label}”。")
        values = session.record_values()
        conn.execute(
            "UPDATE print_copies SET status = ?, status_at = ?, status_by = ?, updated_at = ? WHERE id = ?",
            (status.value, values["updated_at"], session.user.id, values["updated_at"], row["id"]),
        )
        session.changed("print_register")
        session.audit(
            f"print_copy_{status.value}",
            kind,
            record_id,
            f"份号 {copy_number:06d}：{current.label}→{status.label}",
        )
