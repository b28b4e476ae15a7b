"""Issues (问题) and their working papers (问题底稿): the heart of the issue register (问题台账).

An issue belongs to one inspection. It is classified against the office's tree (a primary category
and optional sub-category, an optional secondary tag such as a 六项纪律 node) and carries optional
tags. Its working paper holds the facts, the legal basis, the numbered evidence list (links to talk
records, document excerpts, petitions, ...), the responsibility analysis, who found and who wrote it,
the people and money involved and the seriousness.

The team meeting records its review (组务会审核意见); the leader of the inspection's team then signs
(Cap.ISSUE_SIGN), and signing allocates the number `[2026]3巡-2组-07号`: the sequence runs per team
per round, allocated inside the signing transaction, so numbers have no gaps and no duplicates. A
signed paper is frozen; only its classification may still change.

Status: found → verified → fed_back → in_rectification → closed_out, or dismissed (with a reason)
from found or verified. A transferred issue (to the discipline commission, the organisation
department or another body) is closed by the office without a rectification plan; a closed issue may
be reopened by the office. Every move is kept in issue_events and audited. Rectification moves
(plan recorded, close-out, reopening) are made by app.core.domain.register.rectification.

Need to know: a team sees its own inspections' issues, the office sees all, administrators none.
Viewing an issue, and opening the register (its first page), are audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain.deadlines import today
from app.core.domain.register import classification
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.sql_functions import bigram_words

# ---- enumerations --------------------------------------------------------------------------------


class IssueStatus(StrEnum):
    FOUND = "found"
    VERIFIED = "verified"
    FED_BACK = "fed_back"
    IN_RECTIFICATION = "in_rectification"
    CLOSED_OUT = "closed_out"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    IssueStatus.FOUND: "已发现",
    IssueStatus.VERIFIED: "已核实",
    IssueStatus.FED_BACK: "已反馈",
    IssueStatus.IN_RECTIFICATION: "整改中",
    IssueStatus.CLOSED_OUT: "已销号",
    IssueStatus.DISMISSED: "已排除",
}

# Workflow order, for sorting and display.
STATUS_ORDER = list(IssueStatus)

# The only legal moves. closed_out goes back to in_rectification (reopened rectification) or to
# fed_back (a reopened transferred issue).
TRANSITIONS: dict[IssueStatus, frozenset[IssueStatus]] = {
    IssueStatus.FOUND: frozenset({IssueStatus.VERIFIED, IssueStatus.DISMISSED}),
    IssueStatus.VERIFIED: frozenset({IssueStatus.FED_BACK, IssueStatus.DISMISSED}),
    IssueStatus.FED_BACK: frozenset({IssueStatus.IN_RECTIFICATION, IssueStatus.CLOSED_OUT}),
    IssueStatus.IN_RECTIFICATION: frozenset({IssueStatus.CLOSED_OUT}),
    IssueStatus.CLOSED_OUT: frozenset({IssueStatus.IN_RECTIFICATION, IssueStatus.FED_BACK}),
    IssueStatus.DISMISSED: frozenset(),
}


class IssueTag(StrEnum):
    CADRE_SELECTION = "cadre_selection"
    IDEOLOGY = "ideology"
    IMMEDIATE_FIX = "immediate_fix"
    KEY_ATTENTION = "key_attention"

    @property
    def label(self) -> str:
        return TAG_LABELS[self]

    @property
    def bit(self) -> int:
        return 1 << list(IssueTag).index(self)


TAG_LABELS = {
    IssueTag.CADRE_SELECTION: "选人用人",
    IssueTag.IDEOLOGY: "意识形态",
    IssueTag.IMMEDIATE_FIX: "立行立改",
    IssueTag.KEY_ATTENTION: "重点关注",
}


def tags_to_mask(tags) -> int:
    mask = 0
    for tag in tags or ():
        mask |= f.choice(IssueTag, tag, "tags", "标签").bit
    return mask


def mask_to_tags(mask: int) -> frozenset[IssueTag]:
    # Every register row decodes its mask: look the set up instead of walking the enum per row.
    if 0 <= mask < len(_TAG_SETS):
        return _TAG_SETS[mask]
    return frozenset(t for t in IssueTag if mask & t.bit)


_TAG_SETS = [frozenset(t for k, t in enumerate(IssueTag) if m & (1 << k)) for m in range(1 << len(IssueTag))]


class IssueLevel(StrEnum):
    NONE = ""
    LEADERSHIP = "leadership"
    DEPARTMENT = "department"

    @property
    def label(self) -> str:
        return {
            IssueLevel.NONE: "",
            IssueLevel.LEADERSHIP: "领导班子问题",
            IssueLevel.DEPARTMENT: "部门问题",
        }[self]


class Seriousness(StrEnum):
    GENERAL = "general"
    SERIOUS = "serious"
    GRAVE = "grave"

    @property
    def label(self) -> str:
        return {Seriousness.GENERAL: "一般", Seriousness.SERIOUS: "较重", Seriousness.GRAVE: "严重"}[self]


class Disposition(StrEnum):
    NONE = ""
    UNIT = "unit"
    DISCIPLINE_COMMISSION = "discipline_commission"
    ORGANISATION_DEPT = "organisation_dept"
    OTHER = "other"

    @property
    def label(self) -> str:
        return DISPOSITION_LABELS[self]

    @property
    def is_transfer(self) -> bool:
        return self in (Disposition.DISCIPLINE_COMMISSION, Disposition.ORGANISATION_DEPT, Disposition.OTHER)


DISPOSITION_LABELS = {
    Disposition.NONE: "",
    Disposition.UNIT: "反馈被巡察单位",
    Disposition.DISCIPLINE_COMMISSION: "移交纪委监委",
    Disposition.ORGANISATION_DEPT: "移交组织部",
    Disposition.OTHER: "移交其他单位",
}


class EvidenceKind(StrEnum):
    TALK = "talk"  # a talk record (谈话记录), locator: page
    EXCERPT = "excerpt"  # a document excerpt (摘录)
    DOCUMENT = "document"  # a reviewed document (调阅资料)
    PETITION = "petition"  # a petition (信访件)
    OTHER = "other"  # described only (photo, field visit notes, ...)

    @property
    def label(self) -> str:
        return EVIDENCE_LABELS[self]


EVIDENCE_LABELS = {
    EvidenceKind.TALK: "谈话记录",
    EvidenceKind.EXCERPT: "资料摘录",
    EvidenceKind.DOCUMENT: "调阅资料",
    EvidenceKind.PETITION: "信访件",
    EvidenceKind.OTHER: "其他",
}

# Where each linked kind lives, for checking the link (tables built by other modules may be absent
# in an older database; then the link is kept as typed and checked once they exist).
EVIDENCE_TABLES = {
    EvidenceKind.TALK: "talks",
    EvidenceKind.EXCERPT: "excerpts",
    EvidenceKind.DOCUMENT: "documents",
    EvidenceKind.PETITION: "petitions",
}


# ---- records -------------------------------------------------------------------------------------


@dataclass
class IssueDraft:
    """The editable fields of an issue and its working paper, as a form fills them in."""

    title: str = ""
    found_on: str = ""
    category_id: str | None = None
    subcategory_id: str | None = None
    secondary_id: str | None = None
    tags: frozenset[IssueTag] | set | tuple = frozenset()
    level: IssueLevel | str = IssueLevel.NONE
    facts: str = ""
    legal_basis: str = ""
    responsibility: str = ""
    resp_principal: str = ""
    resp_first: str = ""
    resp_leading: str = ""
    resp_supervisory: str = ""
    found_by: str = ""
    written_by: str = ""
    written_on: str | None = None
    people_involved: str = ""
    people_count: int = 0
    amount_yuan: Decimal | str | float | int = 0
    seriousness: Seriousness | str = Seriousness.GENERAL


# Fields frozen once the paper is signed (classification and tags may still be corrected).
PAPER_FIELDS = (
    "title",
    "found_on",
    "facts",
    "legal_basis",
    "responsibility",
    "resp_principal",
    "resp_first",
    "resp_leading",
    "resp_supervisory",
    "found_by",
    "written_by",
    "written_on",
    "people_involved",
    "people_count",
    "amount_fen",
    "seriousness",
)


@dataclass
class Issue:
    id: str
    inspection_id: str
    category_id: str | None
    subcategory_id: str | None
    secondary_id: str | None
    tags: frozenset[IssueTag]
    level: IssueLevel
    title: str
    facts: str
    legal_basis: str
    responsibility: str
    resp_principal: str
    resp_first: str
    resp_leading: str
    resp_supervisory: str
    found_by: str
    found_on: str
    written_by: str
    written_on: str | None
    people_involved: str
    people_count: int
    amount_fen: int
    seriousness: Seriousness
    review_opinion: str
    reviewed_on: str | None
    signed_by: str | None
    signed_on: str | None
    number: str | None
    number_seq: int | None
    status: IssueStatus
    status_on: str
    dismissed_reason: str
    disposition: Disposition
    disposition_body: str
    fed_back_on: str | None
    created_at: str
    updated_at: str
    # Display context, joined in.
    unit_id: str = ""
    unit_name: str = ""
    team_id: str = ""
    team_name: str = ""
    round_id: str = ""
    round_number: int = 0
    category_name: str = ""
    subcategory_name: str = ""
    secondary_name: str = ""
    signed_by_name: str = ""

    COLUMNS = (
        "i.id, i.inspection_id, i.category_id, i.subcategory_id, i.secondary_id, i.tags, i.level, i.title,"
        " p.facts, p.legal_basis, p.responsibility, p.resp_principal, p.resp_first, p.resp_leading,"
        " p.resp_supervisory, i.found_by, i.found_on, i.written_by, i.written_on, p.people_involved,"
        " i.people_count, i.amount_fen, i.seriousness, p.review_opinion, i.reviewed_on, i.signed_by,"
        " i.signed_on, i.number, i.number_seq, i.status, i.status_on, i.dismissed_reason, i.disposition,"
        " i.disposition_body, i.fed_back_on, i.created_at, i.updated_at,"
        " ins.unit_id, u.name, ins.team_id, t.name, ins.round_id, r.number,"
        " coalesce(c.name, ''), coalesce(sc.name, ''), coalesce(sd.name, ''), coalesce(su.display_name, '')"
    )
    FROM = (
        "issues i JOIN issue_papers p ON p.id = i.id"
        " JOIN inspections ins ON ins.id = i.inspection_id JOIN units u ON u.id = ins.unit_id"
        " JOIN teams t ON t.id = ins.team_id JOIN rounds r ON r.id = ins.round_id"
        " LEFT JOIN classification_nodes c ON c.id = i.category_id"
        " LEFT JOIN classification_nodes sc ON sc.id = i.subcategory_id"
        " LEFT JOIN classification_nodes sd ON sd.id = i.secondary_id"
        " LEFT JOIN users su ON su.id = i.signed_by"
    )

    @classmethod
    def from_row(cls, row) -> Issue:
        r = list(row)
        r[5] = mask_to_tags(int(r[5]))
        r[6] = IssueLevel(r[6])
        r[20] = int(r[20])
        r[21] = int(r[21])
        r[22] = Seriousness(r[22])
        r[29] = IssueStatus(r[29])
        r[32] = Disposition(r[32])
        r[42] = int(r[42])
        return cls(*r)

    @property
    def amount_yuan(self) -> Decimal:
        return Decimal(self.amount_fen) / 100

    @property
    def signed(self) -> bool:
        return self.number is not None

    @property
    def classification_text(self) -> str:
        return " › ".join(x for x in (self.category_name, self.subcategory_name) if x)

    def draft(self) -> IssueDraft:
        """The editable fields, for a form to start from."""
        return IssueDraft(
            **{
                fl.name: getattr(self, fl.name)
                for fl in fields(IssueDraft)
                if fl.name != "amount_yuan" and hasattr(self, fl.name)
            },
            amount_yuan=self.amount_yuan,
        )


@dataclass
class Evidence:
    id: str
    issue_id: str
    ordinal: int
    kind: EvidenceKind
    ref_id: str | None
    locator: str
    description: str

    COLUMNS = "id, issue_id, ordinal, kind, ref_id, locator, description"

    @classmethod
    def from_row(cls, row) -> Evidence:
        return cls(row[0], row[1], int(row[2]), EvidenceKind(row[3]), row[4], row[5], row[6])

    @property
    def label(self) -> str:
        """'证据3：谈话记录 第2页 关于…'"""
        parts = [self.kind.label, self.locator, self.description]
        return f"证据{self.ordinal}：" + " ".join(p for p in parts if p)


@dataclass
class IssueEvent:
    id: str
    issue_id: str
    from_status: IssueStatus
    to_status: IssueStatus
    moved_on: str
    reason: str
    author_name: str
    created_at: str

    @property
    def text(self) -> str:
        return f"{self.moved_on} {self.from_status.label} → {self.to_status.label}"


# ---- helpers -------------------------------------------------------------------------------------


def _amount_fen(value) -> int:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError("涉及金额须为数字（单位：元）。", field="amount_yuan") from None
    if amount < 0 or amount > Decimal("1e12"):
        raise ValidationError("涉及金额须在 0 到一万亿元之间。", field="amount_yuan")
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise ValidationError("涉及金额最多保留两位小数。", field="amount_yuan")
    return int(fen)


def _people_count(value) -> int:
    try:
        n = int(value or 0)
    except (TypeError, ValueError):
        raise ValidationError("涉及人数须为整数。", field="people_count") from None
    if not 0 <= n <= 100_000:
        raise ValidationError("涉及人数须在 0 到 100000 之间。", field="people_count")
    return n


def _draft_values(conn, draft: IssueDraft, previous: Issue | None) -> dict:
    """Validate a draft into column values."""
    values = {
        "title": f.text(draft.title, "title", "问题标题", max_len=120),
        "found_on": f.iso_date(draft.found_on, "found_on", "发现日期"),
        "category_id": draft.category_id or None,
        "subcategory_id": draft.subcategory_id or None,
        "secondary_id": draft.secondary_id or None,
        "tags": tags_to_mask(draft.tags),
        "level": f.choice(IssueLevel, draft.level or "", "level", "问题层面").value,
        "facts": f.long_text(draft.facts, "facts", "问题事实", required=False, max_len=20000),
        "legal_basis": f.long_text(
            draft.legal_basis, "legal_basis", "定性依据", required=False, max_len=5000
        ),
        "responsibility": f.long_text(
            draft.responsibility, "responsibility", "责任分析", required=False, max_len=5000
        ),
        "resp_principal": f.text(draft.resp_principal, "resp_principal", "主体责任", required=False),
        "resp_first": f.text(draft.resp_first, "resp_first", "第一责任人", required=False),
        "resp_leading": f.text(draft.resp_leading, "resp_leading", "主要领导责任", required=False),
        "resp_supervisory": f.text(draft.resp_supervisory, "resp_supervisory", "监督责任", required=False),
        "found_by": f.text(draft.found_by, "found_by", "发现人", required=False),
        "written_by": f.text(draft.written_by, "written_by", "撰写人", required=False),
        "written_on": f.iso_date(draft.written_on, "written_on", "撰写日期", required=False),
        "people_involved": f.long_text(
            draft.people_involved, "people_involved", "涉及人员", required=False, max_len=1000
        ),
        "people_count": _people_count(draft.people_count),
        "amount_fen": _amount_fen(draft.amount_yuan),
        "seriousness": f.choice(Seriousness, draft.seriousness, "seriousness", "严重程度").value,
    }
    if values["written_on"] and values["written_on"] < values["found_on"]:
        raise ValidationError("撰写日期不能早于发现日期。", field="written_on")
    classification.check_placement(
        conn, values["category_id"], values["subcategory_id"], values["secondary_id"]
    )
    # A retired node stays on issues that already carry it but is not offered for new choices.
    for column in ("category_id", "subcategory_id", "secondary_id"):
        node_id = values[column]
        if node_id and (previous is None or getattr(previous, column) != node_id):
            retired = conn.execute(
                "SELECT retired FROM classification_nodes WHERE id = ?", (node_id,)
            ).fetchone()
            if retired and retired[0]:
                raise ValidationError("该分类已停用，请选择其他分类。", field=column)
    return values


# Columns of issue_papers (the paper's prose, one row per issue with the issue's id).
PAPER_TEXT_COLUMNS = (
    "facts",
    "legal_basis",
    "responsibility",
    "resp_principal",
    "resp_first",
    "resp_leading",
    "resp_supervisory",
    "people_involved",
)


def _split_paper(values: dict) -> tuple[dict, dict]:
    """Split validated values into (issue_papers columns, issues columns)."""
    paper = {k: values[k] for k in PAPER_TEXT_COLUMNS}
    return paper, {k: v for k, v in values.items() if k not in paper}


def _issue(conn, issue_id: str) -> Issue:
    row = conn.execute(f"SELECT {Issue.COLUMNS} FROM {Issue.FROM} WHERE i.id = ?", (issue_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该问题，或您不在其知悉范围内。")
    return Issue.from_row(row)


def visible_issue(session: Session, issue_id: str) -> Issue:
    """The issue, if this session may see it (NotFound otherwise, as for a missing one). Not audited."""
    visibility.require_case_read(session)
    row = session.conn.execute("SELECT inspection_id FROM issues WHERE id = ?", (issue_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该问题，或您不在其知悉范围内。")
    visibility.require_inspection_visible(session, row[0])
    return _issue(session.conn, issue_id)


def writable_issue(session: Session, issue_id: str) -> Issue:
    """The issue, if this session may write case records of its inspection."""
    session.require(Cap.CASE_WRITE)
    return visible_issue(session, issue_id)


def require_leader_or_office(session: Session, issue: Issue, what: str) -> None:
    """Steering decisions on an issue (dismiss, feed back): the leader of its team or the office."""
    if session.can(Cap.CASE_READ_ALL) or visibility.is_leader_of_inspection(session, issue.inspection_id):
        return
    raise PermissionDenied(f"只有本组组长或巡察办可以{what}。")


# ---- create, edit, view --------------------------------------------------------------------------


def create_issue(session: Session, inspection_id: str, draft: IssueDraft) -> Issue:
    visibility.require_inspection_writable(session, inspection_id)
    values = _draft_values(session.conn, draft, None)
    record = session.record_values()
    paper, values = _split_paper(values)
    with session.transaction() as conn:
        f.insert(conn, "issue_papers", {**record, **paper})
        f.insert(
            conn,
            "issues",
            {
                **record,
                **values,
                "inspection_id": inspection_id,
                "status": IssueStatus.FOUND.value,
                "status_on": values["found_on"],
                "number_sort": UNSIGNED_SORT_PREFIX + record["created_at"],
            },
        )
        session.audit("issue_create", "issue", record["id"], f"inspection {inspection_id}")
    return _issue(session.conn, record["id"])


def update_issue(session: Session, issue_id: str, draft: IssueDraft) -> Issue:
    """Save the form. Once signed, only the classification and tags may change (Conflict otherwise)."""
    issue = writable_issue(session, issue_id)
    if issue.status == IssueStatus.CLOSED_OUT:
        raise Conflict("该问题已销号，不能修改；如需修改请先由巡察办重新打开。")
    values = _draft_values(session.conn, draft, issue)
    if issue.signed:
        changed = [k for k in PAPER_FIELDS if values[k] != getattr(issue, k)]
        if changed:
            raise Conflict("问题底稿已签批编号，内容不能再修改（分类和标签仍可调整）。")
    paper, values = _split_paper(values)
    with session.transaction() as conn:
        f.update(conn, "issue_papers", issue_id, paper)
        f.update(conn, "issues", issue_id, values)
        session.audit("issue_update", "issue", issue_id)
    return _issue(session.conn, issue_id)


def delete_issue(session: Session, issue_id: str) -> None:
    """Delete an issue entered by mistake: only while unsigned and still 'found', with nothing linked."""
    issue = writable_issue(session, issue_id)
    if issue.signed or issue.status != IssueStatus.FOUND:
        raise Conflict("只能删除尚未核实、尚未签批的问题；其他问题请作排除处理。")
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM petitions WHERE issue_id = ?",
            (issue_id,),
            "该问题关联了 {n} 件信访，不能删除。",
        )
        f.refuse_if(
            conn,
            "SELECT count(*) FROM lead_issues WHERE issue_id = ?",
            (issue_id,),
            "该问题关联了 {n} 条线索，不能删除。",
        )
        n = f.count(conn, "SELECT count(*) FROM issue_evidence WHERE issue_id = ?", (issue_id,))
        conn.execute("DELETE FROM issue_evidence WHERE issue_id = ?", (issue_id,))
        conn.execute("DELETE FROM issue_events WHERE issue_id = ?", (issue_id,))
        f.delete(conn, "issues", issue_id, "问题")
        conn.execute("DELETE FROM issue_papers WHERE id = ?", (issue_id,))
        session.audit("issue_delete", "issue", issue_id, f"连同 {n} 项证据")


def get_issue(session: Session, issue_id: str) -> Issue:
    """Open an issue and its working paper (audited)."""
    issue = visible_issue(session, issue_id)
    session.audit("issue_view", "issue", issue_id)
    return issue


def list_issues(session: Session, inspection_id: str) -> list[Issue]:
    """An inspection's issues, signed ones by number first (audited as one view)."""
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        f"SELECT {Issue.COLUMNS} FROM {Issue.FROM} WHERE i.inspection_id = ? ORDER BY i.number_sort, i.id",
        (inspection_id,),
    ).fetchall()
    session.audit("issue_list", "inspection", inspection_id, f"{len(rows)} 条")
    return [Issue.from_row(r) for r in rows]


