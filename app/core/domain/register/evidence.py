"""The numbered evidence list of an issue's working paper (证据清单).

Each item links a talk record (page), a document excerpt, a reviewed document (调阅资料) or a
petition of the issue's own inspection, or is described only (photo, field-visit notes, ...). The
items are numbered 1..n; removing or moving one renumbers the rest. The list is open while the paper
is neither signed nor dismissed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain.register.issue_reads import visible_issue, writable_issue
from app.core.domain.register.issue_record import Issue, IssueStatus
from app.core.domain.register.paper_lock import reopened, under_review
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.session import Session


class EvidenceKind(StrEnum):
    TALK = "talk"  # a talk record (谈话记录), locator: page
    EXCERPT = "excerpt"  # a document excerpt (摘录)
    DOCUMENT = "document"  # a reviewed document (调阅资料)
    PETITION = "petition"  # a petition (信访件)
    MEETING = "meeting"  # a meeting's record (会议), locator: its number
    EVALUATION = (
        "evaluation"  # a round of democratic evaluation or questionnaire (测评结果), locator: the figure
    )
    VISIT = "visit"  # a visit's record (走访), locator: its number
    SPOT_CHECK = (
        "spot_check"  # a spot check of a personal-matters report (个人有关事项抽查), locator: its number
    )
    BRIEFING = "briefing"  # an item of a briefing before entry (巡前情况通报), locator: 第N号第K项
    WORK_PLAN = "work_plan"  # a version of the work plan (巡察工作方案), locator: 第N版
    TEAM_LOG = "team_log"  # a free entry of the team log (巡察日志), locator: its date
    OTHER = "other"  # described only (photo, field visit notes, ...)

    @property
    def label(self) -> str:
        return EVIDENCE_LABELS[self]


EVIDENCE_LABELS = {
    EvidenceKind.TALK: "谈话记录",
    EvidenceKind.EXCERPT: "资料摘录",
    EvidenceKind.DOCUMENT: "调阅资料",
    EvidenceKind.PETITION: "信访件",
    EvidenceKind.MEETING: "会议",
    EvidenceKind.EVALUATION: "测评结果",
    EvidenceKind.VISIT: "走访记录",
    EvidenceKind.SPOT_CHECK: "个人有关事项抽查",
    EvidenceKind.BRIEFING: "巡前情况通报",
    EvidenceKind.WORK_PLAN: "巡察工作方案",
    EvidenceKind.TEAM_LOG: "巡察日志",
    EvidenceKind.OTHER: "其他",
}

# Where each linked kind lives, for checking the link (tables built by other modules may be absent
# in an older database; then the link is kept as typed and checked once they exist).
EVIDENCE_TABLES = {
    EvidenceKind.TALK: "talks",
    EvidenceKind.EXCERPT: "excerpts",
    EvidenceKind.DOCUMENT: "request_items",
    EvidenceKind.PETITION: "petitions",
    EvidenceKind.MEETING: "meetings",
    EvidenceKind.EVALUATION: "eval_rounds",
    EvidenceKind.VISIT: "visits",
    EvidenceKind.SPOT_CHECK: "spot_checks",
    EvidenceKind.BRIEFING: "briefing_items",
    EvidenceKind.WORK_PLAN: "work_plans",
    EvidenceKind.TEAM_LOG: "team_log_entries",
}


@dataclass
class Evidence:
    id: str
    issue_id: str
    ordinal: int
    kind: EvidenceKind
    ref_id: str | None
    locator: str
    description: str
    # The cited record's number as people say it ("第3号", "摘录007", "第5项", "2026-03-02收到"), and
    # a short name beside it (the interviewee, the material's title); "" for 其他 and for a gone record.
    source_number: str = ""
    source_name: str = ""

    COLUMNS = "id, issue_id, ordinal, kind, ref_id, locator, description"

    @classmethod
    def from_row(cls, row) -> Evidence:
        return cls(
            id=row["id"],
            issue_id=row["issue_id"],
            ordinal=int(row["ordinal"]),
            kind=EvidenceKind(row["kind"]),
            ref_id=row["ref_id"],
            locator=row["locator"],
            description=row["description"],
        )

    @property
    def source(self) -> str:
        """Which record this is, kind and number: '谈话记录 第2号（王某某）', '调阅资料 第5项（…）'."""
        # A kind named by its own table (_SOURCE_SQL) whose record no longer answers is gone; a meeting
        # or an evaluation round carries its number in the locator instead.
        if self.kind in _SOURCE_SQL and self.ref_id and not self.source_number:
            return f"{self.kind.label}（原记录已删除）"
        text = f"{self.kind.label} {self.source_number}".strip()
        return f"{text}（{self.source_name}）" if self.source_name else text

    @property
    def label(self) -> str:
        """'证据3：谈话记录 第2号（王某某） 第2页 关于…'"""
        locator = "" if self.locator == self.source_number else self.locator  # a meeting's is its number
        parts = [self.source, locator, self.description]
        return f"证据{self.ordinal}：" + " ".join(p for p in parts if p)


# How each kind's record is named: its number and a short name, read from its own table.
_SOURCE_SQL = {
    EvidenceKind.TALK: (
        "SELECT '第' || number || '号' AS number, interviewee_name AS name FROM talks WHERE id = ?"
    ),
    EvidenceKind.EXCERPT: (
        "SELECT printf('摘录%03d', x.number) AS number,"
        " '调阅资料第' || i.number || '项 ' || i.title AS name"
        " FROM excerpts x JOIN request_items i ON i.id = x.item_id WHERE x.id = ?"
    ),
    EvidenceKind.DOCUMENT: (
        "SELECT '第' || number || '项' AS number, title AS name FROM request_items WHERE id = ?"
    ),
    EvidenceKind.PETITION: "SELECT received_on || '收到' AS number, '' AS name FROM petitions WHERE id = ?",
    EvidenceKind.MEETING: (
        "SELECT '第' || number || '号' AS number, coalesce(nullif(title, ''), held_on) AS name"
        " FROM meetings WHERE id = ?"
    ),
    EvidenceKind.EVALUATION: (
        "SELECT '第' || r.number || '轮' AS number, s.name AS name"
        " FROM eval_rounds r JOIN eval_surveys s ON s.id = r.survey_id WHERE r.id = ?"
    ),
    EvidenceKind.VISIT: (
        "SELECT '第' || number || '号' AS number, CASE WHEN visited != '' THEN visited ELSE place END AS name"
        " FROM visits WHERE id = ?"
    ),
    # Only the number: the person checked is sealed with the leads.
    EvidenceKind.SPOT_CHECK: "SELECT '第' || number || '号' AS number, '' AS name FROM spot_checks WHERE id = ?",
    EvidenceKind.BRIEFING: (
        "SELECT '第' || r.number || '号第' || x.ordinal || '项' AS number, x.source AS name"
        " FROM briefing_items x JOIN briefing_requests r ON r.id = x.request_id WHERE x.id = ?"
    ),
    EvidenceKind.WORK_PLAN: "SELECT '第' || version || '版' AS number, issued_on AS name FROM work_plans WHERE id = ?",
    EvidenceKind.TEAM_LOG: "SELECT entry_on AS number, by_name AS name FROM team_log_entries WHERE id = ?",
}
_SOURCE_NAME_MAX = 30


def _with_source(conn, ev: Evidence) -> Evidence:
    sql = _SOURCE_SQL.get(ev.kind)
    if sql is None or not ev.ref_id or not _table_columns(conn, EVIDENCE_TABLES[ev.kind]):
        return ev
    row = conn.execute(sql, (ev.ref_id,)).fetchone()
    if row is not None:
        name = row["name"] or ""
        ev.source_number = row["number"]
        ev.source_name = name if len(name) <= _SOURCE_NAME_MAX else name[: _SOURCE_NAME_MAX - 1] + "…"
    return ev


def require_paper_open(issue: Issue, conn=None) -> None:
    """The paper and its evidence list may still change: not signed, not dismissed, and (given the
    connection) not waiting for a review in its sign-off chain."""
    if issue.signed and not (conn is not None and reopened(conn, issue.id)):
        raise Conflict("问题底稿已签批编号，证据清单不能再修改。")
    if issue.status == IssueStatus.DISMISSED:
        raise Conflict("该问题已排除，不能修改证据清单。")
    if conn is not None and under_review(conn, issue.id):
        raise Conflict("问题底稿正在审核中，不能修改；如需修改，请审核人退回后再改。")


def _table_columns(conn, table: str) -> set[str]:
    return {r["name"] for r in conn.execute(f"PRAGMA table_info({table})")}


def check_evidence_target(conn, issue: Issue, kind: EvidenceKind, ref_id: str | None) -> None:
    """A linked record must exist and, where it names one, belong to the issue's own inspection."""
    if kind == EvidenceKind.OTHER:
        return
    if not ref_id:
        raise ValidationError(f"请选择要引用的{kind.label}。", field="ref_id")
    table = EVIDENCE_TABLES[kind]
    columns = _table_columns(conn, table)
    if not columns:
        return  # that module's table is not in this database yet
    if "inspection_id" in columns:
        row = conn.execute(f"SELECT inspection_id FROM {table} WHERE id = ?", (ref_id,)).fetchone()
        if row is None:
            raise ValidationError(f"找不到所引用的{kind.label}。", field="ref_id")
        if row["inspection_id"] != issue.inspection_id:
            raise ValidationError(f"所引用的{kind.label}不属于本次巡察。", field="ref_id")
    elif conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (ref_id,)).fetchone() is None:
        raise ValidationError(f"找不到所引用的{kind.label}。", field="ref_id")


