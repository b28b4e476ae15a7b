"""What an inspection must file: every record, proposed as an item, with what is missing or not final.

Official documents (their current, final version), what the unit handed in, the talk plan, the
minutes of every meeting, every signed talk record, every working paper adopted by the team meeting,
the fact confirmation sheets sent, the request list once every document went back, the assessment.
A talk not signed, a paper not adopted, a meeting without minutes, a document not returned: each is
a gap (`ready` False) with the reason, and closing the archive is refused while any remains.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.archive.kinds import KINDS, Category, Retention, retention_for
from app.core.errors import PermissionDenied
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass(frozen=True)
class Candidate:
    record_type: str
    record_id: str
    title: str
    doc_no: str
    author: str
    dated: str
    classification: str
    category: Category
    retention: Retention
    ready: bool = True
    problem: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.record_type].label


@dataclass(frozen=True)
class Proposal:
    inspection_id: str
    heading: str  # 第一巡察组巡察青石镇
    team_name: str
    unit_name: str
    candidates: tuple[Candidate, ...]

    @property
    def ready(self) -> list[Candidate]:
        return [c for c in self.candidates if c.ready]

    @property
    def missing(self) -> list[Candidate]:
        return [c for c in self.candidates if not c.ready]


def require_archivist(session: Session, inspection_id: str) -> None:
    """The office, or the leader of the inspection's team (who files the team's records)."""
    visibility.require_inspection_visible(session, inspection_id)
    session.require(Cap.CASE_WRITE)
    if session.can(Cap.ORG_MANAGE) or visibility.is_leader_of_inspection(session, inspection_id):
        return
    raise PermissionDenied("只有巡察办或本组组长可以立卷归档。")


def _heading(conn, inspection_id: str):
    return conn.execute(
        "SELECT t.name AS team_name, u.name AS unit_name FROM inspections x JOIN teams t ON t.id = x.team_id"
        " JOIN units u ON u.id = x.unit_id WHERE x.id = ?",
        (inspection_id,),
    ).fetchone()


def _candidate(conn, record_type: str, record_id: str, **fields) -> Candidate:
    return Candidate(
        record_type=record_type,
        record_id=record_id,
        category=KINDS[record_type].category,
        retention=retention_for(conn, record_type),
        **fields,
    )


def propose(session: Session, inspection_id: str) -> Proposal:
    """Every record of the inspection that must be filed (audited: it reads the whole inspection)."""
    require_archivist(session, inspection_id)
    out = _gather(session, inspection_id)
    session.audit(
        "archive_propose",
        "inspection",
        inspection_id,
        f"应归档 {len(out.candidates)} 件，缺 {len(out.missing)} 件",
    )
    return out


def _gather(session: Session, inspection_id: str) -> Proposal:
    from app.core.domain.meetings.types import MeetingKind
    from app.core.domain.register.paper_chain import PaperState, _steps, state_of, team_uses_deputy
    from app.core.domain.register.unit_reports import ReportKind
    from app.core.official.kinds import DocKind

    conn = session.conn
    head = _heading(conn, inspection_id)
    team, unit = head["team_name"], head["unit_name"]
    found: list[Candidate] = []

    for r in conn.execute(
        "SELECT d.id, d.kind, v.title, v.issuer, v.issued_on, v.classification FROM official_documents d"
        " JOIN official_versions v ON v.document_id = d.id AND v.version = d.current_version"
        " WHERE d.inspection_id = ? ORDER BY v.issued_on, d.serial",
        (inspection_id,),
    ):
        label = DocKind(r["kind"]).label if r["kind"] in DocKind._value2member_map_ else r["kind"]
        if r["kind"] == DocKind.TRANSFER_LETTER and not visibility.may_know_leads(session, inspection_id):
            continue
        found.append(
            _candidate(
                conn,
                "official_document",
                r["id"],
                title=r["title"] or label,
                doc_no="",
                author=r["issuer"],
                dated=r["issued_on"],
                classification=r["classification"],
            )
        )
    for r in conn.execute(
        "SELECT id, kind, received_on FROM unit_reports WHERE inspection_id = ? ORDER BY received_on",
        (inspection_id,),
    ):
        label = ReportKind(r["kind"]).label if r["kind"] in ReportKind._value2member_map_ else r["kind"]
        found.append(
            _candidate(
                conn,
                "unit_report",
                r["id"],
                title=f"{unit}{label}",
                doc_no="",
                author=unit,
                dated=r["received_on"],
                classification="内部",
            )
        )
    plan = conn.execute(
        "SELECT count(*) AS n, min(NULLIF(first_planned_at, '')) AS first, min(created_at) AS made"
        " FROM talk_plan_lines WHERE inspection_id = ?",
        (inspection_id,),
    ).fetchone()
    if plan["n"]:
        found.append(
            _candidate(
                conn,
                "talk_plan",
                inspection_id,
                title=f"{team}巡察{unit}谈话计划",
                doc_no="",
                author=team,
                dated=str(plan["first"] or plan["made"])[:10],
                classification="秘密",
            )
        )
    for r in conn.execute(
        "SELECT id, number, kind, title, held_on, length(trim(minutes)) AS m, classification FROM meetings"
        " WHERE inspection_id = ? ORDER BY held_on, number",
        (inspection_id,),
    ):
        label = MeetingKind(r["kind"]).label if r["kind"] in MeetingKind._value2member_map_ else r["kind"]
        found.append(
            _candidate(
                conn,
                "meeting",
                r["id"],
                title=f"{r['title'] or label}纪要",
                doc_no=f"会议第{r['number']}号",
                author=team,
                dated=r["held_on"],
                classification=r["classification"],
                ready=bool(r["m"]),
                problem="" if r["m"] else "会议尚无纪要",
            )
        )
    for r in conn.execute(
        "SELECT id, number, interviewee_name, interviewee_position, start_at, status, signed_on, classification"
        " FROM talks WHERE inspection_id = ? ORDER BY number",
        (inspection_id,),
    ):
        if r["classification"] not in visibility.readable_levels(session):
            continue
        signed = r["status"] == "signed"
        found.append(
            _candidate(
                conn,
                "talk",
                r["id"],
                title=f"与{r['interviewee_name']}（{r['interviewee_position']}）的谈话记录".replace(
                    "（）", ""
                ),
                doc_no=f"谈话第{r['number']}号",
                author=team,
                dated=str(r["signed_on"] or r["start_at"])[:10],
                classification=r["classification"],
                ready=signed,
                problem="" if signed else "谈话记录未经被谈话人签字",
            )
        )
    rows = conn.execute(
        "SELECT i.id, i.title, i.number, i.signed_on, i.written_on, x.team_id FROM issues i"
        " JOIN inspections x ON x.id = i.inspection_id"
        " WHERE i.inspection_id = ? AND i.status != 'dismissed' ORDER BY i.number_sort, i.created_at",
        (inspection_id,),
    ).fetchall()
    deputy = team_uses_deputy(conn, rows[0]["team_id"]) if rows else False
    for r in rows:
        state = state_of(_steps(conn, r["id"]), signed=r["number"] is not None, with_deputy=deputy)
        adopted = state == PaperState.ADOPTED
        found.append(
            _candidate(
                conn,
                "working_paper",
                r["id"],
                title=f"问题底稿：{r['title']}",
                doc_no=r["number"] or "",
                author=team,
                dated=str(r["signed_on"] or r["written_on"] or "")[:10],
                classification="秘密",
                ready=adopted,
                problem="" if adopted else f"问题底稿未经组务会审定（{state.label}）",
            )
        )
    for r in conn.execute(
        "SELECT id, serial, sent_on FROM fact_sheets WHERE inspection_id = ? ORDER BY serial",
        (inspection_id,),
    ):
        sent = bool(r["sent_on"])
        found.append(
            _candidate(
                conn,
                "fact_sheet",
                r["id"],
                title=f"事实确认单（第{r['serial']}次）",
                doc_no="",
                author=team,
                dated=r["sent_on"] or "",
                classification="秘密",
                ready=sent,
                problem="" if sent else "事实确认单尚未送达被巡察单位",
            )
        )
    req = conn.execute(
        "SELECT count(*) AS n, max(requested_on) AS at,"
        " sum(CASE WHEN received_on IS NOT NULL AND returned_on IS NULL THEN 1 ELSE 0 END) AS out"
        " FROM request_items WHERE inspection_id = ?",
        (inspection_id,),
    ).fetchone()
    if req["n"]:
        left = int(req["out"] or 0)
        found.append(
            _candidate(
                conn,
                "request_list",
                inspection_id,
                title=f"{team}巡察{unit}调阅清单",
                doc_no="",
                author=team,
                dated=req["at"] or "",
                classification="内部",
                ready=not left,
                problem=f"尚有 {left} 份调阅资料未归还" if left else "",
            )
        )
    for r in conn.execute(
        "SELECT r.id, r.number, r.held_on, r.printed, s.name,"
        " (SELECT count(*) FROM eval_sheets e WHERE e.round_id = r.id) AS sheets,"
        " (SELECT count(*) FROM eval_sheets e WHERE e.round_id = r.id AND e.status != 'counted') AS open"
        " FROM eval_rounds r JOIN eval_surveys s ON s.id = r.survey_id WHERE r.inspection_id = ?"
        " ORDER BY r.held_on, s.code, r.number",
        (inspection_id,),
    ):
        if not r["sheets"] and not r["printed"]:
            continue  # a round never held leaves nothing to file
        problem = ""
        if not r["sheets"]:
            problem = "测评表尚未录入"
        elif r["open"]:
            problem = f"尚有 {r['open']} 份测评表未复核计入"
        found.append(
            _candidate(
                conn,
                "evaluation_report",
                r["id"],
                title=f"{r['name']}（第{r['number']}轮）结果报告",
                doc_no="",
                author=team,
                dated=r["held_on"] or "",
                classification="秘密",
                ready=not problem,
                problem=problem,
            )
        )
    rect = conn.execute(
        "SELECT count(*) AS n, max(coalesce(i.status_on, substr(r.updated_at, 1, 10))) AS at"
        " FROM rectifications r JOIN issues i ON i.id = r.issue_id"
        " WHERE i.inspection_id = ?",
        (inspection_id,),
    ).fetchone()
    if rect["n"]:
        found.append(
            _candidate(
                conn,
                "rectification_ledger",
                inspection_id,
                title=f"{unit}巡察反馈问题整改台账",
                doc_no="",
                author=team,
                dated=str(rect["at"])[:10],
                classification="秘密",
            )
        )
    a = conn.execute(
        "SELECT id, assessed_on, grade FROM assessments WHERE inspection_id = ?", (inspection_id,)
    ).fetchone()
    if a is not None:
        done = bool(a["grade"])
        found.append(
            _candidate(
                conn,
                "assessment",
                a["id"],
                title=f"{unit}整改成效评估",
                doc_no="",
                author="巡察办",
                dated=a["assessed_on"] or "",
                classification="内部",
                ready=done,
                problem="" if done else "整改成效评估尚未评定等次",
            )
        )
    return Proposal(inspection_id, f"{team}巡察{unit}", team, unit, tuple(found))