def history(session: Session, issue_id: str) -> list[IssueEvent]:
    visible_issue(session, issue_id)
    rows = session.conn.execute(
        "SELECT e.id, e.issue_id, e.from_status, e.to_status, e.moved_on, e.reason,"
        " coalesce(u.display_name, ''), e.created_at FROM issue_events e LEFT JOIN users u ON u.id = e.author_id"
        " WHERE e.issue_id = ? ORDER BY e.created_at, e.rowid",
        (issue_id,),
    ).fetchall()
    return [
        IssueEvent(r[0], r[1], IssueStatus(r[2]), IssueStatus(r[3]), r[4], r[5], r[6], r[7]) for r in rows
    ]


# ---- evidence list -------------------------------------------------------------------------------


def _table_columns(conn, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


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
        if row[0] != issue.inspection_id:
            raise ValidationError(f"所引用的{kind.label}不属于本次巡察。", field="ref_id")
    elif conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (ref_id,)).fetchone() is None:
        raise ValidationError(f"找不到所引用的{kind.label}。", field="ref_id")


def _require_paper_open(issue: Issue) -> None:
    if issue.signed:
        raise Conflict("问题底稿已签批编号，证据清单不能再修改。")
    if issue.status == IssueStatus.DISMISSED:
        raise Conflict("该问题已排除，不能修改证据清单。")


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
    _require_paper_open(issue)
    kind = f.choice(EvidenceKind, kind, "kind", "证据类型")
    locator = f.text(locator, "locator", "出处（页码等）", required=False, max_len=60)
    description = f.text(
        description, "description", "证据说明", required=kind == EvidenceKind.OTHER, max_len=200
    )
    check_evidence_target(session.conn, issue, kind, ref_id)
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