def add_evidence(
    session: Session,
    issue_id: str,
    kind: EvidenceKind | str,
    ref_id: str | None = None,
    locator: str = "",
    description: str = "",
) -> Evidence:
    """Append an item to the numbered evidence list (the next ordinal)."""
    issue = writable_issue(session, issue_id)
    require_paper_open(issue, session.conn)
    kind = f.choice(EvidenceKind, kind, "kind", "证据类型")
    locator = f.text(locator, "locator", "出处（页码等）", required=False, max_len=60)
    description = f.text(
        description, "description", "证据说明", required=kind == EvidenceKind.OTHER, max_len=200
    )
    check_evidence_target(session.conn, issue, kind, ref_id)
    if kind == EvidenceKind.MEETING and not locator:
        locator = _meeting_number(session, ref_id)
    if kind == EvidenceKind.VISIT:
        from app.core.domain.visits.records import fetch_visit

        fetch_visit(session, ref_id)  # out of the user's reach: NotFound
    if kind == EvidenceKind.SPOT_CHECK:
        from app.core.domain.spot_checks import records as spot_checks

        spot_checks.require_known(session, ref_id)  # only who may know of leads cites one
    if kind in _CITED_NUMBER:
        # Reading the record checks the session may know it (a lead-like briefing item: as leads).
        number = _CITED_NUMBER[kind](session, ref_id)
        locator = locator or number
    values = session.record_values()
    with session.transaction() as conn:
        ordinal = f.count(
            conn, "SELECT coalesce(max(ordinal), 0) + 1 FROM issue_evidence WHERE issue_id = ?", (issue_id,)
        )
        f.insert(
            conn,
            "issue_evidence",
            {
                **values,
                "issue_id": issue_id,
                "ordinal": ordinal,
                "kind": kind.value,
                "ref_id": ref_id if kind != EvidenceKind.OTHER else None,
                "locator": locator,
                "description": description,
            },
        )
        session.audit("issue_evidence_add", "issue", issue_id, f"{kind.value} #{ordinal}")
    return _evidence(session.conn, values["id"])


