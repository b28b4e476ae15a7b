"""The rectification ledger (整改台账) as a spreadsheet: its columns, its rows, its hidden row keys.

One row per measure (an issue under rectification without measures gets one row of its own), in
issue-number order. The unit fills in three columns — 整改进展, 完成情况, 备注 — which are unlocked;
every other cell is locked and the sheet protected. The last column, hidden and locked, holds a
stable key per row: 'm' + the measure id (or 'r' + the rectification id) and a MAC made with a key
derived from the database key, so a row key cannot be forged or moved to another workstation's data.
A very hidden sheet carries the export id, inspection and time, MACed the same way.

The progress cell lists the progress entries, one per line, as "YYYY-MM-DD 内容".
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from app.core.domain import deadlines
from app.core.domain.register.rectification_record import Completion, RectState
from app.core.sheets.workbook import Col
from app.core.store.keyslots import subkey

SHEET_NAME = "整改台账"
META_SHEET = "_xuncha"
FORMAT = "xuncha-rectification-ledger-1"
KEY_HEADER = "行键（请勿改动）"
FIRST_HEADER_ROW = 3  # 1: title, 2: subtitle (see workbook.FIRST_DATA_ROW)

COMPLETION_LABELS = [c.label for c in Completion]
COMPLETION_LABEL = {c: c.label for c in Completion}  # (Completion.label builds its table per call)
_COMPLETIONS = {c.value: c for c in Completion}
_STATES = {s.value: s for s in RectState}
CLOSED_LABELS = ["是", "否"]

COLUMNS = [
    Col("序号", 6, "center"),
    Col("问题类别", 16, "wrap"),
    Col("问题表现", 34, "wrap"),
    Col("整改措施", 36, "wrap"),
    Col("责任领导", 10, "center"),
    Col("责任单位", 12, "center"),
    Col("责任人", 10, "center"),
    Col("整改时限", 12, "date"),
    Col("整改进展", 40, "wrap", editable=True),
    Col("完成情况", 11, "center", tuple(COMPLETION_LABELS), editable=True),
    Col("是否销号", 9, "center", tuple(CLOSED_LABELS)),
    Col("备注", 20, "wrap", editable=True),
    Col(KEY_HEADER, 12, "wrap", hidden=True),
]
HEADERS = [c.header for c in COLUMNS]
# 0-based column indexes
C_SEQ, C_CATEGORY, C_PROBLEM, C_MEASURE, C_LEADER, C_DEPT, C_PERSON, C_DEADLINE = range(8)
C_PROGRESS, C_COMPLETION, C_CLOSED, C_REMARK, C_KEY = range(8, 13)
EDITABLE = (C_PROGRESS, C_COMPLETION, C_REMARK)
LOCKED_MEASURE_COLUMNS = (C_MEASURE, C_LEADER, C_DEPT, C_PERSON, C_DEADLINE, C_CLOSED)


# ---- keys ----------------------------------------------------------------------------------------


def _mac(db_key: bytes, text: str) -> str:
    return _keyed_mac(row_mac_key(db_key), text)


def row_mac_key(db_key: bytes) -> bytes:
    """The key of the row keys' MACs, derived from the database key (derive it once per sheet)."""
    return subkey(db_key, "sheet-row-keys")


def _keyed_mac(mac_key: bytes, text: str) -> str:
    return hmac.digest(mac_key, text.encode("utf-8"), "sha256").hex()[:16]


def row_key(db_key: bytes, kind: str, record_id: str) -> str:
    """'m<uuid>.<mac>' for a measure row, 'r<uuid>.<mac>' for an issue row without measures."""
    body = kind + record_id
    return f"{body}.{_mac(db_key, body)}"


def parse_key(db_key: bytes, text: str, *, mac_key: bytes | None = None) -> tuple[str, str] | None:
    """(kind, record id) of a genuine key; None for anything else (typed, altered, foreign).

    A caller reading many rows passes `mac_key` (row_mac_key of the same database key)."""
    if not isinstance(text, str) or len(text) > 80 or "." not in text:
        return None
    body, mac = text.strip().rsplit(".", 1)
    if len(body) < 2 or body[0] not in "mr":
        return None
    if not hmac.compare_digest(mac, _keyed_mac(mac_key or row_mac_key(db_key), body)):
        return None
    return body[0], body[1:]


