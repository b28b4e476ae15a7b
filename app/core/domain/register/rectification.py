"""Rectification (整改) of issues fed back to the unit, through the two-step close-out (销号).

Feeding an issue back to the unit (issues.feed_back) opens its rectification with the customary
deadlines: the plan within 15 working days, the report within 3 months (both changeable). The plan
holds a goal and measures; each measure has its types (建章立制, 挽回损失, 追责问责, 举一反三, 专项整治,
other), the responsible leader, department and person, a deadline, and the flags immediate fix
(立行立改) and ongoing (常态化坚持). Progress entries carry dates and evidence files (kept encrypted
in the attachments table).

Close-out is two-step: the unit's completion (未完成 / 基本完成 / 已完成 with a summary) is recorded;
once it is 已完成 — or 基本完成 with every unfinished measure marked ongoing — the office verifies and
closes it (Cap.CLOSE_OUT only), which closes the issue. The office may reopen a closed item; every
step is kept in rectification_events and audited.

Overdue: the plan or the report not in by its due date, or a measure not done by its deadline, on
an item not yet closed. Recording needs Cap.CASE_WRITE on the issue's inspection; reads follow the
issue's need to know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain import attachments, deadlines
from app.core.domain.register import issues
from app.core.domain.register.issues import Issue, IssueStatus
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.imports import Material
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session

ATTACHMENT_OWNER = "rectification_progress"


class MeasureType(StrEnum):
    RULES = "rules"  # 建章立制
    RECOVERY = "recovery"  # 挽回损失
    ACCOUNTABILITY = "accountability"  # 追责问责
    LESSONS = "lessons"  # 举一反三
    CLEAN_UP = "clean_up"  # 专项整治
    OTHER = "other"

    @property
    def label(self) -> str:
        return MEASURE_TYPE_LABELS[self]

    @property
    def bit(self) -> int:
        return 1 << list(MeasureType).index(self)


MEASURE_TYPE_LABELS = {
    MeasureType.RULES: "建章立制",
    MeasureType.RECOVERY: "挽回损失",
    MeasureType.ACCOUNTABILITY: "追责问责",
    MeasureType.LESSONS: "举一反三",
    MeasureType.CLEAN_UP: "专项整治",
    MeasureType.OTHER: "其他",
}


def types_to_mask(types) -> int:
    mask = 0
    for t in types or ():
        mask |= f.choice(MeasureType, t, "types", "措施类型").bit
    return mask


def mask_to_types(mask: int) -> frozenset[MeasureType]:
    return frozenset(t for t in MeasureType if mask & t.bit)


class Completion(StrEnum):
    NOT_DONE = "not_done"
    MOSTLY_DONE = "mostly_done"
    DONE = "done"

    @property
    def label(self) -> str:
        return {Completion.NOT_DONE: "未完成", Completion.MOSTLY_DONE: "基本完成", Completion.DONE: "已完成"}[
            self
        ]


class RectState(StrEnum):
    OPEN = "open"
    UNIT_COMPLETED = "unit_completed"  # the unit reports it done; awaiting the office's verification
    CLOSED = "closed"  # verified and closed out (销号)

    @property
    def label(self) -> str:
        return {RectState.OPEN: "整改中", RectState.UNIT_COMPLETED: "待核验销号", RectState.CLOSED: "已销号"}[
            self
        ]


class EventAction(StrEnum):
    PLAN = "plan"
    UNIT_COMPLETED = "unit_completed"
    CLOSED = "closed"
    REOPENED = "reopened"

    @property
    def label(self) -> str:
        return {
            EventAction.PLAN: "报送整改方案",
            EventAction.UNIT_COMPLETED: "单位报告完成",
            EventAction.CLOSED: "核验销号",
            EventAction.REOPENED: "重新打开",
        }[self]


@dataclass
class MeasureDraft:
    description: str = ""
    types: frozenset[MeasureType] | set | tuple = frozenset()
    other_type: str = ""
    responsible_leader: str = ""
    responsible_dept: str = ""
    responsible_person: str = ""
    deadline: str | None = None  # default: the rectification's report due date
    immediate: bool = False  # 立行立改
    ongoing: bool = False  # 常态化坚持


@dataclass
class Measure:
    id: str
    rectification_id: str
    ordinal: int
    description: str
    types: frozenset[MeasureType]
    other_type: str
    responsible_leader: str
    responsible_dept: str
    responsible_person: str
    deadline: str
    immediate: bool
    ongoing: bool
    completion: Completion
    completed_on: str | None
    overdue: bool = False

    COLUMNS = (
        "id, rectification_id, ordinal, description, types, other_type, responsible_leader, responsible_dept,"
        " responsible_person, deadline, immediate, ongoing, completion, completed_on"
    )

    @classmethod
    def from_row(cls, row, today: str) -> Measure:
        m = cls(
            row[0],
            row[1],
            int(row[2]),
            row[3],
            mask_to_types(int(row[4])),
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            bool(row[10]),
            bool(row[11]),
            Completion(row[12]),
            row[13],
        )
        m.overdue = m.completion != Completion.DONE and m.deadline < today
        return m

    @property
    def types_text(self) -> str:
        names = [t.label for t in MeasureType if t in self.types and t != MeasureType.OTHER]
        if MeasureType.OTHER in self.types:
            names.append(self.other_type or MeasureType.OTHER.label)
        return "、".join(names)


@dataclass
class Rectification:
    id: str
    issue_id: str
    goal: str
    plan_due: str
    plan_submitted_on: str | None
    report_due: str
    completion: Completion
    completion_summary: str
    state: RectState
    unit_completed_on: str | None
    closed_by: str | None
    closed_on: str | None
    close_opinion: str
    measures: list[Measure] = field(default_factory=list)
    today: str = ""

    COLUMNS = (
        "id, issue_id, goal, plan_due, plan_submitted_on, report_due, completion, completion_summary, state,"
        " unit_completed_on, closed_by, closed_on, close_opinion"
    )

    @classmethod
    def from_row(cls, row) -> Rectification:
        r = list(row)
        r[6] = Completion(r[6])
        r[8] = RectState(r[8])
        return cls(*r)

    @property
    def plan_overdue(self) -> bool:
        return (
            self.state != RectState.CLOSED and self.plan_submitted_on is None and self.plan_due < self.today
        )

    @property
    def report_overdue(self) -> bool:
        return (
            self.state != RectState.CLOSED and self.unit_completed_on is None and self.report_due < self.today
        )

    @property
    def overdue(self) -> bool:
        if self.state == RectState.CLOSED:
            return False
        return self.plan_overdue or self.report_overdue or any(m.overdue for m in self.measures)

    @property
    def closable(self) -> bool:
        """Whether the recorded completion allows the office to close it out."""
        return ready_to_close(self.completion, self.measures)


@dataclass
class ProgressEntry:
    id: str
    rectification_id: str
    measure_id: str | None
    entry_on: str
    note: str
    author_name: str
    evidence: list[attachments.Attachment] = field(default_factory=list)


@dataclass
class Event:
    id: str
    action: EventAction
    acted_on: str
    by_name: str
    note: str
    created_at: str


@dataclass
class OpenItem:
    """One open measure in the term-wide list of open items."""

    measure_id: str
    issue_id: str
    issue_number: str | None
    issue_title: str
    unit_name: str
    team_name: str
    round_number: int
    ordinal: int
    description: str
    responsible_leader: str
    responsible_dept: str
    responsible_person: str
    deadline: str
    immediate: bool
    ongoing: bool
    completion: Completion
    overdue: bool


def ready_to_close(completion: Completion, measures: Sequence[Measure]) -> bool:
    if completion == Completion.DONE:
        return True
    if completion == Completion.MOSTLY_DONE:
        return all(m.completion == Completion.DONE or m.ongoing for m in measures)
    return False


# ---- reading -------------------------------------------------------------------------------------


def _rect_row(conn, issue_id: str) -> Rectification:
    row = conn.execute(
        f"SELECT {Rectification.COLUMNS} FROM rectifications WHERE issue_id = ?", (issue_id,)
    ).fetchone()
    if row is None:
        raise NotFound("该问题尚无整改记录（只有反馈被巡察单位的问题才需整改）。")
    return Rectification.from_row(row)


def load(conn, issue_id: str, today: str | None = None) -> Rectification:
    """The rectification with its measures; no checks (for this module, figures and printing)."""
    rect = _rect_row(conn, issue_id)
    rect.today = today or deadlines.today()
    rows = conn.execute(
        f"SELECT {Measure.COLUMNS} FROM rectification_measures WHERE rectification_id = ? ORDER BY ordinal",
        (rect.id,),
    ).fetchall()
    rect.measures = [Measure.from_row(r, rect.today) for r in rows]
    return rect


def get_rectification(session: Session, issue_id: str, *, today: str | None = None) -> Rectification:
    """An issue's rectification and measures (audited view)."""
    issues.visible_issue(session, issue_id)
    rect = load(session.conn, issue_id, today)
    session.audit("rectification_view", "issue", issue_id)
    return rect