def _meeting_number(session: Session, meeting_id: str | None) -> str:
    """A cited meeting's number as the item's locator ('第3号'); out of the user's reach: NotFound."""
    from app.core.domain.meetings.queries import fetch_meeting

    return f"第{fetch_meeting(session, meeting_id).number}号"


def _briefing_number(session: Session, item_id: str | None) -> str:
    from app.core.domain.briefings.queries import fetch_item

    item = fetch_item(session, item_id)
    return f"第{item.request_number}号第{item.ordinal}项"


def _work_plan_number(session: Session, plan_id: str | None) -> str:
    from app.core.domain.work_plan.queries import fetch_version

    return f"第{fetch_version(session, plan_id).version}版"


def _log_entry_date(session: Session, entry_id: str | None) -> str:
    from app.core.domain.team_log.queries import fetch_entry

    return fetch_entry(session, entry_id).entry_on


_CITED_NUMBER = {
    EvidenceKind.BRIEFING: _briefing_number,
    EvidenceKind.WORK_PLAN: _work_plan_number,
    EvidenceKind.TEAM_LOG: _log_entry_date,
}


def remove_evidence(session: Session, evidence_id: str) -> None:
    """Remove an item; the later items move up so the list stays numbered 1..n."""
    ev = _evidence(session.conn, evidence_id)
    issue = writable_issue(session, ev.issue_id)
    require_paper_open(issue, session.conn)
    with session.transaction() as conn:
        conn.execute("DELETE FROM issue_evidence WHERE id = ?", (evidence_id,))
        _renumber(conn, ev.issue_id, _evidence_ids(conn, ev.issue_id))
        session.audit("issue_evidence_remove", "issue", ev.issue_id, f"#{ev.ordinal}")