def remove_evidence(session: Session, evidence_id: str) -> None:
    """Remove an item; the later items move up so the list stays numbered 1..n."""
    ev = _evidence(session.conn, evidence_id)
    issue = writable_issue(session, ev.issue_id)
    _require_paper_open(issue)
    with session.transaction() as conn:
        conn.execute("DELETE FROM issue_evidence WHERE id = ?", (evidence_id,))
        _renumber(conn, ev.issue_id, [e for e in _evidence_ids(conn, ev.issue_id)])
        session.audit("issue_evidence_remove", "issue", ev.issue_id, f"#{ev.ordinal}")


def move_evidence(session: Session, evidence_id: str, ordinal: int) -> list[Evidence]:
    """Move an item to position `ordinal` (1-based); returns the renumbered list."""
    ev = _evidence(session.conn, evidence_id)
    issue = writable_issue(session, ev.issue_id)
    _require_paper_open(issue)
    with session.transaction() as conn:
        ids = _evidence_ids(conn, ev.issue_id)
        ids.remove(evidence_id)
        ids.insert(max(0, min(int(ordinal) - 1, len(ids))), evidence_id)
        _renumber(conn, ev.issue_id, ids)
        session.audit("issue_evidence_move", "issue", ev.issue_id, f"#{ev.ordinal} -> #{ordinal}")
    return list_evidence(session, ev.issue_id)


