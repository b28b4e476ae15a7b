"""The archived copy of each item: the record's own print where it has one, else a record sheet.

Copies are unnumbered (the archive is not a print-register copy) and marked with the record's level.
"""

from __future__ import annotations

from app.core.session import Session


def item_pdf(session: Session, record_type: str, record_id: str, classification: str) -> bytes:
    mark = classification or "内部"
    conn = session.conn
    if record_type == "talk":
        from app.core.domain.talks.queries import fetch_talk
        from app.core.printing.talk_record import render_talk_record

        return render_talk_record(fetch_talk(session, record_id), copy_number=None, classification=mark)
    if record_type == "meeting":
        from app.core.domain.meetings.queries import fetch_meeting
        from app.core.printing.meeting_minutes import render_minutes

        return render_minutes(fetch_meeting(session, record_id), copy_number=None, classification=mark)
    if record_type == "working_paper":
        from app.core.domain.register.evidence import list_evidence
        from app.core.domain.register.issue_reads import visible_issue
        from app.core.domain.register.paper_chain import get_chain
        from app.core.printing.working_paper import render_working_paper

        issue = visible_issue(session, record_id)
        return render_working_paper(
            issue,
            list_evidence(session, record_id),
            classification=mark,
            trail=get_chain(session, record_id).steps,
        )
    if record_type == "talk_plan":
        from app.core.domain.talk_plan.printing import heading
        from app.core.domain.talk_plan.queries import plan_lines
        from app.core.printing.talk_plan import render_talk_plan

        return render_talk_plan(
            plan_lines(session, record_id), heading(session, record_id), classification=mark
        )
    if record_type == "rectification_ledger":
        from app.core.printing.rectification_ledger import rectification_ledger_pdf

        return rectification_ledger_pdf(session, record_id, classification=mark)
    if record_type == "evaluation_report":
        from app.core.domain.evaluation.outputs import report_pdf

        return report_pdf(session, record_id, classification=mark)
    from app.core.printing.archive_print import render_record_sheet

    if record_type == "official_document":
        r = conn.execute(
            "SELECT v.title, v.addressee, v.body, v.issuer, v.issued_on, v.version FROM official_documents d"
            " JOIN official_versions v ON v.document_id = d.id AND v.version = d.current_version WHERE d.id = ?",
            (record_id,),
        ).fetchone()
        fields = [
            ("主送", r["addressee"]),
            ("发文机关", r["issuer"]),
            ("成文日期", r["issued_on"]),
            ("版本", f"第{r['version']}稿（定稿）"),
        ]
        return render_record_sheet(r["title"], fields, r["body"], classification=mark)
    if record_type == "unit_report":
        from app.core.domain.register.unit_reports import ReportKind

        r = conn.execute(
            "SELECT kind, received_on, summary FROM unit_reports WHERE id = ?", (record_id,)
        ).fetchone()
        label = ReportKind(r["kind"]).label
        return render_record_sheet(label, [("收到日期", r["received_on"])], r["summary"], classification=mark)
    if record_type == "fact_sheet":
        from app.core.domain.register import fact_confirmation
        from app.core.printing.fact_confirmation import render_sheet

        return render_sheet(
            fact_confirmation.get_sheet(session, record_id), classification=mark, copy_number=None
        )
    if record_type == "request_list":
        rows = conn.execute(
            "SELECT number, title, requested_on, received_on, returned_on FROM request_items"
            " WHERE inspection_id = ? ORDER BY number",
            (record_id,),
        ).fetchall()
        body = "\n".join(
            f"{r['number']}. {r['title']}（调阅 {r['requested_on']}，归还 {r['returned_on'] or '—'}）"
            for r in rows
        )
        return render_record_sheet("调阅清单", [("件数", str(len(rows)))], body, classification=mark)
    if record_type == "assessment":
        r = conn.execute(
            "SELECT assessed_on, total, grade, conclusion FROM assessments WHERE id = ?", (record_id,)
        ).fetchone()
        fields = [
            ("评估日期", r["assessed_on"] or ""),
            ("得分", f"{r['total'] or 0:g}"),
            ("等次", r["grade"]),
        ]
        return render_record_sheet("整改成效评估", fields, r["conclusion"], classification=mark)
    raise ValueError(record_type)


def page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
