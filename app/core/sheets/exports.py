"""Exporting ledgers to Excel: the issue list, rectification ledger, lead register, talk index,
document-request list and figures of one inspection.

An export is a confirmed, audited action: Cap.EXPORT first (and, for the lead register, the lead
need-to-know rule: the office or the leader of the inspection's own team), then inside one
transaction the copy is registered in the print register (a copy number, printed in the page
header), the workbook is built in memory, the export is recorded and audited, and — when a path is
given — the file is written. A cancelled or failed export leaves nothing behind: no register entry,
no file. The .xlsx itself is plaintext: that is what the user confirmed.

Long exports call `progress(done, total)` and stop with Cancelled when `cancel` is set.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from app.core.domain import deadlines
from app.core.domain.archive import sheet as archive_sheet
from app.core.domain.register import figures, issue_reads, issue_record, leads
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.review import listing as documents
from app.core.domain.review.custody import CustodyState
from app.core.domain.talks import queries as talks
from app.core.errors import ValidationError
from app.core.printing import register
from app.core.printing.furniture import classification_mark
from app.core.security import audit as audit_trail
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.sheets import ledger
from app.core.sheets.exports_records import _briefings, _meetings, _talk_plan, _team_log, _visits
from app.core.sheets.ticker import STEP, Progress, _Ticker  # noqa: F401 - STEP and Progress are its API too
from app.core.sheets.workbook import Book, Col, as_date, merge

KINDS: dict[str, str] = {
    "issue_list": "问题清单",
    "rectification_ledger": "整改台账",
    "lead_register": "问题线索台账",
    "talk_index": "谈话索引",
    "document_requests": "调阅资料清单",
    "figures": "统计数据",
    "meetings": "会议记录清单",
    "talk_plan": "谈话计划",
    "visits": "走访记录清单",
    "briefings": "巡前情况通报清单",
    "team_log": "巡察日志",
    "archive_catalogue": "归档文件目录",
}
for _kind, _label in KINDS.items():
    register.DOCUMENT_KINDS.setdefault(f"xlsx_{_kind}", f"{_label}（Excel）")


@dataclass
class ExportResult:
    kind: str
    label: str
    data: bytes
    rows: int
    copy_number: int
    classification: str
    export_id: str
    file_name: str  # a suggested name: 市教育局-整改台账.xlsx
    path: Path | None = None


def _context(session: Session, inspection_id: str) -> tuple[str, str, str]:
    row = session.conn.execute(
        "SELECT u.name AS unit_name, t.name AS team_name, rd.number FROM inspections x JOIN units u ON u.id = x.unit_id"
        " JOIN teams t ON t.id = x.team_id JOIN rounds rd ON rd.id = x.round_id WHERE x.id = ?",
        (inspection_id,),
    ).fetchone()
    return row["unit_name"], row["team_name"], f"第{row['number']}轮"


def export(
    session: Session,
    kind: str,
    inspection_id: str,
    *,
    classification: str = "秘密",
    protection_years: int | None = None,
    path: str | Path | None = None,
    today: str | None = None,
    progress: Progress = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Export one ledger of an inspection (see the module notes). Returns the bytes and the record."""
    if kind not in KINDS:
        raise ValidationError("不支持该台账类型。", field="kind")
    session.require(Cap.EXPORT)
    visibility.require_inspection_visible(session, inspection_id)
    if kind == "lead_register":
        leads.require_lead_access(session, inspection_id)
    mark = classification_mark(classification, protection_years)
    target = Path(path) if path else None
    if target is not None and target.suffix.lower() != ".xlsx":
        raise ValidationError("导出文件的扩展名须为 .xlsx。", field="path")
    unit, team, round_label = _context(session, inspection_id)
    on = today or deadlines.today()
    label = KINDS[kind]
    with session.transaction() as conn:
        (copy_number,) = register.register_print(
            session,
            f"xlsx_{kind}",
            inspection_id,
            1,
            register.PrintAction.EXPORT,
            inspection_id=inspection_id,
            classification=mark,
        )
        record = session.record_values()
        book = Book(classification=mark, copy_number=copy_number, title=label)
        subtitle = f"{unit}（{team}，{round_label}）　导出日期：{on}　{mark}"
        build = _BUILDERS[kind]
        try:
            rows = build(session, book, inspection_id, label, subtitle, on, record, progress, cancel)
            data = book.to_bytes(lock_structure=kind == "rectification_ledger")
        except BaseException:
            book.discard()
            raise
        conn.execute(
            "INSERT INTO sheet_exports (id, created_at, updated_at, author_id, workstation_id, kind,"
            " inspection_id, classification, copy_number, row_count) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (*record.values(), kind, inspection_id, mark, copy_number, rows),
        )
        session.audit("sheet_export", kind, inspection_id, f"{rows} 行，份号 {copy_number:06d}")
        if target is not None:
            _write(target, data)
    if progress is not None:
        progress(rows, rows)
    return ExportResult(
        kind, label, data, rows, copy_number, mark, record["id"], f"{unit}-{label}.xlsx", target
    )