def list_evidence(session: Session, issue_id: str) -> list[Evidence]:
    visible_issue(session, issue_id)
    return _evidence_list(session.conn, issue_id)


def _evidence_list(conn, issue_id: str) -> list[Evidence]:
    rows = conn.execute(
        f"SELECT {Evidence.COLUMNS} FROM issue_evidence WHERE issue_id = ? ORDER BY ordinal", (issue_id,)
    ).fetchall()
    return [Evidence.from_row(r) for r in rows]


def _evidence_ids(conn, issue_id: str) -> list[str]:
    return [
        r[0]
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
    return Evidence.from_row(row)


# ---- review, signature and the number ------------------------------------------------------------


def record_review(session: Session, issue_id: str, opinion: str, reviewed_on: str) -> Issue:
    """The team meeting's review opinion (组务会审核意见) and its date."""
    issue = writable_issue(session, issue_id)
    _require_paper_open(issue)
    opinion = f.long_text(opinion, "review_opinion", "组务会审核意见", max_len=2000)
    reviewed_on = f.iso_date(reviewed_on, "reviewed_on", "审核日期")
    if reviewed_on < issue.found_on:
        raise ValidationError("审核日期不能早于发现日期。", field="reviewed_on")
    with session.transaction() as conn:
        f.update(conn, "issue_papers", issue_id, {"review_opinion": opinion})
        f.update(conn, "issues", issue_id, {"reviewed_on": reviewed_on})
        session.audit("issue_review", "issue", issue_id)
    return _issue(session.conn, issue_id)


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def parse_team_number(name: str) -> int | None:
    """第二巡察组 -> 2, 第12组 -> 12, 第十一巡察组 -> 11; None when the name carries no number."""
    m = re.search(r"第\s*([0-9]+|[零一二三四五六七八九十]+)\s*(?:巡察)?组", name) or re.match(
        r"^\s*([0-9]+|[零一二三四五六七八九十]+)\s*组", name
    )
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        return int(token)
    if "十" in token:
        tens, _, ones = token.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(token)


def team_number(conn, team_id: str) -> int:
    """The team's number within its round: from its name, else its place in the order of creation."""
    name, round_id = conn.execute("SELECT name, round_id FROM teams WHERE id = ?", (team_id,)).fetchone()
    parsed = parse_team_number(name)
    if parsed:
        return parsed
    ids = [
        r[0]
        for r in conn.execute("SELECT id FROM teams WHERE round_id = ? ORDER BY created_at, id", (round_id,))
    ]
    return ids.index(team_id) + 1


# Unsigned issues sort after every number ('~' follows the digits).
UNSIGNED_SORT_PREFIX = "~"


def format_number(year: int, round_number: int, team_no: int, seq: int) -> str:
    """`[2026]3巡-2组-07号`"""
    return f"[{year}]{round_number}巡-{team_no}组-{seq:02d}号"


def sign(session: Session, issue_id: str, signed_on: str) -> Issue:
    """The leader signs the reviewed working paper; this allocates its number. Cap.ISSUE_SIGN.

    Only the leader of the inspection's team may sign. The paper needs a title, facts, legal basis,
    at least one evidence item and the team meeting's review.
    """
    session.require(Cap.ISSUE_SIGN)
    issue = writable_issue(session, issue_id)
    if not visibility.is_leader_of_inspection(session, issue.inspection_id):
        raise PermissionDenied("只有本组组长可以签批问题底稿。")
    if issue.signed:
        raise Conflict(f"该问题底稿已签批，编号为 {issue.number}。")
    if issue.status not in (IssueStatus.FOUND, IssueStatus.VERIFIED):
        raise Conflict(f"处于“{issue.status.label}”状态的问题不能签批。")
    signed_on = f.iso_date(signed_on, "signed_on", "签批日期")
    missing = [
        label
        for label, ok in (
            ("问题事实", issue.facts.strip()),
            ("定性依据", issue.legal_basis.strip()),
            ("组务会审核意见", issue.review_opinion.strip() and issue.reviewed_on),
        )
        if not ok
    ]
    if missing:
        raise ValidationError(f"底稿尚缺{'、'.join(missing)}，不能签批。", field="signed_on")
    if issue.reviewed_on and signed_on < issue.reviewed_on:
        raise ValidationError("签批日期不能早于组务会审核日期。", field="signed_on")
    with session.transaction() as conn:
        if not f.count(conn, "SELECT count(*) FROM issue_evidence WHERE issue_id = ?", (issue_id,)):
            raise ValidationError("底稿尚无证据，不能签批。", field="signed_on")
        starts_on = conn.execute("SELECT starts_on FROM rounds WHERE id = ?", (issue.round_id,)).fetchone()[0]
        year = int((starts_on or signed_on)[:4])
        team_no = team_number(conn, issue.team_id)
        # Allocated inside this write transaction (BEGIN IMMEDIATE): no other writer can interleave,
        # and the unique index refuses a duplicate should one ever slip through.
        seq = f.count(
            conn,
            "SELECT coalesce(max(number_seq), 0) + 1 FROM issues WHERE number_team_id = ?",
            (issue.team_id,),
        )
        number = format_number(year, issue.round_number, team_no, seq)
        f.update(
            conn,
            "issues",
            issue_id,
            {
                "signed_by": session.user.id,
                "signed_on": signed_on,
                "number_team_id": issue.team_id,
                "number_seq": seq,
                "number": number,
                "number_sort": f"{year:04d}{issue.round_number:04d}{team_no:04d}{seq:06d}",
            },
        )
        session.audit("issue_sign", "issue", issue_id, f"seq {seq}")
    return _issue(session.conn, issue_id)


# ---- status moves --------------------------------------------------------------------------------


def check_move(current: IssueStatus, target: IssueStatus) -> None:
    """Raise Conflict unless current → target is a legal move."""
    if target not in TRANSITIONS[current]:
        raise Conflict(f"问题不能从“{current.label}”改为“{target.label}”。")


def move(
    session: Session, conn, issue: Issue, target: IssueStatus, on: str, reason: str = "", **extra
) -> None:
    """Apply a legal move inside the caller's transaction; for this module and rectification."""
    check_move(issue.status, target)
    if on < issue.status_on:
        raise ValidationError(f"日期不能早于上一状态的日期（{issue.status_on}）。", field="on")
    f.update(conn, "issues", issue.id, {"status": target.value, "status_on": on, **extra})
    f.insert(
        conn,
        "issue_events",
        {
            **session.record_values(),
            "issue_id": issue.id,
            "from_status": issue.status.value,
            "to_status": target.value,
            "moved_on": on,
            "reason": reason,
        },
    )
    session.audit("issue_status", "issue", issue.id, f"{issue.status.value} -> {target.value}")


def verify(session: Session, issue_id: str, on: str | None = None) -> Issue:
    """found → verified (核实)."""
    issue = writable_issue(session, issue_id)
    on = f.iso_date(on or today(), "on", "核实日期")
    with session.transaction() as conn:
        move(session, conn, issue, IssueStatus.VERIFIED, on)
    return _issue(session.conn, issue_id)


def dismiss(session: Session, issue_id: str, reason: str, on: str | None = None) -> Issue:
    """found/verified → dismissed, with the reason (leader or office)."""
    issue = writable_issue(session, issue_id)
    require_leader_or_office(session, issue, "排除问题")
    reason = f.long_text(reason, "reason", "排除理由", max_len=1000)
    on = f.iso_date(on or today(), "on", "排除日期")
    with session.transaction() as conn:
        move(session, conn, issue, IssueStatus.DISMISSED, on, reason, dismissed_reason=reason)
    return _issue(session.conn, issue_id)


def feed_back(
    session: Session,
    issue_id: str,
    fed_back_on: str,
    disposition: Disposition | str = Disposition.UNIT,
    disposition_body: str = "",
) -> Issue:
    """verified → fed_back: fed back to the unit, or transferred to another body (leader or office).

    The paper must be signed. Feeding back to the unit opens its rectification with the customary
    deadlines (plan within 15 working days, report within 3 months), which can be changed.
    """
    issue = writable_issue(session, issue_id)
    require_leader_or_office(session, issue, "反馈或移交问题")
    disposition = f.choice(Disposition, disposition, "disposition", "处置方式")
    if disposition == Disposition.NONE:
        raise ValidationError("请选择处置方式。", field="disposition")
    body = f.text(disposition_body, "disposition_body", "移交单位", required=disposition == Disposition.OTHER)
    fed_back_on = f.iso_date(fed_back_on, "fed_back_on", "反馈（移交）日期")
    check_move(issue.status, IssueStatus.FED_BACK)
    if not issue.signed:
        raise Conflict("问题底稿尚未签批编号，不能反馈或移交。")
    from app.core.domain.register import rectification  # deferred: rectification builds on this module

    with session.transaction() as conn:
        move(
            session,
            conn,
            issue,
            IssueStatus.FED_BACK,
            fed_back_on,
            disposition=disposition.value,
            disposition_body=body,
            fed_back_on=fed_back_on,
        )
        if disposition == Disposition.UNIT:
            rectification.open_for_issue(session, conn, issue_id, fed_back_on)
    return _issue(session.conn, issue_id)


def close_transferred(session: Session, issue_id: str, closed_on: str, note: str) -> Issue:
    """fed_back → closed_out for a transferred issue, once the receiving body has dealt with it.

    Cap.CLOSE_OUT (the office only). Issues fed back to the unit close through rectification.
    """
    session.require(Cap.CLOSE_OUT)
    issue = visible_issue(session, issue_id)
    if not issue.disposition.is_transfer:
        raise Conflict("反馈被巡察单位的问题须经整改销号，不能直接办结。")
    note = f.long_text(note, "note", "办结情况", max_len=2000)
    closed_on = f.iso_date(closed_on, "closed_on", "办结日期")
    with session.transaction() as conn:
        move(session, conn, issue, IssueStatus.CLOSED_OUT, closed_on, note)
    return _issue(session.conn, issue_id)


def reopen_transferred(session: Session, issue_id: str, reason: str, on: str | None = None) -> Issue:
    """closed_out → fed_back for a transferred issue (office only; audited, reason kept)."""
    session.require(Cap.CLOSE_OUT)
    issue = visible_issue(session, issue_id)
    if not issue.disposition.is_transfer:
        raise Conflict("反馈被巡察单位的问题请在整改中重新打开。")
    reason = f.long_text(reason, "reason", "重新打开的理由", max_len=1000)
    on = f.iso_date(on or today(), "on", "重新打开日期")
    with session.transaction() as conn:
        move(session, conn, issue, IssueStatus.FED_BACK, on, reason)
    return _issue(session.conn, issue_id)


# ---- the register (paged, for a lazy view) -------------------------------------------------------


@dataclass
class RegisterFilter:
    """What the register view filters on; None/empty means 'any'."""

    term_id: str | None = None
    round_id: str | None = None
    team_id: str | None = None
    unit_id: str | None = None
    inspection_id: str | None = None
    statuses: tuple[IssueStatus | str, ...] = ()
    scheme_id: str | None = None
    category_id: str | None = None  # a category or a sub-category
    secondary_id: str | None = None
    tag: IssueTag | str | None = None
    level: IssueLevel | str | None = None
    seriousness: Seriousness | str | None = None
    disposition: Disposition | str | None = None
    signed: bool | None = None
    overdue: bool | None = None  # rectification overdue (as of `today`)
    text: str = ""  # in title or number
    found_from: str | None = None
    found_to: str | None = None
    today: str | None = None  # for overdue; default: the current date


class RegisterSortKey(StrEnum):
    NUMBER = "number"
    TITLE = "title"
    FOUND_ON = "found_on"
    STATUS = "status"
    SERIOUSNESS = "seriousness"
    CATEGORY = "category"
    UNIT = "unit"
    UPDATED = "updated"


STATUS_RANK_SQL = (
    "CASE i.status " + " ".join(f"WHEN '{s.value}' THEN {k}" for k, s in enumerate(STATUS_ORDER)) + " END"
)
SERIOUSNESS_RANK_SQL = "CASE i.seriousness WHEN 'general' THEN 0 WHEN 'serious' THEN 1 ELSE 2 END"

# Each sort key's expression; the expression indexes of m0006 match the rank expressions exactly.
_SORT_SQL = {
    RegisterSortKey.NUMBER: "i.number_sort",  # unsigned issues carry '~' + created_at: last
    RegisterSortKey.TITLE: "i.title",
    RegisterSortKey.FOUND_ON: "i.found_on",
    RegisterSortKey.STATUS: STATUS_RANK_SQL,
    RegisterSortKey.SERIOUSNESS: SERIOUSNESS_RANK_SQL,
    RegisterSortKey.CATEGORY: "(SELECT name FROM classification_nodes WHERE id = i.category_id)",
    RegisterSortKey.UNIT: "(SELECT u.name FROM inspections x JOIN units u ON u.id = x.unit_id"
    " WHERE x.id = i.inspection_id)",
    RegisterSortKey.UPDATED: "i.updated_at",
}


@dataclass(frozen=True)
class RegisterSort:
    key: RegisterSortKey | str = RegisterSortKey.NUMBER
    descending: bool = False


@dataclass
class RegisterRow:
    """One line of the register view: what the table shows, nothing of the paper's text."""

    id: str
    number: str | None
    title: str
    status: IssueStatus
    seriousness: Seriousness
    tags: frozenset[IssueTag]
    level: IssueLevel
    found_on: str
    disposition: Disposition
    category_name: str
    subcategory_name: str
    unit_name: str
    team_name: str
    round_number: int
    inspection_id: str
    overdue: bool
    signed: bool = field(init=False)

    def __post_init__(self) -> None:
        self.signed = self.number is not None


# Overdue rectification of one issue, as of the date bound to :today: its earliest pending deadline
# (kept in issues.rect_due by the rectification module) has passed.
OVERDUE_SQL = "(i.rect_due IS NOT NULL AND i.rect_due < :today)"

_ROW_COLUMNS = (
    "i.id, i.number, i.title, i.status, i.seriousness, i.tags, i.level, i.found_on, i.disposition,"
    " i.category_id, i.subcategory_id, i.inspection_id, " + OVERDUE_SQL
)


# Above this many matching rows, a page is read along the sort order's index and filtered row by row
# (it fills after a few hundred rows); below it, the filters' own indexes find the rows to sort.
SCAN_ALONG_SORT_ABOVE = 4000


def _register_where(session: Session, flt: RegisterFilter, *, along_sort: bool = False) -> tuple[str, dict]:
    """The WHERE clause and parameters for `flt`. With along_sort, column references are written
    `+i.col`, which keeps SQLite from using the filters' indexes (see register_page)."""
    i = "+i." if along_sort else "i."
    vis, vis_params = visibility.inspection_filter_sql(session, f"{i}inspection_id")
    clauses = []
    params: dict = {"today": flt.today or today()}
    text_clause: tuple[str, int, int] | None = None
    if vis_params:
        clauses.append(vis.replace("?", ":me"))
        params["me"] = vis_params[0]
    scope = {
        "term_id": "r2.term_id",
        "round_id": "x.round_id",
        "team_id": "x.team_id",
        "unit_id": "x.unit_id",
    }
    for attr, column in scope.items():
        value = getattr(flt, attr)
        if value:
            join = " JOIN rounds r2 ON r2.id = x.round_id" if attr == "term_id" else ""
            clauses.append(
                f"{i}inspection_id IN (SELECT x.id FROM inspections x{join} WHERE {column} = :{attr})"
            )
            params[attr] = value
    if flt.inspection_id:
        clauses.append(f"{i}inspection_id = :inspection_id")
        params["inspection_id"] = flt.inspection_id
    if flt.statuses:
        names = []
        for k, st in enumerate(flt.statuses):
            params[f"st{k}"] = f.choice(IssueStatus, st, "statuses", "状态").value
            names.append(f":st{k}")
        clauses.append(f"{i}status IN ({', '.join(names)})")
    if flt.scheme_id:
        clauses.append(
            f"{i}category_id IN (SELECT id FROM classification_nodes WHERE scheme_id = :scheme_id)"
        )
        params["scheme_id"] = flt.scheme_id
    if flt.category_id:
        # A category sits in category_id, a sub-category in subcategory_id (check_placement), so
        # one column is asked: an OR of two would keep SQLite from the (inspection_id, …) indexes.
        node = session.conn.execute(
            "SELECT parent_id IS NULL FROM classification_nodes WHERE id = ?", (flt.category_id,)
        ).fetchone()
        if node is None:
            clauses.append(f"({i}category_id = :category_id OR {i}subcategory_id = :category_id)")
        else:
            clauses.append(f"{i}{'category_id' if node[0] else 'subcategory_id'} = :category_id")
        params["category_id"] = flt.category_id
    if flt.secondary_id:
        clauses.append(f"{i}secondary_id = :secondary_id")
        params["secondary_id"] = flt.secondary_id
    if flt.tag:
        clauses.append("(i.tags & :tagbit) != 0")
        params["tagbit"] = f.choice(IssueTag, flt.tag, "tag", "标签").bit
    for attr, enum_cls, label in (
        ("level", IssueLevel, "问题层面"),
        ("seriousness", Seriousness, "严重程度"),
        ("disposition", Disposition, "处置方式"),
    ):
        value = getattr(flt, attr)
        if value is not None:  # '' is a value here: "not set"
            clauses.append(f"{i}{attr} = :{attr}")
            params[attr] = f.choice(enum_cls, value, attr, label).value
    if flt.signed is not None:
        # number_sort starts with UNSIGNED_SORT_PREFIX exactly until the issue is signed (see sign());
        # as a range it stays inside the (…, number_sort, id) indexes instead of reading each row.
        op = "<" if flt.signed else ">="
        clauses.append(f"{i}number_sort {op} :unsigned_prefix")
        params["unsigned_prefix"] = UNSIGNED_SORT_PREFIX
    if flt.overdue is not None:
        clauses.append(
            f"{i}rect_due < :today" if flt.overdue else f"({i}rect_due IS NULL OR {i}rect_due >= :today)"
        )
    if flt.text and flt.text.strip():
        term = flt.text.strip()
        index = _text_index(term)
        if index:  # the text indexes of m0009 (substring of title or number)
            params["text_match"] = _fts_phrase(bigram_words(term) if len(term) == 2 else term)
            hits = f.count(
                session.conn, f"SELECT count(*) FROM {index} WHERE {index} MATCH :text_match", params
            )
            params["text_hits"] = hits  # not a bound name: read by register_count
            text_clause = (index, hits, len(clauses))
            clauses.append("")  # filled in below, once the other clauses are known
        else:
            clauses.append("(i.title LIKE :text ESCAPE '\\' OR i.number LIKE :text ESCAPE '\\')")
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params["text"] = f"%{escaped}%"
    if flt.found_from:
        clauses.append(f"{i}found_on >= :found_from")
        params["found_from"] = f.iso_date(flt.found_from, "found_from", "起始日期")
    if flt.found_to:
        clauses.append(f"{i}found_on <= :found_to")
        params["found_to"] = f.iso_date(flt.found_to, "found_to", "截止日期")
    if text_clause:
        index, hits, at = text_clause
        # Many hits and another filter: let that filter's index lead and test the hits as a list
        # (+rowid), rather than fetching every hit's row to test the other filter.
        lead = "+" if along_sort or (hits > TEXT_LEADS_BELOW and len(clauses) > 1) else ""
        clauses[at] = f"{lead}i.rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH :text_match)"
    return (" AND ".join(clauses) or "1 = 1"), params


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _text_index(term: str) -> str | None:
    """The FTS5 index that finds `term` in the title or number, or None when none can (one
    character, or two that are not both letters/digits): then LIKE scans the narrow title/number
    index. Both indexes fold case (LIKE folds ASCII only); otherwise they agree with LIKE."""
    if len(term) >= 3:
        return "issue_trigram"
    if len(term) == 2 and bigram_words(term):
        return "issue_bigram"
    return None


# Fewer text hits than this: the text index leads (each hit's row is then read and tested).
TEXT_LEADS_BELOW = 1000


def _has_filters(flt: RegisterFilter) -> bool:
    return any(
        getattr(flt, fl.name) not in (None, "", ()) for fl in fields(RegisterFilter) if fl.name != "today"
    )


def register_count(session: Session, filters: RegisterFilter | None = None) -> int:
    """How many issues match (for the view's row count). Not audited: the first page is."""
    where, params = _register_where(session, filters or RegisterFilter())
    if where.startswith("i.rowid IN (SELECT rowid FROM issue_") and " AND " not in where:
        return params["text_hits"]  # the text alone: the index's count is the answer (m0009 triggers)
    return f.count(session.conn, f"SELECT count(*) FROM issues i WHERE {where}", params)


# Sorts by a small set of values page through one group at a time, each in number order.
_GROUP_COLUMN = {
    RegisterSortKey.STATUS: "i.status",
    RegisterSortKey.SERIOUSNESS: "i.seriousness",
    RegisterSortKey.CATEGORY: "i.category_id",
    RegisterSortKey.UNIT: "i.inspection_id",
}


def register_page(
    session: Session,
    filters: RegisterFilter | None = None,
    sort: RegisterSort | None = None,
    offset: int = 0,
    limit: int = 200,
    *,
    matching: int | None = None,
) -> list[RegisterRow]:
    """One page of the register, ordered by `sort` with the id as tie-breaker (stable paging).

    Status, seriousness, category and unit sort by their group (workflow order, tree order, unit
    name) and by number within a group. A lazy Qt model calls register_count once, then
    register_page for the rows it needs. Opening the register (offset 0) is audited as a view;
    later pages of the same view are not. `matching` is register_count's answer for these filters
    when the caller has it (the lazy model always has): it saves counting again to plan the query.
    """
    flt = filters or RegisterFilter()
    sort = sort or RegisterSort()
    key = f.choice(RegisterSortKey, sort.key, "sort", "排序字段")
    if offset < 0 or not 1 <= limit <= 5000:
        raise ValidationError("分页参数无效。", field="limit")
    where, params = _register_where(session, flt)
    if key in _GROUP_COLUMN:
        raw = _grouped_rows(session, key, where, params, offset, limit, sort.descending)
    else:
        if matching is None and (_has_filters(flt) or params.get("me")):
            # Only whether there are more than the threshold matters: stop counting there.
            matching = f.count(
                session.conn,
                f"SELECT count(*) FROM (SELECT 1 FROM issues i WHERE {where} LIMIT :cap)",
                {**params, "cap": SCAN_ALONG_SORT_ABOVE + 1},
            )
        if matching is not None and matching > SCAN_ALONG_SORT_ABOVE:
            where, params = _register_where(session, flt, along_sort=True)
        direction = "DESC" if sort.descending else "ASC"
        # The page's columns straight away: fetching ids first and then their rows reads each twice.
        raw = session.conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM issues i WHERE {where}"
            f" ORDER BY {_SORT_SQL[key]} {direction}, i.id {direction} LIMIT :limit OFFSET :offset",
            {**params, "limit": int(limit), "offset": int(offset)},
        ).fetchall()
    rows = _rows_of(session.conn, raw)
    if offset == 0:
        session.audit("issue_register_view", "issue", "", f"{len(rows)} 条")
    return rows