def find_rectification(session: Session, issue_id: str, *, today: str | None = None) -> Rectification | None:
    """Like get_rectification, but None for an issue that has none."""
    issues.visible_issue(session, issue_id)
    if (
        session.conn.execute("SELECT 1 FROM rectifications WHERE issue_id = ?", (issue_id,)).fetchone()
        is None
    ):
        return None
    return get_rectification(session, issue_id, today=today)


def events(session: Session, issue_id: str) -> list[Event]:
    issues.visible_issue(session, issue_id)
    rect = _rect_row(session.conn, issue_id)
    rows = session.conn.execute(
        "SELECT e.id, e.action, e.acted_on, coalesce(u.display_name, ''), e.note, e.created_at"
        " FROM rectification_events e LEFT JOIN users u ON u.id = e.by_user"
        " WHERE e.rectification_id = ? ORDER BY e.created_at, e.rowid",
        (rect.id,),
    ).fetchall()
    return [Event(r[0], EventAction(r[1]), r[2], r[3], r[4], r[5]) for r in rows]


# ---- opening and the plan ------------------------------------------------------------------------


def open_for_issue(session: Session, conn, issue_id: str, fed_back_on: str) -> str:
    """Create the rectification of an issue just fed back (inside issues.feed_back's transaction)."""
    existing = conn.execute("SELECT id FROM rectifications WHERE issue_id = ?", (issue_id,)).fetchone()
    if existing:
        return existing[0]
    values = session.record_values()
    f.insert(
        conn,
        "rectifications",
        {
            **values,
            "issue_id": issue_id,
            "plan_due": deadlines.plan_due(fed_back_on),
            "report_due": deadlines.report_due(fed_back_on),
        },
    )
    refresh_due(conn, issue_id)
    session.audit("rectification_open", "issue", issue_id)
    return values["id"]


