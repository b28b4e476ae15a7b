"""Writing an issue and its working paper: create, save the form, delete one entered by mistake.

A draft (IssueDraft) is validated into column values: the title and dates, the classification
(checked against the office's tree; a retired node is kept where it already is but not offered for
new choices), tags, the paper's prose, the people and money involved. The prose goes to
issue_papers, the rest to issues. Once signed, only the classification and tags may change.
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain.register import classification
from app.core.domain.register.issue_reads import load_issue, writable_issue
from app.core.domain.register.issue_record import (
    PAPER_FIELDS,
    Issue,
    IssueDraft,
    IssueLevel,
    IssueStatus,
    Seriousness,
    tags_to_mask,
)
from app.core.domain.register.numbering import UNSIGNED_SORT_PREFIX
from app.core.domain.register.paper_lock import reopened, under_review
from app.core.errors import Conflict, ValidationError
from app.core.security import visibility
from app.core.session import Session

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


def _people_count(value) -> int:
    return f.integer(0 if value in (None, "") else value, "people_count", "涉及人数", maximum=100_000)


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
        "amount_fen": f.amount_fen(draft.amount_yuan, "amount_yuan", "涉及金额"),
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
            node = conn.execute(
                "SELECT retired FROM classification_nodes WHERE id = ?", (node_id,)
            ).fetchone()
            if node and node["retired"]:
                raise ValidationError("该分类已停用，请选择其他分类。", field=column)
    return values


def _split_paper(values: dict) -> tuple[dict, dict]:
    """Split validated values into (issue_papers columns, issues columns)."""
    paper = {k: values[k] for k in PAPER_TEXT_COLUMNS}
    return paper, {k: v for k, v in values.items() if k not in paper}


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
    return load_issue(session.conn, record["id"])


def update_issue(session: Session, issue_id: str, draft: IssueDraft) -> Issue:
    """Save the form. Once signed, only the classification and tags may change (Conflict otherwise)."""
    issue = writable_issue(session, issue_id)
    if issue.status == IssueStatus.CLOSED_OUT:
        raise Conflict("该问题已销号，不能修改；如需修改请先由巡察办重新打开。")
    values = _draft_values(session.conn, draft, issue)
    frozen = issue.signed and not reopened(session.conn, issue_id)
    if frozen or under_review(session.conn, issue_id):
        changed = [k for k in PAPER_FIELDS if values[k] != getattr(issue, k)]
        if changed and frozen:
            raise Conflict("问题底稿已签批编号，内容不能再修改（分类和标签仍可调整）。")
        if changed:
            raise Conflict("问题底稿正在审核中，内容不能修改；如需修改，请审核人退回后再改。")
    paper, values = _split_paper(values)
    with session.transaction() as conn:
        f.update(conn, "issue_papers", issue_id, paper)
        f.update(conn, "issues", issue_id, values)
        session.audit("issue_update", "issue", issue_id)
    return load_issue(session.conn, issue_id)


def delete_issue(session: Session, issue_id: str) -> None:
    """Delete an issue entered by mistake: only while unsigned and still 'found', with nothing linked."""
    issue = writable_issue(session, issue_id)
    if issue.signed or issue.status != IssueStatus.FOUND:
        raise Conflict("只能删除尚未核实、尚未签批的问题；其他问题请作排除处理。")
    # Petitions and leads are need-to-know: whoever may not know of them is told only that something
    # is linked (issue 15), never what or how many.
    knows = visibility.may_know_leads(session, issue.inspection_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM petitions WHERE issue_id = ?",
            (issue_id,),
            "该问题关联了 {n} 件信访，不能删除。" if knows else visibility.LINKED_REFUSAL,
        )
        f.refuse_if(
            conn,
            "SELECT count(*) FROM lead_issues WHERE issue_id = ?",
            (issue_id,),
            "该问题关联了 {n} 条线索，不能删除。" if knows else visibility.LINKED_REFUSAL,
        )
        n = f.count(conn, "SELECT count(*) FROM issue_evidence WHERE issue_id = ?", (issue_id,))
        conn.execute("DELETE FROM issue_evidence WHERE issue_id = ?", (issue_id,))
        conn.execute("DELETE FROM issue_events WHERE issue_id = ?", (issue_id,))
        f.delete(conn, "issues", issue_id, "问题")
        conn.execute("DELETE FROM issue_papers WHERE id = ?", (issue_id,))
        session.audit("issue_delete", "issue", issue_id, f"连同 {n} 项证据")