def _groups(session: Session, key: RegisterSortKey, where: str, params: dict) -> list[tuple]:
    """The groups in display order, as values of the group column; some may match no rows."""
    if key == RegisterSortKey.STATUS:
        return [(s.value,) for s in STATUS_ORDER]
    if key == RegisterSortKey.SERIOUSNESS:
        return [(s.value,) for s in Seriousness]
    if key == RegisterSortKey.CATEGORY:  # categories are top-level nodes (check_placement); none last
        # Only categories with a matching issue: the presets hold dozens, most unused.
        rows = session.conn.execute(
            "SELECT n.id FROM classification_nodes n JOIN classification_schemes s ON s.id = n.scheme_id"
            f" WHERE n.parent_id IS NULL AND EXISTS (SELECT 1 FROM issues i WHERE i.category_id = n.id AND {where})"
            " ORDER BY s.sort_order, s.name, n.sort_order, n.name",
            params,
        )
        return [(r[0],) for r in rows] + [(None,)]
    # UNIT: the visible inspections grouped under their unit, units by name.
    vis, vis_params = visibility.inspection_filter_sql(session, "x.id")
    units: dict[str, list[str]] = {}
    for insp, name in session.conn.execute(
        f"SELECT x.id, u.name FROM inspections x JOIN units u ON u.id = x.unit_id WHERE {vis}", vis_params
    ):
        units.setdefault(name, []).append(insp)
    return [tuple(units[name]) for name in sorted(units)]


