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
    session: Session, round_id: str, count: int, action: register.PrintAction = register.PrintAction.PRINT
) -> tuple[list[int], list[bytes]]:
    """`count` new forms as one PDF each (the print preview's copies): (serials, PDFs)."""
    return _print(session, round_id, count, action, separately=True)


def print_forms(
    session: Session, round_id: str, count: int, action: register.PrintAction = register.PrintAction.PRINT
) -> tuple[bytes, list[int]]:
    """`count` new numbered forms of the round as PDF bytes, and their serials."""
    serials, (pdf,) = _print(session, round_id, count, action, separately=False)
    return pdf, serials


def _print(
    session: Session, round_id: str, count: int, action, *, separately: bool
) -> tuple[list[int], list[bytes]]:
    """Draw the serials, register the print (PRINT needs Cap.PRINT, EXPORT Cap.EXPORT), render, audit."""
    action = register.PrintAction(action)
    session.require(Cap.PRINT if action is register.PrintAction.PRINT else Cap.EXPORT)
    rnd, survey = writable_round(session, round_id)
    layout = evaluation_layout.layout(survey.form)
    with session.transaction() as conn:
        serials = issue_serials(session, conn, round_id, count)
        register.register_print(session, "eval_forms", round_id, 1, action, inspection_id=rnd.inspection_id)
        if separately:
            pdfs = [evaluation_form.render_forms(layout, survey.code, rnd.number, [s]) for s in serials]
        else:
            pdfs = [evaluation_form.render_forms(layout, survey.code, rnd.number, serials)]
        session.audit(
            "eval_forms_print", "eval_round", round_id, f"{survey.name} 第{rnd.number}轮，{len(serials)} 份"
        )
    return serials, pdfs
