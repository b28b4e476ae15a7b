"""Printing a round's blank forms (印制测评表): new random serials, the PDF, the print register.

One transaction: the serials are drawn and the printed count raised, the print is registered (one
batch in the print register, Cap.PRINT), the PDF is built and the action audited; a failure leaves
none of it behind. The forms carry no copy number: a number in printing order could be matched to
where a form was handed out, which anonymity forbids.
"""

from __future__ import annotations

from app.core.domain.evaluation.surveys import issue_serials, writable_round
from app.core.printing import evaluation_form, evaluation_layout, register
from app.core.security.roles import Cap
from app.core.session import Session

register.DOCUMENT_KINDS.setdefault("eval_forms", "测评表（空白）")


def preview_forms(session: Session, round_id: str) -> bytes:
    """One sample form of the round (serial 000000, never counted: no round issues it)."""
    rnd, survey = writable_round(session, round_id)
    return evaluation_form.render_forms(evaluation_layout.layout(survey.form), survey.code, rnd.number, [0])


def print_forms_separately(
    session: Session, round_id: str, count: int, action=None
) -> tuple[list[int], list[bytes]]:
    """`count` new forms as one PDF each (for the print preview's copies): (serials, PDFs)."""
    pdf, serials = print_forms(session, round_id, count)
    del pdf
    rnd, survey = writable_round(session, round_id)
    layout = evaluation_layout.layout(survey.form)
    return serials, [evaluation_form.render_forms(layout, survey.code, rnd.number, [s]) for s in serials]


def print_forms(session: Session, round_id: str, count: int) -> tuple[bytes, list[int]]:
    """`count` new numbered forms of the round as PDF bytes, and their serials."""
    session.require(Cap.PRINT)
    rnd, survey = writable_round(session, round_id)
    layout = evaluation_layout.layout(survey.form)
    with session.transaction() as conn:
        serials = issue_serials(session, conn, round_id, count)
        register.register_print(session, "eval_forms", round_id, 1, inspection_id=rnd.inspection_id)
        pdf = evaluation_form.render_forms(layout, survey.code, rnd.number, serials)
        session.audit(
            "eval_forms_print", "eval_round", round_id, f"{survey.name} 第{rnd.number}轮，{len(serials)} 份"
        )
    return pdf, serials