def _write(path: Path, data: bytes) -> None:
    """Write the confirmed export; a half-written file is removed again."""
    try:
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        try:
            path.unlink()
        except OSError:
            pass
        raise ValidationError(f"无法写入导出文件：{exc.strerror or '磁盘错误'}。", field="path") from None


# ---- the ledgers ---------------------------------------------------------------------------------


def _issue_list(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    rows = issue_reads.list_issues(session, inspection_id)
    cols = [
        Col("序号", 6, "center"),
        Col("问题编号", 20, "center"),
        Col("问题类别", 22),
        Col("问题表述", 44),
        Col("问题层面", 12, "center"),
        Col("标签", 14, "center"),
        Col("涉及人数", 9, "number"),
        Col("涉及金额（元）", 14, "number"),
        Col("严重程度", 9, "center", ("一般", "较重", "严重")),
        Col("发现日期", 12, "date"),
        Col("状态", 10, "center", tuple(s.label for s in IssueStatus)),
        Col("处置方式", 14, "center"),
        Col("反馈日期", 12, "date"),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    ticker = _Ticker(len(rows), progress, cancel)
    for k, i in enumerate(rows, start=1):
        sheet.append(
            [
                k,
                i.number or "（未编号）",
                (i.category_name + (f"（{i.subcategory_name}）" if i.subcategory_name else "")) or "未分类",
                i.title,
                i.level.label,
                "、".join(t.label for t in issue_record.IssueTag if t in i.tags),
                i.people_count or None,
                i.amount_fen / 100 if i.amount_fen else None,
                i.seriousness.label,
                as_date(i.found_on),
                i.status.label,
                i.disposition.label,
                as_date(i.fed_back_on),
            ]
        )
        ticker.tick()
    return len(rows)


def _rectification(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    rows = ledger.load_rows(session.conn, inspection_id, on)
    session.audit("rectification_list", "inspection", inspection_id, f"{len(rows)} 行（导出）")
    sheet = book.sheet(ledger.SHEET_NAME, label, subtitle, ledger.COLUMNS, protect=True)
    ticker = _Ticker(len(rows), progress, cancel)
    db_key = session.root_key
    for row in rows:
        sheet.append(ledger.cells(row, ledger.row_key(db_key, row.kind, row.record_id)), alert=row.overdue)
        ticker.tick()
    ticker.check()
    # The issue-level cells span the rows of their measures, as offices lay ledgers out.
    start = 0
    first_row = 4
    for k in range(1, len(rows) + 1):
        if k == len(rows) or rows[k].issue_id != rows[start].issue_id:
            if k - start > 1:
                for col in "ABC":
                    merge(sheet.ws, f"{col}{first_row + start}:{col}{first_row + k - 1}")
            start = k
    book.hidden_sheet(
        ledger.META_SHEET, ledger.meta_rows(db_key, record["id"], inspection_id, record["created_at"])
    )
    return len(rows)


def _leads(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    rows = leads.list_leads(session, inspection_id=inspection_id, today=on)
    cols = [
        Col("序号", 6, "center"),
        Col("被反映人", 10, "center"),
        Col("职务", 16),
        Col("线索内容", 44),
        Col("来源", 10, "center"),
        Col("受理日期", 12, "date"),
        Col("状态", 9, "center", tuple(s.label for s in leads.LeadStatus)),
        Col("移交对象", 12, "center"),
        Col("移交日期", 12, "date"),
        Col("移交函号", 14, "center"),
        Col("反馈期限", 12, "date"),
        Col("反馈日期", 12, "date"),
        Col("处置方式", 10, "center"),
        Col("是否立案", 8, "center", ("是", "否")),
        Col("党纪政务处分", 14),
        Col("组织处理", 14),
        Col("备注", 18),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    ticker = _Ticker(len(rows), progress, cancel)
    for k, lead in enumerate(rows, start=1):
        sheet.append(
            [
                k,
                lead.person_name,
                lead.person_post,
                lead.summary,
                lead.source.label,
                as_date(lead.received_on),
                lead.status.label,
                lead.transfer_label,
                as_date(lead.transferred_on),
                lead.letter_no,
                as_date(lead.report_due),
                as_date(lead.reported_on),
                lead.disposal.label,
                "是" if lead.case_opened else "否",
                lead.sanction,
                lead.org_handling,
                lead.outcome_note + ("（逾期未反馈）" if lead.overdue else ""),
            ],
            alert=lead.overdue,
        )
        ticker.tick()
    return len(rows)


def _talks(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    rows = sorted(talks.list_talks(session, inspection_id), key=lambda t: t.number)
    cols = [
        Col("编号", 8, "center"),
        Col("谈话日期", 12, "date"),
        Col("时间", 8, "center"),
        Col("被谈话人", 10, "center"),
        Col("职务", 22),
        Col("人员类别", 16, "center"),
        Col("谈话类型", 10, "center"),
        Col("谈话人", 18, "center"),
        Col("状态", 9, "center", tuple(s.label for s in talks.TalkStatus)),
        Col("反映问题", 9, "center", ("是", "否")),
        Col("反映线索", 9, "center", ("是", "否")),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    ticker = _Ticker(len(rows), progress, cancel)
    for t in rows:
        sheet.append(
            [
                f"第{t.number}号",
                as_date(t.start_at),
                t.start_at[11:16],
                t.interviewee_name,
                t.interviewee_position,
                t.interviewee_category.label,
                t.kind.label,
                "、".join(t.interviewers),
                t.status.label,
                "是" if t.raised_problems else "否",
                "是" if t.raised_leads else "否",
            ]
        )
        ticker.tick()
    return len(rows)


def _documents(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    rows = documents.list_items(session, inspection_id, today=on)
    cols = [
        Col("序号", 6, "center"),
        Col("类别", 16, "center"),
        Col("资料名称", 36),
        Col("所属期间", 22, "center"),
        Col("调阅日期", 12, "date"),
        Col("接收日期", 12, "date"),
        Col("册数", 7, "number"),
        Col("页数", 7, "number"),
        Col("保管人", 10, "center"),
        Col("复印份数", 9, "number"),
        Col("约定归还日期", 13, "date"),
        Col("归还日期", 12, "date"),
        Col("状态", 10, "center", tuple(s.label for s in CustodyState)),
        Col("备注", 20),
    ]
    sheet = book.sheet(label, label, subtitle, cols)
    ticker = _Ticker(len(rows), progress, cancel)
    for item in rows:
        sheet.append(
            [
                item.number,
                item.category.label,
                item.title,
                item.period_text,
                as_date(item.requested_on),
                as_date(item.received_on),
                item.volumes,
                item.pages,
                item.holder_name or "",
                item.copies or None,
                as_date(item.planned_return_on),
                as_date(item.returned_on),
                item.state.label,
                item.note,
            ],
            alert=item.stands_out and item.state is CustodyState.OVERDUE,
        )
        ticker.tick()
    return len(rows)


def _figures(session, book, inspection_id, label, subtitle, on, record, progress, cancel) -> int:
    fig = figures.compute(session, figures.Scope(inspection_id=inspection_id), today=on)
    sheet = book.sheet(label, label, subtitle, [Col("指标", 34), Col("数值", 14, "number"), Col("说明", 40)])
    lines: list[tuple[str, object, str]] = [
        ("发现问题（不含已排除）", fig.issues_found, ""),
        ("已排除", fig.issues_dismissed, ""),
        ("反馈被巡察单位", fig.issues_fed_back, ""),
        ("移交其他机关", fig.issues_transferred, ""),
        ("已销号问题", fig.issues_closed_out, ""),
        ("立行立改问题", fig.immediate_fixes, "单独统计"),
        ("其中已登记整改情况", fig.immediate_fixes_done, "含整改措施、完成日期和佐证材料"),
        ("整改事项", fig.rectification_items, ""),
        ("其中已销号", fig.rectification_done, ""),
        ("其中未销号", fig.rectification_open, ""),
        ("其中逾期", fig.rectification_overdue, ""),
        ("整改措施", fig.measures_total, ""),
        ("其中已完成", fig.measures_done, ""),
        ("其中逾期未完成", fig.measures_overdue, ""),
        ("销号率", round(fig.close_out_rate * 100, 1), "百分比"),
    ]
    if fig.leads is not None:
        lf = fig.leads
        lines += [
            ("问题线索", lf.total, "仅限巡察办和本组组长知悉"),
            ("已移交线索", lf.transferred, ""),
            ("移交纪委监委", lf.to_discipline_commission, ""),
            ("移交组织部", lf.to_organisation_dept, ""),
            ("移交其他单位", lf.to_other, ""),
            ("已反馈", lf.reported, ""),
            ("逾期未反馈", lf.overdue, ""),
            ("立案", lf.cases_opened, "人"),
            ("党纪政务处分", lf.sanctions, "人"),
            ("组织处理", lf.organisational_handling, "人"),
        ]
    for name, value, note in lines:
        sheet.append([name, value, note])
    cat = book.sheet(
        "按类别",
        "问题分类统计",
        subtitle,
        [Col("分类框架", 24), Col("问题类别", 40), Col("问题数", 10, "number")],
    )
    for c in fig.by_category:
        cat.append([c.scheme_name or "—", c.category_name, c.count])
    status = book.sheet(
        "按状态", "问题状态统计", subtitle, [Col("状态", 20, "center"), Col("问题数", 10, "number")]
    )
    for s in IssueStatus:
        status.append([s.label, fig.by_status.get(s.value, 0)])
    return len(lines) + len(fig.by_category) + len(IssueStatus)


_BUILDERS = {
    "issue_list": _issue_list,
    "rectification_ledger": _rectification,
    "lead_register": _leads,
    "talk_index": _talks,
    "document_requests": _documents,
    "figures": _figures,
    "meetings": _meetings,
    "talk_plan": _talk_plan,
    "visits": _visits,
    "briefings": _briefings,
    "team_log": _team_log,
    "archive_catalogue": lambda session, book, inspection_id, label, subtitle, *_: archive_sheet.fill(
        book.sheet(label, label, subtitle, archive_sheet.COLUMNS),
        archive_sheet.rows_for(session, inspection_id),
    ),
}


def available_kinds(session: Session, inspection_id: str) -> list[tuple[str, str]]:
    """The exports this session may make for the inspection (the lead register only where allowed)."""
    if not session.can(Cap.EXPORT):
        return []
    visibility.require_inspection_visible(session, inspection_id)
    out = []
    for kind, label in KINDS.items():
        if kind == "archive_catalogue" and not (
            session.can(Cap.ORG_MANAGE) or visibility.is_leader_of_inspection(session, inspection_id)
        ):
            continue
        if kind == "lead_register" and not (
            session.can(Cap.LEADS_READ)
            and (session.can(Cap.CASE_READ_ALL) or visibility.is_leader_of_inspection(session, inspection_id))
        ):
            continue
        out.append((kind, label))
    return out


def now() -> str:
    return audit_trail.now_iso()