def _grouped_rows(
    session: Session, key: RegisterSortKey, where: str, params: dict, offset: int, limit: int, desc: bool
) -> list:
    """A page of a grouped sort: groups in order, each in number order. A group is counted only
    when the page starts beyond it, so the first page reads just the rows it shows."""
    conn = session.conn
    column = _GROUP_COLUMN[key]
    groups = _groups(session, key, where, params)
    if desc:
        groups.reverse()
    direction = "DESC" if desc else "ASC"
    rows: list = []
    skip = offset
    for values in groups:
        if values == (None,):
            cond, extra = f"{column} IS NULL", {}
        else:
            extra = {f"g{k}": v for k, v in enumerate(values)}
            cond = f"{column} IN ({', '.join(':' + name for name in extra)})"
        if skip:
            n = f.count(conn, f"SELECT count(*) FROM issues i WHERE {where} AND {cond}", {**params, **extra})
            if skip >= n:
                skip -= n
                continue
        rows += conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM issues i WHERE {where} AND {cond}"
            f" ORDER BY i.number_sort {direction}, i.id {direction} LIMIT :limit OFFSET :offset",
            {**params, **extra, "limit": limit - len(rows), "offset": skip},
        ).fetchall()
        skip = 0
        if len(rows) >= limit:
            break
    return rows


