"""Worker-side helpers for the register GUI: several core calls as one job, nothing but core operations.

Each function is `fn(session, ...)`, so every capability check, need-to-know filter and audit entry of
the core applies. Nothing here reads SQL or touches Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from app.core.domain.organisation import inspections, terms
from app.core.domain.register import (
    classification,
    figures,
    issue_edits,
    issue_reads,
    issue_record,
    leads,
    paper_chain,
    petitions,
    progress,
    rectification_reads,
    rectification_record,
    register_query,
    workflow,
)
from app.core.domain.register.evidence import Evidence, EvidenceKind, list_evidence
from app.core.domain.register.issue_record import Disposition, Issue, IssueStatus
from app.core.domain.register.register_query import RegisterFilter, RegisterRow, RegisterSort
from app.core.domain.review import reading as reading
from app.core.domain.talks import queries as talks_core
from app.core.errors import UserError
from app.core.imports import Material, read_file, refusal
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session

PAGE = 200  # rows per register page (the core's default)


# ---- the register (lazy) -------------------------------------------------------------------------


def open_register(
    session: Session, flt: RegisterFilter, sort: RegisterSort, limit: int = PAGE
) -> tuple[int, list[RegisterRow]]:
    """The count and the first page, in one job (the first page is the audited view)."""
    total = register_query.register_count(session, flt)
    return total, register_query.register_page(session, flt, sort, 0, limit, matching=total)


def register_page(
    session: Session,
    flt: RegisterFilter,
    sort: RegisterSort,
    offset: int,
    limit: int = PAGE,
    matching: int | None = None,
) -> list[RegisterRow]:
    return register_query.register_page(session, flt, sort, offset, limit, matching=matching)


@dataclass
class CategoryChoice:
    id: str
    text: str  # 'scheme › category' or '    sub-category'
    depth: int


@dataclass
class RegisterContext:
    inspection: inspections.Inspection
    schemes: list[classification.Scheme]  # with their trees
    can_write: bool
    is_leader: bool
    office: bool
    can_print: bool

    def categories(self) -> list[CategoryChoice]:
        out = []
        for scheme in self.schemes:
            if scheme.role != classification.SchemeRole.PRIMARY:
                continue
            for cat in scheme.categories:
                out.append(CategoryChoice(cat.id, f"{scheme.name} › {cat.name}", 0))
                out.extend(CategoryChoice(sub.id, f"    {sub.name}", 1) for sub in cat.children)
        return out


def load_context(session: Session, inspection_id: str) -> RegisterContext:
    inspection = inspections.get_inspection(session, inspection_id)
    return RegisterContext(
        inspection,
        classification.list_schemes(session, tree=True, include_inactive=False),
        session.can(Cap.CASE_WRITE),
        visibility.is_leader_of_inspection(session, inspection_id),
        session.can(Cap.CASE_READ_ALL),
        session.can(Cap.PRINT),
    )


# ---- one issue and what may be done with it -------------------------------------------------------

# The status actions of the issue form, each with the status it moves to. Rectification moves
# (plan recorded, close-out, reopening) are offered in the rectification tab.
MOVE_TARGETS = {
    "substantiate": IssueStatus.SUBSTANTIATED,
    "dismiss": IssueStatus.DISMISSED,
    "feed_back": IssueStatus.FED_BACK,
    "close_transferred": IssueStatus.CLOSED_OUT,
    "reopen_transferred": IssueStatus.FED_BACK,
}


def offered_moves(session: Session, issue: Issue) -> list[str]:
    """The status actions this session may try now: legal by the core's TRANSITIONS and not refused
    outright by the rules the core applies (the core checks again when one is chosen)."""
    legal = workflow.TRANSITIONS[issue.status]
    steer = session.can(Cap.CASE_READ_ALL) or visibility.is_leader_of_inspection(session, issue.inspection_id)
    write = session.can(Cap.CASE_WRITE)
    out = []
    for name, target in MOVE_TARGETS.items():
        if target not in legal or not write:
            continue
        if name == "substantiate" and issue.status != IssueStatus.FOUND:
            continue
        if name == "dismiss" and not steer:
            continue
        if name == "feed_back" and not (steer and issue.signed and issue.status == IssueStatus.SUBSTANTIATED):
            continue
        if name in ("close_transferred", "reopen_transferred"):
            if not (session.can(Cap.CLOSE_OUT) and issue.disposition.is_transfer):
                continue
            if name == "close_transferred" and issue.status != IssueStatus.FED_BACK:
                continue
            if name == "reopen_transferred" and issue.status != IssueStatus.CLOSED_OUT:
                continue
        out.append(name)
    return out


@dataclass
class IssueDetail:
    issue: Issue
    evidence: list[Evidence]
    history: list[issue_record.IssueEvent]
    moves: list[str]
    can_sign: bool  # the leader of this inspection's team, and the paper is signable now
    can_write: bool
    chain: paper_chain.Chain | None = None  # the sign-off chain (审签流程)
    chain_actions: frozenset[str] = frozenset()  # its steps this session may take now
    gaps: list[paper_chain.Gap] = field(default_factory=list)  # what the paper lacks before signing


def load_issue(session: Session, issue_id: str) -> IssueDetail:
    issue = issue_reads.get_issue(session, issue_id)
    return _detail(session, issue)


def _detail(session: Session, issue: Issue) -> IssueDetail:
    leader = visibility.is_leader_of_inspection(session, issue.inspection_id)
    chain = paper_chain.get_chain(session, issue.id)
    return IssueDetail(
        issue,
        list_evidence(session, issue.id),
        issue_reads.history(session, issue.id),
        offered_moves(session, issue),
        # The direct signature is for papers outside the chain (the chain's own step signs the rest).
        session.can(Cap.ISSUE_SIGN) and leader and not issue.signed and not chain.steps,
        session.can(Cap.CASE_WRITE),
        chain,
        paper_chain.allowed_actions(session, issue.id),
        paper_chain.completeness(session, issue.id) if not issue.signed else [],
    )


def save_issue(
    session: Session, inspection_id: str, issue_id: str | None, draft: issue_record.IssueDraft
) -> IssueDetail:
    if issue_id:
        issue = issue_edits.update_issue(session, issue_id, draft)
    else:
        issue = issue_edits.create_issue(session, inspection_id, draft)
    return _detail(session, issue)


def then_detail(fn):
    """Wrap a core operation on an issue so the job returns the refreshed IssueDetail."""

    def run(session: Session, issue_id: str, *args, **kwargs) -> IssueDetail:
        fn(session, issue_id, *args, **kwargs)
        return _detail(session, issue_reads.visible_issue(session, issue_id))

    return run


def evidence_then_detail(fn):
    """Same for operations keyed by an evidence id."""

    def run(session: Session, issue_id: str, evidence_id: str, *args) -> IssueDetail:
        fn(session, evidence_id, *args)
        return _detail(session, issue_reads.visible_issue(session, issue_id))

    return run


# ---- evidence: what can be cited and opening what is cited -----------------------------------------


@dataclass
class Pick:
    id: str
    text: str


def evidence_choices(session: Session, inspection_id: str, kind: str) -> list[Pick]:
    """The records of this inspection an evidence item of `kind` may point to."""
    if kind == EvidenceKind.TALK:
        return [
            Pick(
                t.id,
                f"谈话记录 第{t.number}号  {t.interviewee_name} {t.interviewee_position}  {t.start_at[:10]}",
            )
            for t in talks_core.list_talks(session, inspection_id)
        ]
    if kind == EvidenceKind.EXCERPT:
        return [
            Pick(x.id, f"{x.label}  {x.item_title} {x.location}  {x.passage[:40]}")
            for x in reading.list_excerpts(session, inspection_id)
        ]
    if kind == EvidenceKind.PETITION:
        return [
            Pick(p.id, f"{p.received_on} {p.channel.label}  {p.concerns}  {p.summary[:40]}")
            for p in petitions.list_petitions(session, inspection_id)
        ]
    if kind == EvidenceKind.DOCUMENT:
        from app.core.domain.review import listing as docs

        return [Pick(i.id, f"{i.number}. {i.title}") for i in docs.list_items(session, inspection_id)]
    if kind == EvidenceKind.MEETING:
        from app.core.domain.meetings import queries as meetings

        return [
            Pick(m.id, f"会议 第{m.number}号  {m.heading}  {m.held_on}")
            for m in meetings.list_meetings(session, inspection_id)
        ]
    if kind == EvidenceKind.EVALUATION:
        from app.core.domain.evaluation import citing

        return [Pick(c.round_id, c.text) for c in citing.citable_rounds(session, inspection_id)]
    if kind == EvidenceKind.VISIT:
        from app.core.domain.visits import records as visits

        return [
            Pick(v.id, f"{v.reference}  {v.visited or v.place}  {v.visited_on}")
            for v in visits.list_visits(session, inspection_id)
        ]
    if kind == EvidenceKind.SPOT_CHECK:
        from app.core.domain.spot_checks import records as spot_checks
        from app.core.security import visibility

        if not visibility.may_know_leads(session, inspection_id):
            return []
        return [
            Pick(c.id, f"{c.reference}  {c.person_name}  {c.checked_on}")
            for c in spot_checks.list_spot_checks(session, inspection_id)
        ]
    if kind == EvidenceKind.BRIEFING:
        from app.core.domain.briefings import queries as briefings

        return [
            Pick(x.id, f"{x.reference}  {x.source}  {('【线索】' if x.is_lead else '') + x.content[:40]}")
            for x in briefings.citable_items(session, inspection_id)
        ]
    if kind == EvidenceKind.WORK_PLAN:
        from app.core.domain.work_plan import queries as work_plan

        return [
            Pick(p.id, f"{p.reference}  {p.heading}  {p.issued_on}")
            for p in work_plan.versions(session, inspection_id)
        ]
    if kind == EvidenceKind.TEAM_LOG:
        from app.core.domain.team_log import queries as team_log

        return [
            Pick(e.id, f"巡察日志 {e.entry_on} {e.entry_time}  {e.by_name}  {e.content[:40]}")
            for e in team_log.list_entries(session, inspection_id)
        ]
    return []


@dataclass
class EvidenceView:
    title: str
    text: str


def open_evidence(session: Session, evidence: Evidence) -> EvidenceView:
    """The record an evidence item points to, as read-only text (each open is audited by the core)."""
    kind = evidence.kind
    if kind == EvidenceKind.TALK and evidence.ref_id:
        t = talks_core.get_talk(session, evidence.ref_id)
        lines = [
            f"{t.title}（{t.status.label}）",
            f"时间：{t.start_at} — {t.end_at}    地点：{t.place}",
            f"被谈话人：{t.interviewee_name}  {t.interviewee_unit} {t.interviewee_position}",
            "",
        ]
        for qa in t.record:
            lines += [f"问：{qa.question}", f"答：{qa.answer}", ""]
        if t.key_points:
            lines += ["要点：", t.key_points]
        return EvidenceView(t.title, "\n".join(lines))
    if kind == EvidenceKind.EXCERPT and evidence.ref_id:
        x = reading.get_excerpt(session, evidence.ref_id)
        text = f"{x.label}\n出处：{x.item_number}. {x.item_title} {x.location}\n\n{x.passage}"
        return EvidenceView(x.label, text)
    if kind == EvidenceKind.PETITION and evidence.ref_id:
        p = petitions.get_petition(session, evidence.ref_id)
        text = "\n".join(
            [
                f"{p.channel.label}  收到日期：{p.received_on}",
                f"信访人：{p.petitioner or '匿名'}  {p.contact}",
                f"被反映人：{p.concerns or '—'}",
                f"处理：{p.handling.label} {p.handled_on or ''} {p.passed_to}",
                "",
                p.summary,
            ]
        )
        return EvidenceView(f"信访件（{p.received_on}）", text)
    if kind == EvidenceKind.DOCUMENT and evidence.ref_id:
        from app.core.domain.review import listing as docs

        item = docs.get_item(session, evidence.ref_id)
        return EvidenceView(
            item.title, f"{item.number}. {item.title}\n\n{evidence.locator} {evidence.description}"
        )
    if kind == EvidenceKind.MEETING and evidence.ref_id:
        from app.core.domain.meetings import queries as meetings

        m = meetings.get_meeting(session, evidence.ref_id)
        lines = [
            f"{m.reference}  {m.heading}（{m.kind.label}）",
            f"时间：{m.held_on} {m.start_time}    地点：{m.place}    主持人：{m.chair}",
            "参会人员：" + "、".join(a.name for a in m.attendees),
            "",
            *[f"{k}. {item}" for k, item in enumerate(m.agenda, start=1)],
            "",
            m.minutes,
        ]
        return EvidenceView(m.reference, "\n".join(lines))
    if kind == EvidenceKind.VISIT and evidence.ref_id:
        from app.core.domain.visits import records as visits

        v = visits.get_visit(session, evidence.ref_id)
        lines = [
            f"{v.reference}  {v.heading}（{v.kind.label}）",
            f"日期：{v.visited_on}    地点：{v.place}",
            "走访人员：" + "、".join(v.members),
            "接触人员：" + ("、".join(v.met) or "—"),
            "",
            v.observations,
        ]
        return EvidenceView(v.reference, "\n".join(lines))
    if kind == EvidenceKind.SPOT_CHECK and evidence.ref_id:
        from app.core.domain.spot_checks import records as spot_checks

        c = spot_checks.get_spot_check(session, evidence.ref_id)
        lines = [
            c.reference,
            f"被抽查人：{c.person_name} {c.person_post}".rstrip(),
            f"抽查的报告：{c.report}",
            f"核对内容：{c.compared or '—'}",
            "",
            f"发现的不一致情况：{c.discrepancies or '未发现'}",
        ]
        return EvidenceView(c.reference, "\n".join(lines))
    if kind == EvidenceKind.BRIEFING and evidence.ref_id:
        from app.core.domain.briefings import queries as briefings

        x = briefings.get_item(session, evidence.ref_id)
        lines = [
            f"{x.reference}（{x.source}）" + ("  【线索】" if x.is_lead else ""),
            f"分类：{x.category or '—'}    附件：{'、'.join(a.filename for a in x.attachments) or '—'}",
            "",
            x.content,
        ]
        return EvidenceView(x.reference, "\n".join(lines))
    if kind == EvidenceKind.WORK_PLAN and evidence.ref_id:
        from app.core.domain.work_plan import queries as work_plan
        from app.core.printing.work_plan import plan_body

        p = work_plan.get_version(session, evidence.ref_id)
        return EvidenceView(p.reference, f"{p.heading}（{p.reference}，{p.issued_on}）\n\n{plan_body(p)}")
    if kind == EvidenceKind.TEAM_LOG and evidence.ref_id:
        from app.core.domain.team_log import queries as team_log

        e = team_log.fetch_entry(session, evidence.ref_id)
        return EvidenceView(e.reference, f"{e.entry_on} {e.entry_time}  {e.by_name}\n\n{e.content}")
    if kind == EvidenceKind.EVALUATION and evidence.ref_id:
        from app.core.domain.evaluation import citing

        title, text = citing.cited_text(session, evidence.ref_id)
        return EvidenceView(title, f"{text}\n\n{evidence.locator} {evidence.description}".strip())
    return EvidenceView(evidence.label, evidence.description)


# ---- petitions and leads ------------------------------------------------------------------------


def take_up_petition(session: Session, petition_id: str, title: str, handled_on: str) -> petitions.Petition:
    petition = petitions.get_petition(session, petition_id)
    draft = issue_record.IssueDraft(title=title, found_on=handled_on, facts=petition.summary)
    return petitions.take_up(session, petition_id, draft, handled_on)[0]


def inspection_issues(session: Session, inspection_id: str) -> list[Pick]:
    """The inspection's issues for linking (number or '未编号', title)."""
    return [
        Pick(i.id, f"{i.number or '（未编号）'} {i.title}")
        for i in issue_reads.list_issues(session, inspection_id)
        if i.status != IssueStatus.DISMISSED
    ]


