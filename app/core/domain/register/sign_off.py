"""The working paper's sign-off (审签): the team meeting's review, then the leader's signature.

The team meeting records its review (组务会审核意见) and its date; the leader of the inspection's team
then signs (Cap.ISSUE_SIGN), and signing allocates the number (see numbering): the sequence runs per
team per round, allocated inside the signing transaction, so numbers have no gaps and no duplicates.
A signed paper is frozen; only its classification may still change (issue_edits).
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain.register.evidence import require_paper_open
from app.core.domain.register.issue_reads import load_issue, writable_issue
from app.core.domain.register.issue_record import Issue, IssueStatus
from app.core.domain.register.numbering import format_number, number_sort, team_number
from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


def record_review(session: Session, issue_id: str, opinion: str, reviewed_on: str) -> Issue:
    """The team meeting's review opinion (组务会审核意见) and its date."""
    issue = writable_issue(session, issue_id)
    require_paper_open(issue, session.conn)
    opinion = f.long_text(opinion, "review_opinion", "组务会审核意见", max_len=2000)
    reviewed_on = f.iso_date(reviewed_on, "reviewed_on", "审核日期")
    if reviewed_on < issue.found_on:
        raise ValidationError("审核日期不能早于发现日期。", field="reviewed_on")
    with session.transaction() as conn:
        f.update(conn, "issue_papers", issue_id, {"review_opinion": opinion})
        f.update(conn, "issues", issue_id, {"reviewed_on": reviewed_on})
        session.audit("issue_review", "issue", issue_id)
    return load_issue(session.conn, issue_id)


def sign(session: Session, issue_id: str, signed_on: str) -> Issue:
    """The leader signs the reviewed working paper; this allocates its number. Cap.ISSUE_SIGN.

    Only the leader of the inspection's team may sign. The paper needs a title, facts, legal basis,
    at least one evidence item and the team meeting's review. A paper submitted into the sign-off
    chain (paper_chain) is signed there, after its reviews, and adopted by the meeting afterwards.
    """
    session.require(Cap.ISSUE_SIGN)
    issue = writable_issue(session, issue_id)
    if session.conn.execute("SELECT 1 FROM paper_steps WHERE issue_id = ? LIMIT 1", (issue_id,)).fetchone():
        raise Conflict("该底稿已进入审签流程，请在审签流程中签批。")
    return sign_reviewed(session, issue, signed_on, need_review=True)


def sign_reviewed(session: Session, issue: Issue, signed_on: str, *, need_review: bool) -> Issue:
    """Sign `issue` (already checked writable): allocate its number. The chain's sign step calls this
    with need_review=False (its reviews are its own steps; the meeting adopts after the signature)."""
    session.require(Cap.ISSUE_SIGN)
    issue_id = issue.id
    if not visibility.is_leader_of_inspection(session, issue.inspection_id):
        raise PermissionDenied("只有本组组长可以签批问题底稿。")
    if issue.signed:
        raise Conflict(f"该问题底稿已签批，编号为 {issue.number}。")
    if issue.status not in (IssueStatus.FOUND, IssueStatus.SUBSTANTIATED):
        raise Conflict(f"处于“{issue.status.label}”状态的问题不能签批。")
    signed_on = f.iso_date(signed_on, "signed_on", "签批日期")
    missing = [
        label
        for label, ok in (
            ("问题事实", issue.facts.strip()),
            ("定性依据", issue.legal_basis.strip()),
            ("组务会审核意见", issue.review_opinion.strip() and issue.reviewed_on or not need_review),
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
        starts_on = conn.execute("SELECT starts_on FROM rounds WHERE id = ?", (issue.round_id,)).fetchone()
        year = int((starts_on["starts_on"] or signed_on)[:4])
        team_no = team_number(conn, issue.team_id)
        # Allocated inside this write transaction (BEGIN IMMEDIATE): no other writer can interleave,
        # and the unique index refuses a duplicate should one ever slip through.
        seq = f.count(
            conn,
            "SELECT coalesce(max(number_seq), 0) + 1 FROM issues WHERE number_team_id = ?",
            (issue.team_id,),
        )
        f.update(
            conn,
            "issues",
            issue_id,
            {
                "signed_by": session.user.id,
                "signed_on": signed_on,
                "number_team_id": issue.team_id,
                "number_seq": seq,
                "number": format_number(year, issue.round_number, team_no, seq),
                "number_sort": number_sort(year, issue.round_number, team_no, seq),
            },
        )
        session.audit("issue_sign", "issue", issue_id, f"seq {seq}")
    return load_issue(session.conn, issue_id)