def _rows_of(conn, raw: list) -> list[RegisterRow]:
    """RegisterRows from rows of _ROW_COLUMNS, in their order."""
    # A page's rows share a handful of inspections and categories: look each up once, not per row.
    names = _names(conn, "SELECT id, name FROM classification_nodes", {v for r in raw for v in r[9:11]})
    places = _names(
        conn,
        "SELECT x.id, u.name, t.name, rd.number FROM inspections x JOIN units u ON u.id = x.unit_id"
        " JOIN teams t ON t.id = x.team_id JOIN rounds rd ON rd.id = x.round_id",
        {r[11] for r in raw},
        column="x.id",
    )
    return [_register_row(r, names, places) for r in raw if r[11] in places]


def _names(conn, select: str, ids: set, column: str = "id") -> dict:
    """{id: the rest of the row} for `select` limited to `ids`."""
    ids.discard(None)
    if not ids:
        return {}
    values = sorted(ids)
    marks = ", ".join("?" for _ in values)
    rows = conn.execute(f"{select} WHERE {column} IN ({marks})", values).fetchall()
    return {r[0]: r[1] if len(r) == 2 else r[1:] for r in rows}


def _register_row(r, names: dict, places: dict) -> RegisterRow:
    unit_name, team_name, round_number = places[r[11]]
    return RegisterRow(
        id=r[0],
        number=r[1],
        title=r[2],
        status=IssueStatus(r[3]),
        seriousness=Seriousness(r[4]),
        tags=mask_to_tags(int(r[5])),
        level=IssueLevel(r[6]),
        found_on=r[7],
        disposition=Disposition(r[8]),
        category_name=names.get(r[9], ""),
        subcategory_name=names.get(r[10], ""),
        unit_name=unit_name,
        team_name=team_name,
        round_number=int(round_number),
        inspection_id=r[11],
        overdue=bool(r[12]),
    )
