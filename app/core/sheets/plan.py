"""The import preview and its all-or-nothing application.

Reading a file produces an ImportPreview: every change it would make (each a Finding with sheet,
row and column, and an Op that makes it through the domain's own operations) and every row or cell
it will not accept, with the reason. Before the preview is shown, the operations are run once in a
transaction that is then rolled back (each in its own savepoint), so what the domain would refuse —
a recusal, a full team, a text too long — is listed as a refusal instead of failing at apply time.

`apply` runs the accepted operations in ONE transaction together with the import batch record, its
per-record items and the audit entry: any failure rolls everything back and nothing is changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.errors import Conflict, UserError
from app.core.session import Session


@dataclass
class Finding:
    """One line of the preview."""

    sheet: str
    row: int  # spreadsheet row number (1-based)
    column: str  # 'I（整改进展）', or '' for the whole row
    target: str  # what it concerns: an issue number and measure, a unit, a person
    action: str  # 新增进展 / 完成情况 / 备注 / 新增单位 / … / 不予接受
    old: str = ""
    new: str = ""
    reason: str = ""  # for refusals: why


@dataclass
class Op:
    """A change to make: `run(session, ctx)` returns (object_type, object_id) for the batch record."""

    finding: Finding
    action: str  # a code for sheet_import_items: progress, completion, remark, unit, person, ...
    run: Callable[[Session, dict], tuple[str, str]]


class _DryRun(Exception):
    """Raised to roll the trial run back."""


@dataclass
class ImportPreview:
    kind: str  # rectification_ledger | unit_list | team_list
    file_sha256: str
    file_name: str
    rows_read: int
    inspection_id: str | None = None
    round_id: str | None = None
    export_id: str | None = None
    ops: list[Op] = field(default_factory=list)
    refusals: list[Finding] = field(default_factory=list)
    mapping: dict | None = None  # for lists: the column mapping to remember on apply
    mapping_key: tuple[str, str, str] | None = None  # (kind, signature, headers json)
    applied: bool = False

    @property
    def changes(self) -> list[Finding]:
        return [op.finding for op in self.ops]

    def refuse(self, sheet: str, row: int, column: str, target: str, reason: str, new: str = "") -> None:
        self.refusals.append(Finding(sheet, row, column, target, "不予接受", new=new, reason=reason))

    def summary(self) -> str:
        return f"{len(self.ops)} 项更改，{len(self.refusals)} 项不予接受"


def trial_run(session: Session, preview: ImportPreview) -> None:
    """Run every op once and roll back; ops the domain refuses move to the refusals."""
    if not preview.ops:
        return
    kept: list[Op] = []
    try:
        with session.transaction() as conn:
            ctx: dict = {"trial": True}
            for k, op in enumerate(preview.ops):
                conn.execute(f"SAVEPOINT trial_{k}")
                try:
                    op.run(session, ctx)
                except UserError as exc:
                    conn.execute(f"ROLLBACK TO trial_{k}")
                    f = op.finding
                    preview.refuse(f.sheet, f.row, f.column, f.target, exc.message, new=f.new)
                else:
                    kept.append(op)
                conn.execute(f"RELEASE trial_{k}")
            raise _DryRun
    except _DryRun:
        pass
    preview.ops = kept
    preview.refusals.sort(key=lambda x: (x.sheet, x.row, x.column))


@dataclass
class ImportResult:
    import_id: str
    changes: int
    refusals: int


def apply(session: Session, preview: ImportPreview, require: Callable[[Session], None]) -> ImportResult:
    """Make every accepted change in one transaction, with the batch record and the audit entry."""
    require(session)
    if preview.applied:
        raise Conflict("这份文件已经导入过了。")
    if not preview.ops and preview.mapping is None:
        raise Conflict("没有可导入的更改。")
    record = session.record_values()
    ctx: dict = {"trial": False}
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO sheet_imports (id, created_at, updated_at, author_id, workstation_id, kind, file_sha256,"
            " file_name, inspection_id, round_id, export_id, changes, refusals) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                *record.values(),
                preview.kind,
                preview.file_sha256,
                preview.file_name[:200],
                preview.inspection_id,
                preview.round_id,
                preview.export_id,
                len(preview.ops),
                len(preview.refusals),
            ),
        )
        for op in preview.ops:
            f = op.finding
            try:
                object_type, object_id = op.run(session, ctx)
            except UserError as exc:
                raise Conflict(
                    f"第 {f.row} 行（{f.column or '整行'}）无法导入：{exc.message} 本次导入未做任何更改。"
                ) from None
            item = session.record_values()
            conn.execute(
                "INSERT INTO sheet_import_items (id, created_at, updated_at, author_id, workstation_id, import_id,"
                " action, object_type, object_id, sheet, row_number) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (*item.values(), record["id"], op.action, object_type, object_id, f.sheet, f.row),
            )
        if preview.mapping is not None and preview.mapping_key is not None:
            remember_mapping(session, conn, *preview.mapping_key, preview.mapping)
        session.audit(
            "sheet_import",
            preview.kind,
            record["id"],
            f"{len(preview.ops)} 项更改，{len(preview.refusals)} 项不予接受，文件 {preview.file_sha256[:12]}",
        )
    preview.applied = True
    return ImportResult(record["id"], len(preview.ops), len(preview.refusals))


def remember_mapping(session: Session, conn, kind: str, signature: str, headers: str, mapping: dict) -> None:
    row = conn.execute(
        "SELECT id FROM sheet_mappings WHERE kind = ? AND signature = ?", (kind, signature)
    ).fetchone()
    text = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    now = session.record_values()
    if row:
        conn.execute(
            "UPDATE sheet_mappings SET mapping = ?, headers = ?, updated_at = ? WHERE id = ?",
            (text, headers, now["updated_at"], row[0]),
        )
    else:
        conn.execute(
            "INSERT INTO sheet_mappings (id, created_at, updated_at, author_id, workstation_id, kind, signature,"
            " headers, mapping) VALUES (?,?,?,?,?,?,?,?,?)",
            (*now.values(), kind, signature, headers, text),
        )