@dataclass
class LeadsData:
    leads: list[leads.Lead]
    issues: list[Pick]


def load_leads(session: Session, inspection_id: str) -> LeadsData:
    return LeadsData(
        leads.list_leads(session, inspection_id=inspection_id), inspection_issues(session, inspection_id)
    )


def save_lead(
    session: Session,
    inspection_id: str,
    lead_id: str | None,
    draft: leads.LeadDraft,
    issue_ids: Sequence[str],
) -> leads.Lead:
    """Save the lead and make its related issues exactly `issue_ids`."""
    with session.transaction():
        lead = (
            leads.update_lead(session, lead_id, draft)
            if lead_id
            else leads.create_lead(session, inspection_id, draft)
        )
        for issue_id in set(lead.issue_ids or []) - set(issue_ids):
            lead = leads.unlink_issue(session, lead.id, issue_id)
        for issue_id in issue_ids:
            if issue_id not in (lead.issue_ids or []):
                lead = leads.link_issue(session, lead.id, issue_id)
    return lead


# ---- rectification ------------------------------------------------------------------------------


@dataclass
class RectItem:
    issue: Issue
    rect: rectification_record.Rectification

    @property
    def id(self) -> str:
        return self.issue.id


@dataclass
class RectDetail:
    issue: Issue
    rect: rectification_record.Rectification
    progress: list[rectification_record.ProgressEntry]
    events: list[rectification_record.Event]
    can_write: bool
    can_close: bool


