"""Re-importing a rectification ledger a unit filled in (整改台账回填).

The ledger must be one this workstation exported for this inspection (the hidden sheet's MAC says
so) and keep the exported header. Each row is matched by its hidden key, never by position or text.
What a unit may change, and what becomes of it:

- 整改进展: lines not already recorded become ONE new progress entry of the row's measure (or of the
  item, for a row without measures). A leading date ("2026-05-20 …", "2026年5月20日：…") dates the
  entry; otherwise it is dated the day of the import. A date that is not a real date, or lies in
  the future, is refused. Progress cannot be deleted through a sheet.
- 完成情况: 未完成 / 基本完成 / 已完成 of the measure (已完成 is dated the day of the import).
- 备注: the row's remark.

Everything else is the office's: a changed measure, responsible person or deadline is listed and
not accepted; a changed 是否销号 is refused — close-out (销号) needs the office's verification in the
app and can never come in through a spreadsheet; rows of closed items accept nothing; rows without a
valid key (typed in, copied from elsewhere, tampered with) are listed as unmatched.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from datetime import date

from app.core.domain import _fields as fields
from app.core.domain import deadlines
from app.core.domain.register import (
    issue_reads,
    measures,
    progress,
    rectification_record,
    rectification_store,
)
from app.core.domain.register.rectification_record import Completion
from app.core.errors import ValidationError
from app.core.imports.limits import ImportRefused
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.sheets import ledger, reader
from app.core.sheets.ledger import LedgerRow
from app.core.sheets.plan import Finding, ImportPreview, ImportResult, Op, apply, trial_run

KIND = "rectification_ledger"
MAX_NOTE = 5000
MAX_REMARK = 500
_DATE_PREFIX = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[:：,，、\s]*")
_COMPLETION_BY_LABEL = {c.label: c for c in Completion}
_LABEL = ledger.COMPLETION_LABEL


def _col(index: int) -> str:
    return f"{reader.column_letter(index)}（{ledger.HEADERS[index]}）"


def _target(row: LedgerRow) -> str:
    if row.kind == "m":
        return f"{row.label} 措施{row.ordinal}"
    return row.label


def _require(session: Session, inspection_id: str) -> None:
    session.require(Cap.CASE_WRITE)
    visibility.require_inspection_writable(session, inspection_id)


@contextmanager
def _no_cycle_collection():
    """Millions of short-lived cell values and rows hold no reference cycles; without this the cycle
    collector walks every live one again and again (about a fifth of a large preview)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def preview_ledger(
    session: Session, inspection_id: str, data: bytes, *, file_name: str = "", today: str | None = None
) -> ImportPreview:
    """Read a filled-in ledger and list every change and refusal; changes nothing."""
    _require(session, inspection_id)
    with _no_cycle_collection():
        return _preview(session, inspection_id, data, file_name, today)


def _preview(
    session: Session, inspection_id: str, data: bytes, file_name: str, today: str | None
) -> ImportPreview:
    on = today or deadlines.today()
    sheets = reader.read_sheets(data, [ledger.SHEET_NAME, ledger.META_SHEET])
    if ledger.SHEET_NAME not in sheets:
        raise ImportRefused(f"该文件不是本系统导出的整改台账：没有“{ledger.SHEET_NAME}”工作表。")
    meta_rows = sheets.get(ledger.META_SHEET)
    meta = {
        reader.text(r[0]): reader.text(r[1]) for r in (meta_rows.rows if meta_rows else []) if len(r) >= 2
    }
    checked = ledger.check_meta(session.root_key, meta)
    if checked is None:
        raise ImportRefused(
            "无法确认这份台账的来源：隐藏的导出信息缺失或已被改动。请使用本系统导出的整改台账填报。"
        )
    export_id, exported_for, exported_at = checked
    if exported_for != inspection_id:
        raise ImportRefused("这份整改台账是为另一项巡察导出的，不能导入到本巡察。")
    if session.conn.execute("SELECT 1 FROM sheet_exports WHERE id = ?", (export_id,)).fetchone() is None:
        raise ImportRefused("找不到这份台账的导出记录，无法导入。")
    rows = sheets[ledger.SHEET_NAME].rows
    header_at = ledger.FIRST_HEADER_ROW - 1
    header = [reader.text(v) for v in (rows[header_at] if len(rows) > header_at else ())]
    for k, expected in enumerate(ledger.HEADERS):
        got = header[k] if k < len(header) else ""
        if got != expected:
            raise ImportRefused(
                f"“{ledger.SHEET_NAME}”第 {header_at + 1} 行第 {reader.column_letter(k)} 列应为“{expected}”，"
                f"实为“{got or '空'}”：列被移动、删除或改名，无法逐行对应，已拒绝导入。"
            )
    preview = ImportPreview(
        KIND, reader.sha256(data), file_name, 0, inspection_id=inspection_id, export_id=export_id
    )
    current = {(r.kind, r.record_id): r for r in ledger.load_rows(session.conn, inspection_id, on)}
    seen: set[tuple[str, str]] = set()
    mac_key = ledger.row_mac_key(session.root_key)  # derived once, not per row
    width = len(ledger.HEADERS)
    text = reader.text
    for index in range(header_at + 1, len(rows)):
        values = rows[index]
        # The ledger's cells as text, once (a plain string needs only its spaces trimmed).
        texts = [v.strip() if type(v) is str and "\r" not in v else text(v) for v in values[:width]]
        texts += [""] * (width - len(texts))
        if not any(texts) and not any(text(v) for v in values[width:] if v is not None):
            continue
        preview.rows_read += 1
        _compare_row(session, preview, index + 1, values, texts, current, seen, exported_at, on, mac_key)
    trial_run(session, preview)
    session.audit("sheet_import_preview", KIND, inspection_id, preview.summary())
    return preview