_NEVER = "9999-12-31"


def refresh_due(conn, issue_id: str) -> None:
    """Recompute issues.rect_due, the earliest pending deadline, after any rectification change."""
    conn.execute(
        "UPDATE issues SET rect_due = (SELECT CASE WHEN r.state = 'closed' THEN NULL ELSE nullif(min("
        f" coalesce(CASE WHEN r.plan_submitted_on IS NULL THEN r.plan_due END, '{_NEVER}'),"
        f" coalesce(CASE WHEN r.unit_completed_on IS NULL THEN r.report_due END, '{_NEVER}'),"
        " coalesce((SELECT min(m.deadline) FROM rectification_measures m WHERE m.rectification_id = r.id"
        f"   AND m.completion != 'done'), '{_NEVER}')), '{_NEVER}') END"
        " FROM rectifications r WHERE r.issue_id = issues.id) WHERE id = ?",
        (issue_id,),
    )


def _writable(session: Session, issue_id: str) -> tuple[Issue, Rectification]:
    issue = issues.writable_issue(session, issue_id)
    if (
        session.conn.execute("SELECT 1 FROM rectifications WHERE issue_id = ?", (issue_id,)).fetchone()
        is None
    ):
        raise Conflict("该问题尚未反馈被巡察单位，没有整改事项。")
    rect = load(session.conn, issue_id)
    if rect.state == RectState.CLOSED:
        raise Conflict("该整改事项已销号；如需修改，请巡察办先重新打开。")
    return issue, rect