def load_rectifications(session: Session, inspection_id: str) -> list[RectItem]:
    return [RectItem(i, r) for i, r in rectification_reads.list_for_inspection(session, inspection_id)]


def load_rect_detail(session: Session, issue_id: str) -> RectDetail:
    rect = rectification_reads.get_rectification(session, issue_id)
    return RectDetail(
        issue_reads.visible_issue(session, issue_id),
        rect,
        progress.list_progress(session, issue_id),
        rectification_reads.events(session, issue_id),
        session.can(Cap.CASE_WRITE),
        session.can(Cap.CLOSE_OUT),
    )


def add_progress_files(
    session: Session, issue_id: str, entry_on: str, note: str, measure_id: str | None, paths: Sequence[str]
) -> rectification_record.ProgressEntry:
    """Read the chosen files (checked, refused by size before reading) and store them encrypted."""
    files: list[Material] = []
    with refusal.audited(session, "issue", issue_id, "整改佐证材料"):
        for path in paths:
            files.append(read_file(path))
    return progress.add_progress(session, issue_id, entry_on, note, measure_id=measure_id, files=files)


@dataclass
class EvidenceFile:
    filename: str
    media_type: str
    data: bytes  # shown in the app only; never written out
    is_image: bool
    text: str


def open_progress_evidence(session: Session, attachment_id: str) -> EvidenceFile:
    att, data = progress.read_evidence(session, attachment_id)
    text = ""
    if not att.is_image:
        from app.core.domain import attachments

        text = attachments.read_text(session.conn, attachment_id)
    return EvidenceFile(att.filename, att.media_type, data, att.is_image, text)


