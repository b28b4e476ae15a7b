"""The auditor's view of the trail: list, filter, count, export (in Chinese, objects named), verify.

Reading the trail is itself recorded (as "audit_view"), so the auditor's own look leaves a trace.
Verification checks the HMAC chain, the head and every signature (app.core.store.verify.check_trail);
an export refuses a trail that fails it, unless asked to export it for investigation, and then every
sheet of the file says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from app.core.errors import IntegrityFailure
from app.core.security import audit as audit_trail
from app.core.security.audit import AuditEntry, ChainReport
from app.core.security.audit_labels import action_label, object_type_label, summary_text
from app.core.security.audit_names import object_names
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.keyslots import KeySlots
from app.core.store.verify import check_trail


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    action: str | None = None
    since: str | None = None  # ISO date or datetime, inclusive
    until: str | None = None  # ISO date or datetime, inclusive (a bare date covers the whole day)
    text: str | None = None  # matched against object type/id and summary
    after_seq: int | None = None  # only entries after this sequence number (those written since)

    def where(self) -> tuple[str, list]:
        clauses, args = [], []
        if self.username:
            clauses.append("username = ?")
            args.append(self.username)
        if self.action:
            clauses.append("action = ?")
            args.append(self.action)
        if self.since:
            clauses.append("at >= ?")
            args.append(_utc_bound(self.since, end=False))
        if self.until:
            clauses.append("at < ?" if len(self.until) == 10 else "at <= ?")
            args.append(_utc_bound(self.until, end=True))
        if self.text:
            clauses.append("(summary LIKE ? OR object_id LIKE ? OR object_type LIKE ?)")
            like = f"%{self.text}%"
            args += [like, like, like]
        if self.after_seq is not None:
            clauses.append("seq > ?")
            args.append(int(self.after_seq))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _utc_bound(value: str, *, end: bool) -> str:
    """Entries are stamped in UTC; a bare date means that calendar day on this workstation's clock."""
    if len(value) == 10:
        day = date.fromisoformat(value) + (timedelta(days=1) if end else timedelta())
        local_midnight = datetime.combine(day, time.min).astimezone()  # local zone
        return local_midnight.astimezone(UTC).isoformat(timespec="microseconds")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _filter(**kwargs) -> AuditFilter:
    return AuditFilter(**{k: v for k, v in kwargs.items() if k in AuditFilter.__dataclass_fields__})


def list_entries(
    session: Session, *, limit: int = 200, offset: int = 0, newest_first: bool = True, **filters
) -> list[AuditEntry]:
    session.require(Cap.AUDIT_READ)
    where, args = _filter(**filters).where()
    order = "DESC" if newest_first else "ASC"
    rows = session.conn.execute(
        f"{audit_trail.SELECT_ALL}{where} ORDER BY seq {order} LIMIT ? OFFSET ?",
        (*args, int(limit), int(offset)),
    ).fetchall()
    if offset == 0:  # one trace per look, not one per page scrolled
        session.audit("audit_view", "audit", "", f"筛选 {len(args)} 项条件")
    return audit_trail.rows_to_entries(rows)


def count_entries(session: Session, **filters) -> int:
    session.require(Cap.AUDIT_READ)
    where, args = _filter(**filters).where()
    return int(session.conn.execute(f"SELECT count(*) FROM audit{where}", args).fetchone()[0])


def distinct_actions(session: Session) -> list[str]:
    session.require(Cap.AUDIT_READ)
    return [r[0] for r in session.conn.execute("SELECT DISTINCT action FROM audit ORDER BY action")]


def named_objects(session: Session, entries: list[AuditEntry]) -> dict[str, str]:
    """{object id: name} for the entries' objects an auditor may know (see audit_labels)."""
    session.require(Cap.AUDIT_READ)
    return object_names(session.conn, entries)


def distinct_users(session: Session) -> list[str]:
    session.require(Cap.AUDIT_READ)
    return [r[0] for r in session.conn.execute("SELECT DISTINCT username FROM audit ORDER BY username")]


def export_entries(session: Session, dest: Path, *, for_investigation: bool = False, **filters) -> int:
    """Write the (filtered) trail to an xlsx file the auditor chose; returns the number of entries.

    A trail that fails its check is refused (IntegrityFailure, with the reason), unless
    `for_investigation`: then it is written with a warning at the top of every sheet.
    """
    session.require(Cap.AUDIT_EXPORT)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    report = _check(session)
    if not report.ok and not for_investigation:
        raise IntegrityFailure(f"审计日志未通过校验，拒绝导出：{report.message}")
    from app.core.sheets.workbook import memory_bytes, memory_sheet
    from app.core.store.fileio import atomic_write

    where, args = _filter(**filters).where()
    # Built in memory: openpyxl's own write-only sheets spool through files in the temp folder.
    wb = Workbook(write_only=True)
    ws = memory_sheet(wb, "审计日志" if report.ok else "审计日志（未通过校验）")
    if not report.ok:
        warning = f"警告：本审计日志未通过校验，仅供调查使用，不能作为完整记录。原因：{report.message}"
        ws.oddHeader.center.text = ws.evenHeader.center.text = warning[:250]  # on every printed page too
        ws.append([_warning_cell(ws, warning)])
    header = [
        "序号",
        "时间",
        "用户",
        "角色",
        "操作",
        "对象类型",
        "对象",
        "对象编号",
        "摘要",
        "工作站",
        "哈希",
    ]
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for title in header:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        cells.append(cell)
    ws.append(cells)
    count = 0
    entries = audit_trail.rows_to_entries(
        session.conn.execute(f"{audit_trail.SELECT_ALL}{where} ORDER BY seq", args)
    )
    names = object_names(session.conn, entries)
    for e in entries:
        ws.append(
            [
                e.seq,
                e.at,
                e.username,
                e.role,
                action_label(e.action),
                object_type_label(e.object_type),
                _text_cell(names.get(e.object_id, "")),
                e.object_id,
                _text_cell(summary_text(e.action, e.summary, names)),
                e.workstation_id,
                e.hash,
            ]
        )
        count += 1
    atomic_write(Path(dest), memory_bytes(wb))
    note = "" if report.ok else "（未通过校验，供调查）"
    session.audit("audit_export", "audit", "", f"{count} 条 → {dest.name}{note}")
    return count


def _warning_cell(ws, text: str):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True, color="B00000")
    return cell


def _check(session: Session) -> ChainReport:
    slots = KeySlots.load(session.folder)
    return check_trail(session.conn, session.folder, session.db_key, slots)


def _text_cell(value: str) -> str:
    # A summary must never run as a spreadsheet formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def verify(session: Session) -> ChainReport:
    session.require(Cap.AUDIT_READ if session.can(Cap.AUDIT_READ) else Cap.STORE_VERIFY)
    report = _check(session)
    session.audit(
        "store_verify",
        "audit",
        "",
        "审计链完整" if report.ok else f"审计链异常：第 {report.first_bad_seq} 条",
    )
    return report