def _compare_row(
    session, preview, row_no, values, texts, current, seen, exported_at, on, mac_key=None
) -> None:
    """One row against the store; `texts` are its first len(HEADERS) cells as reader.text gives them."""
    sheet = ledger.SHEET_NAME
    key_text = texts[ledger.C_KEY]
    parsed = ledger.parse_key(session.root_key, key_text, mac_key=mac_key)
    if parsed is None:
        preview.refuse(
            sheet,
            row_no,
            _col(ledger.C_KEY),
            "",
            "无法对应：该行没有有效的行键（新增、复制或改动过的行），未导入。",
        )
        return
    if parsed in seen:
        preview.refuse(
            sheet, row_no, _col(ledger.C_KEY), "", "行键重复：同一条记录出现了两次，未导入这一行。"
        )
        return
    seen.add(parsed)
    row = current.get(parsed)
    if row is None:
        preview.refuse(
            sheet, row_no, _col(ledger.C_KEY), "", "该行对应的整改记录已不存在或不属于本巡察，未导入。"
        )
        return
    target = _target(row)

    def refuse(col: int, reason: str, new: str = "") -> None:
        preview.refuse(sheet, row_no, _col(col), target, reason, new)

    # Close-out never comes in through a sheet.
    closed_text = texts[ledger.C_CLOSED]
    if closed_text != ("是" if row.closed else "否"):
        refuse(ledger.C_CLOSED, "销号须经巡察办核验后在系统中办理，不能通过表格导入。", closed_text)
    # The office's columns.
    for col, expected in (
        (ledger.C_MEASURE, row.measure),
        (ledger.C_LEADER, row.leader),
        (ledger.C_DEPT, row.dept),
        (ledger.C_PERSON, row.person),
    ):
        got = texts[col]
        if got != expected:
            refuse(col, "该列由巡察办维护，表格中的修改未被接受。", got)
    _check_deadline(row, reader.cell(values, ledger.C_DEADLINE), refuse)
    for col, expected in ((ledger.C_CATEGORY, row.category), (ledger.C_PROBLEM, row.problem)):
        got = texts[col]
        if got and got != expected:  # merged cells read empty below their first row
            refuse(col, "该列由巡察办维护，表格中的修改未被接受。", got)

    progress = texts[ledger.C_PROGRESS]
    completion = texts[ledger.C_COMPLETION]
    remark = texts[ledger.C_REMARK]
    if row.closed:
        if _progress_lines(progress, row) or (row.completion and completion != _LABEL[row.completion]):
            refuse(ledger.C_PROGRESS, "该问题已销号，不再接受整改进展和完成情况。")
        if remark != row.remark:
            refuse(ledger.C_REMARK, "该问题已销号，不再接受修改。", remark)
        return

    def add(col: int, action: str, code: str, old: str, new: str, run) -> None:
        finding = Finding(sheet, row_no, _col(col), target, action, old, new)
        preview.ops.append(Op(finding, code, run))

    # 整改进展
    new_lines = _progress_lines(progress, row)
    if new_lines:
        _plan_progress(row, new_lines, on, add, refuse)
    elif not progress and row.progress_text(exported_at):
        refuse(ledger.C_PROGRESS, "整改进展不能通过表格删除，已有记录保留。")
    # 完成情况
    if row.kind == "r":
        if completion:
            refuse(
                ledger.C_COMPLETION,
                "未列整改措施的问题不能在表格中填报完成情况，请先在系统中录入整改措施。",
                completion,
            )
    elif completion != _LABEL[row.completion]:
        wanted = _COMPLETION_BY_LABEL.get(completion)
        if wanted is None:
            refuse(
                ledger.C_COMPLETION,
                f"完成情况须为 {'、'.join(ledger.COMPLETION_LABELS)} 之一。",
                completion,
            )
        else:
            measure_id = row.record_id

            def set_completion(s, ctx, measure_id=measure_id, wanted=wanted):
                done_on = on if wanted is Completion.DONE else None
                measures.set_measure_completion(s, measure_id, wanted, done_on)
                return "measure", measure_id

            add(
                ledger.C_COMPLETION,
                "完成情况",
                "completion",
                _LABEL[row.completion],
                completion,
                set_completion,
            )
    # 备注
    if remark != row.remark:
        if len(remark) > MAX_REMARK:
            refuse(ledger.C_REMARK, f"备注不能超过 {MAX_REMARK} 个字。", remark[:40] + "…")
        else:
            key = row.kind + row.record_id
            issue_id = row.issue_id

            def set_remark(s, ctx, key=key, remark=remark, issue_id=issue_id):
                return _set_remark(s, issue_id, key, remark)

            add(ledger.C_REMARK, "备注", "remark", row.remark, remark, set_remark)