def meta_rows(db_key: bytes, export_id: str, inspection_id: str, exported_at: str) -> list[list[str]]:
    values = [FORMAT, export_id, inspection_id, exported_at]
    return [
        ["format", FORMAT],
        ["export_id", export_id],
        ["inspection_id", inspection_id],
        ["exported_at", exported_at],
        ["mac", _mac(db_key, "|".join(values))],
    ]


def check_meta(db_key: bytes, rows: dict[str, str]) -> tuple[str, str, str] | None:
    """(export id, inspection id, exported at) when the hidden sheet is genuine; None otherwise."""
    values = [rows.get(k, "") for k in ("format", "export_id", "inspection_id", "exported_at")]
    if values[0] != FORMAT or not all(values):
        return None
    if not hmac.compare_digest(rows.get("mac", ""), _mac(db_key, "|".join(values))):
        return None
    return values[1], values[2], values[3]


# ---- rows ----------------------------------------------------------------------------------------


@dataclass
class LedgerRow:
    """What one ledger row shows, and what the import compares against."""

    kind: str  # 'm' measure, 'r' rectification without measures
    record_id: str
    issue_id: str
    issue_number: str | None
    rectification_id: str
    seq: int  # the issue's place in the ledger
    first_of_issue: bool
    category: str
    problem: str
    measure: str
    leader: str
    dept: str
    person: str
    deadline: str | None
    completion: Completion | None  # None for a row without a measure
    closed: bool
    rect_state: RectState
    overdue: bool
    ordinal: int = 0  # the measure's number within its issue
    remark: str = ""
    progress: list[tuple[str, str, str]] = field(default_factory=list)  # (entry_on, note, created_at)

    @property
    def label(self) -> str:
        """How the preview names the row: the issue number and the measure's place."""
        return self.issue_number or "（未编号问题）"

    def progress_text(self, until: str | None = None) -> str:
        """The progress cell; with `until`, only entries created up to that moment (the export's)."""
        return "\n".join(
            f"{on} {note}" for on, note, created in self.progress if until is None or created <= until
        )


_ROW_SQL = """
SELECT i.id AS issue_id, i.number, r.id AS rect_id, r.state, r.plan_submitted_on, r.plan_due,
       r.unit_completed_on, r.report_due, coalesce(c.name, '') AS category, coalesce(sc.name, '') AS subcategory,
       i.title, m.id AS measure_id, m.ordinal, m.description, m.responsible_leader, m.responsible_dept,
       m.responsible_person, m.deadline, m.immediate, m.ongoing, m.completion
FROM issues i JOIN rectifications r ON r.issue_id = i.id
LEFT JOIN classification_nodes c ON c.id = i.category_id
LEFT JOIN classification_nodes sc ON sc.id = i.subcategory_id
LEFT JOIN rectification_measures m ON m.rectification_id = r.id
WHERE i.inspection_id = ?
ORDER BY i.number_sort, i.id, m.ordinal
"""