# ---- term-wide views: open items and figures ------------------------------------------------------


@dataclass
class ScopeChoice:
    kind: str  # "all", "term", "round", "team" or "unit": the page words it
    name: str  # the term's or unit's name, the round's number, the team's name
    scope: figures.Scope
    depth: int = 0


@dataclass
class Scopes:
    choices: list[ScopeChoice] = field(default_factory=list)
    terms: list[terms.Term] = field(default_factory=list)


# The kinds of record the scopes are made of (a change notice with one of these reloads them).
SCOPE_KINDS = frozenset({"term", "round", "batch", "inspection", "team", "unit"})


def load_scopes(session: Session) -> Scopes:
    """Every term, round, team and unit the session sees, as figure scopes (terms first)."""
    visible = inspections.list_inspections(session)
    all_terms = terms.list_terms(session)
    rounds = terms.list_rounds(session)
    out = Scopes(terms=all_terms)
    out.choices.append(ScopeChoice("all", "", figures.Scope()))
    for term in all_terms:
        out.choices.append(ScopeChoice("term", term.name, figures.Scope(term_id=term.id)))
        for rnd in sorted((r for r in rounds if r.term_id == term.id), key=lambda r: r.number):
            out.choices.append(ScopeChoice("round", str(rnd.number), figures.Scope(round_id=rnd.id), 1))
            seen: set[str] = set()
            for ins in sorted(visible, key=lambda i: i.team_name):
                if ins.round_id == rnd.id and ins.team_id not in seen:
                    seen.add(ins.team_id)
                    out.choices.append(
                        ScopeChoice("team", ins.team_name, figures.Scope(team_id=ins.team_id), 2)
                    )
    units = {ins.unit_id: ins.unit_name for ins in visible}
    for unit_id, name in sorted(units.items(), key=lambda kv: kv[1]):
        out.choices.append(ScopeChoice("unit", name, figures.Scope(unit_id=unit_id)))
    return out


def today() -> str:
    return date.today().isoformat()


def user_error_text(error: Exception) -> str:
    return str(error) if isinstance(error, UserError) else ""


__all__ = [
    "PAGE",
    "Disposition",
    "IssueDetail",
    "RegisterContext",
    "load_context",
    "load_issue",
    "offered_moves",
    "open_register",
    "register_page",
]