def _check_deadline(row: LedgerRow, value, refuse) -> None:
    if row.kind != "m":
        if reader.text(value):
            refuse(ledger.C_DEADLINE, "该列由巡察办维护，表格中的修改未被接受。", reader.text(value))
        return
    got = reader.text(value)
    try:
        parsed = date.fromisoformat(got[:10]).isoformat() if got else ""
    except ValueError:
        refuse(ledger.C_DEADLINE, f"整改时限“{got[:20]}”不是有效日期；该列由巡察办维护，未被接受。", got[:40])
        return
    if parsed != (row.deadline or ""):
        refuse(ledger.C_DEADLINE, "整改时限由巡察办确定，表格中的修改未被接受。", got)


def _progress_lines(cell_text: str, row: LedgerRow) -> list[str]:
    if not cell_text or cell_text == row.progress_text():  # the cell as exported: nothing new (most rows)
        return []
    known = {line.strip() for on, note, _ in row.progress for line in f"{on} {note}".splitlines()}
    known |= {line.strip() for _, note, _ in row.progress for line in note.splitlines()}
    return [line.strip() for line in cell_text.splitlines() if line.strip() and line.strip() not in known]


def _plan_progress(row: LedgerRow, lines: list[str], on: str, add, refuse) -> None:
    text = "\n".join(lines)
    entry_on = on
    match = _DATE_PREFIX.match(text)
    if match:
        try:
            entry_on = date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            refuse(
                ledger.C_PROGRESS, f"进展日期“{match[0].strip()}”不是有效日期，这条进展未导入。", text[:60]
            )
            return
        if entry_on > on:
            refuse(ledger.C_PROGRESS, f"进展日期 {entry_on} 晚于今天，这条进展未导入。", text[:60])
            return
        text = text[match.end() :].strip()
    if not text:
        refuse(ledger.C_PROGRESS, "进展内容为空，未导入。")
        return
    if len(text) > MAX_NOTE:
        refuse(ledger.C_PROGRESS, f"一条进展不能超过 {MAX_NOTE} 个字，未导入。", text[:60] + "…")
        return
    issue_id = row.issue_id
    measure_id = row.record_id if row.kind == "m" else None

    def add_progress(s, ctx, issue_id=issue_id, entry_on=entry_on, text=text, measure_id=measure_id):
        entry = progress.add_progress(s, issue_id, entry_on, text, measure_id=measure_id)
        return "rectification_progress", entry.id

    add(ledger.C_PROGRESS, "新增进展", "progress", "", f"{entry_on} {text}", add_progress)


def _set_remark(session: Session, issue_id: str, key: str, remark: str) -> tuple[str, str]:
    """The 备注 of a ledger row: the same rules as other rectification writes (open item, case write)."""
    issue = issue_reads.writable_issue(session, issue_id)
    if rectification_store.load(session.conn, issue_id).state is rectification_record.RectState.CLOSED:
        raise ValidationError("该整改事项已销号，不能修改备注。", field="remark")
    remark = fields.long_text(remark, "remark", "备注", required=False, max_len=MAX_REMARK)
    with session.transaction() as conn:
        row = conn.execute("SELECT id FROM sheet_remarks WHERE row_key = ?", (key,)).fetchone()
        values = session.record_values()
        if row:
            conn.execute(
                "UPDATE sheet_remarks SET remark = ?, updated_at = ? WHERE id = ?",
                (remark, values["updated_at"], row[0]),
            )
            remark_id = row[0]
        else:
            conn.execute(
                "INSERT INTO sheet_remarks (id, created_at, updated_at, author_id, workstation_id, row_key, remark)"
                " VALUES (?,?,?,?,?,?,?)",
                (*values.values(), key, remark),
            )
            remark_id = values["id"]
        session.audit("ledger_remark", "issue", issue.id)
    return "sheet_remark", remark_id


def apply_ledger(session: Session, preview: ImportPreview) -> ImportResult:
    """Apply a ledger preview: all accepted changes in one transaction, or none."""
    if preview.kind != KIND or not preview.inspection_id:
        raise ValidationError("这不是整改台账的导入预览。", field="preview")
    inspection_id = preview.inspection_id
    return apply(session, preview, lambda s: _require(s, inspection_id))
