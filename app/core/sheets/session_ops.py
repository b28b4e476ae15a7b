"""What the ledgers tab needs from the core, one call each: what this session may do for an
inspection, and imports started from a file path (the file is read here, size-checked first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.imports import refusal
from app.core.imports.limits import ImportRefused, human_size
from app.core.security import visibility
from app.core.security.roles import CLEARANCES, Cap
from app.core.session import Session
from app.core.sheets import exports, ledger_import, lists_import, reader
from app.core.sheets.plan import ImportPreview


@dataclass
class TabContext:
    inspection_id: str
    round_id: str
    unit_name: str
    kinds: list[tuple[str, str]]  # exports this session may make: (kind, label)
    can_import_ledger: bool
    can_import_lists: bool
    clearances: list[str]  # classifications offered, up to the user's clearance
    default_classification: str


def tab_context(session: Session, inspection_id: str) -> TabContext:
    visibility.require_inspection_visible(session, inspection_id)
    row = session.conn.execute(
        "SELECT x.round_id, u.name AS unit_name FROM inspections x JOIN units u ON u.id = x.unit_id WHERE x.id = ?",
        (inspection_id,),
    ).fetchone()
    level = session.user.clearance if session.user.clearance in CLEARANCES else "内部"
    offered = list(CLEARANCES[: CLEARANCES.index(level) + 1])
    return TabContext(
        inspection_id,
        row["round_id"],
        row["unit_name"],
        exports.available_kinds(session, inspection_id),
        session.can(Cap.CASE_WRITE),
        session.can(Cap.ORG_MANAGE),
        offered,
        "秘密" if "秘密" in offered else offered[-1],
    )


def read_file(path: str | Path) -> tuple[bytes, str]:
    """The bytes of a file the user chose, refused before reading when it is too large."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > reader.LIMITS.max_bytes:
            raise ImportRefused(
                f"文件大小 {human_size(size)}，超过 {human_size(reader.LIMITS.max_bytes)} 的上限，已拒绝导入。"
            )
        with open(p, "rb") as fh:
            return fh.read(reader.LIMITS.max_bytes + 1), p.name
    except OSError as exc:
        raise ImportRefused(f"无法读取该文件：{exc.strerror or '读取错误'}。") from None


def preview_ledger_file(session: Session, inspection_id: str, path: str | Path) -> ImportPreview:
    with refusal.audited(session, ledger_import.KIND, inspection_id, "整改台账"):
        data, name = read_file(path)
        return ledger_import.preview_ledger(session, inspection_id, data, file_name=name)


def inspect_list_file(
    session: Session, kind: str, path: str | Path
) -> tuple[lists_import.SheetLayout, bytes, str]:
    with refusal.audited(session, kind, "", "名单"):
        data, name = read_file(path)
        return lists_import.inspect_sheet(session, kind, data), data, name


def apply_preview(session: Session, preview: ImportPreview):
    if preview.kind == ledger_import.KIND:
        return ledger_import.apply_ledger(session, preview)
    return lists_import.apply_list(session, preview)


def preview_list_data(
    session: Session, kind: str, data: bytes, mapping: dict, round_id: str | None, file_name: str
) -> ImportPreview:
    with refusal.audited(session, kind, "", "名单", size=len(data)):
        return lists_import.preview_list(session, kind, data, mapping, round_id=round_id, file_name=file_name)