def move_evidence(session: Session, evidence_id: str, ordinal: int) -> list[Evidence]:
    """Move an item to position `ordinal` (1-based); returns the renumbered list."""
    ev = _evidence(session.conn, evidence_id)
    issue = writable_issue(session, ev.issue_id)
    require_paper_open(issue, session.conn)
    ordinal = f.integer(ordinal, "ordinal", "证据序号", minimum=-(10**6), maximum=10**6)
    with session.transaction() as conn:
        ids = _evidence_ids(conn, ev.issue_id)
        ids.remove(evidence_id)
        ids.insert(max(0, min(ordinal - 1, len(ids))), evidence_id)
        _renumber(conn, ev.issue_id, ids)
        session.audit("issue_evidence_move", "issue", ev.issue_id, f"#{ev.ordinal} -> #{ordinal}")
    return list_evidence(session, ev.issue_id)


def list_evidence(session: Session, issue_id: str) -> list[Evidence]:
    visible_issue(session, issue_id)
    rows = session.conn.execute(
        f"SELECT {Evidence.COLUMNS} FROM issue_evidence WHERE issue_id = ? ORDER BY ordinal", (issue_id,)
    ).fetchall()
    return [_with_source(session.conn, Evidence.from_row(r)) for r in rows]


def _evidence_ids(conn, issue_id: str) -> list[str]:
    return [
        r["id"]
        for r in conn.execute(
            "SELECT id FROM issue_evidence WHERE issue_id = ? ORDER BY ordinal", (issue_id,)
        )
    ]


def _renumber(conn, issue_id: str, ids: list[str]) -> None:
    # Two passes so the UNIQUE (issue_id, ordinal) never sees a clash midway.
    for i, eid in enumerate(ids, start=1):
        conn.execute("UPDATE issue_evidence SET ordinal = ? WHERE id = ?", (-i + 1_000_000, eid))
    for i, eid in enumerate(ids, start=1):
        conn.execute("UPDATE issue_evidence SET ordinal = ? WHERE id = ?", (i, eid))


def _evidence(conn, evidence_id: str) -> Evidence:
    row = conn.execute(
        f"SELECT {Evidence.COLUMNS} FROM issue_evidence WHERE id = ?", (evidence_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该证据。")
    return _with_source(conn, Evidence.from_row(row))