def load_rows(conn, inspection_id: str, today: str | None = None) -> list[LedgerRow]:
    """Every ledger row of an inspection, with progress and remarks, in a handful of queries.

    No checks here: callers have checked need to know (export and import both do).
    """
    on = today or deadlines.today()
    rows: list[LedgerRow] = []
    by_rect: dict[str, list[LedgerRow]] = {}
    by_measure: dict[str, LedgerRow] = {}
    seq, last_issue = 0, None
    common: dict = {}
    open_ = rect_overdue = False
    done = Completion.DONE
    for r in conn.execute(_ROW_SQL, (inspection_id,)):
        issue_id, rect_id = r["issue_id"], r["rect_id"]
        first = issue_id != last_issue
        if first:  # what every row of the issue shares, worked out on its first row
            seq += 1
            last_issue = issue_id
            state = _STATES.get(r["state"]) or RectState(r["state"])
            open_ = state != RectState.CLOSED
            rect_overdue = open_ and (
                (r["plan_submitted_on"] is None and r["plan_due"] < on)
                or (r["unit_completed_on"] is None and r["report_due"] < on)
            )
            cat, sub = r["category"], r["subcategory"]
            category = cat + (f"（{sub}）" if sub else "") if cat else "未分类"
            common = {
                "issue_id": issue_id,
                "issue_number": r["number"],
                "rectification_id": rect_id,
                "seq": seq,
                "first_of_issue": True,
                "category": category,
                "problem": r["title"],
                "closed": state == RectState.CLOSED,
                "rect_state": state,
            }
        elif common["first_of_issue"]:
            common = {**common, "first_of_issue": False}
        if r["measure_id"] is None:
            row = LedgerRow(
                kind="r", record_id=rect_id, measure="", leader="", dept="", person="", deadline=None,
                completion=None, overdue=rect_overdue, **common,
            )  # fmt: skip
        else:
            measure = r["description"]
            if r["immediate"] or r["ongoing"]:
                flags = [
                    x for x, flag in (("立行立改", r["immediate"]), ("常态化坚持", r["ongoing"])) if flag
                ]
                measure += f"〔{'、'.join(flags)}〕"
            completion = _COMPLETIONS.get(r["completion"]) or Completion(r["completion"])
            overdue = open_ and completion is not done and r["deadline"] < on
            row = LedgerRow(
                kind="m", record_id=r["measure_id"], measure=measure, leader=r["responsible_leader"],
                dept=r["responsible_dept"], person=r["responsible_person"], deadline=r["deadline"],
                completion=completion, overdue=overdue or rect_overdue, ordinal=int(r["ordinal"]), **common,
            )  # fmt: skip
            by_measure[r["measure_id"]] = row
        rows.append(row)
        by_rect.setdefault(rect_id, []).append(row)
    if not rows:
        return rows
    # Progress entries: a measure's go to its row; entries for the whole item to its first row.
    for p in conn.execute(
        "SELECT p.rectification_id, p.measure_id, p.entry_on, p.note, p.created_at"
        " FROM rectification_progress p JOIN rectifications r ON r.id = p.rectification_id"
        " JOIN issues i ON i.id = r.issue_id WHERE i.inspection_id = ?"
        " ORDER BY p.entry_on, p.created_at, p.id",
        (inspection_id,),
    ):
        target = by_measure.get(p["measure_id"]) if p["measure_id"] else None
        if target is None and p["rectification_id"] in by_rect:
            target = by_rect[p["rectification_id"]][0]
        if target is not None:
            target.progress.append((p["entry_on"], p["note"], p["created_at"]))
    keys = {("m" if row.kind == "m" else "r") + row.record_id: row for row in rows}
    for s in conn.execute(
        "SELECT s.row_key, s.remark FROM sheet_remarks s WHERE s.row_key IN"
        " (SELECT 'm' || m.id FROM rectification_measures m JOIN rectifications r ON r.id = m.rectification_id"
        "  JOIN issues i ON i.id = r.issue_id WHERE i.inspection_id = ?"
        "  UNION ALL SELECT 'r' || r.id FROM rectifications r JOIN issues i ON i.id = r.issue_id"
        "  WHERE i.inspection_id = ?)",
        (inspection_id, inspection_id),
    ):
        if s["row_key"] in keys:
            keys[s["row_key"]].remark = s["remark"]
    return rows


def cells(row: LedgerRow, key: str) -> list:
    """The row's cell values in column order (dates as dates)."""
    from app.core.sheets.workbook import as_date

    return [
        row.seq,
        row.category,
        row.problem,
        row.measure,
        row.leader,
        row.dept,
        row.person,
        as_date(row.deadline),
        row.progress_text(),
        COMPLETION_LABEL[row.completion] if row.completion else "",
        "是" if row.closed else "否",
        row.remark,
        key,
    ]