def set_deadlines(session: Session, issue_id: str, plan_due: str, report_due: str) -> Rectification:
    """Change the plan and report due dates (the defaults follow custom)."""
    issue, rect = _writable(session, issue_id)
    plan_due = f.iso_date(plan_due, "plan_due", "整改方案报送期限")
    report_due = f.iso_date(report_due, "report_due", "整改报告报送期限")
    if issue.fed_back_on and plan_due < issue.fed_back_on:
        raise ValidationError("整改方案报送期限不能早于反馈日期。", field="plan_due")
    if report_due < plan_due:
        raise ValidationError("整改报告报送期限不能早于整改方案报送期限。", field="report_due")
    with session.transaction() as conn:
        f.update(conn, "rectifications", rect.id, {"plan_due": plan_due, "report_due": report_due})
        refresh_due(conn, issue_id)
        session.audit("rectification_deadlines", "issue", issue_id)
    return load(session.conn, issue_id)


def record_plan(session: Session, issue_id: str, goal: str, submitted_on: str) -> Rectification:
    """The unit's plan is in: its goal and the date; the issue moves fed_back → in_rectification."""
    issue, rect = _writable(session, issue_id)
    if issue.status != IssueStatus.FED_BACK:
        # The plan date is what the 15-working-day deadline is judged by: it is recorded once, never moved.
        raise Conflict("整改方案只能在问题反馈后、整改开始前登记一次；此问题的整改方案已经登记。")
    goal = f.long_text(goal, "goal", "整改目标", max_len=2000)
    submitted_on = f.iso_date(submitted_on, "submitted_on", "方案报送日期")
    if issue.fed_back_on and submitted_on < issue.fed_back_on:
        raise ValidationError("方案报送日期不能早于反馈日期。", field="submitted_on")
    with session.transaction() as conn:
        f.update(conn, "rectifications", rect.id, {"goal": goal, "plan_submitted_on": submitted_on})
        issues.move(session, conn, issue, IssueStatus.IN_RECTIFICATION, submitted_on)
        _event(session, conn, rect.id, EventAction.PLAN, submitted_on, "")
        refresh_due(conn, issue_id)
        session.audit("rectification_plan", "issue", issue_id)
    return load(session.conn, issue_id)


def update_goal(session: Session, issue_id: str, goal: str) -> Rectification:
    _, rect = _writable(session, issue_id)
    goal = f.long_text(goal, "goal", "整改目标", max_len=2000)
    with session.transaction() as conn:
        f.update(conn, "rectifications", rect.id, {"goal": goal})
        session.audit("rectification_goal", "issue", issue_id)
    return load(session.conn, issue_id)


# ---- measures ------------------------------------------------------------------------------------


def _measure_values(draft: MeasureDraft, rect: Rectification) -> dict:
    types = types_to_mask(draft.types)
    if not types:
        raise ValidationError("请至少选择一种措施类型。", field="types")
    other = f.text(
        draft.other_type,
        "other_type",
        "其他措施类型",
        required=bool(types & MeasureType.OTHER.bit),
        max_len=40,
    )
    deadline = f.iso_date(draft.deadline, "deadline", "完成时限", required=False) or rect.report_due
    return {
        "description": f.long_text(draft.description, "description", "整改措施", max_len=2000),
        "types": types,
        "other_type": other,
        "responsible_leader": f.text(
            draft.responsible_leader, "responsible_leader", "责任领导", required=False, max_len=60
        ),
        "responsible_dept": f.text(
            draft.responsible_dept, "responsible_dept", "责任部门", required=False, max_len=60
        ),
        "responsible_person": f.text(
            draft.responsible_person, "responsible_person", "责任人", required=False, max_len=60
        ),
        "deadline": deadline,
        "immediate": int(bool(draft.immediate)),
        "ongoing": int(bool(draft.ongoing)),
    }


