"""立行立改: what the unit did about an issue the register tags as fixed on the spot
(IssueTag.IMMEDIATE_FIX), when, and the proof (photos, scans of the rules it issued, receipts).

One record per issue (table immediate_fixes), written by whoever may write the issue; the proof
files live in `attachments` (owner_type 'immediate_fix', owner id the issue's id), checked by
app.core.imports. The figures count the issues fixed on the spot and those with a recorded fix
apart (app.core.domain.register.figures). Each write is one transaction with its audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core import imports
from app.core.domain import _fields as f
from app.core.domain import attachments
from app.core.domain.register.issue_reads import visible_issue, writable_issue
from app.core.domain.register.issue_record import Issue, IssueStatus, IssueTag
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.imports import refusal
from app.core.session import Session

OWNER_TYPE = "immediate_fix"
MAX_PROOF = 50


@dataclass
class ImmediateFix:
    issue_id: str
    inspection_id: str
    fixed_on: str
    action: str
    proof: list[attachments.Attachment] = field(default_factory=list)
    issue_number: str = ""
    issue_title: str = ""


def _issue_label(issue: Issue) -> str:
    return issue.number or "（未编号）"


def _load(session: Session, issue: Issue) -> ImmediateFix | None:
    row = session.conn.execute(
        "SELECT fixed_on, action FROM immediate_fixes WHERE issue_id = ?", (issue.id,)
    ).fetchone()
    if row is None:
        return None
    return ImmediateFix(
        issue.id,
        issue.inspection_id,
        row["fixed_on"],
        row["action"],
        attachments.list_for(session.conn, OWNER_TYPE, issue.id),
        issue.number or "",
        issue.title,
    )


def get_fix(session: Session, issue_id: str) -> ImmediateFix | None:
    """The issue's fix on the spot, or None when none is recorded; not audited (read with the issue)."""
    return _load(session, visible_issue(session, issue_id))


def record_fix(session: Session, issue_id: str, fixed_on: str, action: str) -> ImmediateFix:
    """Record (or correct) what the unit did and when; the issue must be tagged 立行立改."""
    issue = writable_issue(session, issue_id)
    if IssueTag.IMMEDIATE_FIX not in issue.tags:
        raise ValidationError("该问题未标记为“立行立改”，请先在问题底稿中加上该标签。", field="tags")
    if issue.status == IssueStatus.DISMISSED:
        raise Conflict("该问题已排除，不能登记立行立改情况。")
    fixed_on = f.iso_date(fixed_on, "fixed_on", "整改完成日期")
    if fixed_on < issue.found_on:
        raise ValidationError("整改完成日期不能早于发现问题的日期。", field="fixed_on")
    action = f.long_text(action, "action", "整改措施及结果", max_len=5000)
    with session.transaction() as conn:
        if conn.execute("SELECT 1 FROM immediate_fixes WHERE issue_id = ?", (issue_id,)).fetchone():
            conn.execute(
                "UPDATE immediate_fixes SET fixed_on = ?, action = ?, updated_at = ? WHERE issue_id = ?",
                (fixed_on, action, f.now(), issue_id),
            )
        else:
            f.insert(
                conn,
                "immediate_fixes",
                {
                    **session.record_values(),
                    "issue_id": issue_id,
                    "inspection_id": issue.inspection_id,
                    "fixed_on": fixed_on,
                    "action": action,
                },
            )
        session.audit("immediate_fix_record", "issue", issue_id, f"{_issue_label(issue)}，{fixed_on}")
    return _load(session, issue)


def _fix_of_writable(session: Session, issue_id: str) -> tuple[Issue, ImmediateFix]:
    issue = writable_issue(session, issue_id)
    fix = _load(session, issue)
    if fix is None:
        raise ValidationError("请先登记立行立改的整改情况，再附佐证材料。", field="action")
    return issue, fix


def add_proof(session: Session, issue_id: str, filename: str, data: bytes) -> attachments.Attachment:
    """Keep a proof file given as bytes (checked by app.core.imports); audited with its size."""
    issue, fix = _fix_of_writable(session, issue_id)
    with refusal.audited(session, "issue", issue_id, "立行立改佐证材料", size=len(data)):
        material = imports.read_material(filename, data)
    return _keep(session, issue, fix, material)


def attach_proof(session: Session, issue_id: str, path: Path | str) -> attachments.Attachment:
    issue, fix = _fix_of_writable(session, issue_id)
    with refusal.audited(session, "issue", issue_id, "立行立改佐证材料"):
        material = imports.read_file(path)
    return _keep(session, issue, fix, material)


def _keep(session: Session, issue: Issue, fix: ImmediateFix, material) -> attachments.Attachment:
    if len(fix.proof) >= MAX_PROOF:
        raise ValidationError(f"每个问题最多附 {MAX_PROOF} 份佐证材料。", field="attachment")
    if attachments.find_by_hash(session.conn, OWNER_TYPE, issue.id, material.sha256):
        raise Conflict("该文件已作为本问题的佐证材料。")
    with session.transaction():
        kept = attachments.store(
            session, material, owner_type=OWNER_TYPE, owner_id=issue.id, inspection_id=issue.inspection_id
        )
        session.audit(
            "immediate_fix_proof_add", "issue", issue.id, f"{_issue_label(issue)}，{kept.size} 字节"
        )
    return kept


def read_proof(session: Session, issue_id: str, attachment_id: str) -> bytes:
    issue = visible_issue(session, issue_id)
    fix = _load(session, issue)
    if fix is None or attachment_id not in {a.id for a in fix.proof}:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    data = attachments.read_bytes(session.conn, attachment_id)
    session.audit("immediate_fix_proof_view", "issue", issue_id, _issue_label(issue))
    return data


def remove_proof(session: Session, issue_id: str, attachment_id: str) -> None:
    issue, fix = _fix_of_writable(session, issue_id)
    if attachment_id not in {a.id for a in fix.proof}:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    with session.transaction() as conn:
        attachments.delete(conn, attachment_id)
        session.audit("immediate_fix_proof_remove", "issue", issue_id, _issue_label(issue))


def list_fixes(session: Session, inspection_id: str) -> list[ImmediateFix]:
    """The inspection's issues tagged 立行立改 that have a recorded fix, by issue number; audited."""
    from app.core.domain.register.issue_reads import list_issues

    result = []
    for issue in list_issues(session, inspection_id):
        if IssueTag.IMMEDIATE_FIX in issue.tags and issue.status != IssueStatus.DISMISSED:
            fix = _load(session, issue)
            if fix is not None:
                result.append(fix)
    session.audit("immediate_fixes_list", "inspection", inspection_id, f"{len(result)} 条")
    return result


@dataclass
class TaggedIssue:
    """One issue tagged 立行立改, with its fix when one is recorded (None: still to be recorded)."""

    id: str
    number: str
    title: str
    found_on: str
    fix: ImmediateFix | None


def tagged_issues(session: Session, inspection_id: str) -> list[TaggedIssue]:
    """The inspection's issues tagged 立行立改 (not dismissed), each with its fix or None; audited."""
    from app.core.domain.register.issue_reads import list_issues

    result = [
        TaggedIssue(i.id, i.number or "", i.title, i.found_on, _load(session, i))
        for i in list_issues(session, inspection_id)
        if IssueTag.IMMEDIATE_FIX in i.tags and i.status != IssueStatus.DISMISSED
    ]
    done = sum(1 for t in result if t.fix is not None)
    session.audit("immediate_fixes_list", "inspection", inspection_id, f"{len(result)} 条，已登记 {done} 条")
    return result