def add_measure(session: Session, issue_id: str, draft: MeasureDraft) -> Measure:
    """Append a measure (the next ordinal); its deadline defaults to the report due date."""
    _, rect = _writable(session, issue_id)
    values = _measure_values(draft, rect)
    if not (values["responsible_leader"] or values["responsible_dept"] or values["responsible_person"]):
        raise ValidationError("请填写责任领导、责任部门或责任人。", field="responsible_person")
    record = session.record_values()
    with session.transaction() as conn:
        ordinal = f.count(
            conn,
            "SELECT coalesce(max(ordinal), 0) + 1 FROM rectification_measures WHERE rectification_id = ?",
            (rect.id,),
        )
        f.insert(
            conn,
            "rectification_measures",
            {**record, **values, "rectification_id": rect.id, "ordinal": ordinal},
        )
        refresh_due(conn, issue_id)
        session.audit("rectification_measure_add", "issue", issue_id, f"#{ordinal}")
    return _measure(session.conn, record["id"])


def _measure(conn, measure_id: str, today: str | None = None) -> Measure:
    row = conn.execute(
        f"SELECT {Measure.COLUMNS} FROM rectification_measures WHERE id = ?", (measure_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该整改措施。")
    return Measure.from_row(row, today or deadlines.today())


def _issue_of_measure(conn, measure_id: str) -> str:
    row = conn.execute(
        "SELECT r.issue_id FROM rectification_measures m JOIN rectifications r ON r.id = m.rectification_id"
        " WHERE m.id = ?",
        (measure_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该整改措施。")
    return row[0]


def update_measure(session: Session, measure_id: str, draft: MeasureDraft) -> Measure:
    issue_id = _issue_of_measure(session.conn, measure_id)
    _, rect = _writable(session, issue_id)
    values = _measure_values(draft, rect)
    with session.transaction() as conn:
        f.update(conn, "rectification_measures", measure_id, values)
        refresh_due(conn, issue_id)
        session.audit("rectification_measure_update", "issue", issue_id)
    return _measure(session.conn, measure_id)


def remove_measure(session: Session, measure_id: str) -> None:
    issue_id = _issue_of_measure(session.conn, measure_id)
    _, rect = _writable(session, issue_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM rectification_progress WHERE measure_id = ?",
            (measure_id,),
            "该措施已有 {n} 条进展记录，不能删除。",
        )
        conn.execute("DELETE FROM rectification_measures WHERE id = ?", (measure_id,))
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM rectification_measures WHERE rectification_id = ? ORDER BY ordinal",
                (rect.id,),
            )
        ]
        for i, mid in enumerate(ids, start=1):
            conn.execute("UPDATE rectification_measures SET ordinal = ? WHERE id = ?", (1_000_000 + i, mid))
        conn.execute(
            "UPDATE rectification_measures SET ordinal = ordinal - 1000000 WHERE rectification_id = ?",
            (rect.id,),
        )
        refresh_due(conn, issue_id)
        session.audit("rectification_measure_remove", "issue", issue_id)


def set_measure_completion(
    session: Session, measure_id: str, completion: Completion | str, completed_on: str | None = None
) -> Measure:
    """A measure's own completion; completed_on is required for 已完成."""
    issue_id = _issue_of_measure(session.conn, measure_id)
    _writable(session, issue_id)
    completion = f.choice(Completion, completion, "completion", "完成情况")
    on = f.iso_date(completed_on, "completed_on", "完成日期", required=completion == Completion.DONE)
    with session.transaction() as conn:
        f.update(
            conn,
            "rectification_measures",
            measure_id,
            {"completion": completion.value, "completed_on": on if completion == Completion.DONE else None},
        )
        refresh_due(conn, issue_id)
        session.audit("rectification_measure_completion", "issue", issue_id, completion.value)
    return _measure(session.conn, measure_id)


# ---- progress and evidence -----------------------------------------------------------------------


def add_progress(
    session: Session,
    issue_id: str,
    entry_on: str,
    note: str,
    *,
    measure_id: str | None = None,
    files: Sequence[Material] = (),
) -> ProgressEntry:
    """A dated progress entry, optionally for one measure, with evidence files (read_material/read_file)."""
    issue, rect = _writable(session, issue_id)
    entry_on = f.iso_date(entry_on, "entry_on", "进展日期")
    note = f.long_text(note, "note", "进展情况", max_len=5000)
    if measure_id and _issue_of_measure(session.conn, measure_id) != issue_id:
        raise ValidationError("该措施不属于本问题的整改。", field="measure_id")
    if len(files) > 20:
        raise ValidationError("每条进展最多附 20 个证明材料。", field="files")
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "rectification_progress",
            {
                **values,
                "rectification_id": rect.id,
                "measure_id": measure_id or None,
                "entry_on": entry_on,
                "note": note,
            },
        )
        for material in files:
            attachments.store(
                session,
                material,
                owner_type=ATTACHMENT_OWNER,
                owner_id=values["id"],
                inspection_id=issue.inspection_id,
            )
        session.audit("rectification_progress_add", "issue", issue_id, f"{len(files)} 个附件")
    return _progress(session.conn, values["id"])


def list_progress(session: Session, issue_id: str) -> list[ProgressEntry]:
    issues.visible_issue(session, issue_id)
    rect = _rect_row(session.conn, issue_id)
    ids = [
        r[0]
        for r in session.conn.execute(
            "SELECT id FROM rectification_progress WHERE rectification_id = ? ORDER BY entry_on, created_at",
            (rect.id,),
        )
    ]
    return [_progress(session.conn, pid) for pid in ids]


def _progress(conn, progress_id: str) -> ProgressEntry:
    row = conn.execute(
        "SELECT p.id, p.rectification_id, p.measure_id, p.entry_on, p.note, coalesce(u.display_name, '')"
        " FROM rectification_progress p LEFT JOIN users u ON u.id = p.author_id WHERE p.id = ?",
        (progress_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该进展记录。")
    return ProgressEntry(*row, evidence=attachments.list_for(conn, ATTACHMENT_OWNER, progress_id))


def read_evidence(session: Session, attachment_id: str) -> tuple[attachments.Attachment, bytes]:
    """Open an evidence file of a progress entry (audited); bytes checked against their SHA-256."""
    att = attachments.get(session.conn, attachment_id)
    if att.owner_type != ATTACHMENT_OWNER:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    row = session.conn.execute(
        "SELECT r.issue_id FROM rectification_progress p JOIN rectifications r ON r.id = p.rectification_id"
        " WHERE p.id = ?",
        (att.owner_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    issues.visible_issue(session, row[0])
    data = attachments.read_bytes(session.conn, attachment_id)
    session.audit("rectification_evidence_view", "attachment", attachment_id)
    return att, data


# ---- completion and close-out --------------------------------------------------------------------


def _event(session: Session, conn, rect_id: str, action: EventAction, on: str, note: str) -> None:
    f.insert(
        conn,
        "rectification_events",
        {
            **session.record_values(),
            "rectification_id": rect_id,
            "action": action.value,
            "acted_on": on,
            "by_user": session.user.id,
            "note": note,
        },
    )


def record_completion(
    session: Session, issue_id: str, completion: Completion | str, summary: str, reported_on: str
) -> Rectification:
    """Step 1: the unit's completion and summary. 已完成 (or 基本完成 with every unfinished measure
    ongoing) marks the item ready for the office to verify; anything less keeps it open."""
    issue, rect = _writable(session, issue_id)
    if issue.status != IssueStatus.IN_RECTIFICATION:
        raise Conflict("请先登记整改方案，再报告完成情况。")
    completion = f.choice(Completion, completion, "completion", "完成情况")
    summary = f.long_text(summary, "summary", "完成情况说明", max_len=5000)
    reported_on = f.iso_date(reported_on, "reported_on", "报告日期")
    if rect.plan_submitted_on and reported_on < rect.plan_submitted_on:
        raise ValidationError("报告日期不能早于方案报送日期。", field="reported_on")
    done = ready_to_close(completion, rect.measures)
    if completion != Completion.NOT_DONE and not done:
        raise ValidationError("报“基本完成”时，尚未完成的措施须为常态化坚持事项。", field="completion")
    with session.transaction() as conn:
        f.update(
            conn,
            "rectifications",
            rect.id,
            {
                "completion": completion.value,
                "completion_summary": summary,
                "state": (RectState.UNIT_COMPLETED if done else RectState.OPEN).value,
                "unit_completed_on": reported_on if done else None,
            },
        )
        if done:
            _event(session, conn, rect.id, EventAction.UNIT_COMPLETED, reported_on, completion.label)
        refresh_due(conn, issue_id)
        session.audit("rectification_completion", "issue", issue_id, completion.value)
    return load(session.conn, issue_id)


def close_out(session: Session, issue_id: str, closed_on: str, opinion: str) -> Rectification:
    """Step 2: the office verifies the unit's completion and closes the item out (销号). Cap.CLOSE_OUT."""
    session.require(Cap.CLOSE_OUT)
    issue = issues.visible_issue(session, issue_id)
    rect = load(session.conn, issue_id)
    if rect.state == RectState.CLOSED:
        raise Conflict("该整改事项已销号。")
    if rect.state != RectState.UNIT_COMPLETED:
        raise Conflict("被巡察单位尚未报告整改完成，不能销号。")
    opinion = f.long_text(opinion, "opinion", "核验意见", max_len=2000)
    closed_on = f.iso_date(closed_on, "closed_on", "销号日期")
    if rect.unit_completed_on and closed_on < rect.unit_completed_on:
        raise ValidationError("销号日期不能早于单位报告完成的日期。", field="closed_on")
    with session.transaction() as conn:
        f.update(
            conn,
            "rectifications",
            rect.id,
            {
                "state": RectState.CLOSED.value,
                "closed_by": session.user.id,
                "closed_on": closed_on,
                "close_opinion": opinion,
            },
        )
        issues.move(session, conn, issue, IssueStatus.CLOSED_OUT, closed_on, opinion)
        _event(session, conn, rect.id, EventAction.CLOSED, closed_on, opinion)
        refresh_due(conn, issue_id)
        session.audit("rectification_close_out", "issue", issue_id)
    return load(session.conn, issue_id)


def reopen(session: Session, issue_id: str, reason: str, on: str | None = None) -> Rectification:
    """The office reopens a closed item (e.g. the look-back finds it was not really fixed). Audited."""
    session.require(Cap.CLOSE_OUT)
    issue = issues.visible_issue(session, issue_id)
    rect = load(session.conn, issue_id)
    if rect.state != RectState.CLOSED:
        raise Conflict("只有已销号的整改事项才能重新打开。")
    reason = f.long_text(reason, "reason", "重新打开的理由", max_len=2000)
    on = f.iso_date(on or deadlines.today(), "on", "重新打开日期")
    with session.transaction() as conn:
        f.update(
            conn,
            "rectifications",
            rect.id,
            {
                "state": RectState.OPEN.value,
                "completion": Completion.NOT_DONE.value,
                "unit_completed_on": None,
                "closed_by": None,
                "closed_on": None,
                "close_opinion": "",
            },
        )
        issues.move(session, conn, issue, IssueStatus.IN_RECTIFICATION, on, reason)
        _event(session, conn, rect.id, EventAction.REOPENED, on, reason)
        refresh_due(conn, issue_id)
        session.audit("rectification_reopen", "issue", issue_id)
    return load(session.conn, issue_id)


# ---- the term-wide list of open items ------------------------------------------------------------


class OpenItemsOrder(StrEnum):
    DEADLINE = "deadline"
    UNIT = "unit"
    PERSON = "person"


_OPEN_ORDER = {
    OpenItemsOrder.DEADLINE: "m.deadline, u.name, m.ordinal",
    OpenItemsOrder.UNIT: "u.name, m.deadline, m.ordinal",
    OpenItemsOrder.PERSON: "m.responsible_person = '', m.responsible_person, m.deadline, m.ordinal",
}


def open_items(
    session: Session,
    *,
    term_id: str | None = None,
    round_id: str | None = None,
    unit_id: str | None = None,
    responsible_person: str | None = None,
    order: OpenItemsOrder | str = OpenItemsOrder.DEADLINE,
    overdue_only: bool = False,
    today: str | None = None,
) -> list[OpenItem]:
    """Every measure not yet done on an item not yet closed, across a term (or narrower), ordered by
    deadline, unit or responsible person; overdue ones are flagged. Audited as a view."""
    vis, vis_params = visibility.inspection_filter_sql(session, "i.inspection_id")
    order = f.choice(OpenItemsOrder, order, "order", "排序方式")
    on = today or deadlines.today()
    clauses = [vis, "r.state != 'closed'", "m.completion != 'done'"]
    params: list = list(vis_params)
    for value, clause in (
        (term_id, "rd.term_id = ?"),
        (round_id, "ins.round_id = ?"),
        (unit_id, "ins.unit_id = ?"),
        (responsible_person, "m.responsible_person = ?"),
    ):
        if value:
            clauses.append(clause)
            params.append(value)
    if overdue_only:
        clauses.append("m.deadline < ?")
        params.append(on)
    rows = session.conn.execute(
        "SELECT m.id, i.id, i.number, i.title, u.name, t.name, rd.number, m.ordinal, m.description,"
        " m.responsible_leader, m.responsible_dept, m.responsible_person, m.deadline, m.immediate, m.ongoing,"
        " m.completion"
        " FROM rectification_measures m JOIN rectifications r ON r.id = m.rectification_id"
        " JOIN issues i ON i.id = r.issue_id JOIN inspections ins ON ins.id = i.inspection_id"
        " JOIN units u ON u.id = ins.unit_id JOIN teams t ON t.id = ins.team_id"
        " JOIN rounds rd ON rd.id = ins.round_id"
        f" WHERE {' AND '.join(clauses)} ORDER BY {_OPEN_ORDER[order]}, m.id",
        params,
    ).fetchall()
    session.audit("rectification_open_items", "term", term_id or "", f"{len(rows)} 条")
    return [
        OpenItem(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            int(r[6]),
            int(r[7]),
            r[8],
            r[9],
            r[10],
            r[11],
            r[12],
            bool(r[13]),
            bool(r[14]),
            Completion(r[15]),
            r[12] < on,
        )
        for r in rows
    ]


def list_for_inspection(
    session: Session, inspection_id: str, *, today: str | None = None
) -> list[tuple[Issue, Rectification]]:
    """The inspection's issues under rectification with their items, by issue number (for the ledger)."""
    visibility.require_inspection_visible(session, inspection_id)
    ids = [
        r[0]
        for r in session.conn.execute(
            "SELECT i.id FROM issues i JOIN rectifications r ON r.issue_id = i.id WHERE i.inspection_id = ?"
            " ORDER BY i.number_sort, i.id",
            (inspection_id,),
        )
    ]
    session.audit("rectification_list", "inspection", inspection_id, f"{len(ids)} 条")
    return [(issues._issue(session.conn, i), load(session.conn, i, today)) for i in ids]
